"""Round trips over generated articles: identity rebuilds the source, markup is never cut or broken.

The documents come from ``markdown_documents.article``: every construct real
Hugo and Docusaurus posts use, Chinese and Latin text with real spacing.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings

from markdown_documents import article
from helpers import without_edition_keys
from pipeline.build import build_edition
from pipeline.catalog import catalog_text, extract_catalog, parse_catalog
from pipeline.content import _BLOCKS, _markup_signature, parse_article
from pipeline.model import LANGUAGES, Article

NOW = datetime(2024, 6, 20, tzinfo=timezone.utc)
FIELDS = ("title", "summary", "description")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _parse(text: str) -> Article:
    lang = "zh"
    return parse_article(text, path="content/zh/a.md", lang=lang, slug="a", text_fields=FIELDS)


def _build(source: Article, translate) -> str:  # noqa: ANN001 - msgid -> msgstr
    po = extract_catalog(source, LANGUAGES["zh"], LANGUAGES["en"], project="p", team="t", last_translator="l", now=NOW)
    for entry in po:
        entry.msgstr = translate(entry.msgid)
    po = parse_catalog(catalog_text(po), path="a.po")  # through the PO file's text, as translators' tools save it
    return build_edition(source, po, target="en", source_digest="d").text


@SETTINGS
@given(article())
def test_identity_translations_rebuild_the_source_byte_for_byte(text: str) -> None:
    source = _parse(text)
    edition = _build(source, lambda msgid: msgid)
    assert without_edition_keys(edition) == without_edition_keys(text)


@SETTINGS
@given(article())
def test_no_entry_cuts_inline_markup(text: str) -> None:
    """The markup of a unit's sentences, taken one by one, is the markup of the unit: nothing was cut."""
    for unit in _parse(text).units:
        msgids = [segment.text for segment in unit.segments]
        whole = _markup_signature(" ".join(msgids))
        # a bare URL's end depends on what follows it (linkify-it): it must only lie whole in one entry
        for url in (item.removeprefix("url:") for item in whole if item.startswith("url:")):
            assert any(url in msgid for msgid in msgids), (url, msgids)
        pieces = Counter(item for msgid in msgids for item in _markup_signature(msgid) if not item.startswith("url:"))
        assert pieces == Counter(item for item in whole if not item.startswith("url:")), msgids


def _structure(text: str) -> list[str]:
    closing = re.search(r"\n(?:---|\.\.\.)[ \t]*\r?\n", text) if text.startswith("---") else None
    body = text[closing.end() :] if closing else text
    return [f"{token.type}:{token.tag}" for token in _BLOCKS.parse(body.replace("\r\n", "\n")) if token.type != "inline"]


@SETTINGS
@given(article())
def test_translated_editions_keep_every_block_and_target(text: str) -> None:
    """Real translations (all different from the source) leave the Markdown structure as it was."""
    source = _parse(text)
    edition = _build(source, lambda msgid: f"«{msgid}»")
    assert _structure(edition) == _structure(text)
    flat = " ".join(edition.split())  # a code span may wrap
    for unit in source.units:
        for segment in unit.segments:
            for item in _markup_signature(segment.text):
                if item.startswith(("link:", "image:", "code:", "url:")):
                    assert " ".join(item.split(":", 1)[1].split()) in flat


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article())
def test_catalogs_of_generated_articles_are_written_as_msgcat_writes_them(text: str) -> None:
    import shutil
    import subprocess
    import tempfile

    if shutil.which("msgcat") is None:
        return
    source = _parse(text)
    po = extract_catalog(source, LANGUAGES["zh"], LANGUAGES["en"], project="p", team="t", last_translator="l", now=NOW)
    for entry in po:  # a translated half, an untranslated half: both kinds of msgstr are written
        entry.msgstr = entry.msgid if len(entry.msgid) % 2 else ""
    written = catalog_text(po)
    with tempfile.NamedTemporaryFile("w", suffix=".po", encoding="utf-8", delete=False) as stream:
        stream.write(written)
    try:
        gettext = subprocess.run(["msgcat", stream.name], capture_output=True, text=True, check=True).stdout
    finally:
        import os

        os.unlink(stream.name)
    assert written == gettext
