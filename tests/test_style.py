"""Newsroom style: the case table, round-trip properties, hints, checks, MT drafts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import copy_sample, run
from pipeline.dates import PartialDate, find_dates, render_date
from pipeline.glossary import Term, find_terms, read_tbx, tbx_text
from pipeline.names import SURNAME_READINGS, romanize
from pipeline.numbers import Amount, find_numbers, render_number
from pipeline.style import find_hints, hint_comment, punctuation_problems
from style_table import RULES, Case, load_cases, run_case

CASES = load_cases()


def test_the_table_has_at_least_150_cases_in_every_category() -> None:
    assert len(CASES) >= 150
    categories = {case.category.split("-")[0] for case in CASES}
    assert categories == {"name", "title", "date", "number"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.line}:{c.category}:{c.input}")
def test_case_table(case: Case) -> None:
    assert run_case(case) == case.expected


def test_surname_readings_are_pypinyin_heteronyms_and_not_global() -> None:
    from pypinyin import Style, lazy_pinyin, pinyin

    for char, reading in SURNAME_READINGS.items():
        assert reading in pinyin(char, heteronym=True, style=Style.NORMAL)[0], char
    romanize("曾国藩")
    assert lazy_pinyin("曾经") == ["ceng", "jing"]  # the everyday reading is untouched


dates = st.builds(
    PartialDate,
    st.integers(1900, 2100),
    st.integers(1, 12),
    st.integers(1, 28),
) | st.builds(PartialDate, st.none(), st.integers(1, 12), st.integers(1, 28)) | st.builds(
    PartialDate, st.integers(1900, 2100), st.integers(1, 12), st.none()
)


@given(dates, st.sampled_from(["zh", "en"]), st.sampled_from(["newsroom", "long", "medium"]))
def test_a_rendered_date_is_recognized_again(date: PartialDate, lang: str, style: str) -> None:
    text = render_date(date, lang, style=style)
    found = find_dates(f"据报道，{text}，" if lang == "zh" else f"On {text}, it rained.", lang)
    assert [d for _, _, d in found] == [date]


amounts = st.builds(
    lambda digits, scale, yuan: Amount(Decimal(digits) * Decimal(10) ** scale, yuan=yuan),
    st.integers(1, 9999),
    st.integers(4, 12),
    st.booleans(),
)


@given(amounts)
def test_a_number_rendered_with_chinese_units_parses_back_equal(amount: Amount) -> None:
    zh = render_number(amount, "zh")
    assert any(unit in zh for unit in "万亿")
    assert [a for _, _, a in find_numbers(zh, "zh")] == [amount]
    en = render_number(amount, "en")
    assert [a.value for _, _, a in find_numbers(en, "en")] == [amount.value]


def test_hints_for_a_sentence_become_translator_comments() -> None:
    hints = find_hints("2021年10月13日，魏炜研究员宣布获得1.2亿元资助，增长百分之五。", "zh", "en", RULES)
    assert [hint_comment(h) for h in hints] == [
        "date: 2021年10月13日 = Oct. 13, 2021",
        "name: 魏炜 = WEI Wei",
        "number: 1.2亿元 = 120 million yuan",
        "number: 百分之五 = 5 percent",
        "title: 研究员 = Prof.",
    ]


@pytest.mark.parametrize("text", ["Prof. LI Ming met Dr. Anna Smith.", "The API Endpoint of the CNCF Sandbox", "In the AI Era, Apache Kafka"])
def test_english_capitals_are_not_taken_for_names(text: str) -> None:
    assert find_hints(text, "en", "zh", RULES) == []


def test_glossary_terms_match_whole_words_and_plurals() -> None:
    terms = (Term("外泌体", "exosome"), Term("嵌合外泌体", "chimeric exosome"), Term("过程工程研究所", "Institute of Process Engineering (IPE)"))
    zh = "过程工程研究所研制嵌合外泌体，外泌体很小。"
    assert [(zh[a:b], t.en) for a, b, t in find_terms(zh, "zh", terms)] == [
        ("过程工程研究所", "Institute of Process Engineering (IPE)"),
        ("嵌合外泌体", "chimeric exosome"),
        ("外泌体", "exosome"),
    ]
    en = "IPE made chimeric Exosomes; the exosome-like vesicle and exosomes."
    assert [en[a:b] for a, b, _ in find_terms(en, "en", terms)] == ["IPE", "chimeric Exosomes", "exosomes"]


def test_tbx_round_trip() -> None:
    terms = (Term("中国科学院", "Chinese Academy of Sciences (CAS)", "the academy"), Term("外泌体", "exosome"))
    assert read_tbx(tbx_text(terms), path="g.tbx") == terms


@pytest.mark.parametrize(
    ("text", "lang", "problem"),
    [
        ("He said，it works。", "en", "full-width punctuation in English: 。 ，"),
        ("他说,这很好.", "zh", "ASCII punctuation in Chinese: , ."),
        ("See [the data](https://a.cn/x,y) (2024).", "en", None),
        ("见[数据](https://a.cn/x,y)。版本3.5发布。", "zh", None),
    ],
)
def test_punctuation(text: str, lang: str, problem: str | None) -> None:
    assert punctuation_problems(text, lang) == ([problem] if problem else [])


def _style_project(tmp_path: Path) -> Path:
    project = tmp_path / "newsroom"
    (project / "content/zh").mkdir(parents=True)
    (project / "locales").mkdir()
    (project / "locales/people.csv").write_text(
        "zh,en,title,affiliation,confirmed\n魏炜,WEI Wei,研究员,IPE,yes\n", encoding="utf-8"
    )
    (project / "content/zh/grant.md").write_text(
        "---\ntitle: 资助\ndate: 2021-10-13\n---\n\n魏炜研究员宣布，团队获得1.2亿元资助。\n", encoding="utf-8"
    )
    return project


def _install(tmp_path: Path, lexicon: dict[str, str], env: dict[str, str]) -> None:
    import os
    import subprocess
    import sys

    from tinymt import build_argos_package

    package = build_argos_package(tmp_path, from_code="zh", to_code="en", lexicon=lexicon)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "newsroom"), "models", "install", str(package)],
        env={**os.environ, **env}, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr


def test_garbling_model_still_gives_right_name_and_number(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "garbling")}
    _install(tmp_path, {"魏炜": "Wei Yan", "1.2亿": "100 million"}, env)
    project = _style_project(tmp_path)
    result = run(project, "sync", env=env)
    assert result.returncode == 0, result.stderr
    entry = next(e for e in polib.pofile(str(project / "locales/en/LC_MESSAGES/grant.po")) if "魏炜" in e.msgid)
    assert "Prof. WEI Wei" in entry.msgstr and "120 million yuan" in entry.msgstr
    assert "Wei Yan" not in entry.msgstr and "100 million" not in entry.msgstr
    assert "#. name: 魏炜 = WEI Wei" in (project / "locales/en/LC_MESSAGES/grant.po").read_text("utf-8")
    edition = (project / "content/en/grant.md").read_text("utf-8")
    assert "display_date: Oct. 13, 2021\n" in edition


def test_draft_that_loses_an_item_lists_it_as_missing(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "lossy")}
    _install(tmp_path, {"⟦1⟧": "X"}, env)  # the second protected item never comes back
    project = _style_project(tmp_path)
    assert run(project, "sync", env=env).returncode == 0
    text = (project / "locales/en/LC_MESSAGES/grant.po").read_text("utf-8")
    assert "#. missing: number: 1.2亿元 = 120 million yuan" in text


def test_check_strict_fails_on_a_wrong_name_and_passes_once_fixed(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "newsroom")
    po = project / "locales/en/LC_MESSAGES/chimeric-exosomes.po"
    po.write_text(po.read_text("utf-8").replace("said Prof. WEI Wei", "said Prof. Wei Yan"), encoding="utf-8")
    assert run(project, "sync", "--no-mt").returncode == 0
    lenient = run(project, "check", "--min-reviewed", "0")
    assert lenient.returncode == 0
    assert "warning: name: expected 魏炜 = WEI Wei in the translation" in lenient.stdout
    strict = run(project, "check", "--min-reviewed", "0", "--strict")
    assert strict.returncode == 1
    assert "locales/en/LC_MESSAGES/chimeric-exosomes.po:" in strict.stdout
    assert "error: name: expected 魏炜 = WEI Wei in the translation (source content/zh/chimeric-exosomes.md:" in strict.stdout
    po.write_text(po.read_text("utf-8").replace("said Prof. Wei Yan", "said Prof. WEI Wei"), encoding="utf-8")
    assert run(project, "sync", "--no-mt").returncode == 0
    fixed = run(project, "check", "--min-reviewed", "0", "--strict")
    assert fixed.returncode == 0, fixed.stdout


def test_check_json_carries_style_findings(tmp_path: Path) -> None:
    import json

    project = copy_sample(tmp_path / "newsroom")
    po = project / "locales/zh_CN/LC_MESSAGES/summer-science-show.po"
    po.write_text(po.read_text("utf-8").replace('msgstr ""\n"2024年5月18日', 'msgstr ""\n"2024年5月19日', 1), encoding="utf-8")
    assert "2024年5月19日" in po.read_text("utf-8")
    run(project, "sync", "--no-mt")
    data = json.loads(run(project, "check", "--min-reviewed", "0", "--format", "json", "--strict").stdout)
    codes = {(f["code"], f["severity"]) for f in data["findings"]}
    assert ("date", "error") in codes


def test_glossary_cli_export_and_import(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "newsroom")
    out = tmp_path / "terms.tbx"
    assert run(project, "glossary", "export", str(out)).returncode == 0
    exported = read_tbx(out.read_text("utf-8"), path="terms.tbx")
    assert Term("中国科学院", "Chinese Academy of Sciences (CAS)") in exported
    incoming = tmp_path / "weblate.tbx"
    incoming.write_text(tbx_text([Term("纳米颗粒", "nanoparticle", "from Weblate"), *exported[:1]]), "utf-8")
    result = run(project, "glossary", "import", str(incoming))
    assert result.returncode == 0 and "imported 1 new term(s) of 2" in result.stdout
    assert (project / "locales/glossary.csv").read_text("utf-8").endswith("纳米颗粒,nanoparticle,from Weblate\n")
    broken = tmp_path / "broken.tbx"
    broken.write_text("<martif><text>\n<body>", "utf-8")
    bad = run(project, "glossary", "import", str(broken))
    assert bad.returncode == 2 and "broken.tbx:2: not valid TBX/XML" in bad.stderr


def test_romanize_cli() -> None:
    result = run(Path.cwd(), "romanize", "欧阳明", "单田芳", "--style", "title")
    assert result.stdout.splitlines() == ["欧阳明\tOuyang Ming", "单田芳\tShan Tianfang"]


def test_known_sentences_reuse_their_hints_until_the_rules_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.sync
    from pipeline.project import load_config
    from pipeline.sync import sync_project

    project = _style_project(tmp_path)
    sync_project(load_config(project), engine_factory=None)
    po_path = project / "locales/en/LC_MESSAGES/grant.po"
    first = po_path.read_text("utf-8")
    assert "#. name: 魏炜 = WEI Wei" in first

    def no_hints(*args: object) -> list:
        raise AssertionError("hints were looked for again")

    monkeypatch.setattr(pipeline.sync, "find_hints", no_hints)
    sync_project(load_config(project), engine_factory=None)  # nothing changed: read back from the comments
    assert po_path.read_text("utf-8") == first
    monkeypatch.undo()

    (project / "locales/glossary.csv").write_text("zh,en,note\n资助,grant,\n", encoding="utf-8")
    sync_project(load_config(project), engine_factory=None)
    assert "#. term: 资助 = grant" in po_path.read_text("utf-8")
