"""A Catalog as PO text, byte for byte what GNU gettext 0.21's ``msgcat`` writes for it.

``write_po(catalog, width=79)`` gives the header entry first, then every entry
that is not obsolete in catalog order, then the obsolete ones, separated by one
blank line. Per entry, in gettext's order: translator comments (``#``),
extracted comments (``#.``), references (``#:``), flags (``#,``), previous
strings (``#|``), then ``msgctxt``, ``msgid``, ``msgid_plural`` and ``msgstr``
or ``msgstr[n]``. Obsolete entries keep all their comments; their strings take
``#~ `` and their previous strings ``#~| ``. ``width=0`` is ``--no-wrap``
(references still wrap at 79 bytes), and a width under 20 counts as 20, as in
msgcat. As gettext does, a reference loses its leading ``./``.

Where msgcat would drop something the model holds, it is written anyway:
flags gettext does not know (after the known ones, in their own order), the
``wrap`` flag (where ``no-wrap`` would stand), ``fuzzy`` on an untranslated
entry, the range of an obsolete entry, an obsolete entry with no translation,
a repeated reference.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Catalog, Entry
from .wrap import DEFAULT_WIDTH, MIN_WIDTH, format_string, string_lines, text_room

__all__ = ["write_po", "entry_text", "string_lines", "FORMAT_FLAGS"]

# gettext 0.21's format languages, in the order it writes their flags.
_FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip
FORMAT_FLAGS = tuple(f"{language}-format" for language in _FORMAT_LANGUAGES)

_FLAG_RANK: dict[str, int] = {"fuzzy": 0}
for _rank, _language in enumerate(_FORMAT_LANGUAGES, start=1):
    _FLAG_RANK[f"{_language}-format"] = _rank
    _FLAG_RANK[f"no-{_language}-format"] = _rank
_RANGE_RANK = len(_FORMAT_LANGUAGES) + 1
_FLAG_RANK["no-wrap"] = _FLAG_RANK["wrap"] = _RANGE_RANK + 1
_UNKNOWN_RANK = _RANGE_RANK + 2


def _flag_rank(flag: str) -> int:
    rank = _FLAG_RANK.get(flag)
    if rank is not None:
        return rank
    return _RANGE_RANK if flag.startswith("range:") else _UNKNOWN_RANK


def _flags_line(flags: list[str]) -> str:
    if len(flags) == 1:
        return f"#, {flags[0]}\n"
    ordered = sorted(dict.fromkeys(flags), key=_flag_rank)  # stable: unknown flags keep their order
    return f"#, {', '.join(ordered)}\n"


def _comment_lines(mark: str, comments: Iterable[str]) -> str:
    out = []
    for comment in comments:
        for line in comment.split("\n"):
            out.append(f"{mark} {line}\n" if line else f"{mark}\n")
    return "".join(out)


def _references(occurrences: list[tuple[str, str]], page_width: int) -> str:
    """``#:`` lines: a reference moves to a new line when it would pass the page width (in bytes)."""
    if len(occurrences) == 1:
        filename, line = occurrences[0]
        if not filename.startswith("./"):
            return f"#: {filename}:{line}\n" if line else f"#: {filename}\n"
    out = ["#:"]
    column = 2
    for filename, line in occurrences:
        while filename.startswith("./"):
            filename = filename[2:]
        reference = f"{filename}:{line}" if line else filename
        length = len(reference.encode()) + 1
        if column > 2 and column + length > page_width:
            out.append("\n#:")
            column = 2
        out.append(" ")
        out.append(reference)
        column += length
    out.append("\n")
    return "".join(out)


def entry_text(entry: Entry, *, width: int = DEFAULT_WIDTH) -> str:
    """One entry's lines, each ending in a newline (no blank line around it)."""
    return _entry_text(entry, _page_width(width))


def _page_width(width: int) -> int:
    if width < 0:
        raise ValueError(f"width must be 0 (no wrapping) or positive, not {width}")
    return max(width, MIN_WIDTH) if width else 0


def _entry_text(entry: Entry, width: int) -> str:
    out = []
    if entry.translator_comments:
        out.append(_comment_lines("#", entry.translator_comments))
    if entry.extracted_comments:
        out.append(_comment_lines("#.", entry.extracted_comments))
    if entry.occurrences:
        out.append(_references(entry.occurrences, width or DEFAULT_WIDTH))
    flags = entry.flags
    if flags:
        out.append(_flags_line(flags))
        if "no-wrap" in flags:
            width = 0
    prefix = "#~ " if entry.obsolete else ""
    room = text_room(width, prefix)
    if entry.previous_msgid is not None or entry.previous_msgctxt is not None or entry.previous_msgid_plural is not None:
        previous_prefix = "#~| " if entry.obsolete else "#| "
        previous_room = text_room(width, previous_prefix)
        for keyword, value in (
            ("msgctxt", entry.previous_msgctxt),
            ("msgid", entry.previous_msgid),
            ("msgid_plural", entry.previous_msgid_plural),
        ):
            if value is not None:
                out.append(format_string(keyword, value, previous_prefix, previous_room))
    if entry.msgctxt is not None:
        out.append(format_string("msgctxt", entry.msgctxt, prefix, room))
    out.append(format_string("msgid", entry.msgid, prefix, room))
    if entry.msgid_plural is None:
        out.append(format_string("msgstr", entry.msgstr, prefix, room))
    else:
        out.append(format_string("msgid_plural", entry.msgid_plural, prefix, room))
        forms = entry.msgstr_plural or {0: ""}
        for index in sorted(forms):
            out.append(format_string(f"msgstr[{index}]", forms[index], prefix, room))
    return "".join(out)


def write_po(catalog: Catalog, *, width: int = DEFAULT_WIDTH) -> str:
    """The whole PO file: header, entries, then obsolete entries, ending with one newline."""
    width = _page_width(width)
    texts = []
    if catalog.header is not None:
        texts.append(_entry_text(catalog.header, width))
    obsolete = []
    for entry in catalog.entries:
        if entry.obsolete:
            obsolete.append(entry)
        else:
            texts.append(_entry_text(entry, width))
    for entry in obsolete:
        texts.append(_entry_text(entry, width))
    return "\n".join(texts)
