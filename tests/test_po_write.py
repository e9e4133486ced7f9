"""The PO writer against GNU gettext: ``msgcat`` reads what ``write_po`` wrote and writes it back byte for byte.

msgcat re-wraps every string from what it parsed, so any difference in
escaping, line breaking, comment or flag order shows as a difference in bytes.
Each check writes one catalog (many entries) and runs msgcat once on it.

msgcat drops a few things the model keeps (flags it does not know, the
``wrap`` flag, ``fuzzy`` on an untranslated entry, the range of an obsolete
entry, obsolete entries without a translation, a repeated reference, a catalog
that holds only its header); those stay out of the differential checks and are
tested on their own below. Its reader also refuses U+0004 in any string and
joins a comment line that ends in a backslash to the next line, so the
generated catalogs hold neither.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.po import Catalog, Entry
from pipeline.po.wrap import display_width, escape, escape_split, string_lines
from pipeline.po.write import FORMAT_FLAGS, entry_text, write_po

MSGCAT = shutil.which("msgcat")
pytestmark = pytest.mark.skipif(MSGCAT is None, reason="GNU gettext (msgcat) is not installed")

WIDTHS = (79, 77, 40, 0)
HEADER_TEXT = (
    "Project-Id-Version: newsroom 1.0\n"
    "Report-Msgid-Bugs-To: desk@example.org\n"
    "Last-Translator: 翻译组 <translators@example.org>\n"
    "Language-Team: Chinese (Simplified) <zh@example.org>\n"
    "Language: zh_CN\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


def header(translator_comments: list[str] | None = None, flags: list[str] | None = None) -> Entry:
    return Entry(msgid="", msgstr=HEADER_TEXT, translator_comments=translator_comments or [], flags=flags or [])


def msgcat(text: str, width: int, tmp_path: Path) -> str:
    """What msgcat writes for the PO ``text`` (``width`` 0: ``--no-wrap``)."""
    assert MSGCAT is not None
    path = tmp_path / "written.po"
    path.write_bytes(text.encode("utf-8"))
    option = "--no-wrap" if width == 0 else f"--width={width}"
    done = subprocess.run([MSGCAT, option, str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")


def assert_msgcat_agrees(catalog: Catalog, width: int, tmp_path: Path) -> None:
    ours = write_po(catalog, width=width)
    theirs = msgcat(ours, width, tmp_path)
    if ours != theirs:
        mine, gettexts = ([line + "\n" for line in text.split("\n")] for text in (ours, theirs))
        diff = "".join(difflib.unified_diff(mine, gettexts, "write_po", f"msgcat width={width}"))
        pytest.fail(f"msgcat writes it otherwise:\n{diff}")


# --- fixed examples -------------------------------------------------------------------------

ZH = "据新华社报道，国家统计局于2019 年 6 月发布的数据显示：一季度国内生产总值同比增长6.4%，比上年同期回落0.4个百分点。"
EN = (
    "The National Bureau of Statistics said on Monday that gross domestic product grew 6.4 per cent "
    "in the first quarter, the slowest pace since records began in 1992, according to Xinhua."
)
QUOTES = "“我们不会退让，”他说，“这是原则问题。”《人民日报》评论员文章（节选）——完……‘引号’、顿号；冒号："
URL = "详见 https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all/index.html?query=1&x=2 。"
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3 + " and then some more ordinary words follow it here."
MARKDOWN = "See **bold claims** and [the link](https://example.org/a/b) or `code_span()` — then ⟦1⟧ and ⟦2⟧ placeholders."
EMOJI = "Family 👨\u200d👩\u200d👧\u200d👦 thumbs 👍🏽 flags 🇨🇳🇺🇸🇬🇧 and café (cafe\u0301), क्षत्रिय, 한국어 텍스트입니다 " * 2
CONTROLS = "line\u2028separator\u2029paragraph\x85next\x1cfile\x1erecord\x01\x02\x7f\x9f tab\there \"quoted\" back\\slash"
NEWLINES = "First line\nsecond line with more words in it than fit on one line of seventy-nine columns\n\nlast\n"


def kitchen_sink() -> Catalog:
    catalog = Catalog(header=header(translator_comments=["Newsroom catalog.", "", "  indented"], flags=["fuzzy"]))
    texts = [ZH, EN, QUOTES, URL, LONG_WORD, MARKDOWN, EMOJI, CONTROLS, NEWLINES, ZH * 3, EN * 2, ""]
    for index, text in enumerate(texts):
        catalog.append(
            Entry(
                msgid=text or "empty translation",
                msgstr=texts[(index + 1) % len(texts)],
                translator_comments=["", "  two leading spaces", "翻译注释"] if index % 3 == 0 else [],
                extracted_comments=["", "paragraph 3"] if index % 4 == 1 else [],
                occurrences=[(f"content/zh/2019/06/very-long-article-slug-number-{n}.md", str(n * 17)) for n in range(index)]
                + [("文档/说明.md", ""), ("README", "")],
                flags=(["fuzzy"] if index % 5 == 0 and texts[(index + 1) % len(texts)] else [])
                + (["python-format"] if index % 2 else [])
                + (["no-wrap"] if index == 4 else []),
                msgctxt="context " + str(index) if index % 3 == 2 else None,
                previous_msgid=text[: len(text) // 2] or None if index % 4 == 3 else None,
            )
        )
    catalog.append(
        Entry(
            msgid="%d article",
            msgid_plural="%d articles",
            msgstr_plural={0: "%d 篇文章", 1: "%d 篇文章（复数）" + ZH},
            flags=["c-format", "range: 0..100"],
        )
    )
    catalog.append(
        Entry(
            msgid="retired headline",
            msgstr=ZH,
            msgctxt="headline",
            previous_msgctxt="old headline",
            previous_msgid=EN,
            previous_msgid_plural="plural " + EN,
            translator_comments=["obsolete now"],
            extracted_comments=["was paragraph 1"],
            occurrences=[("content/old.md", "3")],
            flags=["fuzzy"],
            obsolete=True,
        )
    )
    catalog.append(Entry(msgid=EMOJI + "(old)", msgstr=CONTROLS, obsolete=True, previous_msgid=QUOTES))
    return catalog


@pytest.mark.parametrize("width", (*WIDTHS, 120, 33, 20, 12))
def test_kitchen_sink_matches_msgcat(width: int, tmp_path: Path) -> None:
    assert_msgcat_agrees(kitchen_sink(), width, tmp_path)


FIXED_STRINGS = {
    "empty": "",
    "newline only": "\n",
    "two newlines": "\n\n",
    "newline at the end": "Fits on one line.\n",
    "long with final newline": EN + "\n",
    "break before final newline is forbidden": "x" * 66 + " abcdefghij\n",
    "exactly the width": "y" * 70,
    "one over the width": "y" * 71,
    "spaces only": " " * 100,
    "leading spaces": "      " + EN,
    "one leading space, one long word": " " + "x" * 90,
    "leading space before words": " " + "abcdefgh" * 9 + " tail",
    "trailing spaces": EN + "        ",
    "escape at the line end": ("a" * 68 + '\\"b ') * 3,
    "tab inside": "column\tcolumn\tcolumn " * 8,
    "backslashes": "C:\\path\\to\\file " * 10,
    "quotes": 'He said "yes" and "no" ' * 6,
    "opening bracket before space": "text ( " * 20,
    "closing punctuation after space": "word , word . word ! word ? word ) " * 5,
    "hyphens": "well-known state-of-the-art long-term re-election " * 4,
    "hebrew hyphen": "שלום-עולם " * 15,
    "slashes": "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/" * 3,
    "chinese only": ZH * 2,
    "full-width brackets": "（一）（二）（三）《四》《五》「六」『七』【八】〔九〕" * 4,
    "digits and chinese": "2019 年 6 月 4 日至 2020 年 12 月 31 日，" * 5,
    "placeholders": "⟦1⟧在⟦2⟧发表了⟦3⟧，⟦4⟧表示⟦5⟧。" * 6,
    "zero width space": "abc\u200bdef\u200bghi " * 12,
    "word joiner": "abc\u2060def\u2060ghi " * 12,
    "no-break space": "100\u00a0km 200\u00a0km 300\u00a0km " * 10,
    "combining at start": "\u0301\u0301abc " * 20,
    "combining after space": "a \u0301b \u0301c " * 20,
    "zwj after space": "a \u200db \u200dc " * 20,
    "regional indicators": "🇨🇳🇺🇸🇬🇧🇫🇷🇩🇪🇯🇵🇰🇷🇮🇳🇧🇷🇲🇽🇨🇦🇦🇺🇷🇺🇮🇹🇪🇸" * 3,
    "odd regional indicators": "🇨" + "🇳🇺" * 30,
    "emoji modifiers": "👍🏻👍🏼👍🏽👍🏾👍🏿 " * 10,
    "line separators": ("one\u2028two three four five six seven eight nine ten " * 4),
    "next line": "alpha\x85beta gamma delta " * 8,
    "paragraph separators": "\u2029" + "word " * 30 + "\u2029" + "word " * 30,
    "controls": "\x01\x02\x03\x05\x06\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f" * 4,
    "escapes": "\a\b\f\r\t\v" * 20,
    "korean": "대한민국의 수도는 서울특별시이며 가장 큰 도시이기도 합니다. " * 3,
    "thai": "ภาษาไทยเป็นภาษาราชการของประเทศไทย " * 4,
    "soft hyphen": "hyphen\u00adation pro\u00adnun\u00adci\u00ada\u00adtion " * 6,
}


@pytest.mark.parametrize("width", WIDTHS)
def test_fixed_strings_match_msgcat(width: int, tmp_path: Path) -> None:
    catalog = Catalog(header=header())
    for name, text in FIXED_STRINGS.items():
        catalog.append(Entry(msgid=name, msgstr=text, msgctxt=text or None))
        catalog.append(Entry(msgid=name, msgstr=text, msgctxt="obsolete " + name, previous_msgid=text, obsolete=bool(text)))
    assert_msgcat_agrees(catalog, width, tmp_path)


@pytest.mark.parametrize("width", (79, 40, 20, 10, 0))
def test_references_match_msgcat(width: int, tmp_path: Path) -> None:
    occurrences = [(f"content/zh/{'深度报道/' * (n % 4)}article-{n}.md", str(n * 101) if n % 3 else "") for n in range(30)]
    occurrences += [("x" * 90 + ".md", "5"), ("a.md", "1"), ("./relative/path.md", "7"), ("./././b.md", "")]
    catalog = Catalog(header=header())
    catalog.append(Entry(msgid="many references", occurrences=occurrences))
    catalog.append(Entry(msgid="one long reference", occurrences=[("y" * 120 + ".md", "123456")]))
    catalog.append(Entry(msgid="no line numbers", occurrences=[(f"file{n}.md", "") for n in range(40)]))
    catalog.append(Entry(msgid="no-wrap references", occurrences=occurrences[:12], flags=["no-wrap"]))
    catalog.append(Entry(msgid="obsolete references", msgstr="x", occurrences=occurrences[:12], obsolete=True))
    assert_msgcat_agrees(catalog, width, tmp_path)


def test_flags_in_gettext_order_match_msgcat(tmp_path: Path) -> None:
    catalog = Catalog(header=header())
    reversed_flags = [*reversed(FORMAT_FLAGS), "no-wrap", "range: 2..10", "fuzzy"]
    catalog.append(Entry(msgid="all formats", msgstr="x", flags=reversed_flags))
    catalog.append(Entry(msgid="negated", msgstr="x", flags=["no-python-format", "no-c-format", "fuzzy"]))
    catalog.append(Entry(msgid="range only", msgstr="x", flags=["range: 0..0"]))
    assert_msgcat_agrees(catalog, 79, tmp_path)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_wrap_flag_matches_msgcat(width: int, tmp_path: Path) -> None:
    catalog = Catalog(header=header())
    for index, text in enumerate((EN, ZH * 3, URL, NEWLINES, CONTROLS)):
        catalog.append(
            Entry(msgid=f"entry {index}", msgstr=text, flags=["no-wrap"], previous_msgid=text, msgctxt=text, obsolete=index == 4)
        )
    assert_msgcat_agrees(catalog, width, tmp_path)


def test_long_header_fields_match_msgcat(tmp_path: Path) -> None:
    assert write_po(Catalog()) == ""
    long_field = header()
    long_field.msgstr += "X-Generator: " + "newsroom sync pipeline with a very long generator name " * 3 + "\n"
    catalog = Catalog(header=long_field, entries=[Entry(msgid="one entry")])
    for width in WIDTHS:
        assert_msgcat_agrees(catalog, width, tmp_path)


def test_header_alone_is_written() -> None:
    # msgcat writes nothing at all for a catalog that holds only its header.
    assert write_po(Catalog(header=header())).startswith('msgid ""\nmsgstr ""\n"Project-Id-Version: ')


# --- generated catalogs ---------------------------------------------------------------------

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"
ZH_PUNCTUATION = ["，", "。", "、", "：", "；", "“", "”", "‘", "’", "（", "）", "《", "》", "——", "……", "！", "？", "·"]
WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you "
    "were her she there been one all we their has would when if so no will more can who said government announced "
    "international newsroom translation pipeline statement Beijing Shanghai Xinhua per cent"
).split()
SPECIAL = [
    "https://example.org/a/b",
    "https://example.org/a/very/long/path/segment/that/keeps/going/and/going/index.html",
    "x" * 85,
    "⟦1⟧",
    "⟦12⟧",
    "**bold**",
    "[link](https://example.org/a/b)",
    "`code`",
    "2019 年 6 月",
    "👨\u200d👩\u200d👧",
    "😀",
    "👍🏽",
    "🇨🇳",
    "e\u0301",
    "\u0301",
    "\u200d",
    "\u200b",
    "\n",
    "\t",
    '"',
    "\\",
    "\\n",
    "\r",
    "\a\b\f\v",
    "\u2028",
    "\u2029",
    "\x85",
    "\x1c",
    "\x1e",
    "\x01",
    "\x7f",
    "\x9f",
    "\u00ad",
    "\u00a0",
    " ",
    "  ",
    "(",
    ")",
    "-",
    "/",
    "—",
    "…",
    "%",
    "$",
]


def any_character() -> st.SearchStrategy[str]:
    # libunistring 1.0 has Unicode 14.0 data, as Python 3.11's unicodedata: with another
    # version, characters assigned since would be classified differently.
    # U+0004 separates msgctxt from msgid in gettext's files, which refuse it in any string.
    if unicodedata.unidata_version != "14.0.0":
        return st.characters(min_codepoint=0x20, max_codepoint=0x2FF)
    return st.characters(min_codepoint=1, max_codepoint=0x10FFFF, exclude_categories=["Cs"], exclude_characters="\x04")


zh_run = st.text(alphabet=HAN, min_size=1, max_size=12)
zh_sentence = st.lists(st.one_of(zh_run, st.sampled_from(ZH_PUNCTUATION)), min_size=1, max_size=14).map("".join)
en_sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join).map(lambda text: text.capitalize() + ".")
fragment = st.one_of(
    zh_sentence,
    en_sentence,
    st.sampled_from(SPECIAL),
    st.integers(min_value=0, max_value=10**6).map(str),
    st.text(any_character(), min_size=1, max_size=8),
)
separator = st.sampled_from(["", " ", " ", "", "\n", "，", "  "])
text = st.lists(st.tuples(fragment, separator).map("".join), max_size=10).map("".join)
comment = st.one_of(
    st.just(""),
    st.sampled_from(["  leading spaces", "  ", "TRANSLATORS: keep ⟦1⟧", "#not a flag", ",", "."]),
    en_sentence,
    zh_sentence,
    st.text(st.characters(min_codepoint=0x20, exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30),
).filter(lambda line: not line.endswith("\\"))  # gettext joins a line ending in a backslash to the next
path_part = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-.深度报道文章", min_size=1, max_size=30)
occurrence = st.tuples(
    st.lists(path_part, min_size=1, max_size=5).map("/".join).filter(lambda name: not name.startswith("./")),
    st.one_of(st.just(""), st.integers(min_value=1, max_value=99999).map(str)),
)
format_flags = st.lists(st.tuples(st.sampled_from(FORMAT_FLAGS), st.booleans()), max_size=3, unique_by=lambda pair: pair[0]).map(
    lambda pairs: [("no-" + flag if negated else flag) for flag, negated in pairs]
)


@st.composite
def entries(draw: st.DrawFn, obsolete: bool) -> Entry:
    plural = draw(st.booleans())
    msgstr = draw(text)
    forms = {0: draw(text), 1: draw(text)} if plural else {}
    if obsolete:  # msgcat drops an obsolete entry with nothing translated
        if plural:
            forms[0] = forms[0] or "译文"
        else:
            msgstr = msgstr or "译文"
    translated = bool(forms[0]) if plural else bool(msgstr)
    flags = draw(format_flags)
    if translated and draw(st.booleans()):  # msgcat drops fuzzy where nothing is translated
        flags.insert(draw(st.integers(0, len(flags))), "fuzzy")
    if draw(st.integers(0, 5)) == 0:
        flags.append("no-wrap")
    if not obsolete and draw(st.integers(0, 5)) == 0:  # msgcat drops the range of an obsolete entry
        low = draw(st.integers(0, 50))
        flags.insert(0, f"range: {low}..{low + draw(st.integers(0, 50))}")
    previous_msgid = draw(st.one_of(st.none(), text))
    return Entry(
        msgid=draw(text.filter(bool)),
        msgstr="" if plural else msgstr,
        msgctxt=draw(st.one_of(st.none(), text)),
        msgid_plural=draw(text) if plural else None,
        msgstr_plural=forms,
        flags=flags,
        translator_comments=draw(st.lists(comment, max_size=3)),
        extracted_comments=draw(st.lists(comment, max_size=2)),
        occurrences=draw(st.lists(occurrence, max_size=8, unique_by=lambda pair: pair)),
        # gettext reads a previous msgctxt or msgid_plural only along with a previous msgid
        previous_msgctxt=draw(st.one_of(st.none(), text)) if previous_msgid is not None else None,
        previous_msgid=previous_msgid,
        previous_msgid_plural=draw(st.one_of(st.none(), text)) if plural and previous_msgid is not None else None,
        obsolete=obsolete,
    )


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    flags = ["fuzzy"] if draw(st.booleans()) else []
    catalog = Catalog(header=header(translator_comments=draw(st.lists(comment, max_size=3)), flags=flags))
    seen: set[tuple[str | None, str]] = set()
    for entry in draw(st.lists(entries(False), min_size=1, max_size=12)) + draw(st.lists(entries(True), max_size=4)):
        if entry.key not in seen:  # msgctxt and msgid identify an entry, obsolete ones included
            seen.add(entry.key)
            catalog.append(entry)
    draw(st.randoms()).shuffle(catalog.entries)
    return catalog


GENERATED = settings(max_examples=45, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("width", WIDTHS)
@GENERATED
@given(catalog=catalogs())
def test_generated_catalogs_match_msgcat(width: int, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert_msgcat_agrees(catalog, width, tmp_path_factory.mktemp("po"))


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.text(any_character(), max_size=200), min_size=20, max_size=40), width=st.sampled_from(WIDTHS))
def test_random_code_points_match_msgcat(values: list[str], width: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    catalog = Catalog(header=header())
    for index, value in enumerate(values):
        catalog.append(Entry(msgid=f"random {index}", msgstr=value, msgctxt=value))
    assert_msgcat_agrees(catalog, width, tmp_path_factory.mktemp("po"))


# --- what msgcat drops but the model keeps --------------------------------------------------


def test_unknown_flags_are_kept_after_the_known_ones() -> None:
    entry = Entry(msgid="a", flags=["my-flag", "python-format", "wrap", "fuzzy", "range: 5..1", "zz-last", "fuzzy"])
    assert "#, fuzzy, python-format, range: 5..1, wrap, my-flag, zz-last\n" in entry_text(entry)


def test_wrap_flag_is_kept_and_wraps_as_usual() -> None:
    plain = entry_text(Entry(msgid=EN))
    flagged = entry_text(Entry(msgid=EN, flags=["wrap"]))
    assert flagged == "#, wrap\n" + plain


def test_fuzzy_untranslated_and_obsolete_untranslated_entries_are_written() -> None:
    catalog = Catalog(entries=[Entry(msgid="a", flags=["fuzzy"]), Entry(msgid="b", obsolete=True)])
    assert write_po(catalog) == '#, fuzzy\nmsgid "a"\nmsgstr ""\n\n#~ msgid "b"\n#~ msgstr ""\n'


def test_range_of_an_obsolete_entry_is_kept() -> None:
    entry = Entry(msgid="a", msgstr="b", flags=["range: 1..5", "python-format"], obsolete=True)
    assert entry_text(entry) == '#, python-format, range: 1..5\n#~ msgid "a"\n#~ msgstr "b"\n'


def test_repeated_references_are_kept() -> None:
    entry = Entry(msgid="a", occurrences=[("a.md", "1"), ("a.md", "1")])
    assert entry_text(entry).startswith("#: a.md:1 a.md:1\n")


def test_plural_entry_without_forms_gets_an_empty_first_form() -> None:
    assert entry_text(Entry(msgid="a", msgid_plural="as")) == 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\n'


# --- string_lines itself --------------------------------------------------------------------


def test_string_lines_prefixes_and_room() -> None:
    assert string_lines("msgid", "short") == 'msgid "short"\n'
    assert string_lines("msgid", "a\nb", prefix="#~ ") == '#~ msgid ""\n#~ "a\\n"\n#~ "b"\n'
    words = "word " * 20
    lines = string_lines("msgid", words, prefix="#~| ", width=40).splitlines()
    assert lines[0] == '#~| msgid ""'
    assert all(len(line) <= 40 for line in lines)
    assert "".join(line[len('#~| "') : -1] for line in lines[1:]) == words
    assert string_lines("msgstr", words, width=0) == f'msgstr "{words}"\n'


def test_display_width_counts_columns_as_gettext() -> None:
    assert display_width("abc") == 3
    assert display_width("中文，") == 6
    assert display_width("e\u0301\u200b\x01") == 1
    assert display_width("“”…—") == 4


def test_negative_width_is_refused() -> None:
    with pytest.raises(ValueError):
        write_po(Catalog(), width=-1)


@settings(max_examples=300, deadline=None)
@given(value=st.text(st.sampled_from(['"', "\\", "\n", "\a", "\b", "\f", "\r", "\t", "\v", "n", "a", "中", " "]) | any_character(), max_size=40))
def test_escape_split_is_escape_with_a_break_after_each_newline(value: str) -> None:
    table = {ord(char): escape(char) for char in '\a\b\f\r\t\v"\\'}
    table[ord("\n")] = "\\n\n"
    assert escape_split(value) == value.translate(table)
