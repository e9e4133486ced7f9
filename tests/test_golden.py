"""Golden files: an article in -> the expected PO and the expected built edition.

Each ``golden/<lang>/<case>.md`` is synced alone in a fresh project with a
deterministic test-double MT engine; the results must equal
``<case>.po`` and ``<case>.built.md`` beside it. Run with
NEWSROOM_UPDATE_GOLDEN=1 to rewrite them (then read the diff!).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipeline.project import load_config
from pipeline.sync import sync_project

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.glob("*/*.md") if not p.name.endswith(".built.md"))
NOW = datetime(2024, 5, 18, 8, 0, tzinfo=timezone.utc)


class BracketEngine:
    """Test double: marks each sentence as translated, keeping its placeholders."""

    description = "test-double bracket engine 1.0"

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        return [f"«{sentence}»" for sentence in sentences]


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden(case: Path, tmp_path: Path) -> None:
    lang = case.parent.name
    target = "en" if lang == "zh" else "zh"
    locale = "en" if target == "en" else "zh_CN"
    (tmp_path / "content" / lang).mkdir(parents=True)
    shutil.copy(case, tmp_path / "content" / lang / case.name)
    report = sync_project(load_config(tmp_path), engine_factory=lambda s, t: BracketEngine(), now=NOW)
    assert report.machine_translated > 0
    po = (tmp_path / "locales" / locale / "LC_MESSAGES" / f"{case.stem}.po").read_text("utf-8")
    built = (tmp_path / "content" / target / case.name).read_text("utf-8")
    expected_po, expected_built = case.with_suffix(".po"), case.with_suffix(".built.md")
    if os.environ.get("NEWSROOM_UPDATE_GOLDEN"):
        expected_po.write_text(po, encoding="utf-8")
        expected_built.write_text(built, encoding="utf-8")
    assert po == expected_po.read_text("utf-8")
    assert built == expected_built.read_text("utf-8")
