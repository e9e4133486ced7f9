"""Each class of failure found on real Hugo and Docusaurus posts, as a case of its own.

For every case: the entries a translator gets, the identity round trip
(every msgstr = its msgid rebuilds the source byte for byte), and where it
matters, the edition built from real translations.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, timezone

import pytest
import yaml

from helpers import without_edition_keys
from pipeline.build import EDITION_KEYS, build_edition
from pipeline.catalog import extract_catalog
from pipeline.content import markup_problems, parse_article
from pipeline.model import LANGUAGES, Article

NOW = datetime(2024, 6, 20, tzinfo=timezone.utc)
FIELDS = ("title", "summary", "description")


def article(text: str, lang: str = "zh") -> Article:
    return parse_article(text, path=f"content/{lang}/a.md", lang=lang, slug="a", text_fields=FIELDS)


def entries(text: str, lang: str = "zh") -> list[str]:
    return [segment.text for unit in article(text, lang).units for segment in unit.segments if segment.translatable]


def build(text: str, lang: str, translate) -> str:  # noqa: ANN001 - msgid -> msgstr or None
    source = article(text, lang)
    target = "en" if lang == "zh" else "zh"
    po = extract_catalog(source, LANGUAGES[lang], LANGUAGES[target], project="p", team="t", last_translator="l", now=NOW)
    for entry in po:
        entry.msgstr = translate(entry.msgid) or ""
    return build_edition(source, po, target=target, source_digest="d").text


def body(edition: str) -> str:
    return edition.split("\n---\n", 1)[1] if edition.startswith("---") else edition


CASES = [
    # (name, lang, source, expected entries)
    ("image-after-a-sentence", "zh", "它的影响。\n![flow.png](https://example.com/flow.png)\n", ["它的影响。"]),
    ("not-equal-in-prose", "en", "Growth is linear (Scalability != #Nodes). Next one.\n", ["Growth is linear (Scalability != #Nodes).", "Next one."]),
    ("optional-chaining-and-ellipsis-in-code", "en", "Use `user?.name` or user?.name here... and so on. Done.\n", ["Use `user?.name` or user?.name here... and so on.", "Done."]),
    ("space-after-a-chinese-full-stop", "zh", "第一句。 GitHub 现在支持 OIDC。\n", ["第一句。", "GitHub 现在支持 OIDC。"]),
    ("soft-breaks-in-a-block-quote", "zh", "> 第一句很长，\n> 跨两行。第二句。\n继续的一行。\n", ["第一句很长，跨两行。", "第二句。", "继续的一行。"]),
    ("spaces-around-bold", "zh", "我们发布了 **KubeEdge v1.16** 版本。\n", ["我们发布了 **KubeEdge v1.16** 版本。"]),
    ("ellipsis-in-a-list-item", "zh", "- 支持更多协议 ……\n- 还有更多……\n", ["支持更多协议 ……", "还有更多……"]),
    ("nbsp-and-double-spaces", "en", "It needs 10\u00a0GB.  See Fig.\u00a03 for details.\n", ["It needs 10\u00a0GB.", "See Fig.\u00a03 for details."]),
    ("english-run-inside-chinese", "zh", "他在邮件里写道：This release is a milestone. We thank every contributor. 随后公布了路线图。\n",
     ["他在邮件里写道：This release is a milestone.", "We thank every contributor.", "随后公布了路线图。"]),
    ("numbered-headings-and-leads", "en", "### 2. KubeEdge core components\n\n**1. Faster builds.** Builds take half the time.\n\nB. Prepare the host. Then more.\n",
     ["2. KubeEdge core components", "**1. Faster builds.**", "Builds take half the time.", "B. Prepare the host.", "Then more."]),
    ("quotation-of-two-sentences", "zh", "他说：“我们会继续投入。开源是长期的事。”随后离开了会场。\n", ["他说：“我们会继续投入。开源是长期的事。”", "随后离开了会场。"]),
    ("quotation-with-attribution", "en", '"We will keep investing. Open source is a long game," said Dr. Ada Ruiz. Then she left. "Really?" she asked.\n',
     ['"We will keep investing. Open source is a long game," said Dr. Ada Ruiz.', "Then she left.", '"Really?" she asked.']),
    ("interrupted-quotation", "zh", "“我连 BPF 是什么都不知道。”她回忆说，“更别说 verifier 了。”后来她成了维护者。\n",
     ["“我连 BPF 是什么都不知道。”她回忆说，“更别说 verifier 了。”", "后来她成了维护者。"]),
    ("interrupted-quotation-en", "en", '"No," he said. "Page everyone." We did.\n', ['"No," he said. "Page everyone."', "We did."]),
    ("abbreviations-and-initials", "en", "It is rich in vitamin C. Fewer know that. Acme Inc. The company grew. By J. R. R. Tolkien. Use 2 tbsp. of water. npm install works.\n",
     ["It is rich in vitamin C.", "Fewer know that.", "Acme Inc.", "The company grew.", "By J. R. R. Tolkien.", "Use 2 tbsp. of water.", "npm install works."]),
    ("stage-directions-and-footnote-marks", "zh", "大家好，我是张涛。（掌声）今天聊 eBPF。性能提升明显。<sup>[1]</sup> 内存下降。\n",
     ["大家好，我是张涛。（掌声）", "今天聊 eBPF。", "性能提升明显。⟦1⟧[1]⟦2⟧", "内存下降。"]),
    ("enumerations", "zh", "根因有三：（1）重试太少；（2）超时错误；（3）时机不对。\n1、连接池可用\n2、没有被抢占\n问：为什么\n答：因为快。\n",
     ["根因有三：（1）重试太少；（2）超时错误；（3）时机不对。", "1、连接池可用", "2、没有被抢占", "问：为什么", "答：因为快。"]),
    ("headings-are-whole-ids-left-out", "zh", "## 扩容后报错？一次故障复盘 {#review}\n\n## 背景 {/* #background */}\n", ["扩容后报错？一次故障复盘", "背景"]),
    ("html-blocks-give-their-text", "zh", "<p align=\"center\">图 1：系统<b>架构</b>。</p>\n\n<!--\nEnglish original.\n-->\n\n<table>\n<tr><td>单个上游</td><td>3</td></tr>\n</table>\n\n<script>var x = \"不翻译\";</script>\n",
     ["图 1：系统⟦1⟧架构⟦2⟧。", "单个上游"]),
    ("shortcode-captions", "zh", "{{< figure src=\"/img/a.jpg\" alt=\"flow.png\" caption=\"全体参会者合影。\" >}}\n\n```\n{{< figure caption=\"代码\" >}}\n```\n", ["全体参会者合影。"]),
    ("jsx-and-template-tags", "en", "<img src=\"a.png\" alt=\"Wen Ming\" style={{width: \"300px\"}} />\n\nRead the [post]({{ '/2026/ph/' | relative_url }}) now.\n", ["Read the [post](⟦1⟧) now."]),
    ("file-name-alt-text", "zh", "![image-20220511170700075](https://img.example.com/image-20220511170700075.png)\n\n![initializer-choose-version](/img/initializer-choose-version.png)\n", []),
    ("abbreviation-after-chinese-punctuation", "zh", "在会议上，Dr. Vernon分享了经验。会议结束了。\n", ["在会议上，Dr. Vernon分享了经验。", "会议结束了。"]),
    ("hard-break-inside-a-sentence", "en", "The river runs under the bridge  \nand out into the sea. [@alice] will lead\nthe team.\n", ["The river runs under the bridge and out into the sea.", "[@alice] will lead the team."]),
    ("long-quotation-is-split", "zh", "他说：“第一。第二。第三。第四。第五。”\n", ["他说：“第一。", "第二。", "第三。", "第四。", "第五。”"]),
    ("footnotes", "zh", "性能提升明显[^1]。\n\n[^1]: 测试环境为 8 核 16 GB。详见附录。\n", ["性能提升明显[^1]。", "测试环境为 8 核 16 GB。", "详见附录。"]),
    ("nothing-to-translate", "en",
     "https://kubeedge.io\n\n<https://github.com/kubeedge>\n\n[https://x.org](https://x.org)\n\n**@alice**, **@bob**\n\n2024\n\nv1.16.0\n\n🎉\n\n---\n\n:::note\n\nA real note.\n\n:::\n\n{/* truncate */}\n\n{{< figure src=\"/img/x.png\" >}}\n\nimport Tabs from '@theme/Tabs';\n",
     ["A real note."]),
    ("admonition-titles", "en", ":::tip Pro tip\n\nUse the cache.\n\n:::\n\n:::warning[Breaking change]\nThe flag is gone.\n:::\n", ["Pro tip", "Use the cache.", "Breaking change", "The flag is gone."]),
    ("shortcode-lines-around-text", "zh", "{{% notice tip %}}\n升级前请备份。\n{{% /notice %}}\n\n{{< highlight go >}}\nfmt.Println(\"不翻译。\")\n{{< /highlight >}}\n", ["升级前请备份。"]),
    ("inline-html-and-shortcodes-are-placeholders", "zh", "点击 {{< icon \"download\" >}} 下载<br />安装包，<span style=\"color:red\">注意</span>版本。\n",
     ["点击 ⟦1⟧ 下载⟦2⟧安装包，⟦3⟧注意⟦4⟧版本。"]),
    ("shortcode-in-a-link-destination", "en", "Read the [migration guide]({{< ref \"migrate.md\" >}}) first.\n", ["Read the [migration guide](⟦1⟧) first."]),
    ("hard-breaks", "en", "Media contact: LI Jing  \nPhone: 010-1234\\\nEmail: press@example.org<br />\nFax: none\n", ["Media contact: LI Jing", "Phone: 010-1234", "Email: press@example.org", "Fax: none"]),
    ("front-matter-description-and-trailing-spaces", "en", "---\ntitle: Tern 1.23\ndescription: >-\n  What is new.\n  Read on.\nslug: tern\n---  \n\nBody.\n",
     ["Tern 1.23", "What is new.", "Read on.", "Body."]),
    ("crlf", "zh", "---\r\ntitle: 标题\r\n---\r\n\r\n第一行，\r\n第二行。\r\n", ["标题", "第一行，第二行。"]),
]


@pytest.mark.parametrize(("name", "lang", "source", "expected"), CASES, ids=[case[0] for case in CASES])
def test_entries_and_identity_round_trip(name: str, lang: str, source: str, expected: list[str]) -> None:
    assert entries(source, lang) == expected
    assert without_edition_keys(build(source, lang, lambda msgid: msgid)) == without_edition_keys(source)


def test_a_real_translation_keeps_line_prefixes_and_joins_by_the_target_language() -> None:
    source = "> 第一句很长，\n> 跨两行。第二句。\n> 第三句。\n"
    translations = {"第一句很长，跨两行。": "The first is long.", "第二句。": "Second.", "第三句。": "Third."}
    assert body(build(source, "zh", translations.get)) == "> The first is long. Second.\n> Third.\n"


def test_a_partial_edition_never_glues_scripts() -> None:
    source = "这套装置在北方投入运行。这套装置运行平稳。\n"
    edition = build(source, "zh", {"这套装置在北方投入运行。": "The plant started up in northern China."}.get)
    assert body(edition) == "The plant started up in northern China. 这套装置运行平稳。\n"
    assert "draft: true" in edition


def test_placeholders_are_restored_and_a_dropped_one_is_flagged() -> None:
    source = "点击 {{< icon \"download\" >}} 下载<br />安装包。\n"
    edition = build(source, "zh", lambda msgid: "Click ⟦1⟧ to download⟦2⟧ the package.")
    assert body(edition) == "Click {{< icon \"download\" >}} to download<br /> the package.\n"
    assert markup_problems("点击 ⟦1⟧ 下载⟦2⟧安装包。", "Click ⟦1⟧ to download the package.") == [
        "inline Markdown does not match the source: missing placeholder:⟦2⟧"
    ]


def test_translations_never_break_markup_or_tables() -> None:
    source = "| 指标 | 说明 |\n| --- | --- |\n| 吞吐 | 提升一倍。 |\n\n见[文档](https://a.cn/x)。\n"
    edition = build(source, "zh", {"吞吐": "a | b", "提升一倍。": "Doubled.\n\n# injected", "见[文档](https://a.cn/x)。": "See [the docs](https://a.cn/x)."}.get)
    assert body(edition) == "| 指标 | 说明 |\n| --- | --- |\n| a \\| b | Doubled. # injected |\n\nSee [the docs](https://a.cn/x).\n"


def test_list_valued_text_fields_are_translated_item_by_item() -> None:
    source = "---\ntitle: 标题\ntags: [发布, 社区]\ncategories:\n  - 新闻\n---\n\n正文。\n"
    found = parse_article(source, path="a.md", lang="zh", slug="a", text_fields=("title", "tags", "categories"))
    assert [(unit.kind, unit.text) for unit in found.units] == [
        ("title", "标题"), ("tags", "发布"), ("tags", "社区"), ("categories", "新闻"), ("paragraph", "正文。")
    ]
    po = extract_catalog(found, LANGUAGES["zh"], LANGUAGES["en"], project="p", team="t", last_translator="l", now=NOW)
    for entry in po:
        entry.msgstr = {"发布": "release", "社区": "community, open", "新闻": "news"}.get(entry.msgid, "")
    edition = build_edition(found, po, target="en", source_digest="d").text
    front = yaml.safe_load(edition.split("---\n")[1])
    assert front["tags"] == ["release", "community, open"] and front["categories"] == ["news"]


def test_toml_front_matter_as_hugo_writes_it() -> None:
    source = '+++\ntitle = "边缘计算新版本发布"\ndate = 2024-01-02\ntags = ["发布", \'社区\']\ndraft = false\n[params]\nsummary = "不翻译"\n+++\n\n正文。\n'
    found = parse_article(source, path="a.md", lang="zh", slug="a", text_fields=("title", "tags", "summary"))
    assert [(unit.kind, unit.text) for unit in found.units] == [("title", "边缘计算新版本发布"), ("tags", "发布"), ("tags", "社区"), ("paragraph", "正文。")]
    assert found.front["params"] == {"summary": "不翻译"}
    identity = build(source, "zh", lambda msgid: msgid)
    assert identity.startswith('+++\ntitle = "边缘计算新版本发布"\ndate = 2024-01-02\ntags = ["发布", \'社区\']\ndraft = false\nlang = "en"\n')
    assert identity.endswith('[params]\nsummary = "不翻译"\n+++\n\n正文。\n')
    translated = build(source, "zh", {"边缘计算新版本发布": 'Edge "release"'}.get)  # the body is not translated yet
    front = tomllib.loads(translated.split("+++\n")[1])
    assert front["title"] == 'Edge "release"' and front["tags"] == ["发布", "社区"] and front["draft"] is True
    assert front["params"] == {"summary": "不翻译"} and front["lang"] == "en" and front["status"] == "partial"


def test_unclosed_toml_front_matter_is_reported() -> None:
    with pytest.raises(Exception, match=r"never closed \(no closing \+\+\+ line\)"):
        article('+++\ntitle = "x"\n\n正文。\n')


def test_yaml_flow_mapping_front_matter_gets_its_keys_inside_the_braces() -> None:
    source = "---\n{\n    'title': '版本发布：新功能',\n    'date': '2022-09-13',\n}\n---\n\n正文。\n"
    edition = build(source, "zh", {"版本发布：新功能": "Release: new, {features}"}.get)
    front = yaml.safe_load(edition.split("---\n")[1])
    assert front["title"] == "Release: new, {features}" and front["date"] == "2022-09-13"
    assert front["lang"] == "en" and front["draft"] is True
    identity = build(source, "zh", lambda msgid: msgid)
    kept = {key: value for key, value in yaml.safe_load(identity.split("---\n")[1]).items() if key not in EDITION_KEYS}
    assert kept == yaml.safe_load(source.split("---\n")[1]) and body(identity) == body(source)


def test_shortcode_captions_are_written_back_as_hugo_reads_them() -> None:
    source = '{{< figure src="/img/a.jpg" caption="全体参会者合影。" >}}\n'
    assert body(build(source, "zh", lambda msgid: 'All "participants".')) == '{{< figure src="/img/a.jpg" caption="All \\"participants\\"." >}}\n'
