"""Extract and merge: the msgmerge --previous lifecycle, and nothing reviewed is lost."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.catalog import (
    catalog_text,
    count_catalog,
    extract_catalog,
    mark_machine_translation,
    merge_catalog,
    parse_catalog,
)
from pipeline.content import parse_article
from pipeline.po import Catalog, Entry
from pipeline.model import LANGUAGES

NOW = datetime(2024, 5, 18, 9, 30, tzinfo=timezone.utc)


def extract(body: str) -> Catalog:
    article = parse_article(
        f"---\ntitle: 标题\n---\n\n{body}", path="content/zh/a.md", lang="zh", slug="a", text_fields=("title",)
    )
    return extract_catalog(
        article, LANGUAGES["zh"], LANGUAGES["en"], project="test", team="<t@example.org>",
        last_translator="T <t@example.org>", now=NOW,
    )


def by_id(po: Catalog) -> dict[tuple[str, bool], Entry]:
    return {(e.msgid, e.obsolete): e for e in po}


def test_extract_shares_identical_sentences_and_keeps_references() -> None:
    po = extract("同一句。\n\n另一句。同一句。\n")
    assert [e.msgid for e in po] == ["标题", "同一句。", "另一句。"]
    assert po[1].occurrences == [("content/zh/a.md", "5"), ("content/zh/a.md", "7")]
    assert po[0].comment == "title" and po[1].comment == "paragraph"
    assert po.metadata["Language"] == "en"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["X-Source-File"] == "content/zh/a.md"


def test_merge_lifecycle_unchanged_changed_removed_new() -> None:
    old = extract("研究团队开发了一种新的纳米疫苗平台。\n\n疫苗可以通过吸入给药。\n\n动物实验效果良好。\n\n还没有翻译。\n")
    entries = {e.msgid: e for e in old}
    entries["标题"].msgstr = "Title"
    entries["研究团队开发了一种新的纳米疫苗平台。"].msgstr = "The team developed a new nanovaccine platform."
    entries["疫苗可以通过吸入给药。"].msgstr = "The vaccine can be inhaled."
    mark_machine_translation(entries["动物实验效果良好。"], "Animal tests went well.", engine="test engine")

    new = merge_catalog(
        extract("研究团队开发了一种新型的纳米疫苗平台。\n\n疫苗可以通过吸入给药。\n\n全新的句子。\n"), old
    )
    got = by_id(new)
    unchanged = got[("疫苗可以通过吸入给药。", False)]
    assert unchanged.msgstr == "The vaccine can be inhaled." and "fuzzy" not in unchanged.flags
    changed = got[("研究团队开发了一种新型的纳米疫苗平台。", False)]
    assert changed.msgstr == "The team developed a new nanovaccine platform."
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "研究团队开发了一种新的纳米疫苗平台。"
    assert got[("研究团队开发了一种新的纳米疫苗平台。", True)].msgstr == "The team developed a new nanovaccine platform."
    removed = got[("动物实验效果良好。", True)]
    assert removed.msgstr == "Animal tests went well." and "fuzzy" in removed.flags
    assert got[("全新的句子。", False)].msgstr == ""
    assert ("还没有翻译。", True) not in got  # nothing to keep
    text = catalog_text(new)
    assert '#| msgid "研究团队开发了一种新的纳米疫苗平台。"' in text
    assert '#~ msgid "动物实验效果良好。"' in text


def test_obsolete_translation_comes_back_when_the_sentence_does() -> None:
    old = extract("回来的句子。\n")
    old[1].msgstr = "A returning sentence."
    middle = merge_catalog(extract("别的句子。\n"), old)
    back = merge_catalog(extract("回来的句子。\n"), middle)
    entry = by_id(back)[("回来的句子。", False)]
    assert entry.msgstr == "A returning sentence." and "fuzzy" not in entry.flags


def test_machine_translation_is_fuzzy_and_says_where_it_came_from() -> None:
    entry = Entry(msgid="句子。")
    entry.tcomment = "translator's own note\nmachine translation: old engine"
    mark_machine_translation(entry, "Sentence.", engine="argos translate-zh_en 1.0")
    assert entry.flags == ["fuzzy"]
    assert entry.tcomment == "translator's own note\nmachine translation: argos translate-zh_en 1.0"


def test_counts_by_state_in_sentences_and_words() -> None:
    po = extract("一二三。四五。六。\n")
    po[0].msgstr = "Title"
    po[1].msgstr = "One two three."
    mark_machine_translation(po[2], "Four five.", engine="e")
    counts = count_catalog(po, source_lang="zh")
    assert (counts.reviewed, counts.fuzzy, counts.untranslated) == (2, 1, 1)
    assert (counts.reviewed_words, counts.fuzzy_words, counts.untranslated_words) == (5, 2, 1)


def test_malformed_po_names_the_line() -> None:
    import pytest

    from pipeline.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_catalog('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n', path="locales/en/LC_MESSAGES/a.po")
    assert caught.value.path == "locales/en/LC_MESSAGES/a.po"
    assert caught.value.line == 5


def test_written_catalog_passes_msgfmt_check(tmp_path: Path) -> None:
    po = extract("第一句。第二句。\n\n> 引用。\n")
    po[1].msgstr = "First."
    path = tmp_path / "a.po"
    path.write_text(catalog_text(po), encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert parse_catalog(path.read_text("utf-8"), path="a.po")[1].msgstr == "First."


sentence = st.text(alphabet="甲乙丙丁戊己庚辛壬癸子丑寅", min_size=2, max_size=8).map(lambda s: s + "。")


@settings(max_examples=60, deadline=None)
@given(
    old_ids=st.lists(sentence, min_size=1, max_size=6, unique=True),
    new_ids=st.lists(sentence, min_size=1, max_size=6, unique=True),
    reviewed=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_merge_never_loses_a_reviewed_translation(old_ids: list[str], new_ids: list[str], reviewed: list[bool]) -> None:
    old = extract("\n\n".join(old_ids) + "\n")
    kept = {}
    for entry, is_reviewed in zip(list(old)[1:], reviewed):
        if is_reviewed:
            entry.msgstr = f"EN {entry.msgid}"
            kept[entry.msgid] = entry.msgstr
    merged = merge_catalog(extract("\n\n".join(new_ids) + "\n"), old)
    merged = parse_catalog(catalog_text(merged), path="a.po")  # and it survives a write and a read
    for msgid, msgstr in kept.items():
        same = [e for e in merged if e.msgid == msgid]
        assert same and all(e.msgstr == msgstr for e in same)
        live = [e for e in same if not e.obsolete]
        if msgid in new_ids:
            assert live and "fuzzy" not in live[0].flags
        else:
            assert same[0].obsolete


def test_gettext_previous_msgid_of_obsolete_entries_is_accepted() -> None:
    text = 'msgid ""\nmsgstr ""\n\n#, fuzzy\n#~| msgid "Older"\n#~ msgid "Old"\n#~ msgstr "旧"\n'
    po = parse_catalog(text, path="a.po")
    assert [(e.msgid, e.msgstr, e.obsolete) for e in po] == [("Old", "旧", True)]


def test_duplicate_msgid_is_refused() -> None:
    import pytest

    from pipeline.errors import InputError

    text = 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "一"\n\nmsgid "a"\nmsgstr "二"\n'
    with pytest.raises(InputError, match="duplicate message definition") as caught:
        parse_catalog(text, path="a.po")
    assert caught.value.line == 7


def test_line_separators_pasted_from_the_web_become_spaces() -> None:
    # in a sentence they mean a space; PO editors would show them as line breaks
    po = extract("第一部分\u2028第二部分。\x85第三\x0c部分。\n")
    assert [e.msgid for e in po][1:] == ["第一部分 第二部分。", "第三 部分。"]
    assert [e.msgid for e in parse_catalog(catalog_text(po), path="a.po")][1:] == ["第一部分 第二部分。", "第三 部分。"]


def test_rewrapped_catalog_is_left_as_it_is() -> None:
    from pipeline.catalog import render_catalog

    po = extract("一句很长很长的话，" * 8 + "。\n")
    text = catalog_text(po)
    rewrapped = text.replace('msgid ""\n"', 'msgid "', 1)  # as another tool might wrap it
    later = datetime(2025, 1, 1, tzinfo=timezone.utc)
    again = merge_catalog(extract("一句很长很长的话，" * 8 + "。\n"), parse_catalog(text, path="a.po"))
    assert render_catalog(again, parse_catalog(rewrapped, path="a.po"), rewrapped, now=later) == rewrapped


words = st.lists(
    st.sampled_from(["研究", "团队", "mRNA", "3.5", "[链接](https://example.org/a)", "⟦1⟧", "Wei's", "，", "。", " ", "x-ray"]),
    min_size=1,
    max_size=12,
).map("".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(words, min_size=1, max_size=8, unique=True))
def test_a_catalog_s_word_count_is_the_sum_of_its_sentences(sentences: list[str]) -> None:
    from pipeline.segment import count_words

    po = Catalog(entries=[Entry(msgid=sentence) for sentence in sentences])
    for lang in ("zh", "en"):
        assert count_catalog(po, source_lang=lang).untranslated_words == sum(count_words(s, lang) for s in sentences)
