"""Markdown + front matter -> units, and units -> text again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pipeline import frontmatter
from pipeline.content import decode_text, parse_article, replace_units
from pipeline.frontmatter import set_front_matter, yaml_scalar
from pipeline.errors import InputError

ARTICLE = """\
---
title: 嵌合外泌体：新方法
summary: >
  研究人员开发了新方法。
  效果很好。
date: 2021-10-13
tags: [纳米, 免疫]
---

# 标题一

研究人员开发了**新方法**。他说：“这很重要！”
然后呢？

> 引用第一句。
> 引用第二句。

- 列表一。
- 列表二

| 甲 | 乙 |
|---|---|
| 甲 | 丙 |

![一张图片](/img.png)

见[原文](https://example.org/a.html)。

```
代码。不翻译。
```

<div><script>var a = "脚本。不翻译。";</script></div>

<p align="center">HTML 块里的说明。</p>
"""


def parse(text: str = ARTICLE, fields: tuple[str, ...] = ("title", "summary")):
    return parse_article(text, path="content/zh/a.md", lang="zh", slug="a", text_fields=fields)


def test_units_kinds_lines_and_texts() -> None:
    article = parse()
    got = [(u.kind, u.line, u.text) for u in article.units]
    assert got == [
        ("title", 2, "嵌合外泌体：新方法"),
        ("summary", 3, "研究人员开发了新方法。效果很好。"),
        ("heading", 10, "标题一"),
        ("paragraph", 12, "研究人员开发了**新方法**。他说：“这很重要！”\n然后呢？"),
        ("block quote", 15, "引用第一句。\n> 引用第二句。"),
        ("list item", 18, "列表一。"),
        ("list item", 19, "列表二"),
        ("table header", 21, "甲"),
        ("table header", 21, "乙"),
        ("table cell", 23, "甲"),
        ("table cell", 23, "丙"),
        ("alt text", 25, "一张图片"),
        ("paragraph", 27, "见[原文](https://example.org/a.html)。"),
        ("html", 35, "HTML 块里的说明。"),
    ]


def test_sentence_lines_follow_hard_wraps() -> None:
    paragraph = parse().units[3]
    assert [(s.text, s.line) for s in paragraph.segments] == [
        ("研究人员开发了**新方法**。", 12),
        ("他说：“这很重要！”", 12),
        ("然后呢？", 13),
    ]


def test_code_scripts_and_other_front_matter_are_not_units() -> None:
    texts = " ".join(u.text for u in parse().units)
    assert "代码" not in texts and "脚本" not in texts and "2021" not in texts and "纳米" not in texts


def test_configured_list_field_becomes_units() -> None:
    tags = [u for u in parse(fields=("title", "tags")).units if u.kind == "tags"]
    assert [u.text for u in tags] == ["纳米", "免疫"]


def test_identity_replacement_is_byte_identical() -> None:
    article = parse()
    assert replace_units(article, {i: u.text for i, u in enumerate(article.units)}) == ARTICLE


def test_replacement_touches_only_unit_spans() -> None:
    article = parse(fields=("title", "summary", "tags"))
    new = replace_units(article, {i: f"<{u.kind}>" for i, u in enumerate(article.units)})
    assert '# <heading>\n' in new
    assert "> <block quote>\n\n" in new
    assert "| <table cell> | <table cell> |" in new
    assert "![<alt text>](/img.png)" in new
    assert "```\n代码。不翻译。\n```" in new
    assert '<div><script>var a = "脚本。不翻译。";</script></div>' in new
    assert '<p align="center"><html></p>' in new
    front = yaml.safe_load(new.split("---\n")[1])
    assert front == {
        "title": "<title>",
        "summary": "<summary>",
        "date": __import__("datetime").date(2021, 10, 13),
        "tags": ["<tags>", "<tags>"],
    }


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_yaml_scalar_reads_back(value: str) -> None:
    assert yaml.safe_load(f"k: {yaml_scalar(value)}") == {"k": value}
    assert yaml.safe_load(f"k: [{yaml_scalar(value, flow=True)}]") == {"k": [value]}


YAML_PIECES = [*":#-?!&*|>'\"%@`,[]{}.~=<\\/ \t\r", "\u3000", "\xa0", "\x85", "\u2028", "\ufeff", "\ufffe", "\x7f", "\x01", "\ud800"]
YAML_PIECES += ["ab", "中文", "true", "null", "yes", "1.5", "0x1F", "1_000", ".inf", "2024-01-01", "12:30", "---", "...", ": ", " #", "<<", "\U0001f600"]
yaml_like = st.lists(st.sampled_from(YAML_PIECES) | st.characters(), min_size=1, max_size=10).map("".join)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: yaml_scalar uses its own parser only")
@given(yaml_like)
def test_yaml_scalar_decides_with_libyaml_as_with_pyyaml_s_own_parser(value: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frontmatter, "_YAML_LOADER", yaml.SafeLoader)
        expected = yaml_scalar(value), yaml_scalar(value, flow=True)
    assert (yaml_scalar(value), yaml_scalar(value, flow=True)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "---\nbase: &b\n  title: 基础。\ntitle: 标题。第二句。\n<<: *b\nsummary: 摘要\n---\nbody\n",  # a merge key
        "---\ntitle: &t 共同。\nsummary: *t\n---\nx\n",
        "---\n{ 'title': '标题。', summary: 摘要 }\n---\nx\n",
        "---\n# only a comment\n---\nx\n",
        '+++\ntitle = "标题。"\n+++\nx\n',
        "---\n- a\n---\nx\n",
        "---\ntitle: !foo 标题\n---\nx\n",
        "---\ntitle: [unclosed\n---\nx\n",
    ],
)
def test_front_matter_parsed_once_as_twice(text: str) -> None:
    front = frontmatter.split_front_matter(text, path="a.md")
    assert front is not None

    def outcome(parse: Callable[[], object]) -> object:
        try:
            return parse()
        except InputError as error:
            return str(error)

    once = outcome(lambda: frontmatter.parse_front_matter(text, front, ("title", "summary"), "zh", path="a.md"))
    twice = outcome(
        lambda: (frontmatter.load_front_matter(text, front, path="a.md"), frontmatter.front_matter_units(text, front, ("title", "summary"), "zh"))
    )
    assert once == twice


def test_set_front_matter_replaces_and_appends() -> None:
    text = "---\ntitle: T\nlang: zh\n---\nbody\n"
    assert set_front_matter(text, {"lang": "en", "status": "reviewed", "completeness": 50}, path="x") == (
        "---\ntitle: T\nlang: en\nstatus: reviewed\ncompleteness: 50\n---\nbody\n"
    )
    assert set_front_matter("body\n", {"translationKey": "x"}, path="x") == "---\ntranslationKey: x\n---\nbody\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: [unclosed\ndate: 2021\n---\nbody\n", 3, "broken YAML front matter: did not find expected ',' or ']' (parsing a flow sequence that starts on line 2)"),
        ("---\ntitle: a\n  bad: indent\n---\n", 3, "broken YAML"),
        ("---\n- a list\n---\n", 2, "mapping"),
        ("---\ntitle: never closed\n\nbody\n", 4, "never closed"),
        ("---\ntitle: x\n--\n\n# 标题\n", 3, "never closed"),
    ],
)
def test_broken_front_matter_names_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(text)
    assert caught.value.path == "content/zh/a.md"
    assert caught.value.line == line
    assert words in caught.value.message


def test_non_utf8_names_the_line() -> None:
    with pytest.raises(InputError) as caught:
        decode_text("第一行\n第二行\n".encode() + "第三".encode("gbk"), path="content/zh/a.md")
    assert caught.value.line == 3
    assert "UTF-8" in str(caught.value)


def test_hard_line_breaks_end_units_and_stay_in_the_edition() -> None:
    text = "Media contact: LI Jing  \nPhone: 010-1234\\\nEmail: press@example.org\n"
    article = parse_article(text, path="a.md", lang="en", slug="a", text_fields=())
    assert [u.text for u in article.units] == ["Media contact: LI Jing", "Phone: 010-1234", "Email: press@example.org"]
    built = replace_units(article, {0: "联系人：李静", 1: "电话：010-1234", 2: "邮箱：press@example.org"})
    assert built == "联系人：李静  \n电话：010-1234\\\n邮箱：press@example.org\n"
    assert replace_units(article, {i: u.text for i, u in enumerate(article.units)}) == text


def test_escaped_pipe_in_a_table_cell() -> None:
    text = "| a \\| b | c |\n|---|---|\n| d | e |\n"
    article = parse_article(text, path="a.md", lang="en", slug="a", text_fields=())
    assert [u.text for u in article.units][:2] == ["a \\| b", "c"]
    assert replace_units(article, {0: "甲 \\| 乙"}).startswith("| 甲 \\| 乙 | c |")


def test_yaml_anchor_and_alias_stay_valid() -> None:
    text = "---\ntitle: &t Hello there\nsummary: *t\n---\nBody.\n"
    article = parse_article(text, path="a.md", lang="en", slug="a", text_fields=("title", "summary"))
    assert [(u.kind, u.text) for u in article.units] == [("title", "Hello there"), ("paragraph", "Body.")]
    built = replace_units(article, {0: "你好：世界"})
    assert yaml.safe_load(built.split("---\n")[1]) == {"title": "你好：世界", "summary": "你好：世界"}


def test_byte_order_mark_is_not_part_of_the_text() -> None:
    text = decode_text("\ufeff---\ntitle: 标题\n---\n\n正文。\n".encode(), path="a.md")
    article = parse_article(text, path="a.md", lang="zh", slug="a", text_fields=("title",))
    assert [(u.kind, u.text) for u in article.units] == [("title", "标题"), ("paragraph", "正文。")]


def test_lone_carriage_returns_are_refused_with_the_line() -> None:
    with pytest.raises(InputError, match="lone carriage return") as caught:
        decode_text(b"Line one.\nPara one.\r\rPara two.\r", path="a.md")
    assert caught.value.line == 2


def test_crlf_files_get_crlf_front_matter_lines() -> None:
    text = "---\r\ntitle: T\r\n---\r\nBody.\r\n"
    assert set_front_matter(text, {"translationKey": "a"}, path="a.md") == "---\r\ntitle: T\r\ntranslationKey: a\r\n---\r\nBody.\r\n"


def test_a_shortcode_line_before_a_line_with_a_hard_break_loses_no_text() -> None:
    # the shortcode on the line before once cut the next line short (a negative slice end)
    text = "---\ntitle: 标题\n---\n\n{{< figure src=\"a.png\" >}}\n中文 ab   \nef 后续文字。\n"
    article = parse_article(text, path="content/zh/a.md", lang="zh", slug="a", text_fields=("title",))
    sentences = [segment.text for unit in article.units if unit.kind == "paragraph" for segment in unit.segments]
    assert sentences == ["中文 ab ef 后续文字。"]
