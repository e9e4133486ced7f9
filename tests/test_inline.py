"""Inline markup spans: the fast paths give what the full parse gives.

``markup_spans`` skips work where it cannot change the result: linkify-it
where no URL can be kept, markdown-it's inline parse for prose whose only
markup is inline links, images and * emphasis; ``has_words`` stops at a
plain word. Each fast path is pinned here against
the slow path it stands for, on Markdown-ish text built from the characters
that matter to it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import re

from pipeline import inline
from pipeline.inline import Span, has_words, markup_spans

# pieces of text where Markdown, URLs and Chinese meet
PIECES = [
    "http://", "https://", "//", "www.", ".com", ".cn", ".x", ".中", "a@b", "@", "mailto:", "ftp://",
    "`", "``", "*", "**", "_", "[", "]", "(", ")", "](", "<", ">", "!", "&amp;", "\\",
    "{{< x >}}", "{/* c */}", "{#id}", "⟦1⟧", "中", "文。", "，", "：", "a", "b1", "example", "-", ".", "/", ":",
    " ", "\n", "\t", "\u3000", "\u00a0", "ſ", "K", "рф", "xn--p1ai", "1.2", "|", "~", "$", "'", '"', "#", "?", "=", "%",
    "[x](http://a.com)", "<https://a.org>", "<b>", "`a.com`", "e.g.", "Node.js", "（", "）",
]
markdownish = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join)


def full_markup_spans(text: str) -> list[Span]:
    """``markup_spans`` the slow way: linkify-it on the whole of every text it may find a URL in."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inline, "_url_stretches", lambda text, spans: [(0, len(text))])
        return markup_spans(text)


@settings(max_examples=1500)
@given(markdownish)
def test_urls_are_looked_for_wherever_one_could_be_kept(text: str) -> None:
    assert markup_spans(text) == full_markup_spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "详见 example.com 的说明",
        "见[链接](https://example.com/a.html)和 www.example.org。",
        "写信到 a@example.com。",
        "中`a.com x` y",  # a host that runs on into a code span: an empty URL span at 中
        "a中`b.com x` y",
        "[x](http://a.com)//b.com",
        "![图](https://a.com/x.png)",
        "<https://a.org> 和 `http://b.org`",
        "见 https://a.org/x 和\nwww.b.com。再见 c@d.cn",  # URLs in stretches between spaces
        "https://a.org/x\u3000https://b.org/y",
    ],
)
def test_urls_next_to_markup(text: str) -> None:
    assert markup_spans(text) == full_markup_spans(text)


def test_a_url_in_a_link_target_is_no_url_of_its_own() -> None:
    assert [span.kind for span in markup_spans("详见[官方声明](https://news.example.com/a.html)。")] == ["link"]


# prose with links and * emphasis, and what would make it more than that
PROSE_PIECES = [
    "*", "**", "***", "****", " ", "  \n", "\n", "中", "文。", "，", "a", "1", "!", "^", "#", ":", "(", ")", "“", "”",
    "'", '"', ".", "\u00a0", "\t", "[中文](https://a.com/x)", "[a\nb](/p)", "[](#y)", "[x](http://a.com/_u_~v&w!z^)",
    "[x](https://a.com/(b))", "[x](javascript:alert)", "[x](/a b)", "[x][y]", "[x]", "[", "]", "![x](/a.png)", "^[x](/a)",
    "[^1]", '[x](/a "t")', "_", "~", "`", "<", "&", "\\", "{", "\r", "[**x**](/a)", "*[x](/a)*", "**[x](/a)**",
    "![](#a)", "![图 1](https://a.com/x.png)", "*![x](/a.png)*",
]
prose = st.lists(st.sampled_from(PROSE_PIECES), min_size=1, max_size=30).map("".join)
DOCUMENT_ENV = {"references": {"X": {"href": "/x", "title": ""}, "Y": {"href": "/y", "title": ""}}}


@settings(max_examples=1500)
@given(prose)
def test_simple_prose_gets_the_spans_of_the_parse(text: str) -> None:
    simple = inline._simple_spans(text)
    if simple is not None:
        assert simple == inline._parsed_spans(text, None)
        assert simple == inline._parsed_spans(text, DOCUMENT_ENV)


@pytest.mark.parametrize(
    "text",
    [
        "详见[官方声明](https://news.example.com/a.html)。",
        "**中国科学院的数据显示相关规模已达1325名**，对于非 XML 的 HTML 文件。",
        "***a** b*", "**a *b***", "*a **b** c*", "**a*", "a**b**c", "**。**后来", "**[x](/a)**", "* a *",
        "![在Debian unstable/tes](https://img.example.com/a/8.jpg)", "!![x](/a.png)!", "^![x](/a.png)",
    ],
)
def test_the_common_prose_takes_the_fast_path(text: str) -> None:
    simple = inline._simple_spans(text)
    assert simple is not None and simple == inline._parsed_spans(text, None)


@pytest.mark.parametrize("text", ["![图](a.png)", "^[注](/a)", "[x][ref]", "[x](/a b)", "`a` **b**", "__a__", "[x](javascript:y)"])
def test_other_markup_goes_to_markdown_it(text: str) -> None:
    assert inline._simple_spans(text) is None


# words, and what is no word: URLs, handles, versions, file names
WORD_PIECES = [
    " ", "\n", "\u00a0", "word", "Dr.", "e.g.", "don't", "self-hosted", "x", "_", "²", "Ⅳ", "é", "v1.2.3", "1.2", "3",
    "@alice", "a@b.cn", "readme.md", "flow.PNG", "https://a.com/x", "www.b.org", "example.com", "http:", "mailto:x@y.z",
    "//cdn", "a/b", "ſ", "K", ":", "/", ".", "@", "-", "'", "(", ")", "“", "”", "`code`", "[link](https://c.com)", "⟦1⟧",
]
wordish = st.lists(st.sampled_from(WORD_PIECES), min_size=1, max_size=12).map("".join)


@settings(max_examples=1500)
@given(wordish)
def test_has_words_stops_at_a_plain_word_only_where_the_full_test_agrees(text: str) -> None:
    fast = has_words(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inline, "_PLAIN_WORD", re.compile(r"(?!)"))  # no plain word: the full test
        assert fast == has_words(text)
