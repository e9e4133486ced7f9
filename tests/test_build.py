"""PO -> edition: identity round trip, status, sentence joining."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO
from pipeline.build import EDITION_KEYS, build_edition
from pipeline.content import parse_article, render_unit
from pipeline.model import Unit
from pipeline.catalog import extract_catalog, mark_machine_translation
from pipeline.model import LANGUAGES
from pipeline.sync import now_for_run
from pipeline.po import Entry

SOURCES = sorted(
    path for path in REPO.glob("content/*/*.md") if "translation_of:" not in path.read_text("utf-8")
)


def load(path: Path):
    lang = path.parent.name
    article = parse_article(
        path.read_text("utf-8"), path=path.relative_to(REPO).as_posix(), lang=lang, slug=path.stem,
        text_fields=("title", "summary"),
    )
    target = "en" if lang == "zh" else "zh"
    po = extract_catalog(
        article, LANGUAGES[lang], LANGUAGES[target], project="t", team="<t@example.org>",
        last_translator="t <t@example.org>", now=now_for_run(),
    )
    return article, po, target


def strip_edition_keys(text: str) -> str:
    return "".join(
        line for line in text.splitlines(keepends=True) if line.split(":", 1)[0] not in EDITION_KEYS
    )


def test_there_are_sample_sources_in_both_languages() -> None:
    assert {path.parent.name for path in SOURCES} == {"zh", "en"}
    assert len(SOURCES) >= 5


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_identity_translation_rebuilds_the_source_byte_for_byte(path: Path) -> None:
    article, po, target = load(path)
    for entry in po:
        entry.msgstr = entry.msgid
    edition = build_edition(article, po, target=target, source_digest="sha256:x")
    assert strip_edition_keys(edition.text) == path.read_text("utf-8")
    assert edition.status == "reviewed" and edition.completeness == 100
    assert f"translation_of: {article.path}\n" in edition.text
    assert f"lang: {LANGUAGES[target].bcp47}\n" in edition.text  # zh-Hans, as HTML's lang wants


def test_status_partial_machine_reviewed() -> None:
    article, po, target = load(REPO / "content/zh/chimeric-exosomes.md")
    entries = list(po)
    for entry in entries[:-1]:
        entry.msgstr = "X."
    edition = build_edition(article, po, target=target, source_digest="d")
    assert edition.status == "partial"
    assert edition.completeness == (100 * (len(entries) - 1)) // len(entries)
    assert entries[-1].msgid in edition.text  # untranslated: source text kept in place
    mark_machine_translation(entries[-1], "Y.", engine="e")
    assert build_edition(article, po, target=target, source_digest="d").status == "machine"
    entries[-1].flags.remove("fuzzy")
    assert build_edition(article, po, target=target, source_digest="d").status == "reviewed"


def _unit(text: str, lang: str) -> Unit:
    return parse_article(text, path="a.md", lang=lang, slug="a", text_fields=()).units[0]


@pytest.mark.parametrize(
    ("source", "lang", "translations", "expected"),
    [
        ("它有效。而且很快。", "zh", ["It works.", "It is fast."], "It works. It is fast."),
        ("It works. It is fast.", "en", ["它有效。", "而且很快。"], "它有效。而且很快。"),
        ("It works.  It is fast.", "en", ["它有效。", "而且很快。"], "它有效。而且很快。"),
        # a partial edition never glues scripts
        ("第一句。这套装置运行。", "zh", ["In northern China.", None], "In northern China. 这套装置运行。"),
        ("第一句。这套装置运行。", "zh", [None, "It runs."], "第一句。It runs."),
        ("魏炜说：好。Yes.", "zh", ["WEI Wei said: fine.", None], "WEI Wei said: fine. Yes."),
        # identity keeps every byte between sentences, a real translation keeps line breaks and prefixes
        ("> 第一句。 第二句。\n> 第三句。", "zh", [None, None, None], "第一句。 第二句。\n> 第三句。"),
        ("> 第一句。 第二句。\n> 第三句。", "zh", ["One.", "Two.", "Three."], "One. Two.\n> Three."),
        ("One.\u00a0Two.", "en", [None, None], "One.\u00a0Two."),
        ("**One.** Two.", "en", ["**一。**", "二。"], "**一。**二。"),
    ],
)
def test_sentences_join_by_the_target_language(source: str, lang: str, translations: list[str | None], expected: str) -> None:
    unit = _unit(source, lang)
    assert render_unit(unit, translations) == expected


def test_built_edition_keeps_markup_and_is_not_wrapped() -> None:
    article, po, target = load(REPO / "content/zh/chimeric-exosomes.md")
    long = "word " * 40
    for entry in po:
        entry.msgstr = entry.msgid if "](" in entry.msgid else long.strip() + "."
    text = build_edition(article, po, target=target, source_digest="d").text
    assert "(https://www.science.org/journal/stm)" in text
    assert "![" + long.strip() + ".](/images/chimeric-exosomes.png)" in text
    assert "- " + long.strip() + "." in text


def test_obsolete_entries_do_not_leak_into_the_edition() -> None:
    article, po, target = load(REPO / "content/zh/inhaled-vaccine.md")
    po.append(Entry(msgid=po[1].msgid, msgstr="OBSOLETE", obsolete=True))
    po.append(Entry(msgid=po[2].msgid, msgctxt="another context", msgstr="CONTEXT"))
    po.append(Entry(msgid=po[3].msgid, msgid_plural="plural", msgstr_plural={0: "PLURAL", 1: "PLURALS"}))
    text = build_edition(article, po, target=target, source_digest="d").text
    assert "OBSOLETE" not in text and "CONTEXT" not in text and "PLURAL" not in text
