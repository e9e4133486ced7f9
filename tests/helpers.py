"""Shared test helpers: a copy of the sample newsroom, running the CLI, file snapshots."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NEWSROOM = str(Path(sys.executable).parent / "newsroom")


def copy_sample(destination: Path) -> Path:
    """The repository's sample content and locales, copied into ``destination``."""
    for name in ("content", "locales"):
        shutil.copytree(REPO / name, destination / name)
    if (REPO / "newsroom.toml").exists():
        shutil.copy(REPO / "newsroom.toml", destination / "newsroom.toml")
    return destination


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `newsroom` command in ``root`` as a user would."""
    return subprocess.run(
        [NEWSROOM, *args], cwd=root, capture_output=True, text=True, timeout=300, env=env
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes, but the local cache ``.newsroom/``."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".newsroom" not in p.relative_to(root).parts
    }
