"""A hypothesis strategy for real-looking Markdown articles, Chinese and Latin text mixed.

Blocks: headings (numbered too), paragraphs hard-wrapped at odd places, hard
line breaks, block quotes with lazy continuation lines, nested lists with
wrapped items, pipe tables, fenced code, HTML blocks, footnote definitions,
Hugo shortcodes on their own lines and around text, Docusaurus admonitions,
MDX comments, thematic breaks, images alone. Inline: emphasis, code spans,
links, reference links, images, autolinks, bare URLs, inline HTML,
shortcodes, footnote references, entities and escapes. Spacing as real
writers type it: a space or none after a Chinese full stop, two spaces after
an English one, non-breaking spaces, spaces between Chinese and digits
(`2019 年 6 月`), full-width indents. Front matter with text fields, a list,
a folded value, sometimes a closing fence with trailing spaces; LF or CRLF.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

ZH_WORDS = ["研究人员", "开发了", "新方法", "过程工程", "边缘节点", "社区", "版本", "发布", "我们", "支持", "数据", "模型", "实验", "装置", "运行", "团队", "用户", "性能", "提升", "了"]
EN_WORDS = ["the", "team", "released", "version", "Kubernetes", "GitHub", "edge", "node", "we", "support", "data", "model", "faster", "users", "Dr.", "e.g.", "v1.2", "3.5", "Node.js", "API"]
ZH_ENDS = ["。", "！", "？", "；", "……", "。”", "！）"]
EN_ENDS = [".", "!", "?", ".\"", "...", ")."]
SPACES_AFTER = ["", " ", "  ", "\u00a0", "\n"]

zh_run = st.lists(st.sampled_from(ZH_WORDS), min_size=1, max_size=5).map("".join)
en_run = st.lists(st.sampled_from(EN_WORDS), min_size=1, max_size=6).map(" ".join)
number = st.sampled_from(["2019 年 6 月", "2024年", "1870 万", "30%", "3.5 GHz", "v2.x", "10\u00a0GB", "No. 5"])

inline_markup = st.one_of(
    zh_run.map(lambda t: f"**{t}**"),
    en_run.map(lambda t: f"*{t}*"),
    st.sampled_from(["`a != b`", "`user?.name`", "`kubectl apply -f .`", "``a ` b``", "`。`"]),
    st.tuples(zh_run, st.sampled_from(["https://example.org/a.html?id=7", "/docs/x.md", "#section"])).map(lambda p: f"[{p[0]}]({p[1]})"),
    zh_run.map(lambda t: f"[{t}][ref]"),
    st.sampled_from(["![flow.png](https://example.com/flow.png)", "![架构图](/img/arch.png \"架构\")"]),
    st.sampled_from(["<https://kubeedge.io>", "https://github.com/kubeedge/kubeedge", "<br />", "<span style=\"color:red\">重要</span>", "<kbd>Ctrl</kbd>"]),
    st.sampled_from(["{{< icon \"download\" >}}", "{{% badge %}}新{{% /badge %}}", "[^1]", "&amp;", "\\*", "(Scalability != #Nodes)", "~~旧的~~"]),
)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["zh", "zh", "en", "markup", "number"]))
        if kind == "zh":
            pieces.append(draw(zh_run))
        elif kind == "en":
            pieces.append(draw(en_run))
        elif kind == "number":
            pieces.append(draw(number))
        else:
            pieces.append(draw(inline_markup))
    joiners = [draw(st.sampled_from(["", " ", " "])) for _ in pieces]
    text = "".join(piece + joiner for piece, joiner in zip(pieces, joiners)).strip()
    latin = not any("\u4e00" <= char <= "\u9fff" for char in text)
    return text + draw(st.sampled_from(EN_ENDS if latin else ZH_ENDS + EN_ENDS[:1]))


@st.composite
def paragraph_lines(draw: st.DrawFn) -> list[str]:
    """A paragraph's text, hard-wrapped: sentences joined by the writer's spacing, lines cut anywhere."""
    sentences = draw(st.lists(sentence(), min_size=1, max_size=4))
    text = ""
    for item in sentences:
        if text:
            text += draw(st.sampled_from(SPACES_AFTER))
        text += item
    lines = [line for line in text.split("\n")]
    wrapped: list[str] = []
    for line in lines:
        cut = draw(st.integers(0, len(line)))
        head, tail = line[:cut].rstrip(" "), line[cut:].lstrip(" ")
        if head and tail and not head.endswith(("\\", "\u00a0")) and not tail.startswith(("-", "+", "#", ">", "=", "|", "`", "1.", "*")):
            wrapped += [head, tail]
        else:
            wrapped.append(line)
    if len(wrapped) > 1 and draw(st.booleans()):
        index = draw(st.integers(0, len(wrapped) - 2))
        wrapped[index] += draw(st.sampled_from(["  ", "\\", "<br />"]))  # a hard line break
    return [line for line in wrapped if line.strip()] or ["正文。"]


def _paragraph(lines: list[str]) -> str:
    return "\n".join(lines)


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    kinds = ["paragraph", "paragraph", "heading", "quote", "list", "table", "code", "html", "shortcode", "admonition", "mdx", "rule", "image"]
    kind = draw(st.sampled_from(kinds if depth == 0 else ["paragraph", "quote", "list"]))
    if kind == "paragraph":
        return _paragraph(draw(paragraph_lines()))
    if kind == "heading":
        lead = draw(st.sampled_from(["", "2. ", "一、", "**1. **", "Step 3: "]))
        return "#" * draw(st.integers(1, 4)) + " " + lead + draw(sentence()).rstrip("。.")
    if kind == "quote":
        lines = draw(paragraph_lines())
        lazy = draw(st.booleans())
        quoted = [f"> {line}" if index == 0 or not lazy else line for index, line in enumerate(lines)]
        return "\n".join(quoted)
    if kind == "list":
        marker = draw(st.sampled_from(["- ", "* ", "1. "]))
        items = []
        for _ in range(draw(st.integers(1, 3))):
            lines = draw(paragraph_lines())
            item = marker + lines[0] + "".join(f"\n{' ' * len(marker)}{line}" for line in lines[1:])
            if depth == 0 and draw(st.booleans()):
                nested = draw(block(depth=1))
                item += "\n\n" + "\n".join(" " * len(marker) + line if line else "" for line in nested.split("\n"))
            items.append(item)
        return "\n".join(items)
    if kind == "table":
        cells = draw(st.lists(st.tuples(sentence(), st.sampled_from(["3万剂", "`code`", "[链接](https://a.cn/x)", "—"])), min_size=1, max_size=3))
        rows = [f"| {a} | {b} |" for a, b in cells]
        return "\n".join(["| 指标 | Value |", "| --- | --- |", *rows])
    if kind == "code":
        return "```go\n" + draw(sentence()) + "\nfmt.Println(\"不要翻译。\")\n```"
    if kind == "html":
        return draw(st.sampled_from(['<p align="center">HTML 块不翻译。</p>', "<!-- more -->", "<details>\n<summary>展开</summary>\n\n内容。\n\n</details>"]))
    if kind == "shortcode":
        around = _paragraph(draw(paragraph_lines()))
        return draw(st.sampled_from([
            '{{< figure src="/img/x.png" title="图一" >}}',
            "{{% notice tip %}}\n" + around + "\n{{% /notice %}}",
            "{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}",
        ]))
    if kind == "admonition":
        title = draw(st.sampled_from(["", " 小贴士", "[Breaking change]"]))
        return f":::tip{title}\n\n" + _paragraph(draw(paragraph_lines())) + "\n\n:::"
    if kind == "mdx":
        return "{/* truncate */}"
    if kind == "rule":
        return draw(st.sampled_from(["---", "***", "* * *"]))
    return draw(st.sampled_from(["![架构图](/img/arch.png)", "![flow.png](https://example.com/flow.png)"]))


@st.composite
def toml_front_matter(draw: st.DrawFn) -> str:
    lines = ["+++", f"title = {json.dumps(draw(sentence()).rstrip('。.'), ensure_ascii=False)}"]
    lines.append(f"description = {json.dumps(draw(sentence()) + ' ' + draw(sentence()), ensure_ascii=False)}")
    lines += ["date = 2024-06-20", "tags = ['release', \"社区\"]", "[params]", 'image = "/img/x.png"']
    lines.append("+++" + draw(st.sampled_from(["", "  "])))
    return "\n".join(lines)


@st.composite
def flow_front_matter(draw: st.DrawFn) -> str:
    """YAML front matter written as one flow mapping, as some Docusaurus sites do."""
    title = json.dumps(draw(sentence()).rstrip("。."), ensure_ascii=False)
    trailing = draw(st.sampled_from([",", ""]))
    return "---\n{\n    'title': " + title + ",\n    'date': '2024-06-20',\n    'tags': ['release']" + trailing + "\n}\n---"


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    choice = draw(st.integers(0, 5))
    if choice == 0:
        return draw(toml_front_matter())
    if choice == 1:
        return draw(flow_front_matter())
    title = draw(sentence()).rstrip("。.")
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}" if draw(st.booleans()) else "title: 过程工程所发布新版本"]
    if draw(st.booleans()):
        lines.append("description: >-\n  " + draw(sentence()) + "\n  " + draw(sentence()))
    else:
        lines.append("summary: " + json.dumps(draw(sentence()), ensure_ascii=False))
    lines += ["date: 2024-06-20", "tags: [release, 社区]", "authors:\n  - 李静"]
    lines.append("---" + draw(st.sampled_from(["", "", "  ", "\t"])))
    return "\n".join(lines)


@st.composite
def article(draw: st.DrawFn) -> str:
    """A whole article: front matter (usually), blocks, reference and footnote definitions."""
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    if blocks[0].startswith("---"):
        blocks[0] = "***"  # a file that starts with --- opens front matter, for Hugo as for newsroom
    parts = ([draw(front_matter())] if draw(st.integers(0, 3)) else []) + blocks
    parts.append("[ref]: https://example.org/ref \"参考\"")
    parts.append("[^1]: " + _paragraph(draw(paragraph_lines())))
    text = "\n\n".join(parts) + draw(st.sampled_from(["\n", "", "\n\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text
