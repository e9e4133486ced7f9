"""A corpus of bad and unusual input: each kind gets a clear message naming the file (and line), exit 2,
no traceback, and nothing of it written; what is only odd gets a warning and the work goes on."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import copy_sample, run, snapshot

SOURCE = "content/zh/chimeric-exosomes.md"
CATALOG = "locales/en/LC_MESSAGES/chimeric-exosomes.po"


def _edit(root: Path, path: str, change: Callable[[str], str]) -> None:
    file = root / path
    file.write_text(change(file.read_text("utf-8")), "utf-8")


def _setting(line: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        key = line.split("=")[0].strip()
        _edit(root, "newsroom.toml", lambda text: text.replace("[newsroom]\n", f"[newsroom]\n{line}\n", 1) if f"\n{key} " not in text else "\n".join(line if row.startswith(f"{key} ") else row for row in text.split("\n")))

    return apply


def _replace_with_file(path: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        target = root / path
        if target.is_dir():
            shutil.rmtree(target)
        target.write_text("not a folder\n", "utf-8")

    return apply


def _replace_with_folder(path: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / path).unlink()
        (root / path).mkdir()

    return apply


def _people(row: str) -> Callable[[Path], None]:
    """The row put on line 2, right after the header: what sync proposed follows, however many they are."""
    return lambda root: _edit(root, "locales/people.csv", lambda text: text.replace("\n", "\n" + row, 1))


def _glossary(row: str) -> Callable[[Path], None]:
    return lambda root: _edit(root, "locales/glossary.csv", lambda text: text + row)


def _duplicate_title(root: Path) -> None:
    _edit(root, SOURCE, lambda text: text.replace("\ntitle:", "\ntitle: 重复的标题\ntitle:", 1))


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[[Path], None]
    commands: tuple[tuple[str, ...], ...]
    message: str  # in standard error, after "newsroom: "
    whole_project: bool = True  # nothing at all is written (else: the file named in the message is unchanged)


SYNC_CHECK_STATUS = (("sync", "--no-mt"), ("check",), ("status",))
SYNC = (("sync", "--no-mt"),)

KINDS = [
    Kind("settings: unknown key", _setting("min_reveiwed = 50"), SYNC_CHECK_STATUS, "newsroom.toml:3: unknown setting 'min_reveiwed'; did you mean 'min_reviewed'?"),
    Kind("settings: nan", _setting("min_reviewed = nan"), SYNC_CHECK_STATUS, "min_reviewed must be a percentage from 0 to 100, not nan"),
    Kind("settings: over 100", _setting("min_reviewed = 500"), SYNC_CHECK_STATUS, "min_reviewed must be a percentage from 0 to 100, not 500"),
    Kind("settings: negative threshold", _setting("memory_threshold = -50"), SYNC_CHECK_STATUS, "memory_threshold must be a percentage from 0 to 100, not -50"),
    Kind("settings: one language", _setting('languages = ["zh"]'), SYNC_CHECK_STATUS, "names one language; newsroom translates between two"),
    Kind("settings: a language twice", _setting('languages = ["zh", "en", "en"]'), SYNC_CHECK_STATUS, "languages lists a language twice"),
    Kind("settings: broken TOML", _setting('team = "unclosed'), SYNC_CHECK_STATUS, "broken TOML: "),
    Kind("settings: a folder", _replace_with_folder("newsroom.toml"), SYNC_CHECK_STATUS, "newsroom.toml: is not a file"),
    Kind("layout: content/zh a file", _replace_with_file("content/zh"), SYNC_CHECK_STATUS, "content/zh: is a file, but it is a folder of the project"),
    Kind("layout: locales a file", _replace_with_file("locales"), SYNC_CHECK_STATUS, "locales: is a file, but it is a folder of the project"),
    Kind("layout: LC_MESSAGES a file", _replace_with_file("locales/en/LC_MESSAGES"), SYNC_CHECK_STATUS, "locales/en/LC_MESSAGES: is a file"),
    Kind("layout: .newsroom a file", _replace_with_file(".newsroom"), SYNC_CHECK_STATUS, ".newsroom: is a file, but it is newsroom's local cache"),
    Kind(
        "layout: a folder for an unlisted language",
        lambda root: (root / "content/fr").mkdir() or (root / "content/fr/bonjour.md").write_text("---\ntitle: Bonjour\n---\n\nTexte.\n", "utf-8"),
        SYNC_CHECK_STATUS,
        "content/fr: not a language newsroom knows (zh, en)",
    ),
    Kind("article: a key twice", _duplicate_title, SYNC_CHECK_STATUS, f"{SOURCE}:3: broken YAML front matter: the key 'title' is given twice (first on line 2)", whole_project=False),
    Kind(
        "article: a NUL byte",
        lambda root: (root / SOURCE).write_bytes((root / SOURCE).read_bytes().replace("。".encode(), "。\0".encode(), 1)),
        SYNC_CHECK_STATUS,
        "a NUL character (byte 0x00): a Markdown file has none",
        whole_project=False,
    ),
    Kind("people.csv: unclosed quote", _people('"未闭合,WEI\n'), SYNC, 'locales/people.csv:2: a quote (") is not closed', whole_project=False),
    Kind("people.csv: two rows, two names", _people("魏炜,WEI Wei Jr.,研究员,,yes\n"), SYNC, "locales/people.csv:3: 魏炜 is here twice, differently (also on line 2", whole_project=False),
    Kind("people.csv: confirmed=maybe", _people("王小明,WANG Xiaoming,,,maybe\n"), SYNC, "locales/people.csv:2: confirmed is 'maybe': write yes or no", whole_project=False),
    Kind("glossary.csv: a term twice", _glossary("外泌体,exosomes (vesicles),\n"), SYNC, "is here twice with different English", whole_project=False),
    Kind("glossary.csv: unclosed quote", _glossary('"外泌体,exosome\n'), SYNC, 'locales/glossary.csv:', whole_project=False),
    Kind("people.csv: a folder", _replace_with_folder("locales/people.csv"), SYNC, "locales/people.csv: is a folder, not a file: move it away"),
    Kind("catalog: a folder", _replace_with_folder(CATALOG), SYNC_CHECK_STATUS, f"{CATALOG}: is a folder, not a file: move it away", whole_project=False),
]


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import os

    root = copy_sample(tmp_path_factory.mktemp("synced") / "newsroom")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path_factory.mktemp("no-models"))}
    assert run(root, "sync", env=env).returncode == 0
    return root


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_bad_input_is_named_exits_2_and_writes_nothing(kind: Kind, synced: Path, tmp_path: Path, no_models: dict[str, str]) -> None:
    root = tmp_path / "newsroom"
    shutil.copytree(synced, root, symlinks=True)
    kind.make(root)
    for command in kind.commands:
        before = snapshot(root)
        result = run(root, *command, env=no_models)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert kind.message in result.stderr, (command, result.stderr)
        after = snapshot(root)
        if kind.whole_project:
            assert after == before, command
        else:
            named = next((path for path in before if kind.message.startswith(path) or f" {path}" in kind.message), None)
            for path in [named] if named else []:
                assert after.get(path) == before[path]


def test_a_damaged_memory_index_is_built_again(synced: Path, tmp_path: Path, no_models: dict[str, str]) -> None:
    root = tmp_path / "newsroom"
    shutil.copytree(synced, root, symlinks=True)
    (root / ".newsroom/memory.sqlite").write_bytes(b"this is not a database" * 100)
    _glossary("新词,new term,\n")(root)  # something to sync
    result = run(root, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(root / ".newsroom/memory.sqlite") as db:
        assert db.execute("SELECT count(*) FROM units").fetchone()[0] > 0


def test_a_poisoned_check_cache_is_ignored(synced: Path, tmp_path: Path) -> None:
    root = tmp_path / "newsroom"
    shutil.copytree(synced, root, symlinks=True)
    expected = run(root, "check", "--format", "json")
    for poison in (b"[1, 2, 3]", b"{\"0.1.0:zh:en:abc\": [1]}", b"\xff\xfe", b"{"):
        for cache in (root / ".newsroom").glob("check*.json"):
            cache.write_bytes(poison)
        result = run(root, "check", "--format", "json")
        assert result.returncode == expected.returncode and result.stdout == expected.stdout, poison


def test_translation_key_shared_by_two_sources_is_reported(synced: Path, tmp_path: Path) -> None:
    root = tmp_path / "newsroom"
    shutil.copytree(synced, root, symlinks=True)
    _edit(root, "content/zh/inhaled-vaccine.md", lambda text: text.replace("translationKey: inhaled-vaccine", "translationKey: chimeric-exosomes"))
    result = run(root, "check", "--min-reviewed", "0")
    assert result.returncode == 1
    line = next(n for n, row in enumerate((root / "content/zh/inhaled-vaccine.md").read_text("utf-8").split("\n"), 1) if row.startswith("translationKey"))
    assert (
        f"content/zh/inhaled-vaccine.md:{line}: error: broken-link: translationKey 'chimeric-exosomes' is also the key of "
        "content/zh/chimeric-exosomes.md: each article needs its own"
    ) in result.stdout


def test_orphan_catalog_is_reported(synced: Path, tmp_path: Path) -> None:
    root = tmp_path / "newsroom"
    shutil.copytree(synced, root, symlinks=True)
    shutil.copy(root / CATALOG, root / "locales/en/LC_MESSAGES/renamed-article.po")
    result = run(root, "check", "--min-reviewed", "0")
    assert "locales/en/LC_MESSAGES/renamed-article.po: warning: orphan: no source article content/*/renamed-article.md" in result.stdout
    assert "chimeric-exosomes.po: warning: orphan" not in result.stdout


def test_a_folder_where_an_edition_goes(synced: Path, tmp_path: Path, no_models: dict[str, str]) -> None:
    root = tmp_path / "newsroom"
    shutil.copytree(synced, root, symlinks=True)
    (root / "content/en/green-hydrogen-pilot.md").unlink()
    (root / "content/en/green-hydrogen-pilot.md").mkdir()
    result = run(root, "sync", env=no_models)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "content/en/green-hydrogen-pilot.md: is a folder or a special file where newsroom writes a file: move it away" in result.stderr


def test_an_unreadable_source_is_reported_once_not_as_orphans(synced: Path, tmp_path: Path) -> None:
    root = tmp_path / "newsroom"
    shutil.copytree(synced, root, symlinks=True)
    (root / SOURCE).write_bytes((root / SOURCE).read_bytes() + b"\0")
    result = run(root, "check", "--min-reviewed", "0")
    assert result.returncode == 2
    assert f"{SOURCE}:" in result.stderr and "a NUL character" in result.stderr
    assert "orphan" not in result.stdout and "broken-link" not in result.stdout, result.stdout
