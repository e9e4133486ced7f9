"""Hand edits of a built edition brought back to the catalog: any single edit anywhere is either
taken into a sentence's translation (and rebuilding gives the edited text back) or reported."""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import copy_sample

from pipeline.build import build_edition, first_edited_line
from pipeline.catalog import parse_catalog, source_entries
from pipeline.handedit import find_hand_edits
from pipeline.project import list_article_files, load_article, load_config, source_digest

ARTICLES = [("content/zh/chimeric-exosomes.md", "en"), ("content/en/summer-science-show.md", "zh")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, object, str]]:
    project = copy_sample(tmp_path_factory.mktemp("handedit") / "newsroom")
    config = load_config(project)
    files = {file.path: file for file in list_article_files(config).files}
    result = {}
    for path, target in ARTICLES:
        source = files[path]
        article = load_article(source, config)
        locale = "en" if target == "en" else "zh_CN"
        po_path = project / "locales" / locale / "LC_MESSAGES" / f"{source.slug}.po"
        po = parse_catalog(po_path.read_text("utf-8"), path=po_path.name)
        text = build_edition(article, po, target=target, source_digest=source_digest(source.data)).text
        result[path] = (article, po, text)
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.sampled_from([path for path, _ in ARTICLES]),
    where=st.floats(min_value=0, max_value=1),
    cut=st.integers(min_value=0, max_value=12),
    insert=st.text(st.sampled_from(list("abc XYZ,.;\n中文。*[]()")), max_size=8),
)
def test_every_edit_is_taken_or_reported(built: dict[str, tuple[object, object, str]], which: str, where: float, cut: int, insert: str) -> None:
    article, po, text = built[which]
    at = int(where * len(text))
    disk = text[:at] + insert + text[at + cut :]
    if first_edited_line(text.encode(), disk.encode()) is None:
        return  # unchanged, or only newsroom's own keys changed: sync rebuilds them, no edit to look for
    edits = find_hand_edits(article, po, text, disk)  # type: ignore[arg-type]
    assert edits.translations or edits.unmapped  # nothing is dropped silently
    for line, why in edits.unmapped:
        assert 1 <= line <= disk.count("\n") + 1 and why
    if edits.unmapped:
        return
    entries = source_entries(po)  # type: ignore[arg-type]
    saved = {msgid: entries[msgid].msgstr for msgid in edits.translations}
    try:
        for msgid, msgstr in edits.translations.items():
            entries[msgid].msgstr = msgstr
        rebuilt = build_edition(article, po, target=ARTICLES[[p for p, _ in ARTICLES].index(which)][1], source_digest="d").text  # type: ignore[arg-type]
    finally:
        for msgid, msgstr in saved.items():
            entries[msgid].msgstr = msgstr
    body = lambda value: value[value.index("\n---\n", 4) :]  # noqa: E731
    # what was taken back rebuilds as it was edited, but for spaces at a sentence's edge, which the edition's joiners set
    assert "".join(body(rebuilt).split()) == "".join(body(disk).split()) or any(
        char in insert for char in "*[]()\n"
    ), (insert, at, cut)


def test_an_edit_is_found_after_a_front_matter_value_that_yaml_quotes(tmp_path) -> None:
    # the translated title needs quotes in YAML, so the body after the front matter moves further than the title's length
    from pipeline.catalog import extract_catalog
    from pipeline.content import parse_article
    from pipeline.model import LANGUAGES

    text = "---\ntitle: 新闻标题\n---\n\n第一句话。第二句话。\n"
    article = parse_article(text, path="content/zh/a.md", lang="zh", slug="a", text_fields=("title",))
    po = extract_catalog(article, LANGUAGES["zh"], LANGUAGES["en"], project="p", team="t", last_translator="t", now=__import__("datetime").datetime(2026, 1, 1))
    answers = {"新闻标题": "News: a title", "第一句话。": "The first sentence.", "第二句话。": "The second sentence."}
    for entry in po:
        entry.msgstr = answers[entry.msgid]
    built = build_edition(article, po, target="en", source_digest="d").text
    assert "title: 'News: a title'" in built or 'title: "News: a title"' in built
    edits = find_hand_edits(article, po, built, built.replace("The second sentence.", "The second, edited sentence."))
    assert edits.unmapped == [] and edits.translations == {"第二句话。": "The second, edited sentence."}
