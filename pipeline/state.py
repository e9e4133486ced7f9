"""What the last sync left behind, so the next one can skip what did not change.

Standard library only: ``newsroom sync`` with nothing changed decides so by
hashing the project's files, without importing Markdown, YAML, PO or MT
code, and without parsing a single article. Kept in ``.newsroom/``
(git-ignored); deleting it only makes the next sync do everything again.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "CACHE_DIR",
    "project_files",
    "snapshot",
    "load_state",
    "save_state",
    "project_lock",
    "models_fingerprint",
    "unchanged_since_last_sync",
    "settings_unchanged",
]

CACHE_DIR = ".newsroom"
STATE_FILE = f"{CACHE_DIR}/state.json"
LOCK_FILE = f"{CACHE_DIR}/sync.lock"


def project_files(root: Path) -> list[Path]:
    """Every file a sync reads: articles, catalogs, registry, glossary, memory, settings."""
    files = [root / "newsroom.toml"]
    content = root / "content"
    if content.is_dir():
        files += sorted(content.glob("*/*.md"))
    locales = root / "locales"
    if locales.is_dir():
        files += sorted(locales.glob("*/LC_MESSAGES/*.po"))
        files += sorted(locales.glob("*.csv")) + sorted(locales.glob("*.tmx"))
    return [path for path in files if path.is_file()]


def models_fingerprint() -> str:
    """The installed Argos packages, by folder name: installing a model makes a sync worth running."""
    folder = os.environ.get("ARGOS_PACKAGES_DIR")
    if not folder:
        data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        folder = str(Path(data) / "argos-translate" / "packages")
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_dir())
    except OSError:
        names = []
    return ",".join(names)


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def snapshot(root: Path, *, version: str) -> dict[str, object]:
    """Digests of every file a sync reads, the installed models and the program version."""
    files = {path.relative_to(root).as_posix(): file_digest(path.read_bytes()) for path in project_files(root)}
    return {"version": version, "models": models_fingerprint(), "files": files}


def load_state(root: Path) -> dict[str, object]:
    try:
        data = json.loads((root / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(root: Path, state: dict[str, object]) -> None:
    path = root / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".state.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(state, stream, ensure_ascii=False, sort_keys=True)
    os.replace(temporary, path)


# what atomic_write and save_state leave behind when killed between writing and renaming:
# .<name>.<8 random characters>.tmp, .state.<8 random characters>
_LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp|\.state\.[a-z0-9_]{8}")
LEFTOVER_AGE = 60.0  # seconds: a write renames its temporary file within milliseconds


def remove_leftovers(root: Path) -> list[Path]:
    """Delete the temporary files of writes that were killed before their rename (older than a minute)."""
    removed = []
    now = time.time()
    folders = [root / CACHE_DIR, root / "locales", *root.glob("content/*/"), *root.glob("locales/*/LC_MESSAGES/")]
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if _LEFTOVER.fullmatch(entry.name) and entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > LEFTOVER_AGE:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue  # gone already, or not ours to delete
    return removed


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """One sync at a time per project: a second one waits, then sees the first one's work.

    Holding the lock, it deletes what killed writes left behind (``remove_leftovers``).
    """
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as stream:
        fcntl.flock(stream, fcntl.LOCK_EX)
        try:
            remove_leftovers(root)
            yield
        finally:
            fcntl.flock(stream, fcntl.LOCK_UN)


def unchanged_since_last_sync(current: dict[str, object], previous: dict[str, object]) -> bool:
    """Every file, the models and the program are as the last sync left them."""
    return bool(previous) and all(previous.get(key) == current[key] for key in ("version", "models", "files"))


def settings_unchanged(current: dict[str, object], previous: dict[str, object]) -> bool:
    """Program, models, newsroom.toml, registry, glossary and imported memory as last time."""
    if not previous or any(previous.get(key) != current[key] for key in ("version", "models")):
        return False
    now, before = current["files"], previous.get("files")
    assert isinstance(now, dict)
    if not isinstance(before, dict):
        return False

    def settings(files: dict[str, object]) -> dict[str, object]:
        return {path: digest for path, digest in files.items() if not path.startswith(("content/", "locales/")) or path.count("/") == 1}

    return settings(now) == settings(before)
