"""One PO string as PO lines, broken exactly where GNU gettext 0.21 (with libunistring 1.0) breaks it.

``string_lines(keyword, value, prefix=..., width=...)`` returns the ``keyword "..."``
lines of one string, each ending with a newline. The string is escaped
(``\\a \\b \\f \\n \\r \\t \\v``, ``\\"``, ``\\\\``; other control characters are written
raw), split after each ``\\n`` into portions, and each portion is broken greedily
at the page width, counting display columns (East Asian wide and full-width 2,
non-spacing 0, control characters ignored). Break opportunities are those of
the Unicode line-breaking algorithm (UAX #14) as libunistring 1.0 applies it:
the pair table, spaces, combining marks, ZW/ZWJ, regional-indicator pairs,
``HL (HY|BA) ×``, East Asian opening punctuation, and the mandatory breaks
(U+0085, U+2028, U+2029) that restart the column count without ending the
line. No break falls inside an escape sequence nor before a final ``\\n``. A
string that needs more than one line starts with ``keyword ""``. ``width=0``
means gettext's ``--no-wrap``: lines end only after ``\\n``.

Line_Break values come from the ``regex`` module and widths from ``unicodedata``;
both are folded back to the Unicode 14.0 data that libunistring 1.0 carries
(Python 3.11's ``unicodedata`` is 14.0.0). Strings that fit on their line take
a fast path; for longer ones break opportunities are decided only around the
places where a line must end, from the few characters before each candidate.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

import regex

__all__ = ["string_lines", "format_string", "text_room", "escape", "display_width", "DEFAULT_WIDTH", "MIN_WIDTH"]

DEFAULT_WIDTH = 79
MIN_WIDTH = 20  # msgcat --width=10 wraps at 20

_ESCAPES = str.maketrans(
    {
        "\a": "\\a",
        "\b": "\\b",
        "\f": "\\f",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\v": "\\v",
        '"': '\\"',
        "\\": "\\\\",
    }
)


def escape(text: str) -> str:
    """``text`` as it stands between the quotes of a PO string."""
    return text.translate(_ESCAPES)


# --- line-break classes ---------------------------------------------------------------------

# Resolved classes, as libunistring 1.0 uses them. OE is an opening punctuation of East Asian
# width F/W/H, which letters and digits may break before (UAX #14 LB30).
(OP, CL, CP, QU, GL, NS, EX, SY, IS, PR, PO, NU, AL, HL, ID, IN, HY, BA, BB, B2, WJ,
 H2, H3, JL, JV, JT, RI, EB, EM, OE) = range(30)  # fmt: skip
SP, ZW, CM, ZWJ, BK = range(30, 35)

# UAX #14's pair table, with the OE column: row = class before the opportunity (the last one
# that is not a space), column = class after it. "_" break allowed, "%" only if spaces come
# between, "^" never. The rules around it are in _opportunity.
_PAIR_TABLE = """
    OP CL CP QU GL NS EX SY IS PR PO NU AL HL ID IN HY BA BB B2 WJ H2 H3 JL JV JT RI EB EM OE
