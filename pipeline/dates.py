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

from .text import NOT_INSIDE_TOKEN, UNIT_SPACE

__all__ = ["PartialDate", "DateRange", "find_dates", "render_date", "DATE_STYLES", "NEWSROOM_MONTHS"]

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
_SP = UNIT_SPACE  # 2019 年 6 月 25 日
_NOT_AFTER = NOT_INSIDE_TOKEN
_CN_DIGIT = "〇零一二三四五六七八九"
_CN_SMALL = r"[一二三四五六七八九十]{1,3}"
_TO = rf"{_SP}(?:至|到|[-–—~～]){_SP}"
_EN_TO = r"(?:-|–|—|to|through)"
_ZH_YMD = rf"(?P<y>\d{{4}}){_SP}年(?:{_SP}(?P<m>\d{{1,2}}){_SP}月(?:{_SP}(?P<d>\d{{1,2}}){_SP}[日号])?)?"  # 2019年, 2019年6月, 2019年6月25日
_ZH_MD = rf"(?P<m2>\d{{1,2}}){_SP}月(?:{_SP}(?P<d2>\d{{1,2}}){_SP}[日号])?"  # 6月, 6月25日
_ZH = re.compile(
    _NOT_AFTER
    + rf"(?:{_ZH_YMD}"
    + rf"|(?<!年)(?<!年 ){_ZH_MD}"
    + rf"|(?P<cy>[{_CN_DIGIT}]{{4}})年(?:(?P<cm>{_CN_SMALL})月(?:(?P<cd>{_CN_SMALL})[日号])?)?"
    + rf"|(?P<cm2>{_CN_SMALL})月(?P<cd2>{_CN_SMALL})[日号])"
)
# what may follow a date to make a range: 5月24日至26日, 2019年6月至8月, 2023—2024年, 5月24日至6月2日
_ZH_RANGE_END = re.compile(rf"{_TO}(?:{_ZH_YMD}|{_ZH_MD}|(?P<d3>\d{{1,2}}){_SP}[日号])")
_ZH_YEARS = re.compile(_NOT_AFTER + rf"(?P<y>\d{{4}}){_TO}(?P<y2>\d{{4}}){_SP}年")
# a month on its own is a date after these words only (in June; "may" and "march" are words too)
_MONTH_ALONE_AFTER = "(?:" + "|".join(
    rf"(?<=\b{word} )" for word in ("in", "In", "since", "Since", "until", "Until", "by", "from", "From", "to", "through", "of", "early", "late")
) + ")"
_EN = re.compile(
    rf"\b(?:(?P<mon>{_MONTH})\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,\s(?P<y>\d{{4}})\b)?"
    rf"|(?P<d2>\d{{1,2}})\s(?P<mon2>{_MONTH})\s(?P<y2>\d{{4}})\b"
    rf"|(?P<mon3>{_MONTH})\s(?P<y3>\d{{4}})\b"
    rf"|{_MONTH_ALONE_AFTER}(?P<mon4>January|February|March|April|June|July|August|September|October|November|December)\b(?!\s\d))"
)
# May 24-26, 2023; May 24 to June 2; 2023-2024; June-August 2019
_EN_DAYS = re.compile(
    rf"\b(?P<mon>{_MONTH})\s(?P<d>\d{{1,2}})\s?{_EN_TO}\s?(?:(?P<mon2>{_MONTH})\s)?(?P<d2>\d{{1,2}})\b(?:,\s(?P<y>\d{{4}})\b)?"
)
_EN_MONTHS_RANGE = re.compile(rf"\b(?P<mon>{_MONTH})\s?{_EN_TO}\s?(?P<mon2>{_MONTH})\s(?P<y>\d{{4}})\b")
_EN_YEARS = re.compile(rf"(?<![\w.\-/])(?P<y>\d{{4}})\s?{_EN_TO}\s?(?P<y2>\d{{4}})(?![\w.])")


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
        return self.year is not None or self.month is not None


