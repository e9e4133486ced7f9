"""Hints a translator can trust: glossary traps, spaced and ranged dates and numbers, titles by employer."""

from __future__ import annotations

import pytest

from pipeline.dates import DateRange, PartialDate, find_dates, render_date
from pipeline.glossary import Term, find_terms, read_glossary
from pipeline.errors import InputError
from pipeline.names import Person, Registry
from pipeline.numbers import find_numbers, render_number
from pipeline.style import StyleRules, find_hints, hint_comment, hint_satisfied

TERMS = (
    Term("中国科学院", "Chinese Academy of Sciences (CAS)"),
    Term("外泌体", "exosome"),
    Term("机器学习", "machine learning"),
    Term("容器", "container"),
    Term("开源", "open source"),
    Term("TiDB", "TiDB"),
    Term("金山", "Kingsoft"),
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Two use cases show it.", []),  # CAS is an acronym: "cases" is not it
        ("The Cases of CAS and Cas9.", ["CAS"]),
        ("CAS's new labs", ["CAS"]),
        ("the Chinese Academy of Sciences said", ["Chinese Academy of Sciences"]),
        ("the chinese academy of sciences said", []),  # a proper name is matched as written
        ("Exosomes and exosomes", ["Exosomes", "exosomes"]),  # a lower-case noun: capitalized, plural
        ("exosome-like vesicles", []),  # inside a hyphenated word
        ("Machine Learning and machine learnings", ["Machine Learning", "machine learnings"]),
        ("containerd and containers", ["containers"]),  # word boundaries
        ("tidb and TiDBs", []),  # a product name: as written, no plural
        ("TiDB 7.5", ["TiDB"]),
        ("an open-source tool, open source code", ["open source"]),
    ],
)
def test_english_glossary_matching_traps(text: str, found: list[str]) -> None:
    assert [text[a:b] for a, b, _ in find_terms(text, "en", TERMS)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("中国科学院发布报告", ["中国科学院"]),
        ("旧金山湾区的公司", []),  # inside a longer word
        ("外泌体和机器学习", ["外泌体", "机器学习"]),
    ],
)
def test_chinese_glossary_matching_keeps_words_whole(text: str, found: list[str]) -> None:
    assert [text[a:b] for a, b, _ in find_terms(text, "zh", TERMS)] == found


def test_check_does_not_fail_a_correct_translation_over_a_lookalike() -> None:
    rules = StyleRules(terms=TERMS)
    hints = find_hints("研究团队来自中国科学院。", "zh", "en", rules)
    term = next(hint for hint in hints if hint.kind == "term")
    assert hint_satisfied(term, "The team is from CAS.", source_lang="zh", target_lang="en")
    assert not hint_satisfied(term, "Two use cases.", source_lang="zh", target_lang="en")


def test_proposed_terms_wait_for_english_and_are_not_enforced() -> None:
    terms = read_glossary("zh,en,note,confirmed\n阿里巴巴,,found by sync,no\n外泌体,exosome,,\n", path="g.csv")
    assert terms == (Term("阿里巴巴", "", "found by sync", False), Term("外泌体", "exosome", "", True))
    hints = find_hints("阿里巴巴研究外泌体。", "zh", "en", StyleRules(terms=terms))
    assert [(hint_comment(h), h.enforced) for h in hints] == [
        ("term (proposed: its English name is left for the editor, in locales/glossary.csv): 阿里巴巴", False),
        ("term: 外泌体 = exosome", True),
    ]
    with pytest.raises(InputError, match="g.csv:2"):
        read_glossary("zh,en,note,confirmed\n阿里巴巴,,,yes\n", path="g.csv")


