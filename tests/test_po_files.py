"""PO files through `newsroom sync` and `check`, as translators' tools leave them.

No churn after a Poedit, Weblate, Lokalize or `msgcat --no-wrap` save; the
header kept as msgmerge keeps it; every entry kept (contexts, plurals, any
code point); what msgfmt rejects refused with file and line; gettext's
layout (msgcat's bytes) for every file newsroom writes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import copy_sample, run, snapshot
from pipeline.po import read_po
from pipeline.project import load_config
from pipeline.sync import sync_project

pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext (msgcat) is not installed")

PO = "locales/en/LC_MESSAGES/chimeric-exosomes.po"
SOURCE = "content/zh/chimeric-exosomes.md"
EPOCH = "1795000000"  # 2026-11-18 09:06 UTC
STAMP = datetime.fromtimestamp(int(EPOCH), tz=timezone.utc).strftime("%Y-%m-%d %H:%M%z")


@pytest.fixture()
def project(tmp_path: Path, no_models: dict[str, str]) -> Path:
    root = copy_sample(tmp_path / "newsroom")
    result = run(root, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    return root


def msgcat(path: Path, *options: str) -> str:
    return subprocess.run(["msgcat", *options, str(path)], capture_output=True, text=True, check=True).stdout


def set_header_fields(text: str, fields: dict[str, str]) -> str:
    """The header with these fields set (replaced in place or added), as a PO editor sets them."""
    for name, value in fields.items():
        line = f'"{name}: {value}\\n"'
        text, found = re.subn(rf'^"{re.escape(name)}: .*\\n"$', lambda _: line, text, count=1, flags=re.M)
        if not found:
            text = text.replace('"Content-Type:', f'{line}\n"Content-Type:', 1)
    return text


def tool_save(path: Path, tool: str) -> None:
    """Open the catalog in a translator's tool and save it without a change, as that tool saves."""
    layout = {"poedit": ["--width=79"], "weblate": ["--width=77"], "lokalize": ["--width=79"], "msgcat": ["--no-wrap"]}[tool]
    fields = {
        "poedit": {"X-Generator": "Poedit 3.4.2", "Last-Translator": "Li Hua <li.hua@example.org>",
                   "PO-Revision-Date": "2026-11-20 14:03+0800", "X-Poedit-Bookmarks": "-1,-1,-1,-1,-1,-1,-1,-1,-1,-1"},
        "weblate": {"X-Generator": "Weblate 5.8.3", "Language-Team": "English <https://weblate.example.org/projects/newsroom/en/>",
                    "PO-Revision-Date": "2026-11-21 08:00+0000"},
        "lokalize": {"X-Generator": "Lokalize 24.08.1", "Language-Team": "English <kde-i18n-doc@kde.org>",
                     "Plural-Forms": "nplurals=2; plural=n != 1;"},
        "msgcat": {},
    }[tool]
    saved = path.with_suffix(".saved")
    saved.write_text(set_header_fields(path.read_text("utf-8"), fields), "utf-8")
    path.write_text(msgcat(saved, *layout), "utf-8")
    saved.unlink()


@pytest.mark.parametrize("tool", ["poedit", "weblate", "lokalize", "msgcat"])
def test_a_sync_after_a_tool_saved_the_catalog_changes_no_byte(project: Path, tool: str, no_models: dict[str, str]) -> None:
    tool_save(project / PO, tool)
    saved = (project / PO).read_bytes()
    before = snapshot(project)
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    assert (project / PO).read_bytes() == saved
    assert snapshot(project) == before


