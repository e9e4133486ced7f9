"""A sync run while people work: what they save during it is never overwritten, and the only
change sync makes to a source is its translationKey, every other byte kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from helpers import copy_sample, run, snapshot

SOURCE = "content/zh/chimeric-exosomes.md"
CATALOG = "locales/en/LC_MESSAGES/chimeric-exosomes.po"
NEW_SOURCE = "content/zh/green-hydrogen-pilot.md"  # has no translationKey yet: sync adds it
EDITOR_PARAGRAPH = "\n编辑在同步过程中补充的一段话。\n"


@pytest.fixture()
def project(tmp_path: Path, no_models: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_sample(tmp_path / "newsroom")
    assert run(root, "sync", env=no_models).returncode == 0  # every article synced once
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", no_models["ARGOS_PACKAGES_DIR"])
    monkeypatch.setenv("NEWSROOM_WORKERS", "1")  # the whole sync in this process, where the test can step in
    return root


def _sync_while(project: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[], None]) -> int:
    """Run `newsroom sync --no-mt` in this process, with ``edit`` done after everything was read."""
    from pipeline import cli, sync

    real = sync.annotate_catalog
    done: list[bool] = []

    def annotate_then_edit(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        if not done:
            done.append(True)
            edit()

    monkeypatch.setattr(sync, "annotate_catalog", annotate_then_edit)
    code = cli.main(["--root", str(project), "sync", "--no-mt"])
    monkeypatch.setattr(sync, "annotate_catalog", real)
    assert done, "the edit was never made: the test no longer steps into the sync"
    return code


def _touch_so_sync_runs(project: Path) -> None:
    (project / "locales" / "glossary.csv").write_text(
        (project / "locales" / "glossary.csv").read_text("utf-8") + "纳米颗粒,nanoparticle,\n", "utf-8"
    )


def test_a_paragraph_saved_during_the_sync_is_kept_and_synced_next_time(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = project / SOURCE
    _touch_so_sync_runs(project)

    def editor_saves() -> None:
        source.write_text(source.read_text("utf-8") + EDITOR_PARAGRAPH, "utf-8")

    assert _sync_while(project, monkeypatch, editor_saves) == 2
    err = capsys.readouterr().err
    assert f"newsroom: {SOURCE}: changed on disk while newsroom worked" in err
    assert source.read_text("utf-8").endswith(EDITOR_PARAGRAPH)
    # the next sync does not say "nothing changed": it reads the paragraph
    from pipeline.cli import main

    assert main(["--root", str(project), "sync", "--no-mt"]) == 0
    assert "编辑在同步过程中补充的一段话。" in [entry.msgid for entry in polib.pofile(str(project / CATALOG))]


def test_a_translation_saved_during_the_sync_is_kept(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = project / CATALOG
    _touch_so_sync_runs(project)
    saved: list[bytes] = []

    def translator_saves() -> None:
        po = polib.pofile(str(catalog))
        entry = next(entry for entry in po if not entry.obsolete and entry.msgid)
        entry.msgstr = "A translator's sentence, saved during the sync."
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        po.save(str(catalog))
        saved.append(catalog.read_bytes())

    assert _sync_while(project, monkeypatch, translator_saves) == 2
    assert f"newsroom: {CATALOG}: changed on disk while newsroom worked" in capsys.readouterr().err
    assert catalog.read_bytes() == saved[0]
    from pipeline.cli import main

    assert main(["--root", str(project), "sync", "--no-mt"]) == 0
    assert "A translator's sentence, saved during the sync." in [entry.msgstr for entry in polib.pofile(str(catalog))]
    edition = (project / "content/en/chimeric-exosomes.md").read_text("utf-8")
    assert "A translator's sentence, saved during the sync." in edition


def test_a_new_source_saved_during_the_sync_keeps_the_editors_text(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # sync adds a translationKey to a new source: it must not write over what the editor saved meanwhile
    source = project / "content/zh/new-article.md"
    source.write_text("---\ntitle: 新文章\n---\n\n第一句话。\n", "utf-8")

    def editor_saves() -> None:
        source.write_text(source.read_text("utf-8") + EDITOR_PARAGRAPH, "utf-8")

    assert _sync_while(project, monkeypatch, editor_saves) == 2
    assert "content/zh/new-article.md: changed on disk while newsroom worked" in capsys.readouterr().err
    assert source.read_text("utf-8") == "---\ntitle: 新文章\n---\n\n第一句话。\n" + EDITOR_PARAGRAPH
    assert not (project / "content/en/new-article.md").exists()  # built from the old text: not written


def test_a_source_keeps_its_byte_order_mark(project: Path, no_models: dict[str, str]) -> None:
    source = project / NEW_SOURCE
    synced = source.read_bytes()  # with the translationKey the first sync added
    key = b"translationKey: green-hydrogen-pilot\n"
    assert key in synced
    source.write_bytes(b"\xef\xbb\xbf" + synced.replace(key, b""))  # saved by a Windows editor, key lost
    assert run(project, "sync", env=no_models).returncode == 0
    assert source.read_bytes() == b"\xef\xbb\xbf" + synced
    result = run(project, "check", "--min-reviewed", "0")
    assert "stale" not in result.stdout, result.stdout


def test_a_symlinked_source_is_written_through_its_link(project: Path, no_models: dict[str, str], tmp_path: Path) -> None:
    source = project / NEW_SOURCE
    elsewhere = tmp_path / "drafts" / "green-hydrogen-pilot.md"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(source.read_bytes().replace(b"translationKey: green-hydrogen-pilot\n", b""))
    source.unlink()
    source.symlink_to(elsewhere)
    assert run(project, "sync", env=no_models).returncode == 0
    assert source.is_symlink() and source.resolve() == elsewhere.resolve()
    assert b"translationKey: green-hydrogen-pilot\n" in elsewhere.read_bytes()
    before = snapshot(project)
    assert run(project, "sync", env=no_models).returncode == 0
    assert snapshot(project) == before


def test_sync_removes_what_killed_writes_left_behind(project: Path, no_models: dict[str, str]) -> None:
    import os

    leftovers = [
        project / "content/zh/.chimeric-exosomes.md.k3j_x9q2.tmp",
        project / "locales/en/LC_MESSAGES/.chimeric-exosomes.po.ab12cd34.tmp",
        project / ".newsroom/.state.zz99yy88",
    ]
    fresh = project / "content/en/.inhaled-vaccine.md.q1w2e3r4.tmp"  # a write of another process, going on now
    keep = project / "content/zh/.notes.tmp"  # not a name newsroom makes
    for path in [*leftovers, fresh, keep]:
        path.write_text("half-written", "utf-8")
    for path in [*leftovers, keep]:
        os.utime(path, (0, 0))
    _touch_so_sync_runs(project)
    assert run(project, "sync", env=no_models).returncode == 0
    assert not any(path.exists() for path in leftovers)
    assert fresh.exists() and keep.exists()


EDITION = "content/en/chimeric-exosomes.md"


def _hand_edit(project: Path, old: str, new: str) -> int:
    """Edit the built edition as an editor would; the line of the edit."""
    edition = project / EDITION
    text = edition.read_text("utf-8")
    assert text.count(old) == 1, old
    edition.write_text(text.replace(old, new), "utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_an_edit_inside_a_sentence_goes_back_to_the_catalog_as_fuzzy(project: Path, no_models: dict[str, str]) -> None:
    _hand_edit(project, "reshape the tumor microenvironment", "reshape the tumour micro-environment")
    edited = (project / EDITION).read_text("utf-8")
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    assert f"newsroom: {EDITION}: edited by hand; 1 translation(s) taken into {CATALOG} as fuzzy" in result.stderr
    entry = next(e for e in polib.pofile(str(project / CATALOG)) if "micro-environment" in e.msgstr)
    assert entry.msgstr == "The vesicles can wake up the immune response and reshape the tumour micro-environment at the same time."
    assert entry.fuzzy and f"edited by hand in {EDITION}" in entry.tcomment
    rebuilt = (project / EDITION).read_text("utf-8")
    body = lambda text: text[text.index("\n---\n", 4) :]  # noqa: E731 - the edition's body
    assert body(rebuilt) == body(edited)  # the editor's text stays; the keys say a sentence awaits review
    assert "\nstatus: machine\n" in rebuilt
    before = snapshot(project)
    assert run(project, "sync", env=no_models).returncode == 0
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (
            "at the same time.\n",
            "at the same time.\n\nA paragraph an editor added, which no source sentence has.\n",
            "new lines that no source sentence has",
        ),
        ("- MHC I molecules\n- Costimulatory", "* MHC I molecules\n* Costimulatory", "outside a sentence"),  # list markers
        ("display_date: Oct. 13, 2021\n", "display_date: Oct. 13, 2021\nauthor: An Editor\n", "in the front matter"),
    ],
)
def test_an_edit_that_belongs_to_no_sentence_is_reported_not_dropped(
    project: Path, no_models: dict[str, str], old: str, new: str, why: str
) -> None:
    line = _hand_edit(project, old, new)
    before = snapshot(project)
    _touch_so_sync_runs(project)
    result = run(project, "sync", env=no_models)
    assert result.returncode == 2
    assert f"newsroom: {EDITION}:" in result.stderr and why in result.stderr and "newsroom does not overwrite the edition" in result.stderr
    reported = int(result.stderr.split(f"newsroom: {EDITION}:")[1].split(":")[0])
    assert line <= reported <= line + 2
    after = snapshot(project)
    for path in (EDITION, CATALOG, SOURCE):
        assert after[path] == before[path], path


@pytest.mark.parametrize(
    ("old", "new", "translations"),
    [
        # across two sentences: each side of the boundary goes to its own sentence
        ("(aMT-exos). The vesicles", "(aMT-exos); the vesicles", ["chimeric exosomes (aMT-exos);", "the vesicles can wake up the immune"]),
        # an image's alt text is a sentence of its own
        ("![Schematic of chimeric exosomes", "![Diagram of chimeric exosomes", ["Diagram of chimeric exosomes co-activating"]),
        # a translated front-matter value
        (
            "title: IPE develops chimeric exosomes that co-activate antitumor immunity",
            "title: IPE builds chimeric exosomes that co-activate antitumor immunity",
            ["IPE builds chimeric exosomes that co-activate antitumor immunity"],
        ),
        # two edits in two paragraphs
        (
            "wake up the immune response",
            "rouse the immune response",
            ["rouse the immune response"],
        ),
    ],
)
def test_edits_by_position_go_back_to_their_sentences(project: Path, no_models: dict[str, str], old: str, new: str, translations: list[str]) -> None:
    _hand_edit(project, old, new)
    edited = (project / EDITION).read_text("utf-8")
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    entries = [entry for entry in polib.pofile(str(project / CATALOG)) if not entry.obsolete]
    for fragment in translations:
        entry = next((e for e in entries if fragment in e.msgstr), None)
        assert entry is not None and entry.fuzzy, fragment
    rebuilt = (project / EDITION).read_text("utf-8")
    assert rebuilt[rebuilt.index("\n---\n", 4) :] == edited[edited.index("\n---\n", 4) :]


def test_a_changed_setting_is_no_hand_edit(project: Path, no_models: dict[str, str]) -> None:
    config = project / "newsroom.toml"
    config.write_text(config.read_text("utf-8").replace('date_style = "newsroom"', 'date_style = "long"'), "utf-8")
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0 and "edited by hand" not in result.stderr


def test_check_reports_a_hand_edit_with_its_line(project: Path, no_models: dict[str, str]) -> None:
    line = _hand_edit(project, "reshape the tumor microenvironment", "reshape the tumour micro-environment")
    result = run(project, "check", "--min-reviewed", "0")
    assert result.returncode == 1
    assert f"{EDITION}:{line}: error: hand-edited: edited by hand since newsroom built it, not in {CATALOG}" in result.stdout
    assert run(project, "sync", env=no_models).returncode == 0  # the edit goes to the PO file
    assert "hand-edited" not in run(project, "check", "--min-reviewed", "0").stdout
