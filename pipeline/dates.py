"""In-text dates: recognized in Chinese and English, rendered in newsroom style.

Babel cannot parse "Oct. 13, 2021" and general date parsers are unreliable
on Chinese, so the forms a newsroom writes are recognized with explicit
patterns: 2021年10月13日, 10月13日, 2021年10月, 2021年; Oct. 13, 2021,
October 13, 2021, Oct. 13, 13 October 2021, May 2024. Babel supplies month
names and its standard formats; the newsroom abbreviations (Sept., Oct.;
March to July in full) are ours.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["PartialDate", "find_dates", "render_date", "DATE_STYLES", "NEWSROOM_MONTHS"]

DATE_STYLES = ("newsroom", "medium", "long")
NEWSROOM_MONTHS = {
    1: "Jan.", 2: "Feb.", 3: "March", 4: "April", 5: "May", 6: "June",
    7: "July", 8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec.",
}
_EN_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept(?:ember|\.)?|Sep\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_ZH = re.compile(
    r"(?:(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)?|(?P<m2>\d{1,2})月(?P<d2>\d{1,2})[日号])"
)
_EN = re.compile(
    rf"\b(?:(?P<mon>{_MONTH})\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,\s(?P<y>\d{{4}})\b)?"
    rf"|(?P<d2>\d{{1,2}})\s(?P<mon2>{_MONTH})\s(?P<y2>\d{{4}})\b"
    rf"|(?P<mon3>{_MONTH})\s(?P<y3>\d{{4}})\b)"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as text gives it: the year, the month or the day may be missing."""

    year: int | None
    month: int | None
    day: int | None

    def is_valid(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            try:
                datetime.date(self.year or 2000, self.month or 1, self.day)  # 2000: Feb. 29 exists
            except ValueError:
                return False
        return self.year is not None or (self.month is not None and self.day is not None)


def _number(text: str | None) -> int | None:
    return int(text) if text else None


def _month(text: str | None) -> int | None:
    return _EN_MONTHS[text.rstrip(".").lower()] if text else None


def find_dates(text: str, lang: str) -> list[tuple[int, int, PartialDate]]:
    """(start, end, date) of each date written in ``text``."""
    found = []
    if lang == "zh":
        for m in _ZH.finditer(text):
            date = PartialDate(_number(m["y"]), _number(m["m"] or m["m2"]), _number(m["d"] or m["d2"]))
            if date.is_valid():
                found.append((m.start(), m.end(), date))
        return found
    for m in _EN.finditer(text):
        if m["mon"]:
            date = PartialDate(_number(m["y"]), _month(m["mon"]), _number(m["d"]))
        elif m["mon2"]:
            date = PartialDate(_number(m["y2"]), _month(m["mon2"]), _number(m["d2"]))
        else:
            date = PartialDate(_number(m["y3"]), _month(m["mon3"]), None)
        if date.is_valid():
            found.append((m.start(), m.end(), date))
    return found


def render_date(date: PartialDate, lang: str, *, style: str = "newsroom") -> str:
    """The date as the newsroom writes it in ``lang``.

    zh: 2021年10月13日, 10月13日, 2021年10月, 2021年. en newsroom: Oct. 13,
    2021, Oct. 13, October 2021 (a month without a day is spelled out), 2021;
    en ``medium``/``long``: Babel's standard formats for en_US.
    """
    from babel.dates import format_date, format_skeleton, get_month_names

    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
    year, month, day = date.year, date.month, date.day
    if lang == "zh":
        sample = datetime.date(year or 2000, month or 1, day or 1)
        skeleton = ("y" if year is not None else "") + ("MMM" if month is not None else "") + ("d" if day is not None else "")
        return str(format_skeleton(skeleton, sample, locale="zh_CN"))
    if month is None:
        return str(year)
    if day is None:
        return f"{get_month_names('wide', locale='en_US')[month]} {year}"
    sample = datetime.date(year or 2000, month, day)
    if style == "newsroom":
        text = f"{NEWSROOM_MONTHS[month]} {day}"
        return f"{text}, {year}" if year is not None else text
    if year is None:
        return str(format_skeleton("MMMd" if style == "medium" else "MMMMd", sample, locale="en_US"))
    return str(format_date(sample, style, locale="en_US"))