@pytest.mark.parametrize(
    ("text", "source", "en", "zh"),
    [
        ("2019 年 6 月 25 日", "2019 年 6 月 25 日", "June 25, 2019", "2019年6月25日"),
        ("于 2018 年发布", "2018 年", "2018", "2018年"),
        ("从 6 月开始", "6 月", "June", "6月"),
        ("会议5月24日至26日举行", "5月24日至26日", "May 24-26", "5月24日至26日"),
        ("2024年5月24日至6月2日", "2024年5月24日至6月2日", "May 24-June 2, 2024", "2024年5月24日至6月2日"),
        ("2023—2024年度", "2023—2024年", "2023-2024", "2023—2024年"),
        ("二〇二一年十月十三日", "二〇二一年十月十三日", "Oct. 13, 2021", "2021年10月13日"),
        ("十月十三日", "十月十三日", "Oct. 13", "10月13日"),
    ],
)
def test_chinese_dates_spaced_ranged_and_in_numerals(text: str, source: str, en: str, zh: str) -> None:
    [(start, end, date)] = find_dates(text, "zh")
    assert text[start:end] == source
    assert render_date(date, "en") == en and render_date(date, "zh") == zh
    if any(char.isdigit() for char in en) and any(char.isalpha() for char in en):  # and back (June alone needs "in", a year is a number)
        assert [found for _, _, found in find_dates(en, "en")] == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("May 24-26, 2023", DateRange(PartialDate(2023, 5, 24), PartialDate(2023, 5, 26))),
        ("from 2023 to 2024", DateRange(PartialDate(2023, None, None), PartialDate(2024, None, None))),
        ("June-August 2019", DateRange(PartialDate(2019, 6, None), PartialDate(2019, 8, None))),
        ("in June the team", PartialDate(None, 6, None)),
    ],
)
def test_english_dates_and_ranges(text: str, date: object) -> None:
    assert [found for _, _, found in find_dates(text, "en")] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "见 https://example.com/2019年6月/%E6%96%B9 页面",
        "路径 /wiki/%E6%96%B9%E6 里",
        "运行 `date 2019年6月25日` 命令",
        "见[报告](https://example.com/2019年6月25日/12%)。",
        "You may go. March on.",
    ],
)
def test_nothing_is_recognized_inside_urls_code_or_percent_encodings(text: str) -> None:
    lang = "en" if text.isascii() else "zh"
    hints = find_hints(text, lang, "en" if lang == "zh" else "zh", StyleRules())
    assert [h for h in hints if h.kind in ("date", "number")] == []


@pytest.mark.parametrize(
    ("text", "source", "en"),
    [
        ("约 1870 万人", "1870 万", "18.7 million"),
        ("投资 3.5 亿元", "3.5 亿元", "350 million yuan"),
        ("增长 12 %", "12 %", "12%"),
    ],
)
def test_spaced_numbers(text: str, source: str, en: str) -> None:
    [(start, end, amount)] = find_numbers(text, "zh")
    assert text[start:end] == source and render_number(amount, "en") == en


REGISTRY = Registry(
    (
        Person("王益", "WANG Yi"),
        Person("魏炜", "WEI Wei", "研究员", "Institute of Process Engineering", True),
        Person("林峰", "LIN Feng", "研究员", "Huawei Technologies", True),
    )
)


@pytest.mark.parametrize(
    ("text", "replacement"),
    [
        ("蚂蚁金服研究员王益介绍", "researcher WANG Yi"),  # a company before the title
        ("过程工程研究所研究员王益介绍", "Prof. WANG Yi"),  # an institute
        ("清华大学与蚂蚁金服研究员王益", "researcher WANG Yi"),  # the nearer organization decides
        ("魏炜研究员指出", "Prof. WEI Wei"),  # the registry's affiliation: an institute
        ("林峰研究员指出", "researcher LIN Feng"),  # the registry's affiliation: a company
        ("王益研究员指出", "Prof. WANG Yi"),  # nothing known: the newsroom's own people are academics
        ("王益教授说", "Prof. WANG Yi"),  # 教授 is academic everywhere
    ],
)
def test_titles_are_academic_only_at_academic_institutions(text: str, replacement: str) -> None:
    hints = find_hints(text, "zh", "en", StyleRules(registry=REGISTRY))
    assert [h.replacement for h in hints if h.kind == "name"] == [replacement]