@dataclass(frozen=True, order=True)
class DateRange:
    """From one date to another, as 5月24日至26日 or May 24-26 write it: ``last`` fills what it omits from ``first``."""

    first: PartialDate
    last: PartialDate

    def is_valid(self) -> bool:
        def key(date: PartialDate) -> tuple[int, int, int]:
            return (date.year or 0, date.month or 0, date.day or 0)

        return self.first.is_valid() and self.last.is_valid() and key(self.first) < key(self.last)


def _number(text: str | None) -> int | None:
    return int(text) if text else None


def _chinese_number(text: str | None) -> int | None:
    """十三 -> 13, 二〇二一 -> 2021 (a year is read digit by digit)."""
    if not text:
        return None
    if len(text) == 4 and all(char in _CN_DIGIT for char in text):
        return int("".join(str(max(_CN_DIGIT.index(char) - 1, 0)) for char in text))  # 〇 and 零 are 0
    import cn2an

    try:
        return int(cn2an.cn2an(text, "strict"))
    except ValueError:
        return None


def _month(text: str | None) -> int | None:
    return _EN_MONTHS[text.rstrip(".").lower()] if text else None


def _zh_date(m: re.Match[str]) -> PartialDate:
    if m["cy"] or m["cm2"]:
        return PartialDate(_chinese_number(m["cy"]), _chinese_number(m["cm"] or m["cm2"]), _chinese_number(m["cd"] or m["cd2"]))
    return PartialDate(_number(m["y"]), _number(m["m"] or m["m2"]), _number(m["d"] or m["d2"]))


def _zh_range_end(first: PartialDate, m: re.Match[str]) -> PartialDate:
    """The end of a range, with what it leaves out taken from its start (5月24日至26日: May 26)."""
    year = _number(m["y"])
    month = _number(m["m"] or m["m2"])
    day = _number(m["d"] or m["d2"] or m["d3"])
    if year is not None:
        return PartialDate(year, month, day)
    if month is not None:
        return PartialDate(first.year, month, day)
    return PartialDate(first.year, first.month, day)


def find_dates(text: str, lang: str) -> list[tuple[int, int, PartialDate | DateRange]]:
    """(start, end, date) of each date, or range of dates, written in ``text``."""
    found: list[tuple[int, int, PartialDate | DateRange]] = []
    if lang == "zh":
        for m in _ZH_YEARS.finditer(text):  # 2023—2024年
            span = DateRange(PartialDate(int(m["y"]), None, None), PartialDate(int(m["y2"]), None, None))
            if span.is_valid():
                found.append((m.start(), m.end(), span))
        for m in _ZH.finditer(text):
            if any(start <= m.start() < end for start, end, _ in found):
                continue
            date = _zh_date(m)
            if not date.is_valid() or (date.year is None and date.day is None and not m["m2"]):
                continue
            end = m.end()
            value: PartialDate | DateRange = date
            following = _ZH_RANGE_END.match(text, end) if date.day is not None or date.month is not None else None
            if following is not None and (following["d3"] is None or date.day is not None):
                last = _zh_range_end(date, following)
                if last.is_valid() and (last.day is None) == (date.day is None) and DateRange(date, last).is_valid():
                    end, value = following.end(), DateRange(date, last)
            found.append((m.start(), end, value))
        return sorted(found, key=lambda item: item[0])
    for m in _EN_DAYS.finditer(text):
        first = PartialDate(_number(m["y"]), _month(m["mon"]), _number(m["d"]))
        last = PartialDate(first.year, _month(m["mon2"]) if m["mon2"] else first.month, _number(m["d2"]))
        if DateRange(first, last).is_valid():
            found.append((m.start(), m.end(), DateRange(first, last)))
    for m in _EN_MONTHS_RANGE.finditer(text):
        span = DateRange(PartialDate(int(m["y"]), _month(m["mon"]), None), PartialDate(int(m["y"]), _month(m["mon2"]), None))
        if span.is_valid():
            found.append((m.start(), m.end(), span))
    for m in _EN_YEARS.finditer(text):
        span = DateRange(PartialDate(int(m["y"]), None, None), PartialDate(int(m["y2"]), None, None))
        if span.is_valid() and not any(start <= m.start() < end for start, end, _ in found):
            found.append((m.start(), m.end(), span))
    for m in _EN.finditer(text):
        if any(start <= m.start() < end for start, end, _ in found):
            continue
        if m["mon"]:
            date = PartialDate(_number(m["y"]), _month(m["mon"]), _number(m["d"]))
        elif m["mon2"]:
            date = PartialDate(_number(m["y2"]), _month(m["mon2"]), _number(m["d2"]))
        elif m["mon3"]:
            date = PartialDate(_number(m["y3"]), _month(m["mon3"]), None)
        else:
            date = PartialDate(None, _month(m["mon4"]), None)
        if date.is_valid():
            found.append((m.start(), m.end(), date))
    return sorted(found, key=lambda item: item[0])


