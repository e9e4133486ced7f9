"""Shared test helpers: a copy of the sample newsroom, running the CLI, file snapshots."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NEWSROOM = str(Path(sys.executable).parent / "newsroom")


def copy_sample(destination: Path) -> Path:
    """The repository's sample content and locales as committed, copied into ``destination``.

    As committed, not as in the working tree: `make sync` changes the sample
    (it builds the new article's edition), and the tests must not depend on
    whether it ran. Outside a git checkout the working tree is copied.
    """
    names = ["content", "locales", "newsroom.toml"]
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", "HEAD", *names], capture_output=True)
    if archive.returncode == 0:
        destination.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(destination, filter="data")
        return destination
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


def without_edition_keys(text: str) -> str:
    """An article without the front-matter lines newsroom adds to an edition (and without a front
    matter left empty by that), and with the people fields (authors) blanked, which the edition writes
    in its own language: what an identity edition must share byte for byte with its source."""
    from pipeline.build import EDITION_KEYS, without_people
    from pipeline.project import Config

    import re

    text = without_people(text, Config.people_fields, path="article.md")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return text
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...", "+++")), len(lines))
    # "key: value", "key = value" (TOML), "    key: value," or "  , key: value" (inside a YAML flow mapping)
    kept = [line for line in lines[1:end] if (re.match(r"\s*,?\s*([\w-]+)\s*[:=]", line) or [None, None])[1] not in EDITION_KEYS]
    if not kept:  # the front matter newsroom gave an article that had none
        return "".join(lines[end + 1 :])
    return "".join([lines[0], *kept, *lines[end:]])