OP  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^
CL  _  ^  ^  %  %  ^  ^  ^  ^  %  %  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
CP  _  ^  ^  %  %  %  ^  ^  ^  %  %  %  %  %  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
QU  ^  ^  ^  %  %  %  ^  ^  ^  %  %  %  %  %  %  %  %  %  %  %  ^  %  %  %  %  %  %  %  %  ^
GL  %  ^  ^  %  %  %  ^  ^  ^  %  %  %  %  %  %  %  %  %  %  %  ^  %  %  %  %  %  %  %  %  %
NS  _  ^  ^  %  %  %  ^  ^  ^  _  _  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
EX  _  ^  ^  %  %  %  ^  ^  ^  _  _  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
SY  _  ^  ^  %  %  %  ^  ^  ^  _  _  %  _  %  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
IS  _  ^  ^  %  %  %  ^  ^  ^  _  _  %  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
PR  %  ^  ^  %  %  %  ^  ^  ^  _  _  %  %  %  %  %  %  %  _  _  ^  %  %  %  %  %  _  %  %  %
PO  %  ^  ^  %  %  %  ^  ^  ^  _  _  %  %  %  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  %
NU  %  ^  ^  %  %  %  ^  ^  ^  %  %  %  %  %  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
AL  %  ^  ^  %  %  %  ^  ^  ^  %  %  %  %  %  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
HL  %  ^  ^  %  %  %  ^  ^  ^  %  %  %  %  %  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
ID  _  ^  ^  %  %  %  ^  ^  ^  _  %  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
IN  _  ^  ^  %  %  %  ^  ^  ^  _  _  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
HY  _  ^  ^  %  _  %  ^  ^  ^  _  _  %  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
BA  _  ^  ^  %  _  %  ^  ^  ^  _  _  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
BB  %  ^  ^  %  %  %  ^  ^  ^  %  %  %  %  %  %  %  %  %  %  %  ^  %  %  %  %  %  %  %  %  %
B2  _  ^  ^  %  %  %  ^  ^  ^  _  _  _  _  _  _  %  %  %  _  ^  ^  _  _  _  _  _  _  _  _  _
WJ  %  ^  ^  %  %  %  ^  ^  ^  %  %  %  %  %  %  %  %  %  %  %  ^  %  %  %  %  %  %  %  %  %
H2  _  ^  ^  %  %  %  ^  ^  ^  _  %  _  _  _  _  %  %  %  _  _  ^  _  _  _  %  %  _  _  _  _
H3  _  ^  ^  %  %  %  ^  ^  ^  _  %  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  %  _  _  _  _
JL  _  ^  ^  %  %  %  ^  ^  ^  _  %  _  _  _  _  %  %  %  _  _  ^  %  %  %  %  _  _  _  _  _
JV  _  ^  ^  %  %  %  ^  ^  ^  _  %  _  _  _  _  %  %  %  _  _  ^  _  _  _  %  %  _  _  _  _
JT  _  ^  ^  %  %  %  ^  ^  ^  _  %  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  %  _  _  _  _
RI  _  ^  ^  %  %  %  ^  ^  ^  _  _  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  %  _  _  _
EB  _  ^  ^  %  %  %  ^  ^  ^  _  %  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  %  _
EM  _  ^  ^  %  %  %  ^  ^  ^  _  %  _  _  _  _  %  %  %  _  _  ^  _  _  _  _  _  _  _  _  _
OE  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^  ^
"""

_NEVER, _AFTER_SPACE, _ALWAYS = 0, 1, 2


def _parse_pair_table(text: str) -> tuple[bytes, ...]:
    lines = text.split("\n")[2:-1]
    symbols = {"^": _NEVER, "%": _AFTER_SPACE, "_": _ALWAYS}
    return tuple(bytes(symbols[cell] for cell in line.split()[1:]) for line in lines)


_PAIRS = _parse_pair_table(_PAIR_TABLE)

# Line_Break values as the regex module names them, resolved the way libunistring 1.0 does:
# AI, SA, XX and surrogates as AL, CB as ID, CJ as NS; CR, LF, NL as mandatory breaks. The
# classes that Unicode added after 14.0 go back to what their characters were then: HH (hyphens)
# to BA, VF/VI (viramas) to CM, AK/AP/AS (aksaras) to AL, or NU for digits.
_CLASS_NAMES = {
    "OP": OP, "CL": CL, "CP": CP, "QU": QU, "GL": GL, "NS": NS, "EX": EX, "SY": SY, "IS": IS,
    "PR": PR, "PO": PO, "NU": NU, "AL": AL, "HL": HL, "ID": ID, "IN": IN, "HY": HY, "BA": BA,
    "BB": BB, "B2": B2, "WJ": WJ, "H2": H2, "H3": H3, "JL": JL, "JV": JV, "JT": JT, "RI": RI,
    "EB": EB, "EM": EM, "SP": SP, "ZW": ZW, "CM": CM, "ZWJ": ZWJ,
    "BK": BK, "CR": BK, "LF": BK, "NL": BK,
    "AI": AL, "SA": AL, "XX": AL, "SG": AL, "CB": ID, "CJ": NS,
    "HH": BA, "VF": CM, "VI": CM, "AK": AL, "AP": AL, "AS": AL,
}  # fmt: skip
_AKSARA = ("AK", "AP", "AS")

_LINE_BREAK = regex.compile(
    "|".join(f"(?P<{name}>\\p{{Line_Break={name}}})" for name in _CLASS_NAMES)
)

# Assigned characters whose Line_Break value changed after Unicode 14.0 (the regex module
# carries a newer Unicode), with the value libunistring 1.0 gives them: (first, last, class).
_UNICODE_14_CLASSES: tuple[tuple[int, int, int], ...] = (
    (0x00B7, 0x00B7, AL),
    (0x034F, 0x034F, GL),
    (0x0387, 0x0387, AL),
    (0x0600, 0x0605, AL),
    (0x06DD, 0x06DD, AL),
    (0x0890, 0x0891, AL),
    (0x08E2, 0x08E2, AL),
    (0x19DA, 0x19DA, AL),
    (0x1B5C, 0x1B5C, AL),
    (0x1B61, 0x1B6A, AL),
    (0x1B74, 0x1B7C, AL),
    (0x1DCD, 0x1DCD, CM),
    (0x1DFC, 0x1DFC, CM),
    (0x2057, 0x2057, AL),
    (0x2800, 0x2800, AL),
    (0x2E56, 0x2E56, CL),
    (0x2E58, 0x2E58, CL),
    (0x2E5A, 0x2E5A, CL),
    (0x2E5C, 0x2E5C, CL),
    (0xA9C1, 0xA9C6, AL),
    (0xA9CA, 0xA9CD, AL),
    (0xA9CF, 0xA9CF, AL),
    (0xA9DE, 0xA9DF, AL),
    (0xAA40, 0xAA42, AL),
    (0xAA44, 0xAA4B, AL),
    (0xAA5C, 0xAA5C, AL),
    (0xFE10, 0xFE10, IS),
    (0xFE13, 0xFE14, IS),
    (0xFE20, 0xFE20, CM),
    (0xFE22, 0xFE22, CM),
    (0xFE24, 0xFE24, CM),
    (0xFE26, 0xFE27, CM),
    (0xFE29, 0xFE29, CM),
    (0xFE2B, 0xFE2B, CM),
    (0xFE2D, 0xFE2E, CM),
    (0xFE51, 0xFE51, ID),
    (0x11049, 0x1104D, AL),
    (0x11052, 0x11065, AL),
    (0x1107F, 0x1107F, CM),
    (0x110BD, 0x110BD, AL),
    (0x110CD, 0x110CD, AL),
    (0x1133D, 0x1133D, AL),
    (0x1135D, 0x1135D, AL),
    (0x11EF2, 0x11EF2, AL),
    (0x11EF7, 0x11EF8, AL),
    (0x1F10D, 0x1F10F, ID),
    (0x1F16D, 0x1F16F, ID),
    (0x1F1AD, 0x1F1AD, ID),
    (0x1F8B0, 0x1F8B1, ID),
)

# Classes of code points unassigned in Unicode 14.0 (by block, as libunistring 1.0 has them);
# any other unassigned code point is AL.
_UNASSIGNED_CLASSES = (
    (0x20A0, 0x20CF, PR), (0x3400, 0x4DBF, ID), (0x4E00, 0x9FFF, ID), (0xF900, 0xFAFF, ID),
    (0x1F000, 0x1FAFF, EB), (0x1FC00, 0x1FFFD, EB), (0x20000, 0x2FFFD, ID), (0x30000, 0x3FFFD, ID),
)  # fmt: skip
_WIDE_BLOCKS = (
    (0x2E80, 0xA4CF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F), (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6), (0x1F200, 0x1F2FF), (0x20000, 0x3FFFF),
)  # fmt: skip


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= code <= last for first, last in ranges)


def _line_break_class(char: str) -> int:
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cn":  # unassigned in Unicode 14.0
        for first, last, value in _UNASSIGNED_CLASSES:
            if first <= code <= last:
                return value
        return AL
    for first, last, value in _UNICODE_14_CLASSES:
        if first <= code <= last:
            return value
    match = _LINE_BREAK.match(char)
    name = match.lastgroup if match is not None else None
    if name is None:
        return AL
    if name in _AKSARA:
        return NU if category == "Nd" else AL
    value = _CLASS_NAMES[name]
    if value == OP and unicodedata.east_asian_width(char) in ("F", "W", "H"):
        return OE
    return value


def _char_width(char: str) -> int:
    """Columns of one character as libunistring 1.0 counts them; control characters count 0."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    category = unicodedata.category(char)
    if category == "Cn":
        return 2 if _in_ranges(code, _WIDE_BLOCKS) else 1
    if code in (0x0CBF, 0x0CC6, 0x11A07, 0x11A08, 0x11C3F):  # Mn, yet spacing in libunistring
        return 1
    if category in ("Mn", "Me", "Cf") or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class _ClassCache(dict[str, int]):
    def __missing__(self, char: str) -> int:
        value = self[char] = _line_break_class(char)
        return value


