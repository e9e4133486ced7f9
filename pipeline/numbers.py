"""Numbers with Chinese units, percentages and yuan, in both directions.

1.2亿 = 120 million, 80.3亿 = 8.03 billion, 3万 = 30,000, 23.8万元 = 238,000
yuan, 百分之五 = 5 percent, 45.6% = 45.6%; and back. Babel formats (grouping,
its compact forms "120 million" and "1.2亿"); cn2an reads Chinese numerals;
reading Chinese units is ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .text import NOT_INSIDE_TOKEN, UNIT_SPACE

__all__ = ["Amount", "find_numbers", "find_values", "render_number", "same_amount"]

_ZH_UNITS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}
_EN_SCALES = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12}
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SP = UNIT_SPACE  # 1870 万, 3.5 亿元
_ZH = re.compile(
    rf"百分之(?P<cnpct>[零〇一二两三四五六七八九十百点]+)"
    rf"|{NOT_INSIDE_TOKEN}(?:(?P<pct>{_DIGITS}){_SP}[%％](?![0-9A-Fa-f]{{2}})"  # not a percent-encoding: %E6%96%B9
    rf"|(?P<num>{_DIGITS}){_SP}(?P<unit>万亿|亿|万)(?P<yuan>元)?"
    rf"|(?P<plain>{_DIGITS}){_SP}元)"
)
_EN = re.compile(
    rf"(?<![\w.%\-/])(?:(?P<pct>{_DIGITS})(?:\s?%(?![0-9A-Fa-f]{{2}})|\s(?:percent|per\scent)\b)"
    rf"|(?P<num>{_DIGITS})\s(?P<scale>thousand|million|billion|trillion)\b(?P<yuan>\s+yuan\b)?"
    rf"|(?P<plain>{_DIGITS})(?P<yuan2>\s+yuan\b)"
    rf"|(?P<grouped>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?)(?![\d,]))"
)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    percent: bool = False
    yuan: bool = False
    percent_words: bool = False  # written 百分之五 / 5 percent rather than 5%


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def find_numbers(text: str, lang: str) -> list[tuple[int, int, Amount]]:
    """(start, end, amount) of each number with a unit, a percentage or yuan in ``text``.

    Plain numbers (years, counts below 1,000) are left alone.
    """
    found = []
    if lang == "zh":
        for m in _ZH.finditer(text):
            if m["cnpct"]:
                import cn2an

                try:
                    value = Decimal(str(cn2an.cn2an(m["cnpct"], "smart")))
                except (ValueError, InvalidOperation):
                    continue
                found.append((m.start(), m.end(), Amount(value, percent=True, percent_words=True)))
            elif m["pct"]:
                found.append((m.start(), m.end(), Amount(_decimal(m["pct"]), percent=True)))
            elif m["num"]:
                value = _decimal(m["num"]) * _ZH_UNITS[m["unit"]]
                found.append((m.start(), m.end(), Amount(value, yuan=bool(m["yuan"]))))
            else:
                found.append((m.start(), m.end(), Amount(_decimal(m["plain"]), yuan=True)))
        return found
    for m in _EN.finditer(text):
        if m["pct"]:
            words = not m.group(0).rstrip().endswith("%")
            found.append((m.start(), m.end(), Amount(_decimal(m["pct"]), percent=True, percent_words=words)))
        elif m["num"]:
            value = _decimal(m["num"]) * _EN_SCALES[m["scale"]]
            found.append((m.start(), m.end(), Amount(value, yuan=bool(m["yuan"]))))
        elif m["plain"]:
            found.append((m.start(), m.end(), Amount(_decimal(m["plain"]), yuan=True)))
        elif _decimal(m["grouped"]) >= 10_000:  # from 10,000 on, Chinese writes 万 and 亿
            found.append((m.start(), m.end(), Amount(_decimal(m["grouped"]))))
    return found


_ANY_NUMBER = re.compile(_DIGITS)


def find_values(text: str, lang: str) -> list[Amount]:
    """Every amount in ``text``: those of ``find_numbers`` and plain numbers (1200, 3.5)."""
    amounts = [amount for _, _, amount in find_numbers(text, lang)]
    amounts += [Amount(_decimal(m.group(0))) for m in _ANY_NUMBER.finditer(text)]
    return amounts


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def render_number(amount: Amount, lang: str) -> str:
    """The amount as the newsroom writes it in ``lang``."""
    from babel.numbers import format_compact_decimal, format_decimal

    value = amount.value
    if amount.percent:
        if lang == "en":
            return f"{_plain(value)} percent" if amount.percent_words else f"{_plain(value)}%"
        return f"{_plain(value)}%"
    if lang == "en":
        if value >= 1_000_000:
            text = format_compact_decimal(value, format_type="long", locale="en_US", fraction_digits=3)
        else:
            text = format_decimal(value, locale="en_US")
        return f"{text} yuan" if amount.yuan else str(text)
    if value >= 10_000:
        text = format_compact_decimal(value, format_type="short", locale="zh_CN", fraction_digits=4)
    else:
        text = format_decimal(value, locale="zh_CN")
    return f"{text}元" if amount.yuan else str(text)


def same_amount(a: Amount, b: Amount) -> bool:
    """Equal values (within the rounding of a compact form) of the same kind."""
    if a.percent != b.percent:
        return False
    if a.value == b.value:
        return True
    return abs(a.value - b.value) <= abs(a.value) * Decimal("0.001")