def render_date(date: PartialDate | DateRange, lang: str, *, style: str = "newsroom") -> str:
    """The date as the newsroom writes it in ``lang``.

    zh: 2021年10月13日, 10月13日, 2021年10月, 2021年, 6月. en newsroom: Oct. 13,
    2021, Oct. 13, October 2021 (a month without a day is spelled out), 2021,
    June; en ``medium``/``long``: Babel's standard formats for en_US. Ranges:
    5月24日至26日 / May 24-26, 2023—2024年 / 2023-2024 (AP writes a hyphen).
    """
    from babel.dates import format_date, format_skeleton

    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
    if isinstance(date, DateRange):
        return _render_range(date, lang, style)
    year, month, day = date.year, date.month, date.day
    if lang == "zh":
        sample = datetime.date(year or 2000, month or 1, day or 1)
        skeleton = ("y" if year is not None else "") + ("MMM" if month is not None else "") + ("d" if day is not None else "")
        return str(format_skeleton(skeleton, sample, locale="zh_CN"))
    if month is None:
        return str(year)
    if day is None:
        return f"{_month_name(month)} {year}" if year is not None else _month_name(month)
    sample = datetime.date(year or 2000, month, day)
    if style == "newsroom":
        text = f"{NEWSROOM_MONTHS[month]} {day}"
        return f"{text}, {year}" if year is not None else text
    if year is None:
        return str(format_skeleton("MMMd" if style == "medium" else "MMMMd", sample, locale="en_US"))
    return str(format_date(sample, style, locale="en_US"))


def _render_range(span: DateRange, lang: str, style: str) -> str:
    first, last = span.first, span.last
    if lang == "zh":  # the end leaves out what it shares with the start: 2024年5月24日至26日
        shown = PartialDate(
            last.year if last.year != first.year else None,
            last.month if last.month != first.month or last.year != first.year else None,
            last.day,
        )
        if first.month is None:
            return f"{first.year}—{last.year}年"
        end = render_date(shown, "zh", style=style) if shown.month is not None or shown.year is not None else f"{last.day}日"
        return f"{render_date(first, 'zh', style=style)}至{end}"
    if first.month is None:
        return f"{first.year}-{last.year}"
    if first.day is None:  # June-August 2019
        text = f"{_month_name(first.month)}-{_month_name(last.month or first.month)}"
        return f"{text} {first.year}" if first.year is not None else text
    start = render_date(PartialDate(None, first.month, first.day), "en", style=style)
    end = str(last.day) if last.month == first.month else render_date(PartialDate(None, last.month, last.day), "en", style=style)
    return f"{start}-{end}, {first.year}" if first.year is not None else f"{start}-{end}"


def _month_name(month: int) -> str:
    """A month's English name in full, from Babel (June)."""
    from babel.dates import get_month_names

    return str(get_month_names("wide", locale="en_US")[month])