def review(path: Path, msgid: str, msgstr: str) -> None:
    """A translator fills one short entry and clears its fuzzy flag, by hand in a text editor."""
    text = path.read_text("utf-8")
    block = re.search(rf'(#, fuzzy\n)?((?:#\|[^\n]*\n)*)msgid "{re.escape(msgid)}"\nmsgstr "[^\n]*"\n', text)
    assert block is not None, msgid
    text = text.replace(block.group(0), f'{block.group(2)}msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    path.write_text(text, "utf-8")


def test_a_review_saved_by_a_tool_is_not_rewritten(project: Path, no_models: dict[str, str]) -> None:
    po = project / "locales/en/LC_MESSAGES/green-hydrogen-pilot.po"
    title = read_po(po.read_text("utf-8"), path="a.po")[0]
    review(po, title.msgid, "IPE green hydrogen pilot plant starts up")  # every term the hints ask for
    tool_save(po, "weblate")
    saved = po.read_bytes()
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    assert po.read_bytes() == saved
    assert "IPE green hydrogen pilot plant starts up" in (project / "content/en/green-hydrogen-pilot.md").read_text("utf-8")


def test_when_entries_change_the_header_is_kept_as_msgmerge_keeps_it(project: Path, no_models: dict[str, str]) -> None:
    tool_save(project / PO, "poedit")
    before = read_po((project / PO).read_text("utf-8"), path=PO).metadata
    source = project / SOURCE
    source.write_text(source.read_text("utf-8") + "\n研究团队将继续扩大样本量。\n", "utf-8")
    result = run(project, "sync", env={**no_models, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    after = read_po((project / PO).read_text("utf-8"), path=PO).metadata
    assert after["POT-Creation-Date"] == STAMP  # the source changed
    assert {k: v for k, v in after.items() if k != "POT-Creation-Date"} == {k: v for k, v in before.items() if k != "POT-Creation-Date"}
    assert list(after) == list(before)  # the fields in the order the tool wrote them
    assert after["X-Poedit-Bookmarks"] and after["X-Generator"] == "Poedit 3.4.2"
    assert after["PO-Revision-Date"] == "2026-11-20 14:03+0800"  # no draft was added: nobody revised a translation


def test_machine_drafts_move_the_revision_date_and_nothing_else(tmp_path: Path, argos_models: Path, argos_caches: object) -> None:
    root = copy_sample(tmp_path / "newsroom")
    po = root / "locales/en/LC_MESSAGES/green-hydrogen-pilot.po"
    result = run(root, "sync", env={**os.environ, "SOURCE_DATE_EPOCH": "1790000000"})
    assert result.returncode == 0, result.stderr
    tool_save(po, "lokalize")
    before = read_po(po.read_text("utf-8"), path="a.po").metadata
    source = root / "content/zh/green-hydrogen-pilot.md"
    source.write_text(source.read_text("utf-8") + "\n项目二期将于明年启动。\n", "utf-8")
    result = run(root, "sync", env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    after = read_po(po.read_text("utf-8"), path="a.po").metadata
    assert after["PO-Revision-Date"] == after["POT-Creation-Date"] == STAMP
    assert {k: v for k, v in after.items() if not k.endswith("-Date")} == {k: v for k, v in before.items() if not k.endswith("-Date")}


CONTEXT_AND_PLURAL = '''
msgctxt "caption"
msgid "{msgid}"
msgstr "A caption translated in another context"

#, python-format
msgid "%d sample"
msgid_plural "%d samples"
msgstr[0] "%d sample"
msgstr[1] "%d samples"
'''


def test_context_and_plural_entries_are_kept(project: Path, no_models: dict[str, str]) -> None:
    po = project / PO
    catalog = read_po(po.read_text("utf-8"), path=PO)
    reviewed = next(e for e in catalog if e.msgstr and not e.fuzzy and not e.obsolete)
    po.write_text(po.read_text("utf-8") + CONTEXT_AND_PLURAL.format(msgid=reviewed.msgid), "utf-8")
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    after = read_po(po.read_text("utf-8"), path=PO)
    by_key = {(e.msgctxt, e.msgid): e for e in after}
    assert by_key[(None, reviewed.msgid)].msgstr == reviewed.msgstr and not by_key[(None, reviewed.msgid)].obsolete
    context = by_key[("caption", reviewed.msgid)]
    assert context.obsolete and context.msgstr == "A caption translated in another context"
    plural = by_key[(None, "%d sample")]
    assert plural.obsolete and plural.msgid_plural == "%d samples" and plural.msgstr_plural == {0: "%d sample", 1: "%d samples"}
    assert plural.flags == ["python-format"]
    edition = (project / "content/en/chimeric-exosomes.md").read_text("utf-8")
    assert reviewed.msgstr in edition and "another context" not in edition


# every code point a PO string may hold: no surrogates (not UTF-8), no NUL (msgfmt cuts strings there)
any_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(translation=any_text)
def test_every_code_point_of_a_reviewed_translation_survives_a_sync(project: Path, translation: str) -> None:
    from pipeline.catalog import catalog_text

    po = project / PO
    catalog = read_po(po.read_text("utf-8"), path=PO)
    entry = next(e for e in catalog if e.msgstr and not e.fuzzy and not e.obsolete and "paragraph" in e.comment)
    entry.msgstr = "Pilot plant\u2028 starts up " + translation.replace("\n", " ").replace("\r", " ")
    po.write_text(catalog_text(catalog), "utf-8")
    sync_project(load_config(project), engine_factory=None)  # may add a note (#. missing: …) to the entry
    again = next(e for e in read_po(po.read_text("utf-8"), path=PO) if e.msgid == entry.msgid)
    assert again.msgstr == entry.msgstr and not again.fuzzy
    if "⟦" not in translation:  # ⟦n⟧ stands for markup, put back by the build
        assert entry.msgstr in (project / "content/en/chimeric-exosomes.md").read_text("utf-8")
    saved = po.read_bytes()
    sync_project(load_config(project), engine_factory=None)
    assert po.read_bytes() == saved


BAD = {  # what the first line of a reviewed msgstr starts with instead of `msgstr "`, and the reason given
    "bad escape": ('msgstr "\\q', "invalid escape"),
    "NUL": ('msgstr "\0', "NUL"),
    "heading in a msgstr": ('msgstr "\\n\\n# Injected heading\\n\\n---\\n\\n', "add Markdown blocks"),
    "obsolete twin": (None, "duplicate message definition"),
    "0 bytes": (None, "empty PO file"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_what_msgfmt_rejects_is_refused_by_sync_and_check(project: Path, case: str, no_models: dict[str, str]) -> None:
    po = project / PO
    text = po.read_text("utf-8")
    catalog = read_po(text, path=PO)
    reviewed = next(e for e in catalog if e.msgstr and not e.fuzzy and "paragraph" in e.comment)
    start, words = BAD[case]
    if case == "obsolete twin":
        text += '\n#~ msgid "' + reviewed.msgid.replace('"', '\\"') + '"\n#~ msgstr "An older translation"\n'
        line = text.count("\n") - 1
    elif case == "0 bytes":
        text, line = "", 1
    else:
        assert start is not None
        lines = text.split("\n")
        line = reviewed.msgstr_linenum
        assert lines[line - 1].startswith('msgstr "')
        lines[line - 1] = start + lines[line - 1].removeprefix('msgstr "')
        text = "\n".join(lines)
    po.write_text(text, "utf-8")
    before = snapshot(project)
    source = project / SOURCE
    source.write_text(source.read_text("utf-8") + "\n新的一句。\n", "utf-8")  # so sync has work to do
    before = snapshot(project)
    result = run(project, "sync", env=no_models)
    assert result.returncode == 2
    assert f"{PO}:{line}:" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before  # nothing of that article written
    result = run(project, "check", env=no_models)
    assert result.returncode == 2
    assert f"{PO}:{line}:" in result.stdout + result.stderr and words in result.stdout + result.stderr


@pytest.mark.parametrize("width", [0, 77, 79])
def test_written_catalogs_have_gettext_s_layout_at_po_wrap(tmp_path: Path, width: int, no_models: dict[str, str]) -> None:
    root = copy_sample(tmp_path / "newsroom")
    for po in root.glob("locales/*/LC_MESSAGES/*.po"):
        po.unlink()  # every catalog written by newsroom
    settings_file = root / "newsroom.toml"
    settings_text = re.sub(r"(?m)^po_wrap = .*\n", "", settings_file.read_text("utf-8"))
    settings_file.write_text(settings_text.replace("[newsroom]\n", f"[newsroom]\npo_wrap = {width}\n", 1), "utf-8")
    result = run(root, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    catalogs = sorted(root.glob("locales/*/LC_MESSAGES/*.po"))
    assert len(catalogs) == 5  # one per source article
    layout = ["--no-wrap"] if width == 0 else [f"--width={width}"]
    for po in catalogs:
        assert po.read_text("utf-8") == msgcat(po, *layout), po.name
    lengths = [len(line) for po in catalogs for line in po.read_text("utf-8").splitlines() if line.startswith('"')]
    assert (max(lengths) > 79) if width == 0 else (max(lengths) <= width)
