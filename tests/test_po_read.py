"""The PO reader: what msgfmt rejects is refused with the line, what it accepts is read without loss."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.po import Catalog, Entry, read_po

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")


def msgfmt_accepts(text: str, tmp_path: Path) -> bool:
    path = tmp_path / "probe.po"
    path.write_bytes(text.encode("utf-8"))
    return subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


REJECTED = {
    # name: (body after the header, line of the error, words of the message)
    "bad escape": ('msgid "a"\nmsgstr "b\\q"\n', 7, "invalid escape"),
    "escaped quote mark": ("msgid \"a\"\nmsgstr \"b\\'\"\n", 7, "invalid escape"),
    "unicode escape": ('msgid "a"\nmsgstr "\\u00e9"\n', 7, "invalid escape"),
    "open string": ('msgid "a"\nmsgstr "b\n', 7, "not closed"),
    "stray text": ('msgid "a"\nmsgstr "b"\nhello\n', 8, "not PO syntax"),
    "msgid without msgstr": ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 6, "missing msgstr"),
    "msgid at the end": ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', 9, "missing msgstr"),
    "active and obsolete": ('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 9, "obsolete (#~) and an active"),
    "two obsolete": ('#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 9, "duplicate"),
    "two active": ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9, "duplicate"),
    "same context twice": ('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "x"\nmsgid "a"\nmsgstr "c"\n', 11, "msgctxt and msgid"),
    "half obsolete": ('#~ msgid "a"\nmsgstr "b"\n', 7, "inconsistent use of #~"),
    "plural with msgstr": ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 8, "msgstr out of place"),
    "plural index gap": ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 9, "wrong index"),
    "msgstr[n] without plural": ('msgid "a"\nmsgstr[0] "b"\n', 7, "without msgid_plural"),
    "plural and singular": ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n\nmsgid "a"\nmsgstr "d"\n', 11, "duplicate"),
    "second header": ('msgid ""\nmsgstr "x"\n', 6, "duplicate"),
    "previous msgid with no entry": ('msgid "a"\nmsgstr "b"\n\n#| msgid "c"\n', 10, "#| lines"),
}


@msgfmt
@pytest.mark.parametrize("name", sorted(REJECTED))
def test_what_msgfmt_rejects_is_refused_with_its_line(name: str, tmp_path: Path) -> None:
    body, line, words = REJECTED[name]
    text = HEADER + body
    assert not msgfmt_accepts(text, tmp_path), f"msgfmt accepts {name!r}: the reader must too"
    with pytest.raises(InputError) as raised:
        read_po(text, path="locales/en/LC_MESSAGES/a.po")
    assert raised.value.path == "locales/en/LC_MESSAGES/a.po"
    assert raised.value.line == line, str(raised.value)
    assert words in raised.value.message


@pytest.mark.parametrize("body", ['msgid "a"\nmsgstr "b\0c"\n', 'msgid "a"\nmsgstr "b\\0c"\n', 'msgid "a"\nmsgstr "b\\x00"\n'])
def test_a_nul_is_refused(body: str) -> None:
    # msgfmt cuts the string short at a NUL; the edition would get it
    with pytest.raises(InputError, match="NUL") as raised:
        read_po(HEADER + body, path="a.po")
    assert raised.value.line == 7


def test_an_empty_file_is_an_error_not_a_new_catalog() -> None:
    for text in ("", "\n", "  \n\n"):
        with pytest.raises(InputError, match="empty PO file"):
            read_po(text, path="a.po")


ACCEPTED = HEADER + r'''# translator comment
#  two spaces
#
#. extracted
#: content/zh/a.md:3 content/zh/a.md:7 notes.txt
#, fuzzy, python-format
#| msgctxt "old context"
#| msgid "old "
#| "text"
msgctxt "context"
msgid "a" "b"
"c"
msgstr "tab\there \"quoted\" back\\slash \101\x42 \303\251"

msgid "apple"
msgid_plural "apples"
msgstr[0] "pomme"
msgstr[1] "pommes"

msgctxt "fruit"
msgid "apple"
msgstr "Apfel"

#, fuzzy
#~| msgid "older"
#~ msgctxt "gone"
#~ msgid "obsolete"
#~ msgstr "weg"
#~ "!"
'''


@msgfmt
def test_every_feature_msgfmt_accepts_is_read(tmp_path: Path) -> None:
    assert msgfmt_accepts(ACCEPTED, tmp_path)
    po = read_po(ACCEPTED.replace("\n", "\r\n"), path="a.po")  # CRLF as Windows tools save it
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    first, plural, same_msgid, gone = po.entries
    assert first.translator_comments == ["translator comment", " two spaces", ""]
    assert first.extracted_comments == ["extracted"]
    assert first.occurrences == [("content/zh/a.md", "3"), ("content/zh/a.md", "7"), ("notes.txt", "")]
    assert first.flags == ["fuzzy", "python-format"]
    assert (first.previous_msgctxt, first.previous_msgid) == ("old context", "old text")
    assert (first.msgctxt, first.msgid) == ("context", "abc")
    assert first.msgstr == 'tab\there "quoted" back\\slash AB é'
    assert (first.linenum, first.msgstr_linenum) == (16, 18)
    assert (plural.msgid_plural, plural.msgstr_plural) == ("apples", {0: "pomme", 1: "pommes"})
    assert same_msgid.key == ("fruit", "apple") and same_msgid.msgstr == "Apfel"
    assert gone.obsolete and gone.key == ("gone", "obsolete") and gone.msgstr == "weg!"
    assert gone.previous_msgid == "older" and gone.flags == ["fuzzy"]


SEPARATORS = "\u2028\u2029\x85\x1c\x1d\x1e\x0b\x0c\r\x7f\u200b\ufeff"


def _quote(text: str) -> str:
    """A PO string for ``text``: just enough escaping for the test to write files without our writer."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