class _WidthCache(dict[str, int]):
    def __missing__(self, char: str) -> int:
        value = self[char] = _char_width(char)
        return value


_CLASS = _ClassCache()
_WIDTH = _WidthCache()
_class_of = _CLASS.__getitem__
_width_of = _WIDTH.__getitem__

# Characters whose width the high byte of their UTF-16 code unit tells: Latin (1), general
# punctuation (1), CJK symbols, kana, ideographs, Hangul syllables, full-width forms (2). A text
# made only of them is measured without looking at each character in Python.
_FAST_NON_ASCII = (
    "\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u303e"
    "\u3040-\u3098\u309b-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60"
)
_FAST_WIDTH = re.compile(f"[\\x20-\\x7e{_FAST_NON_ASCII}]*")
_PLAIN_FAST = re.compile(f"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e{_FAST_NON_ASCII}]*")  # nothing to escape either
_HIGH_BYTE_WIDTH = bytes(
    1 if high <= 0x02 or high == 0x20 else 2 if 0x30 <= high <= 0xD7 or high in (0xF9, 0xFA, 0xFF) else 0
    for high in range(256)
)
# Printable ASCII but the quote and the backslash: deleting these from a text's bytes leaves
# nothing when the text needs no escape and every character is one column wide.
_PLAIN_ASCII = bytes(code for code in range(0x20, 0x7F) if code not in (0x22, 0x5C))
_MANDATORY = re.compile("[\x85\u2028\u2029]")


