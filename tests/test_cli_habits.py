"""What people expect of a command-line tool: --version, exit codes, a closed pipe, GitHub annotations,
standard output for exports, settings checked, and files in content/ that are not articles."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers import NEWSROOM, copy_sample, run, snapshot

from pipeline import __version__


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "newsroom")


def test_version_and_exit_codes_in_help(project: Path) -> None:
    result = run(project, "--version")
    assert result.returncode == 0 and result.stdout.strip() == f"newsroom {__version__}"
    help_text = run(project, "--help").stdout
    for code in ("0", "1", "2", "3"):
        assert f"\n  {code}  " in help_text


@pytest.mark.parametrize("value", ["nan", "-5", "500", "inf", "ten"])
def test_min_reviewed_must_be_a_percentage(project: Path, value: str) -> None:
    before = snapshot(project)
    result = run(project, "check", "--min-reviewed", value)
    assert result.returncode == 2
    assert "--min-reviewed" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("min_reveiwed = 50", "unknown setting 'min_reveiwed'; did you mean 'min_reviewed'?"),
        ("min_reviewed = nan", "min_reviewed must be a percentage from 0 to 100, not nan"),
        ("min_reviewed = 500", "min_reviewed must be a percentage from 0 to 100, not 500"),
        ("memory_threshold = -50", "memory_threshold must be a percentage from 0 to 100, not -50"),
        ("memory_threshold = inf", "memory_threshold must be a percentage from 0 to 100, not inf"),
        ('languages = ["zh", "en", "zh"]', "languages lists a language twice"),
        ("colour = 1", "unknown setting 'colour'; the settings are project, languages"),
    ],
)
def test_settings_are_checked_with_their_line(project: Path, setting: str, message: str) -> None:
    config = project / "newsroom.toml"
    key = setting.split("=")[0].strip()
    lines = [line for line in config.read_text("utf-8").split("\n") if not line.startswith(f"{key} ")]
    at = lines.index("[newsroom]") + 1
    lines.insert(at, setting)
    config.write_text("\n".join(lines), "utf-8")
    before = snapshot(project)
    for command in (["check"], ["sync", "--no-mt"], ["status"]):
        result = run(project, *command)
        assert result.returncode == 2, (command, result.stderr)
        assert f"newsroom.toml:{at + 1}: {message}" in result.stderr, result.stderr
        assert snapshot(project) == before


def test_a_key_outside_the_newsroom_table_is_named(project: Path) -> None:
    config = project / "newsroom.toml"
    config.write_text("min_reviewed = 50\n" + config.read_text("utf-8"), "utf-8")
    result = run(project, "check")
    assert result.returncode == 2
    assert "newsroom.toml:1: unknown table or key 'min_reviewed': the settings go under [newsroom]" in result.stderr


def test_settings_file_that_is_a_folder(project: Path) -> None:
    (project / "newsroom.toml").unlink()
    (project / "newsroom.toml").mkdir()
    result = run(project, "check")
    assert result.returncode == 2 and "newsroom.toml: is not a file" in result.stderr


@pytest.mark.parametrize("name", ["", "  ", "Wei Wei", "魏 Wei"])
def test_romanize_refuses_what_is_not_a_chinese_name(project: Path, name: str) -> None:
    result = run(project, "romanize", name)
    assert result.returncode == 2
    assert "is not a Chinese name" in result.stderr and "Traceback" not in result.stderr


def test_a_closed_pipe_ends_quietly(project: Path) -> None:
    # `newsroom status | head -1`: head exits after one line; newsroom must not print a traceback
    result = subprocess.run(
        ["bash", "-c", f"'{NEWSROOM}' status | head -1; exit ${{PIPESTATUS[0]}}"],
        cwd=project, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.stdout.startswith("source")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert result.returncode in (0, 141)


def test_an_internal_error_is_one_line_and_exit_3(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline import cli

    def broken(args: object) -> int:
        raise RuntimeError("an invariant does not hold")

    monkeypatch.setattr(cli, "_status", broken)
    assert cli.main(["--root", str(project), "status"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "this is a bug in newsroom" in err and "--debug" in err
    assert "RuntimeError: an invariant does not hold" in err and "Traceback" not in err
    assert cli.main(["--root", str(project), "--debug", "status"]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_check_writes_github_annotations(project: Path) -> None:
    result = run(project, "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/zh/green-hydrogen-pilot.md,title=newsroom missing::no en catalog yet: run `newsroom sync`",
        "5 edition(s) checked, 1 problem(s)",
    ]
    (project / "content/zh/chimeric-exosomes.md").unlink()  # a finding with a line: its edition's link is broken
    lines = run(project, "check", "--format", "github").stdout.splitlines()
    assert any(line.startswith("::error file=content/en/chimeric-exosomes.md,line=12,title=newsroom broken-link::") for line in lines)


def test_github_annotation_escapes_what_would_end_it() -> None:
    from pipeline.cli import _github_annotation
    from pipeline.model import Finding

    line = _github_annotation(Finding("stale", "50% done\nthen: more, later", "content/en/a,b:c.md", 7, "warning"))
    assert line == "::warning file=content/en/a%2Cb%3Ac.md,line=7,title=newsroom stale::50%25 done%0Athen: more, later"


@pytest.mark.parametrize("command", [["tm", "export", "-"], ["glossary", "export", "-"]])
def test_export_to_standard_output(project: Path, command: list[str]) -> None:
    before = snapshot(project)
    result = run(project, *command)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<?xml") and "wrote" in result.stderr and "to standard output" in result.stderr
    assert not (project / "-").exists() and snapshot(project) == before


@pytest.mark.parametrize("command", [["tm", "export"], ["glossary", "export"]])
def test_export_to_a_folder_is_refused(project: Path, command: list[str]) -> None:
    (project / "out").mkdir()
    result = run(project, *command, "out")
    assert result.returncode == 2 and "out: is a folder" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_what_is_not_an_article_is_skipped_with_a_warning(project: Path, no_models: dict[str, str]) -> None:
    zh = project / "content" / "zh"
    os.mkfifo(zh / "pipe.md")  # reading it would block forever
    (zh / ".#chimeric-exosomes.md").symlink_to("editor@host.4242")  # an Emacs lock file: a dangling link
    (zh / "gone.md").symlink_to("nowhere.md")
    (zh / "folder.md").mkdir()
    (zh / "news").mkdir()
    (zh / "news" / "nested.md").write_text("---\ntitle: 小节里的文章\n---\n\n正文。\n", "utf-8")
    (project / "content" / "stray.md").write_text("---\ntitle: 放错地方\n---\n\n正文。\n", "utf-8")
    expected = {
        "content/zh/pipe.md": "not a regular file (a FIFO, socket or device)",
        "content/zh/.#chimeric-exosomes.md": "an editor's lock file",
        "content/zh/gone.md": "a link to nothing",
        "content/zh/folder.md": "a folder",
        "content/zh/news/nested.md": "in a subfolder: newsroom reads the articles right in content/zh/",
        "content/stray.md": "articles go in content/<language>/ (zh, en)",
    }
    result = run(project, "check", "--min-reviewed", "0")
    for path, why in expected.items():
        assert f"{path}: warning: not-read: {why}" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    for path, why in expected.items():
        assert f"newsroom: {path}: not read: {why}" in result.stderr
    assert (zh / "gone.md").is_symlink() and not (project / "content" / "en" / "nested.md").exists()


TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>IPE termbase</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="definition">a miniature organ grown in vitro</descrip>
      <langSec xml:lang="zh-Hans"><termSec><term>类器官</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>organoid</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="zh-CN"><termSec><term>钙钛矿</term></termSec></langSec>
      <langSec xml:lang="en-US"><termSec><term>perovskite</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

TBX_V2 = """<?xml version="1.0" encoding="UTF-16"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="t1">
    <langSet xml:lang="zh"><tig><term>固态电解质</term></tig></langSet>
    <langSet xml:lang="en"><tig><term>solid-state electrolyte</term></tig></langSet>
  </termEntry>
