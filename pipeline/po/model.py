"""PO entries and catalogs as gettext has them: every field a PO file can hold, nothing lost.

The attribute names are gettext's (and polib's): ``msgctxt``, ``msgid``,
``msgid_plural``, ``msgstr``, ``msgstr_plural``, ``flags``, ``tcomment``
(translator comments, ``#``), ``comment`` (extracted comments, ``#.``),
``occurrences`` (``#:``), ``previous_*`` (``#|``) and ``obsolete`` (``#~``).
An entry is identified by its context and msgid (``key``), as gettext does.
Comments are kept as lists of lines, so an empty ``#`` line survives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Entry", "Catalog", "Key", "header_fields", "set_header_field"]

Key = tuple[str | None, str]  # (msgctxt, msgid)


@dataclass(eq=False, slots=True)
class Entry:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    occurrences: list[tuple[str, str]] = field(default_factory=list)  # (file, line); line "" when none
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    linenum: int = 0  # line of the msgid keyword in the file read; 0 for a new entry
    msgstr_linenum: int = 0  # line of the (first) msgstr keyword

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Some translation is there (reviewed or not)."""
        return bool(self.msgstr) or any(self.msgstr_plural.values())

    @property
    def tcomment(self) -> str:
        return "\n".join(self.translator_comments)

    @tcomment.setter
    def tcomment(self, text: str) -> None:
        self.translator_comments = text.split("\n") if text else []

    @property
    def comment(self) -> str:
        return "\n".join(self.extracted_comments)

    @comment.setter
    def comment(self, text: str) -> None:
        self.extracted_comments = text.split("\n") if text else []

    def content(self) -> tuple[object, ...]:
        """Everything a PO file says about the entry, for telling whether it changed (not where it stood)."""
        return (
            self.msgctxt,
            self.msgid,
            self.msgid_plural,
            self.msgstr,
            tuple(sorted(self.msgstr_plural.items())),
            tuple(self.flags),
            tuple(self.translator_comments),
            tuple(self.extracted_comments),
            tuple(self.occurrences),
            self.previous_msgctxt,
            self.previous_msgid,
            self.previous_msgid_plural,
            self.obsolete,
        )


@dataclass(eq=False)
class Catalog:
    """A PO file: its header entry (``msgid ""``, with its comments and flags) and its other entries, in file order."""

    header: Entry | None = None
    entries: list[Entry] = field(default_factory=list)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> Entry:
        return self.entries[index]

    def append(self, entry: Entry) -> None:
        self.entries.append(entry)

    @property
    def metadata(self) -> dict[str, str]:
        """The header's fields (``Name: value`` lines of its msgstr), in order."""
        return header_fields(self.header.msgstr) if self.header is not None else {}

    def set_field(self, name: str, value: str) -> None:
        """Set one header field in place, keeping every other line of the header as it is."""
        if self.header is None:
            self.header = Entry(msgid="")
        self.header.msgstr = set_header_field(self.header.msgstr, name, value)

    def content(self) -> tuple[object, ...]:
        """Every entry's content, header excluded, in file order."""
        return tuple(entry.content() for entry in self.entries)


def header_fields(msgstr: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in msgstr.split("\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip():
            fields.setdefault(name.strip(), value.strip())
    return fields


def set_header_field(msgstr: str, name: str, value: str) -> str:
    """The header text with ``name`` set to ``value``: replaced where it stands, or added at the end."""
    lines = msgstr.split("\n")
    for index, line in enumerate(lines):
        key, colon, _ = line.partition(":")
        if colon and key.strip() == name:
            lines[index] = f"{name}: {value}"
            return "\n".join(lines)
    if lines and lines[-1] == "":
        lines.pop()
    lines += [f"{name}: {value}", ""]
    return "\n".join(lines)