def _fast_widths(text: str) -> bytes:
    return text.encode("utf-16-be")[::2].translate(_HIGH_BYTE_WIDTH)


def _widths(text: str) -> bytes | None:
    """The width of each character of ``text``; None when every one is 1 (printable ASCII)."""
    if text.isascii() and text.isprintable():
        return None
    if _FAST_WIDTH.fullmatch(text):
        return _fast_widths(text)
    return bytes(map(_width_of, text))


def display_width(text: str) -> int:
    """Columns that ``text`` takes, counted as gettext counts them (control characters count 0)."""
    widths = _widths(text)
    return len(text) if widths is None else sum(widths)


# --- break opportunities --------------------------------------------------------------------


def _opportunity(s: str, k: int, final_newline: bool) -> bool:
    """Whether a line may break before ``s[k]`` (0 < k < len(s)), ``s`` being one escaped portion.

    libunistring computes this left to right with a small state (last class that is not a
    space, whether spaces followed it, the two previous classes, the run of regional
    indicators); here the state is rebuilt from the characters just before ``k``.
    """
    if s[k - 1] == "\\":
        run = 1
        while run < k and s[k - 1 - run] == "\\":
            run += 1
        if run % 2:  # s[k] is the letter of an escape sequence
            return False
    if final_newline and k == len(s) - 2:
        return False
    cls = _class_of
    after = cls(s[k])
    if after == SP or after == ZW or after == BK:
        return False
    j = k - 1
    before = cls(s[j])
    seen_space = before == SP
    while before == SP:
        j -= 1
        if j < 0:
            return False
        before = cls(s[j])
    if before == CM or before == ZWJ:
        # A run of combining marks takes the class of its base, or AL where it has none.
        while j > 0 and cls(s[j - 1]) in (CM, ZWJ):
            j -= 1
        base = cls(s[j - 1]) if j > 0 else BK
        last = AL if base in (SP, ZW, BK) else base
    else:
        last = before
    if after == CM or after == ZWJ:
        return last != BK and (last == ZW or seen_space)
    if last == BK:
        return False
    if last == ZW:
        return True
    previous = cls(s[k - 1])
    if previous == ZWJ:
        return False
    if (previous == HY or previous == BA) and k >= 2 and cls(s[k - 2]) == HL:
        return False
    if last == RI and after == RI and not seen_space:
        run = 0
        while run < k and cls(s[k - 1 - run]) == RI:
            run += 1
        return run % 2 == 0
    pair = _PAIRS[last][after]
    return pair == _ALWAYS or (pair == _AFTER_SPACE and seen_space)