</body></text></martif>
"""


def test_glossary_imports_tbx_v3_and_utf16_tbx_v2(project: Path) -> None:
    (project / "v3.tbx").write_text(TBX_V3, "utf-8")
    (project / "v2.tbx").write_bytes(TBX_V2.encode("utf-16"))
    for name, count in (("v3.tbx", 2), ("v2.tbx", 1)):
        result = run(project, "glossary", "import", name)
        assert result.returncode == 0, result.stderr
        assert f"imported {count} new term(s) of {count}" in result.stdout
    glossary = (project / "locales/glossary.csv").read_text("utf-8")
    assert "类器官,organoid,a miniature organ grown in vitro\n" in glossary and "钙钛矿,perovskite,\n" in glossary
    assert "固态电解质,solid-state electrolyte,\n" in glossary


def test_glossary_import_refuses_what_is_not_tbx_and_blank_terms(project: Path) -> None:
    from pipeline.memory import Unit
    from pipeline.tmx import tmx_text

    (project / "memory.tmx").write_text(tmx_text([Unit("zh", "en", "你好。", "Hello.")]), "utf-8")
    blank = TBX_V3.replace("<term>perovskite</term>", "<term>  </term>")
    (project / "blank.tbx").write_text(blank, "utf-8")
    (project / "none.tbx").write_text(TBX_V3.replace('xml:lang="en"><termSec>', 'xml:lang="fr"><termSec>').replace("en-US", "fr"), "utf-8")
    (project / "broken.tbx").write_text(TBX_V3.replace("</body>", ""), "utf-8")
    blank_line = next(number for number, line in enumerate(blank.split("\n"), 1) if "<term>  </term>" in line)
    before = snapshot(project)
    cases = {
        "memory.tmx": "memory.tmx:2: not a TBX file: its root element is <tmx>, not <martif> (TBX v2) or <tbx> (TBX v3) (a TMX file: `newsroom tm import` reads it)",
        "blank.tbx": f"blank.tbx:{blank_line}: a blank English term",
        "none.tbx": "none.tbx: no term entry here has both a Chinese (zh) and an English (en) term",
        "broken.tbx": "broken.tbx:",
    }
    for name, message in cases.items():
        result = run(project, "glossary", "import", name)
        assert result.returncode == 2, name
        assert message in result.stderr, (name, result.stderr)
    assert snapshot(project) == before
    tbx_as_tmx = run(project, "tm", "import", "blank.tbx")
    assert tbx_as_tmx.returncode == 2 and "not a TMX file (no <tmx> root) (a TBX termbase" in tbx_as_tmx.stderr


def test_tm_import_reads_utf16_tmx(project: Path) -> None:
    from pipeline.memory import Unit
    from pipeline.tmx import tmx_text

    text = tmx_text([Unit("zh", "en", "中试装置已经投产。", "The pilot plant is in operation.")])
    (project / "other-tool.tmx").write_bytes(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    result = run(project, "tm", "import", "other-tool.tmx")
    assert result.returncode == 0, result.stderr
    assert "imported 1 new unit(s) of 1" in result.stdout


def test_sync_shows_progress_on_a_terminal_only(project: Path, no_models: dict[str, str]) -> None:
    import pty

    master, terminal = pty.openpty()
    try:
        result = subprocess.run([NEWSROOM, "sync"], cwd=project, stdout=subprocess.PIPE, stderr=terminal, env=no_models, timeout=300)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal is closed: all is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    assert result.returncode == 0
    screen = shown.decode("utf-8", "replace")
    for phase in ("read", "merge", "hints", "build"):
        assert f"{phase}:" in screen, screen
    # not on a pipe, and not with --quiet
    (project / "content/zh/green-hydrogen-pilot.md").write_text(
        (project / "content/zh/green-hydrogen-pilot.md").read_text("utf-8") + "\n新增的一句话。\n", "utf-8"
    )
    quiet = run(project, "sync", "--quiet", env=no_models)
    assert quiet.returncode == 0 and "wrote " not in quiet.stdout and "synced 1 source article(s)" in quiet.stdout
    assert "%|" not in quiet.stderr and "build" not in quiet.stderr