@msgfmt
def test_line_separators_in_a_msgstr_are_kept_exactly(tmp_path: Path) -> None:
    # polib splits PO text with str.splitlines(): "Pilot plant\u2028 starts up" came back as "Pilot plan starts up"
    msgstr = "Pilot plant\u2028 starts up" + SEPARATORS
    text = HEADER + f'msgid "a"\nmsgstr {_quote(msgstr)}\n'
    assert msgfmt_accepts(text, tmp_path)
    assert read_po(text, path="a.po")[0].msgstr == msgstr


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), min_size=1, max_size=40))
def test_every_code_point_in_a_msgstr_comes_back(msgstr: str) -> None:
    text = HEADER + f'msgid "sentence"\nmsgstr {_quote(msgstr)}\n\n#~ msgid "old"\n#~ msgstr {_quote(msgstr)}\n'
    po = read_po(text, path="a.po")
    assert [entry.msgstr for entry in po] == [msgstr, msgstr]


def polib_view(po: polib.POFile) -> list[tuple[object, ...]]:
    return [
        (e.msgctxt, e.msgid, e.msgid_plural or None, e.msgstr, dict(e.msgstr_plural), list(e.flags), e.tcomment, e.comment,
         [(f, l) for f, l in e.occurrences], e.previous_msgid, bool(e.obsolete))
        for e in po
    ]


def our_view(po: Catalog) -> list[tuple[object, ...]]:
    return [
        (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, dict(e.msgstr_plural), list(e.flags),
         "\n".join(line[1:] if line.startswith(" ") else line for line in e.translator_comments),  # polib strips "# " only
         e.comment, e.occurrences, e.previous_msgid, e.obsolete)
        for e in po
    ]


def po_files_of_the_tests() -> list[Path]:
    root = Path(__file__).parent
    return sorted(root.glob("golden/**/*.po")) + sorted(root.glob("data/**/*.po")) + sorted((root.parent / "locales").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("path", po_files_of_the_tests(), ids=lambda p: p.name)
def test_reads_the_repository_s_po_files_as_polib_does(path: Path) -> None:
    text = path.read_text("utf-8")
    ours = read_po(text, path=path.name)
    theirs = polib.pofile(text)
    assert our_view(ours) == polib_view(theirs)
    assert ours.metadata == dict(theirs.metadata)


def test_entry_identity_is_context_and_msgid() -> None:
    po = read_po(HEADER + 'msgid "a"\nmsgstr "x"\n\nmsgctxt "c"\nmsgid "a"\nmsgstr "y"\n', path="a.po")
    assert [entry.key for entry in po] == [(None, "a"), ("c", "a")]


def test_header_fields_are_set_in_place() -> None:
    po = read_po(HEADER.replace('"Plural', '"X-Poedit-Bookmarks: -1,3\\n"\n"Plural') + 'msgid "a"\nmsgstr ""\n', path="a.po")
    po.set_field("Content-Type", "text/plain; charset=UTF-8")
    po.set_field("PO-Revision-Date", "2026-11-27 10:00+0000")
    assert po.header is not None
    assert po.header.msgstr.split("\n") == [
        "Content-Type: text/plain; charset=UTF-8",
        "X-Poedit-Bookmarks: -1,3",
        "Plural-Forms: nplurals=2; plural=(n != 1);",
        "PO-Revision-Date: 2026-11-27 10:00+0000",
        "",
    ]


def test_a_new_entry_has_no_line() -> None:
    assert Entry(msgid="a").linenum == 0