_CONTEXT = (SP, ZW, CM, ZWJ, BK, HY, BA)


def _pair_verdict(pair: str) -> int:
    """1 or 0 when two adjacent characters alone settle whether a line may break between
    them, -1 when the characters before them matter too (or a backslash is involved)."""
    if "\\" in pair:
        return -1
    before, after = _class_of(pair[0]), _class_of(pair[1])
    if before in _CONTEXT or (before == RI and after == RI):
        return -1
    if after >= SP:  # SP, ZW, CM, ZWJ, BK: never right after a base character
        return 0
    return 1 if _PAIRS[before][after] == _ALWAYS else 0


class _PairCache(dict[str, int]):
    def __missing__(self, pair: str) -> int:
        if len(self) >= 200_000:  # CJK text has millions of pairs: keep the memory bounded
            self.clear()
        value = self[pair] = _pair_verdict(pair)
        return value


_PAIR = _PairCache()


def _last_opportunity(s: str, low: int, high: int, final_newline: bool) -> int:
    """The last k with low < k <= high where a line may break, or -1."""
    verdict = _PAIR.__getitem__
    for k in range(high, low, -1):
        found = verdict(s[k - 1 : k + 1])
        if found > 0 or (found < 0 and _opportunity(s, k, final_newline)):
            return k
    return -1


def _next_opportunity(s: str, low: int, high: int, final_newline: bool) -> int:
    """The first k with low < k < high where a line may break, or -1."""
    verdict = _PAIR.__getitem__
    for k in range(low + 1, high):
        found = verdict(s[k - 1 : k + 1])
        if found > 0 or (found < 0 and _opportunity(s, k, final_newline)):
            return k
    return -1


# In printable ASCII a line may break only after a space or one of these (CL, CP, EX, IS, SY,
# HY, BA, PO, PR): finding them with a regular expression skips the letters in between.
_ASCII_BREAK_AFTER = re.compile(r"[ })\]!?,.:;/\-|%$+\\]")
_ASCII_CLASSES = {chr(code): _class_of(chr(code)) for code in range(0x21, 0x7F)}
# Pairs of printable ASCII characters other than the space with a break between them when
# they are adjacent, and when spaces come between them.
_ASCII_ADJACENT = frozenset(
    a + b for a, x in _ASCII_CLASSES.items() for b, y in _ASCII_CLASSES.items() if _PAIRS[x][y] == _ALWAYS
)
_ASCII_SPACED = frozenset(
    a + b for a, x in _ASCII_CLASSES.items() for b, y in _ASCII_CLASSES.items() if _PAIRS[x][y] != _NEVER
)


