"""PO text -> Catalog, as strictly as ``msgfmt`` reads it and without losing a character.

What msgfmt rejects is an ``InputError`` naming the file and line: a string
left open, text that is not PO, an escape gettext does not know (``\\q``),
a NUL, a keyword out of place, ``#~`` used for part of an entry, plural
forms out of order, and two entries with the same context and msgid
(obsolete ones included: after a git merge an entry is often both active
and ``#~``, and one of the two translations would be lost).

Lines are split at ``\\n`` only (and a CRLF's ``\\r`` dropped), never at
U+2028, U+0085 or the other characters ``str.splitlines`` breaks on, so
every code point a string holds comes back exactly. A 0-byte file is an
error too: it is a catalog that something emptied, not a new one.

polib would do most of this, but it splits lines with ``splitlines`` (a
msgstr with U+2028 loses that character and the one before it), takes
``\\q`` as a literal backslash, and keeps only one of two duplicate
entries; ``tests/test_po_read.py`` reads every PO file of the tests with
both and requires the same entries wherever polib is right.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .model import Catalog, Entry

__all__ = ["read_po", "unescape"]

_STRING = re.compile(r'[ \t]*"([^"\\]*(?:\\.[^"\\]*)*)"')
_ONE_STRING = re.compile(r'[ \t]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*')
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"])")
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))", re.DOTALL)
# The common entry, read in one match (no context, no plural, not obsolete, LF line
# ends, simple escapes): comment lines, "#| " lines, msgid and msgstr with their
# continuation strings, blank lines. Anything else is left to the line-by-line reader.
_S = r'[^"\\\n]*(?:\\[ntbrfva\\"][^"\\\n]*)*'
_FAST_ENTRY = re.compile(
    rf'((?:#(?:[ .:,][^\n]*)?\n)*)((?:#\| [^\n]*\n)*)msgid "({_S})"\n((?:"{_S}"\n)*)msgstr "({_S})"\n((?:"{_S}"\n)*)\n*'
)
_CONTINUED = re.compile(rf'"({_S})"\n')
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}


def unescape(text: str, *, path: str, line: int) -> str:
    """A PO string's contents (between the quotes) as the text it stands for."""
    if "\\" not in text:
        return text
    if not re.search(r"\\(?:[0-7]|x)", text):
        return _ESCAPE.sub(lambda match: _simple(match, path, line), text)
    # octal and hex escapes stand for bytes of the file's encoding (UTF-8)
    data = bytearray()
    position = 0
    for match in _ESCAPE.finditer(text):
        data += text[position : match.start()].encode("utf-8")
        position = match.end()
        if match.group(2) is not None or match.group(3) is not None:
            value = int(match.group(2), 8) if match.group(2) is not None else int(match.group(3), 16)
            if value > 0xFF:
                raise InputError(f"escape {match.group(0)!r} is more than one byte", path=path, line=line)
            if value == 0:
                raise InputError("NUL character (escaped): msgfmt cuts the string short there", path=path, line=line)
            data.append(value)
        else:
            data += _simple(match, path, line).encode("utf-8")
    data += text[position:].encode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("octal or hex escapes that are not UTF-8", path=path, line=line) from None


def _simple(match: re.Match[str], path: str, line: int) -> str:
    if match.group(1) is None:
        raise InputError(
            f"invalid escape {match.group(0)} (gettext knows \\n \\t \\\" \\\\ \\b \\f \\r \\v \\a, octal and hex); "
            "to write a backslash, write \\\\",
            path=path,
            line=line,
        )
    return _SIMPLE_ESCAPES[match.group(1)]


