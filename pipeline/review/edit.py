"""A reviewer's change to one translation, written into its PO file as a translator's tool would.

Only the entry's own lines change: the entry is written by the PO layer in
gettext's layout and put in place of its old lines, every other byte of
the file stays (a file another tool wrapped differently keeps its wrapping);
where the entry's lines cannot be told apart, the whole file is written as
sync writes it. A file that changed since the reviewer's page was read is
not written. Marking a translation reviewed clears ``fuzzy`` and the
previous source (``#|``), as ``msgattrib --clear-fuzzy --clear-previous``
does; the entry's notes of missing hints are made again for the new text.
"""

from __future__ import annotations

import re

from ..catalog import annotate_again, parse_catalog
from ..errors import InputError
from ..po import Catalog, Entry
from ..project import ChangedOnDisk, Config, article_paths, atomic_write, catalog_path, read_regular_file, relative
from ..state import file_digest
from .pages import entry_key

__all__ = ["StalePage", "save_translation", "edition_files"]


class StalePage(InputError):
    """The PO file changed on disk since the page was read: nothing was written."""

    def __init__(self, message: str, *, path: str, current: Entry | None) -> None:
        super().__init__(message, path=path)
        self.current = current


def edition_files(config: Config, source: str, target: str) -> tuple[str, str]:
    """The source's language and its PO file's project path, for a source article and a target
    language the project has: nothing a request names is taken as a path."""
    for file, path, lang in article_paths(config):
        if path == source and target in config.languages and target != lang:
            return lang, relative(config, catalog_path(config, file.stem, target))
    raise InputError(f"no source article {source!r} with a {target!r} edition in this project", path=source)


def save_translation(config: Config, source: str, target: str, *, key: str, msgstr: str, reviewed: bool, digest: str) -> None:
    lang, po_name = edition_files(config, source, target)
    path = config.root / po_name
    data = read_regular_file(path, po_name)
    if data is None:
        raise InputError("there is no catalog: run `newsroom sync`", path=po_name)
    text = data.decode("utf-8")
    po = parse_catalog(text, path=po_name)
    entry = next((e for e in po if not e.obsolete and entry_key(e) == key), None)
    if file_digest(data) != digest:
        raise StalePage(
            "changed on disk since this page was read (someone saved it): nothing was written; "
            "the translation there now is shown, with yours to copy from",
            path=po_name,
            current=entry,
        )
    if entry is None:
        raise InputError("this sentence is no longer in the catalog (its source changed): reload the page", path=po_name)
    if entry.msgid_plural is not None:
        raise InputError("an entry with plural forms is edited in a PO editor, not here", path=po_name, line=entry.linenum)
    control = _CONTROLS.search(msgstr)
    if control:
        raise InputError(f"the translation holds a control character (U+{ord(control.group()):04X}): nothing was saved", path=po_name)
    _change(entry, _as_one_line(msgstr, entry.msgid), reviewed)
    annotate_again(entry, source_lang=lang, target_lang=target)
    new_text = _spliced(text, po, entry, path=po_name)
    try:
        atomic_write(path, new_text, expected=data, display=po_name)
    except ChangedOnDisk as error:
        raise StalePage(error.message, path=po_name, current=entry) from None


_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _as_one_line(msgstr: str, msgid: str) -> str:
    """A browser's text area sends CRLF and keeps what the reviewer's Enter key added: a sentence
    that is one line in the source is one line in the translation."""
    text = msgstr.replace("\r\n", "\n")
    if "\n" not in msgid:
        text = _BREAKS.sub(" ", text)
    return text.strip() if msgid == msgid.strip() else text


def _change(entry: Entry, msgstr: str, reviewed: bool) -> None:
    entry.msgstr = msgstr
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if msgstr and not reviewed:
        flags.insert(0, "fuzzy")
    elif msgstr:
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.flags = flags


def _spliced(text: str, po: Catalog, entry: Entry, *, path: str) -> str:
    """``text`` with ``entry``'s lines replaced by the entry in gettext's layout; the whole catalog
    in that layout where the result would not read back as ``po`` (header included)."""
    from ..catalog import PO_WRAP
    from ..po.write import entry_text, write_po

    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    # the entry's lines: its comments and msgctxt above its msgid, its msgstr's continuation lines below
    start = entry.linenum - 1
    while start > 0 and lines[start - 1].lstrip().startswith(("#", "msgctxt")) and not lines[start - 1].startswith("#~"):
        start -= 1
    end = max(entry.msgstr_linenum, entry.linenum)  # the line after the msgstr keyword's
    while end < len(lines) and lines[end].lstrip().startswith('"'):
        end += 1
    written = entry_text(entry, width=PO_WRAP)
    if newline != "\n":
        written = written.replace("\n", newline)
    if end == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        written = written.rstrip("\r\n")  # the file ended without a line break: it still does
    spliced = "".join(lines[:start]) + written + "".join(lines[end:])
    if _same(spliced, po):
        return spliced
    whole = write_po(po, width=PO_WRAP)
    if not _same(whole, po):
        raise InputError("the catalog would not read back as written: nothing was saved", path=path)
    return whole


def _same(text: str, po: Catalog) -> bool:
    try:
        read = parse_catalog(text, path="")
    except InputError:
        return False
    header = (lambda c: c.header.content() if c.header is not None else None)
    return read.content() == po.content() and header(read) == header(po)
