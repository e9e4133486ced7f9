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


def test_an_edition_edited_by_hand_is_not_overwritten(project: Path, no_models: dict[str, str]) -> None:
    edition = project / "content/en/chimeric-exosomes.md"
    lines = edition.read_text("utf-8").split("\n")
    body = lines.index("---", 1) + 1  # after the front matter
    number = next(i for i, line in enumerate(lines) if i > body and line.strip() and not line.startswith(("#", "-", "|", "<", "!")))
    lines[number] = lines[number] + " An editor's fix."
    edition.write_text("\n".join(lines), "utf-8")
    before = snapshot(project)
    _touch_so_sync_runs(project)
    result = run(project, "sync", env=no_models)
    assert result.returncode == 2
    assert (
        f"newsroom: content/en/chimeric-exosomes.md:{number + 1}: edited by hand after newsroom built it "
        "(first difference on this line): newsroom does not overwrite it"
    ) in result.stderr
    after = snapshot(project)
    for path in ("content/en/chimeric-exosomes.md", CATALOG, SOURCE):
        assert after[path] == before[path], path
    # a changed setting changes the keys newsroom sets, not what an editor wrote: that is no hand edit
    edition.write_text("\n".join(lines).replace(" An editor's fix.", ""), "utf-8")
    config = project / "newsroom.toml"
    config.write_text(config.read_text("utf-8").replace('date_style = "newsroom"', 'date_style = "long"'), "utf-8")
    assert run(project, "sync", env=no_models).returncode == 0