def _ascii_opportunity(s: str, k: int, final_newline: bool) -> bool:
    """``_opportunity`` for printable ASCII text."""
    after = s[k]
    before = s[k - 1]
    if after == " ":
        return False
    if before == "\\" or after == "\\":  # escape sequences, the final newline
        return _opportunity(s, k, final_newline)
    if before != " ":
        return before + after in _ASCII_ADJACENT
    j = k - 2
    while j >= 0 and s[j] == " ":
        j -= 1
    return j >= 0 and s[j] + after in _ASCII_SPACED


def _last_ascii_opportunity(s: str, low: int, high: int, final_newline: bool) -> int:
    """``_last_opportunity`` for printable ASCII text."""
    # Most often: the last space comes before a word of letters and digits, and the break is
    # right after that space unless an opening bracket stands before it.
    space = s.rfind(" ", low, high)
    if space >= low and s[space + 1 : high + 1].isalnum():
        j = space - 1
        while j >= 0 and s[j] == " ":
            j -= 1
        if j >= 0 and s[j] not in "([{":
            return space + 1
    # Otherwise try each character a break may follow, from the last one back.
    if high <= low:
        return -1
    reverse = s[high - 1 : low - 1 if low else None : -1]  # s[high - 1], ..., s[low]
    search = _ASCII_BREAK_AFTER.search
    position = 0
    while (match := search(reverse, position)) is not None:
        k = high - match.start()
        if _ascii_opportunity(s, k, final_newline):
            return k
        position = match.end()
    return -1


def _next_ascii_opportunity(s: str, low: int, high: int, final_newline: bool) -> int:
    """``_next_opportunity`` for printable ASCII text."""
    position = low
    search = _ASCII_BREAK_AFTER.search
    while (match := search(s, position, high - 1)) is not None:
        k = match.end()
        if _ascii_opportunity(s, k, final_newline):
            return k
        position = k
    return -1


# --- line filling ---------------------------------------------------------------------------


def _line_starts(s: str, widths: bytes | None, column: int, limit: int, final_newline: bool) -> list[int]:
    """Where lines start after the first, filling one escaped portion from ``column`` (then 0).

    A line holds at most ``limit`` columns; a break goes at the start of the piece (text
    between two opportunities) that crosses the limit, and a piece wider than a line stands
    alone on its line. ``widths`` is None for printable ASCII.
    """
    if widths is None:
        return _ascii_line_starts(s, column, limit, final_newline)
    if "\x85" in s or "\u2028" in s or "\u2029" in s:
        return _line_starts_across_mandatory_breaks(s, widths, column, limit, final_newline)
    if 0 not in widths:
        return _narrow_wide_line_starts(s, widths, len(s) + widths.count(b"\x02"), column, limit, final_newline)
    n = len(s)
    starts: list[int] = []
    start = 0
    cumulative = list(accumulate(widths))
    while True:
        room = limit - column
        if room < 0:
            overflow = start
        else:
            overflow = bisect_right(cumulative, (cumulative[start - 1] if start else 0) + room, start)
        if overflow >= n:
            return starts
        k = _last_opportunity(s, start, overflow, final_newline)
        if k < 0:
            k = _next_opportunity(s, overflow, n, final_newline)
            if k < 0:
                return starts
        starts.append(k)
        start = k
        column = 0


def _ascii_line_starts(s: str, column: int, limit: int, final_newline: bool) -> list[int]:
    """``_line_starts`` for printable ASCII."""
    n = len(s)
    starts: list[int] = []
    start = 0
    while True:
        overflow = start + max(limit - column, 0)
        if overflow >= n:
            return starts
        k = _last_ascii_opportunity(s, start, overflow, final_newline)
        if k < 0:
            k = _next_ascii_opportunity(s, overflow, n, final_newline)
            if k < 0:
                return starts
        starts.append(k)
        start = k
        column = 0


