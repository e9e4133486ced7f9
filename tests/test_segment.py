"""Sentence splitting, line joining and word counting."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.inline import HAN, PLACEHOLDER_RE
from pipeline.segment import count_words, join_lines, split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("研究人员开发了新方法。它很有效。", ["研究人员开发了新方法。", "它很有效。"]),
        ("他说：“这很重要！”然后离开了。", ["他说：“这很重要！”", "然后离开了。"]),
        ("真的吗？是的！", ["真的吗？", "是的！"]),
        ("第一；第二。", ["第一；", "第二。"]),
        ("结果如何……仍待观察。", ["结果如何……仍待观察。"]),  # an ellipsis ends a sentence only before a space
        ("他沉默了…… 然后说：好。", ["他沉默了……", "然后说：好。"]),
        ("书名是《明天。》吗？对。", ["书名是《明天。》吗？", "对。"]),
        ("（注释。）正文。", ["（注释。）", "正文。"]),
        ("「引号。」后文。", ["「引号。」", "后文。"]),
        ("见[链接。第二](https://a.cn/x.y)后文。下一句。", ["见[链接。第二](https://a.cn/x.y)后文。", "下一句。"]),
        ("代码`a。b`不拆。下一句", ["代码`a。b`不拆。", "下一句"]),
        ("没有句号的标题", ["没有句号的标题"]),
    ],
)
def test_chinese_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text, "zh") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It works. It is fast.", ["It works.", "It is fast."]),
        ("Prof. WEI Wei spoke. Then he left.", ["Prof. WEI Wei spoke.", "Then he left."]),
        ("Dr. Li and Mr. Ma met on Oct. 13. Sept. 1 is next.", ["Dr. Li and Mr. Ma met on Oct. 13.", "Sept. 1 is next."]),
        ("It grew 3.5 percent. Good.", ["It grew 3.5 percent.", "Good."]),
        ("Tools, e.g. Poedit, work. Yes.", ["Tools, e.g. Poedit, work.", "Yes."]),
        ("That is, i.e. this. Next one.", ["That is, i.e. this.", "Next one."]),
        ("The U.S. team won. Others lost.", ["The U.S. team won.", "Others lost."]),
        ("See Fig. 2 and No. 5 on St. Mark's. End.", ["See Fig. 2 and No. 5 on St. Mark's.", "End."]),
        ('"Really?" she asked. "Yes!" he said.', ['"Really?" she asked.', '"Yes!" he said.']),
        ("Wow! Great? Fine.", ["Wow!", "Great?", "Fine."]),
        ("Read [the paper. Now](https://x.org/a.b). Then stop.", ["Read [the paper. Now](https://x.org/a.b).", "Then stop."]),
        ("Use `a. B` here. Done.", ["Use `a. B` here.", "Done."]),
        ("J. R. R. Tolkien wrote. Yes.", ["J. R. R. Tolkien wrote.", "Yes."]),
        ("Ends without a period", ["Ends without a period"]),
    ],
)
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


def test_split_offsets_cover_the_text_without_whitespace() -> None:
    text = "  One.   Two.  "
    assert split_sentences(text, "en") == [(2, 6), (9, 13)]


def test_hard_wrapped_chinese_joins_without_space() -> None:
    text, starts = join_lines(["研究人员开发了", "  新方法。", "It is", "new."])
    assert text == "研究人员开发了新方法。It is new."
    assert starts == [0, 7, 11, 17]


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("魏炜研究员", "zh", 5),
        ("魏炜在 Science 发表 mRNA 论文。", "zh", 9),
        ("见[原文](https://a.cn/very/long/url)。", "zh", 3),
        ("Prof. WEI Wei spoke.", "en", 4),
        ("See [the paper](https://x.org/a b c).", "en", 3),
    ],
)
def test_word_counts(text: str, lang: str, words: int) -> None:
    assert count_words(text, lang) == words


def _two_pass_count(text: str, lang: str) -> int:
    """count_words as it was written first: link targets and placeholders out, then Han, then Latin words.

    A link target ends at a line break: a catalog's words are counted with its msgids one per line.
    """
    text = PLACEHOLDER_RE.sub(" ", re.sub(r"\]\([^)\n]*\)", "]", text))
    if lang == "zh":
        return len(HAN.findall(text)) + len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.\-]*", HAN.sub(" ", text)))
    return len(text.split())


COUNT_PIECES = ["魏炜", "研究", " ", "Science", "mRNA", "v1.2", "don't", "it’s", "a-b", "。", "，", "[原文](https://a.cn/x)", "](", ")", "⟦1⟧", "⟦", "\n", "é", "１２"]


@given(st.lists(st.sampled_from(COUNT_PIECES), max_size=15).map("".join), st.sampled_from(["zh", "en"]))
def test_word_counts_in_one_pass_as_in_two(text: str, lang: str) -> None:
    assert count_words(text, lang) == _two_pass_count(text, lang)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他沉默了……。大家都在等。", ["他沉默了……。", "大家都在等。"]),
        ("真的吗？……我不信。", ["真的吗？……", "我不信。"]),
        ("**重要。**其他内容。", ["**重要。**", "其他内容。"]),
        ("他说：“第一句。第二句。”然后走了。", ["他说：“第一句。第二句。”", "然后走了。"]),
        ("他说：“一。二。三。”然后走了。", ["他说：“一。二。三。”", "然后走了。"]),  # at most three sentences: one entry
        ("他说：“一。二。三。四。”然后走了。", ["他说：“一。", "二。", "三。", "四。”", "然后走了。"]),
        ("他说：“**一。**二。三。”然后走了。", ["他说：“**一。**二。三。”", "然后走了。"]),
        (
            "访问https://example.com/a.html了解详情。详见https://example.com/b。下一句。",
            ["访问https://example.com/a.html了解详情。", "详见https://example.com/b。", "下一句。"],
        ),
    ],
)
def test_chinese_punctuation_runs_emphasis_quotes_and_urls(text: str, expected: list[str]) -> None:
    assert sentences(text, "zh") == expected


def test_english_emphasis_closes_with_its_sentence() -> None:
    assert sentences("**Important.** Next one.", "en") == ["**Important.**", "Next one."]
