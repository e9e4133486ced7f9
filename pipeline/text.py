"""Plain text: decoding a file's bytes, and counting words.

Standard library only, so `newsroom check`, which needs no more than this
of the text, starts without loading the Markdown parser.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator, Mapping, Sequence

from .errors import InputError

__all__ = ["UNIT_SPACE", "NOT_INSIDE_TOKEN", "decode_text", "refuse_nul", "csv_rows", "confirmed_value", "append_csv_rows", "body_digest", "count_words", "HAN", "PLACEHOLDER_RE"]

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")  # a Han character
PLACEHOLDER_RE = re.compile(r"⟦(\d+)⟧")  # ⟦1⟧: inline markup kept out of a msgid
# For dates and numbers: the space technical writing puts between digits and units (2019 年 6 月, 1870 万),
# and what may not come right before a number (a version, a path, a percent-encoding such as %E6%96%B9)
UNIT_SPACE = r"[ \u00a0\u2009\u202f]?"
NOT_INSIDE_TOKEN = r"(?<![A-Za-z0-9_%.\-/])"
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-]*")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")  # on one line: a count may cover many msgids, one per line
_HAN_RUN = re.compile(HAN.pattern + "+")


def decode_text(data: bytes, *, path: str) -> str:
    """UTF-8 bytes to text; a clear error with the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    if "\r" in text.replace("\r\n", ""):
        line = text.count("\n", 0, text.replace("\r\n", "\n\n").find("\r")) + 1
        raise InputError("lone carriage return (old Mac line ending); save the file with LF or CRLF line endings", path=path, line=line)
    return text.removeprefix("\ufeff")  # a byte-order mark, as Windows Notepad writes


def refuse_nul(text: str, *, path: str) -> str:
    """An article's text, unless it holds a NUL character (a binary file, or a damaged save)."""
    found = text.find("\0")
    if found >= 0:
        raise InputError(
            "a NUL character (byte 0x00): a Markdown file has none; the file may be damaged or not text. Remove it",
            path=path,
            line=text.count("\n", 0, found) + 1,
        )
    return text


def csv_rows(text: str, *, path: str, required: tuple[str, ...], missing: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of one of the project's CSV files (people.csv, glossary.csv), values stripped, each with
    the line it starts on. A ``required`` column absent (``missing`` says so) and a quote left open are
    errors with their line."""
    reader = csv.DictReader(io.StringIO(text))
    if not set(required) <= set(reader.fieldnames or []):
        raise InputError(missing, path=path, line=1)
    line = 1
    for row in reader:
        first, line = line + 1, reader.line_num  # a quoted field may span lines: the row starts on `first`
        if None in row or any("\n" in (value or "") for value in row.values()):
            raise InputError('a quote (") is not closed on this line: the rest of the file is read as one field', path=path, line=first)
        yield first, {key: (value or "").strip() for key, value in row.items()}


_YES = {"yes", "y", "true", "1", "confirmed"}
_NO = {"no", "n", "false", "0"}


def confirmed_value(value: str, *, empty: bool, path: str, line: int) -> bool:
    """A ``confirmed`` cell of people.csv or glossary.csv: yes or no (and their spellings); ``empty`` is
    what an empty cell means. Anything else is an error with its line."""
    word = value.strip().lower()
    if not word:
        return empty
    if word not in _YES and word not in _NO:
        raise InputError(f"confirmed is {value!r}: write yes or no (empty is {'yes' if empty else 'no'})", path=path, line=line)
    return word in _YES


def append_csv_rows(data: bytes | None, fields: Sequence[str], rows: Sequence[Mapping[str, str]]) -> bytes:
    """A CSV file (people.csv, glossary.csv) with ``rows`` added at its end, every byte already there kept.

    A column of ``fields`` its header lacks is added at the header's end where a
    new row has a value for it (rows already there read it as empty); rows are written in the header's column
    order, with the file's line ending. No file: the header, then the rows.
    """
    bom = b"\xef\xbb\xbf" if data is not None and data.startswith(b"\xef\xbb\xbf") else b""
    text = data[len(bom) :].decode("utf-8") if data is not None else ""
    out = io.StringIO()
    if not text.strip():
        header, text = list(fields), ""
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
    else:
        first_line, _, rest = text.partition("\n")
        newline = "\r\n" if first_line.endswith("\r") else "\n"
        header = next(csv.reader([first_line.rstrip("\r")]))
        added = [field for field in fields if field not in header and any(row.get(field) for row in rows)]
        if added:
            first_line = first_line.rstrip("\r") + "".join("," + field for field in added) + newline.rstrip("\n")
            header += added
        text = first_line + "\n" + rest
        if not text.endswith("\n"):
            text += newline
        writer = csv.writer(out, lineterminator=newline)
    for row in rows:
        writer.writerow([row.get(field, "") for field in header])
    return bom + (text + out.getvalue()).encode("utf-8")


def body_digest(body: str) -> str:
    """The fingerprint of an edition's text below its front matter, as built: an edit by hand changes it."""
    return "sha256:" + hashlib.sha256(body.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:16]


def count_words(text: str, lang: str) -> int:
    """Words as CAT tools count them.

    Chinese: one per Han character, plus each run of Latin letters or
    digits. English: whitespace-separated tokens. Link targets do not count.
    """
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    if "⟦" in text:
        text = PLACEHOLDER_RE.sub(" ", text)
    if lang == "zh":  # Han characters (counted as the length a run of them takes), and Latin runs
        return len(text) - len(_HAN_RUN.sub("", text)) + len(_LATIN_WORD.findall(text))
    return len(text.split())