class _Reader:
    """One pass over the lines; comments, flags and ``#|`` lines wait for the entry they belong to."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.catalog = Catalog()
        self.entry: Entry | None = None  # the entry being read
        self.obsolete = False  # whether it is #~
        self.field: str | None = None  # the keyword whose strings are being read
        self.parts: list[str] = []
        self.pending = Entry(msgid="")  # what the next entry gets: comments, flags, previous strings
        self.previous_field: str | None = None  # the #| keyword whose strings are being read
        self.seen: dict[tuple[str | None, str], tuple[int, bool]] = {}

    def error(self, message: str, line: int) -> InputError:
        return InputError(message, path=self.path, line=line)

    def strings(self, rest: str, number: int) -> list[str]:
        """The quoted strings that make up the rest of a line (at least one)."""
        one = _ONE_STRING.fullmatch(rest)
        if one is not None:
            return [unescape(one.group(1), path=self.path, line=number)]
        found = []
        position = 0
        while (match := _STRING.match(rest, position)) is not None:
            found.append(unescape(match.group(1), path=self.path, line=number))
            position = match.end()
        tail = rest[position:].strip(" \t")
        if tail.startswith('"'):
            raise self.error("string not closed (end of line within string)", number)
        if not found or tail:
            raise self.error(f"not PO syntax: {(tail or rest.strip())[:40]!r}", number)
        return found

    # the entry being read -------------------------------------------------

    def finish_field(self) -> None:
        field, self.field = self.field, None
        if field is None:
            return
        entry = self.entry
        assert entry is not None
        value = "".join(self.parts)
        if field == "msgctxt":
            entry.msgctxt = value
        elif field == "msgid":
            entry.msgid = value
        elif field == "msgid_plural":
            entry.msgid_plural = value
        elif field == "msgstr":
            entry.msgstr = value
        else:
            entry.msgstr_plural[int(field[7:-1])] = value

    def finish_entry(self, number: int) -> None:
        """The entry being read is complete (or an error says what it lacks)."""
        entry = self.entry
        if entry is None:
            return
        if entry.msgstr_linenum == 0:
            missing = "msgstr[0]" if self.field == "msgid_plural" else "msgstr" if self.field == "msgid" else "msgid"
            raise self.error(f"missing {missing} (the entry is cut short)", entry.linenum or number)
        self.finish_field()
        self.entry = None
        key = entry.key
        if key in self.seen:
            first, first_obsolete = self.seen[key]
            kind = "an obsolete (#~) and an active entry" if entry.obsolete != first_obsolete else "two entries"
            raise self.error(
                f"duplicate message definition (first at line {first}): {kind} with the same "
                f"{'msgctxt and ' if entry.msgctxt is not None else ''}msgid. msgfmt rejects this, "
                "and one of the two translations would be lost: keep one",
                entry.linenum,
            )
        self.seen[key] = (entry.linenum, entry.obsolete)
        if key == (None, "") and not entry.obsolete:
            self.catalog.header = entry
        else:
            self.catalog.entries.append(entry)

    def keyword(self, keyword: str, index: str | None, rest: str, number: int, obsolete: bool) -> None:
        parts = self.strings(rest, number)
        entry = self.entry
        if keyword == "msgctxt" or keyword == "msgid":
            if entry is not None and not (keyword == "msgid" and self.field == "msgctxt"):
                self.finish_entry(number)
                entry = None
            if entry is None:
                entry, self.pending = self.pending, Entry(msgid="")
                entry.obsolete = self.obsolete = obsolete
                self.entry = entry
                self.previous_field = None
            if keyword == "msgid":
                entry.linenum = number
        elif entry is None:
            raise self.error(f"{keyword} without msgid", number)
        elif keyword == "msgid_plural":
            if self.field != "msgid":
                raise self.error("msgid_plural out of place (it follows msgid)", number)
        elif index is None:
            if self.field != "msgid":
                raise self.error("msgstr out of place (msgstr[0] follows msgid_plural; one msgstr per entry)", number)
        else:
            expected = 0 if self.field == "msgid_plural" else len(entry.msgstr_plural) + 1 if (self.field or "").startswith("msgstr[") else None
            if expected is None:
                raise self.error("msgstr[n] without msgid_plural", number)
            if int(index) != expected:
                raise self.error(f"plural form has wrong index: msgstr[{expected}] expected here", number)
        if obsolete != self.obsolete:
            raise self.error("inconsistent use of #~ (part of the entry is obsolete, part is not)", number)
        self.finish_field()
        if keyword.startswith("msgstr") and entry.msgstr_linenum == 0:
            entry.msgstr_linenum = number
        self.field = keyword
        self.parts = parts

    def entry_line(self, stripped: str, number: int, *, obsolete: bool) -> None:
        """A keyword line, or a string continuing the keyword before it (after ``#~`` when obsolete)."""
        if stripped.startswith('"'):
            self.continuation(stripped, number, obsolete)
            return
        match = _KEYWORD.match(stripped)
        if match is None:
            raise self.error(f"not PO syntax{' after #~' if obsolete else ''}: {stripped[:40]!r}", number)
        self.keyword(match.group(1), match.group(2), stripped[match.end() :], number, obsolete)

    def continuation(self, rest: str, number: int, obsolete: bool) -> None:
        if self.field is None:
            raise self.error("a string with no keyword before it", number)
        if obsolete != self.obsolete:
            raise self.error("inconsistent use of #~ (part of the entry is obsolete, part is not)", number)
        self.parts += self.strings(rest, number)

    # what comes before an entry -----------------------------------------

    def before_entry(self, number: int) -> Entry:
        """The pending entry, after the one being read is complete."""
        if self.entry is not None:
            self.finish_entry(number)
        return self.pending

    def read_common_entries(self, text: str) -> tuple[int, int]:
        """Read entries while they have the common shape; the offset and line where the rest starts."""
        position, line = 0, 1
        path = self.path
        seen = self.seen
        entries = self.catalog.entries
        while (match := _FAST_ENTRY.match(text, position)) is not None and match.end() > position:
            comments, previous, msgid, msgid_more, msgstr, msgstr_more = match.groups()
            entry = self.pending
            number = line
            if comments:
                extracted = entry.extracted_comments
                for comment in comments[:-1].split("\n"):
                    if comment.startswith("#. "):  # the most common lines, inline
                        extracted.append(comment[3:])
                    elif comment.startswith("#:"):  # as comment() reads them
                        for reference in comment[2:].split():
                            file, colon, where = reference.rpartition(":")
                            entry.occurrences.append((file, where) if colon and where.isdigit() else (reference, ""))
                    else:
                        self.comment(entry, comment)
                number += comments.count("\n")
            if previous:
                for rest in previous[:-1].split("\n"):
                    self.previous(rest[2:], number)
                    number += 1
                entry = self.pending
            self.pending = Entry(msgid="")
            self.previous_field = None
            entry.linenum = number
            # the strings hold only simple escapes, none cut by a line end: join first, unescape once
            if msgid_more:
                msgid += msgid_more[1:-2].replace('"\n"', "")
                number += msgid_more.count("\n")
            entry.msgid = unescape(msgid, path=path, line=number) if "\\" in msgid else msgid
            entry.msgstr_linenum = number = number + 1
            if msgstr_more:
                msgstr += msgstr_more[1:-2].replace('"\n"', "")
            entry.msgstr = unescape(msgstr, path=path, line=number) if "\\" in msgstr else msgstr
            # as finish_entry, for an entry that is complete, active and has no context
            key = (None, entry.msgid)
            if key in seen or key == (None, ""):
                self.entry = entry
                self.obsolete = False
                self.finish_entry(number)
            else:
                seen[key] = (entry.linenum, False)
                entries.append(entry)
            line += text.count("\n", position, match.end())
            position = match.end()
        return position, line

    def comment(self, pending: Entry, line: str) -> None:
        """A ``#``, ``#.``, ``#:`` or ``#,`` line, for the entry that follows."""
        self.previous_field = None
        marker = line[1:2]
        if marker == ",":
            for flag in line[2:].split(","):
                flag = flag.strip(" \t")
                if flag and flag not in pending.flags:
                    pending.flags.append(flag)
        elif marker == ".":
            pending.extracted_comments.append(_comment_text(line[2:]))
        elif marker == ":":
            for reference in line[2:].split():
                file, colon, where = reference.rpartition(":")
                pending.occurrences.append((file, where) if colon and where.isdigit() else (reference, ""))
        else:
            pending.translator_comments.append(_comment_text(line[1:]))

    def previous(self, rest: str, number: int) -> None:
        """A ``#|`` (or ``#~|``) line: a previous msgctxt, msgid or msgid_plural, or a string continuing one."""
        pending = self.before_entry(number)
        stripped = rest.lstrip(" \t")
        match = _KEYWORD.match(stripped)
        if match is not None and not match.group(1).startswith("msgstr"):
            self.previous_field = "previous_" + match.group(1)
            setattr(pending, self.previous_field, "".join(self.strings(stripped[match.end() :], number)))
        elif stripped.startswith('"') and self.previous_field is not None:
            setattr(pending, self.previous_field, getattr(pending, self.previous_field) + "".join(self.strings(stripped, number)))
        else:
            raise self.error(f"not PO syntax in a #| line: {stripped[:40]!r}", number)


def read_po(text: str, *, path: str) -> Catalog:
    """A PO file's text to a Catalog; an InputError with file and line for what msgfmt rejects."""
    if not text.strip():
        raise InputError(
            f"empty PO file ({len(text.encode())} bytes): restore it from git, "
            "or delete it and run `newsroom sync` to start a new catalog",
            path=path,
            line=1,
        )
    reader = _Reader(path)
    position, first = 0, 1
    if "\0" not in text and "\r" not in text:
        position, first = reader.read_common_entries(text)
    lines = text[position:].split("\n")  # not splitlines(): U+2028, U+0085, U+001C… belong to the strings
    for number, line in enumerate(lines, start=first):
        if line.endswith("\r"):
            line = line[:-1]
        if "\0" in line:
            raise reader.error("NUL character: msgfmt rejects it, and it would end up in the edition", number)
        if line.startswith("#"):
            marker = line[1:2]
            if marker == "~":
                rest = line[2:]
                if rest.startswith("|"):
                    reader.previous(rest[1:], number)
                    continue
                stripped = rest.strip(" \t")
                if stripped:
                    reader.entry_line(stripped, number, obsolete=True)
            elif marker == "|":
                reader.previous(line[2:], number)
            else:
                reader.comment(reader.before_entry(number), line)
            continue
        stripped = line.strip(" \t\f\v")
        if stripped:
            reader.entry_line(stripped, number, obsolete=False)
    last = first + len(lines) - 1
    reader.before_entry(last)
    pending = reader.pending
    if pending.previous_msgid is not None or pending.previous_msgctxt is not None:
        raise reader.error("#| lines after the last entry, with no entry they belong to", last)
    if reader.catalog.header is None and not reader.catalog.entries:
        raise reader.error("no entries and no header: not a PO file", 1)
    return reader.catalog


def _comment_text(rest: str) -> str:
    """A comment's text as gettext keeps it: one space after the marker belongs to the marker."""
    return rest[1:] if rest.startswith(" ") else rest
