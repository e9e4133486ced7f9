"""Translation memory, TMX exchange and incremental sync."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import NEWSROOM, copy_sample, run, snapshot
from pipeline.memory import TranslationMemory, Unit
from pipeline.project import load_config
from pipeline.sync import sync_project
from pipeline.tmx import read_tmx, tmx_text

REUSED = "研究团队提出纳微复合递送理念，研制出单剂次干粉吸入疫苗平台，以应对未来可能出现的新发突发传染病。"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path / "newsroom")
    (root / "content/zh/green-hydrogen-pilot.md").unlink()  # keep the runs small and complete
    return root


def _article(root: Path, slug: str, body: str) -> Path:
    path = root / "content/zh" / f"{slug}.md"
    path.write_text(f"---\ntitle: 新的文章{slug}\n---\n\n{body}\n", encoding="utf-8")
    return path


def _entry(root: Path, slug: str, msgid: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(root / f"locales/en/LC_MESSAGES/{slug}.po")) if e.msgid == msgid)


def test_exact_match_reuses_a_reviewed_translation_from_another_article(project: Path) -> None:
    reviewed = _entry(project, "inhaled-vaccine", REUSED).msgstr
    _article(project, "second", REUSED)
    report = sync_project(load_config(project), engine_factory=None)
    entry = _entry(project, "second", REUSED)
    assert entry.msgstr == reviewed and "fuzzy" not in entry.flags  # counted as reviewed
    assert entry.tcomment == "translation memory: exact match from locales/en/LC_MESSAGES/inhaled-vaccine.po"
    assert report.memory_exact == 1


def test_exact_match_can_be_configured_to_stay_fuzzy(project: Path) -> None:
    (project / "newsroom.toml").write_text('[newsroom]\nmemory_exact = "fuzzy"\n', encoding="utf-8")
    _article(project, "second", REUSED)
    sync_project(load_config(project), engine_factory=None)
    assert "fuzzy" in _entry(project, "second", REUSED).flags


def test_fuzzy_match_shows_its_source_as_previous_msgid(project: Path) -> None:
    changed = REUSED.replace("未来可能出现的", "今后可能出现的")
    _article(project, "third", changed)
    report = sync_project(load_config(project), engine_factory=None)
    entry = _entry(project, "third", changed)
    assert "fuzzy" in entry.flags and entry.previous_msgid == REUSED
    assert entry.msgstr == _entry(project, "inhaled-vaccine", REUSED).msgstr
    assert entry.tcomment.startswith("translation memory: ") and "% match from locales/en/LC_MESSAGES/inhaled-vaccine.po" in entry.tcomment
    assert report.memory_fuzzy == 1
    text = (project / "locales/en/LC_MESSAGES/third.po").read_text("utf-8")
    assert '#| msgid ""\n#| "' + REUSED[:20] in text  # as msgmerge writes a previous msgid, wrapped


def test_memory_index_updates_only_changed_catalogs(tmp_path: Path) -> None:
    memory = TranslationMemory(tmp_path / "m.sqlite")
    memory.replace_source("a.po", b"1", [Unit("zh", "en", "研究人员开发了新方法。", "Researchers developed a new method.")])
    assert not memory.needs_update("a.po", b"1") and memory.needs_update("a.po", b"2")
    assert memory.exact("研究人员开发了新方法。", source_lang="zh", target_lang="en") is not None
    found = memory.fuzzy("研究人员开发了一种新方法。", source_lang="zh", target_lang="en", threshold=75)
    assert found is not None and found.source == "研究人员开发了新方法。" and 75 <= found.score < 100
    assert memory.fuzzy("完全不同的一句话。", source_lang="zh", target_lang="en", threshold=75) is None
    memory.forget_missing([])
    assert memory.exact("研究人员开发了新方法。", source_lang="zh", target_lang="en") is None


def test_tmx_export_and_import_through_the_cli(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "memory.tmx"
    result = run(project, "tm", "export", str(out))
    assert result.returncode == 0
    units = read_tmx(out.read_text("utf-8"), path="memory.tmx")
    assert Unit("zh", "en", REUSED, _entry(project, "inhaled-vaccine", REUSED).msgstr) in units
    incoming = tmp_path / "omegat.tmx"
    incoming.write_text(tmx_text([Unit("zh", "en", "颗粒工程是过程工程的核心。", "Particle engineering is at the heart of process engineering.")]), "utf-8")
    imported = run(project, "tm", "import", str(incoming))
    assert imported.returncode == 0 and "imported 1 new unit(s)" in imported.stdout
    assert (project / "locales/memory.tmx").exists()
    _article(project, "fourth", "颗粒工程是过程工程的核心。")
    sync_project(load_config(project), engine_factory=None)
    entry = _entry(project, "fourth", "颗粒工程是过程工程的核心。")
    assert entry.msgstr == "Particle engineering is at the heart of process engineering."
    assert entry.tcomment == "translation memory: exact match from locales/memory.tmx"
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body>", "utf-8")
    bad = run(project, "tm", "import", str(broken))
    assert bad.returncode == 2 and "broken.tmx:1: not valid TMX/XML" in bad.stderr


def test_no_op_sync_reads_no_article(project: Path) -> None:
    assert run(project, "sync", "--no-mt").returncode == 0
    code = (
        "import sys, pipeline.content as c, pipeline.cli as cli\n"
        "def refuse(*a, **k): raise SystemExit('an article was parsed')\n"
        "c.parse_article = refuse; c.read_front_matter = refuse\n"
        "sys.exit(cli.main(['--root', sys.argv[1], 'sync', '--no-mt']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "nothing changed since the last sync" in result.stdout
    result = subprocess.run(
        [sys.executable, "-c", "import sys, pipeline.cli as cli; cli.main(['--root', sys.argv[1], 'sync', '--no-mt']);"
         "print(sorted(m for m in sys.modules if m.startswith(('polib', 'markdown_it', 'yaml', 'jieba', 'argostranslate'))))",
         str(project)],
        capture_output=True, text=True,
    )
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_unchanged_complete_articles_are_skipped(project: Path) -> None:
    sync_project(load_config(project), engine_factory=None)
    _article(project, "fifth", "全新的一句话。")
    report = sync_project(load_config(project), engine_factory=None)
    assert report.articles == 1 and report.skipped == 4


def test_two_concurrent_syncs_lose_nothing(project: Path) -> None:
    for number in range(6):
        _article(project, f"batch-{number}", f"第{number}篇文章的第一句话。第二句话也在这里。")
    before = snapshot(project)
    runs = [subprocess.Popen([NEWSROOM, "sync", "--no-mt"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stdout.read() if p.stdout else "", p.stderr.read() if p.stderr else "") for p in runs]
    assert all(code == 0 for code, _, _ in results), results
    after = snapshot(project)
    for number in range(6):
        po = polib.pofile(str(project / f"locales/en/LC_MESSAGES/batch-{number}.po"))
        assert [e.msgid for e in po][1:] == [f"第{number}篇文章的第一句话。", "第二句话也在这里。"]
        assert (project / f"content/en/batch-{number}.md").exists()
    for path, data in before.items():  # every reviewed translation is still there
        if path.endswith(".po"):
            old = {e.msgid: e.msgstr for e in polib.pofile(data.decode()) if e.msgstr and "fuzzy" not in e.flags}
            new = {e.msgid: e.msgstr for e in polib.pofile(after[path].decode())}
            assert all(new.get(msgid) == msgstr for msgid, msgstr in old.items())
    assert sum("nothing changed" in out for _, out, _ in results) == 1  # the second waited, then found it done