def _narrow_wide_line_starts(
    s: str, widths: bytes, total: int, column: int, limit: int, final_newline: bool
) -> list[int]:
    """``_line_starts`` for text whose characters are all 1 or 2 columns wide (``total`` in all)."""
    n = len(s)
    starts: list[int] = []
    start = 0
    while True:
        room = limit - column
        if (total - start - widths.count(b"\x02", 0, start) if start else total) <= room:
            return starts
        overflow = _narrow_wide_overflow(widths, start, room) if room > 0 else start
        if overflow > start and _PAIR[s[overflow - 1 : overflow + 1]] > 0:
            k = overflow  # most often in CJK text: a break right before the overflowing character
        else:
            k = _last_opportunity(s, start, overflow, final_newline)
        if k < 0:
            k = _next_opportunity(s, overflow, n, final_newline)
            if k < 0:
                return starts
        starts.append(k)
        start = k
        column = 0


def _narrow_wide_overflow(widths: bytes, start: int, room: int) -> int:
    """The first index from ``start`` on whose character passes ``room`` columns (``len(widths)``
    if none), every width being 1 or 2: counting the wide ones replaces summing them all."""
    n = len(widths)
    count = widths.count
    end = min(start + room // 2, n)  # widths[start:end] surely fits
    while True:
        slack = room - (end - start) - count(b"\x02", start, end)
        if slack < 2 or end == n:
            break
        end = min(end + slack // 2, n)  # these fit too
    if end < n and slack == 1 and widths[end] == 1:
        end += 1
    return end


def _line_starts_across_mandatory_breaks(
    s: str, widths: bytes, column: int, limit: int, final_newline: bool
) -> list[int]:
    """``_line_starts`` for a portion holding U+0085, U+2028 or U+2029.

    Such a character restarts the column count at 0 (its own width not counted) without
    ending the line, and the text after it up to the next opportunity cannot move.
    """
    n = len(s)
    starts = []
    start = 0  # where the current line starts
    floor = 0  # breaks only after this index
    i = 0
    while i < n:
        if _class_of(s[i]) == BK:
            column = 0
            floor = i
            i += 1
            continue
        column += widths[i]
        if column <= limit:
            i += 1
            continue
        k = _last_opportunity(s, max(start, floor), i, final_newline)
        if k < 0:
            found = _MANDATORY.search(s, i)
            end = found.start() if found else n
            k = _next_opportunity(s, i, end, final_newline)
            if k < 0:
                i = end
                continue
        starts.append(k)
        start = i = k
        column = 0
    return starts


# --- PO string lines ------------------------------------------------------------------------

_RARE_ESCAPES = {code: value for code, value in _ESCAPES.items() if chr(code) in "\a\b\f\r\t\v"}
_NEEDS_RARE_ESCAPE = re.compile("[\a\b\f\r\t\v]")


def escape_split(value: str) -> str:
    """``escape(value)``, but each newline also leaves a real one behind its ``\\n``, to split
    the portions at. By str.replace: translate with a table looks up each character in Python,
    slow on the long header and on Chinese text."""
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n\n")
    return text.translate(_RARE_ESCAPES) if _NEEDS_RARE_ESCAPE.search(text) else text


_NEEDS_ESCAPE = re.compile('[\a\b\f\n\r\t\v"\\\\]')
_NO_LIMIT = 1 << 62


def string_lines(keyword: str, value: str, *, prefix: str = "", width: int = DEFAULT_WIDTH) -> str:
    """``keyword "value"`` as gettext writes it: escaped, wrapped at ``width``, each line ending in a newline.

    ``prefix`` starts every line (``"#~ "`` for an obsolete entry, ``"#| "`` for a previous
    string, ``"#~| "`` for both). ``width=0`` does not wrap, except after each ``\\n``; a
    width under 20 counts as 20, as in gettext.
    """
    return format_string(keyword, value, prefix, text_room(width, prefix))


def text_room(width: int, prefix: str) -> int:
    """Columns gettext leaves for the text of a line: the page less the prefix and the two quotes.

    gettext takes a page narrower than ``MIN_WIDTH`` as ``MIN_WIDTH`` wide; 0 is no limit.
    """
    if width <= 0:
        return _NO_LIMIT
    return max(width, MIN_WIDTH) - len(prefix) - 2


def format_string(keyword: str, value: str, prefix: str, room: int) -> str:
    """``string_lines`` with the room for the text already known (see ``text_room``)."""
    if value.isascii():
        if not value.encode().translate(None, _PLAIN_ASCII):  # printable, nothing to escape
            if len(keyword) + 1 + len(value) <= room:
                return f'{prefix}{keyword} "{value}"\n'
            return _lines(keyword, value, prefix, room, None, _ascii_line_starts(value, 0, room, False), False)
    elif _PLAIN_FAST.fullmatch(value):  # 1 or 2 columns each, nothing to escape
        narrow_wide = _fast_widths(value)
        total = len(value) + narrow_wide.count(b"\x02")
        if len(keyword) + 1 + total <= room:
            return f'{prefix}{keyword} "{value}"\n'
        starts = _narrow_wide_line_starts(value, narrow_wide, total, 0, room, False)
        return _lines(keyword, value, prefix, room, narrow_wide, starts, False)
    text = value
    if _NEEDS_ESCAPE.search(value) is not None:
        text = escape_split(value)
        if "\n" in text:
            portions = text.split("\n")
            if not portions[-1]:
                portions.pop()
            if len(portions) > 1:
                return _portion_lines(f'{prefix}{keyword} ""\n', prefix, portions, value.endswith("\n"), room)
            text = portions[0]
    widths = _widths(text)
    if len(keyword) + 1 + (len(text) if widths is None else sum(widths)) <= room:
        return f'{prefix}{keyword} "{text}"\n'
    final = value.endswith("\n")
    return _lines(keyword, text, prefix, room, widths, _line_starts(text, widths, 0, room, final), final)


def _lines(
    keyword: str, text: str, prefix: str, room: int, widths: bytes | None, starts: list[int], final: bool
) -> str:
    """The lines of a one-portion ``text`` that does not fit after ``keyword``, broken at ``starts``
    (where lines start when filled from column 0)."""
    if not starts:
        # gettext starts with `keyword ""` when the text needs a break after `keyword "`
        # (which a break at column 0 implies); then the text fits on the next line.
        if not _line_starts(text, widths, len(keyword) + 1, room, final):
            return f'{prefix}{keyword} "{text}"\n'
        return f'{prefix}{keyword} ""\n{prefix}"{text}"\n'
    if len(starts) == 1:
        k = starts[0]
        return f'{prefix}{keyword} ""\n{prefix}"{text[:k]}"\n{prefix}"{text[k:]}"\n'
    out = [f'{prefix}{keyword} ""\n']
    start = 0
    for k in starts:
        out.append(f'{prefix}"{text[start:k]}"\n')
        start = k
    out.append(f'{prefix}"{text[start:]}"\n')
    return "".join(out)


def _portion_lines(first: str, prefix: str, portions: list[str], final: bool, room: int) -> str:
    out = [first]
    last = len(portions) - 1
    for index, portion in enumerate(portions):
        widths = _widths(portion)
        if (len(portion) if widths is None else sum(widths)) <= room:
            out.append(f'{prefix}"{portion}"\n')
            continue
        start = 0
        for k in _line_starts(portion, widths, 0, room, index < last or final):
            out.append(f'{prefix}"{portion[start:k]}"\n')
            start = k
        out.append(f'{prefix}"{portion[start:]}"\n')
    return "".join(out)
