"""The newsroom-style case table (tests/data/style_cases.tsv) and how each case is run.

Shared by the tests and by bench/style_accuracy.py, which reports accuracy by category.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pipeline.dates import find_dates, render_date
from pipeline.names import Person, Registry, romanize
from pipeline.numbers import find_numbers, render_number
from pipeline.style import StyleRules, find_hints

TABLE = Path(__file__).parent / "data" / "style_cases.tsv"
RULES = StyleRules(
    registry=Registry(
        (
            Person("魏炜", "WEI Wei", "研究员", "IPE", True),
            Person("马光辉", "MA Guanghui", "研究员", "IPE", True),
        )
    )
)


@dataclass(frozen=True)
class Case:
    category: str
    input: str
    expected: str
    line: int


def load_cases() -> list[Case]:
    cases = []
    with TABLE.open(encoding="utf-8") as stream:
        for number, row in enumerate(csv.reader(stream, delimiter="\t"), start=1):
            if not row or row[0].startswith("#"):
                continue
            cases.append(Case(row[0], row[1], row[2] if len(row) > 2 else "", number))
    return cases


def _whole(found: list, text: str) -> object | None:
    """The one item that spans the whole input, or None when nothing is found."""
    if not found:
        return None
    assert len(found) == 1 and found[0][0] == 0 and found[0][1] == len(text), found
    return found[0][2]


def run_case(case: Case) -> str:
    """What the pipeline makes of the case's input, to compare with case.expected."""
    kind, _, detail = case.category.partition("-")
    if case.category == "name-title-style":
        return romanize(case.input, style="title")
    if kind == "name":
        return romanize(case.input, style="caps")
    if kind == "title":
        source, target = detail.split("-")
        names = [h for h in find_hints(case.input, source, target, RULES) if h.kind == "name"]
        return names[0].replacement if names else ""
    if kind == "date":
        source, target = ("zh", "en") if detail in ("zh-en", "en-long", "en-medium") else ("en", "zh")
        style = {"en-long": "long", "en-medium": "medium"}.get(detail, "newsroom")
        date = _whole(find_dates(case.input, source), case.input)
        return "" if date is None else render_date(date, target, style=style)  # type: ignore[arg-type]
    if kind == "number":
        source, target = detail.split("-")
        amount = _whole(find_numbers(case.input, source), case.input)
        return "" if amount is None else render_number(amount, target)  # type: ignore[arg-type]
    raise ValueError(f"unknown category {case.category}")
