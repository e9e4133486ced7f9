"""Catalogs of a make_corpus.py corpus, both languages, written as msgcat writes them.

The generator (``../shared/bench/make_corpus.py``) needs Debian's fortunes
packages (`apt-get install fortunes-zh fortunes`, as .ci/run does).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helpers import REPO
from pipeline.catalog import catalog_text, extract_catalog
from pipeline.content import parse_article
from pipeline.model import LANGUAGES

MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
FORTUNES = Path("/usr/share/games/fortunes")
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)

pytestmark = pytest.mark.skipif(
    shutil.which("msgcat") is None or not MAKE_CORPUS.exists() or not (FORTUNES / "chinese").exists() or not (FORTUNES / "science").exists(),
    reason="needs GNU gettext, ../shared/bench/make_corpus.py and the fortunes-zh and fortunes packages",
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_corpus_catalogs_equal_msgcat_output(lang: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--n", "60", "--lang", lang, "--out", str(corpus)], check=True, capture_output=True)
    target = "en" if lang == "zh" else "zh"
    files = sorted(corpus.glob("*.md"))
    assert len(files) == 60
    out = tmp_path / "po"
    out.mkdir()
    for number, path in enumerate(files):
        article = parse_article(path.read_text("utf-8"), path=f"content/{lang}/{path.name}", lang=lang, slug=path.stem, text_fields=("title", "summary"))
        po = extract_catalog(article, LANGUAGES[lang], LANGUAGES[target], project="corpus", team="<t@example.org>", last_translator="t <t@example.org>", now=NOW)
        for index, entry in enumerate(po):
            if (index + number) % 3 == 0:  # some entries translated, some fuzzy with a previous msgid, some empty
                entry.msgstr = entry.msgid
            elif (index + number) % 3 == 1:
                entry.msgstr, entry.flags, entry.previous_msgid = entry.msgid[::-1], ["fuzzy"], entry.msgid[1:]
        (out / f"{path.stem}.po").write_text(catalog_text(po), "utf-8")
    for po_path in sorted(out.glob("*.po")):
        gettext = subprocess.run(["msgcat", str(po_path)], capture_output=True, text=True, check=True).stdout
        assert po_path.read_text("utf-8") == gettext, po_path.name
