"""What git knows of the project: when each file last changed, and reviewed words week by week.

One ``git log`` gives every file's last commit; ``git status`` names the
files changed since, whose time is their modification time. The weekly
figures replay the history of ``locales/``: each catalog version a commit
made is read from git (``git cat-file --batch``, one process for all of
them) and counted as ``check`` counts it, once: the counts are kept in
.newsroom/ by blob id. A week's bar is the reviewed words its commits added. Where the project is not in git there is no history:
file times come from the disk and the chart gives way to a plain count.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..errors import InputError
from ..model import LANGUAGES

__all__ = ["History", "read_history", "git", "WEEKS"]

WEEKS = 12  # weeks the chart shows, this one last


@dataclass(frozen=True)
class History:
    changed: dict[str, datetime]  # project path -> last change
    weekly: list[tuple[date, int]] | None  # (Monday, reviewed words added that week), oldest first; None: not in git


def git(root: Path, *args: str, data: bytes | None = None) -> bytes | None:
    """What ``git -C root ARGS`` prints; None where git is missing or says no (not a repository, no HEAD)."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def read_history(root: Path, paths: list[str], *, today: date | None = None, weekly: bool = True) -> History:
    """Last changes of ``paths`` (project-relative) and, in git, the reviewed words of the last weeks."""
    changed = {path: _mtime(root, path) for path in paths}
    top = git(root, "rev-parse", "--show-prefix")
    if top is None or git(root, "rev-parse", "--verify", "-q", "HEAD") is None:
        return History({path: time for path, time in changed.items() if time is not None}, None)
    prefix = top.decode().strip()
    committed: dict[str, datetime] = {}
    for when, files in _commits(root, "content", "locales"):
        for file in files:
            committed.setdefault(file.removeprefix(prefix), when)
    dirty = _dirty(root, prefix)
    for path in paths:
        if path in committed and path not in dirty:
            changed[path] = committed[path]
    weeks = _weekly_reviewed(root, prefix, today or datetime.now(timezone.utc).date()) if weekly else None
    return History({path: time for path, time in changed.items() if time is not None}, weeks)


def _mtime(root: Path, path: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(os.stat(root / path).st_mtime, tz=timezone.utc)
    except OSError:
        return None


def _commits(root: Path, *paths: str) -> Iterator[tuple[datetime, list[str]]]:
    """(commit time, files it changed, repository-relative), newest first."""
    out = git(root, "log", "--first-parent", "--diff-merges=first-parent", "--format=%x01%ct", "--name-only", "-z", "--", *paths)
    for record in (out or b"").decode("utf-8", "replace").split("\x01")[1:]:
        head, _, names = record.partition("\0")  # -z: the header line ends in NUL, then a newline
        files = [name.strip("\n") for name in names.split("\0") if name.strip("\n")]
        yield datetime.fromtimestamp(int(head.strip()), tz=timezone.utc), files


def _dirty(root: Path, prefix: str) -> set[str]:
    """Files under content/ and locales/ changed or added since the last commit (project-relative)."""
    out = git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", "content", "locales")
    return {entry[3:].removeprefix(prefix) for entry in (out or b"").decode("utf-8", "replace").split("\0") if len(entry) > 3}


HISTORY_CACHE = ".newsroom/review-history.json"  # reviewed words of each catalog version git has, by blob id


def _weekly_reviewed(root: Path, prefix: str, today: date) -> list[tuple[date, int]]:
    """Reviewed words added week by week (the last ``WEEKS``), replaying the catalogs' history.

    A catalog version is counted once: the counts are kept by git's blob id
    in .newsroom/, so the next build reads only the versions new since.
    """
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]
    commits = _catalog_changes(root, prefix)
    cache = _load_counts(root)
    new = {blob: path for _, changes in commits for path, blob in changes if blob is not None and blob not in cache}
    if new:
        cache.update(_count_blobs(root, new))
        _save_counts(root, cache)
    current: dict[str, int] = {}
    totals: list[tuple[date, int]] = []  # after each commit, oldest first
    for when, changes in commits:
        for path, blob in changes:
            if blob is None:  # deleted by this commit
                current.pop(path, None)
            elif cache.get(blob) is not None:  # a version that did not parse: the last good count stands
                current[path] = cache[blob]  # type: ignore[assignment]
        totals.append((when.date(), sum(current.values())))

    def total_before(day: date) -> int:
        return next((total for when, total in reversed(totals) if when < day), 0)

    return [(week, max(0, total_before(week + timedelta(weeks=1)) - total_before(week))) for week in weeks]


def _catalog_changes(root: Path, prefix: str) -> list[tuple[datetime, list[tuple[str, str | None]]]]:
    """Each commit that changed a catalog, oldest first: its time, and (project path, new blob id; None: deleted)."""
    # the main line only, a merge as what it brought to it: the branches' own commits would count twice
    first_parent = ("--first-parent", "--diff-merges=first-parent")
    out = git(root, "log", *first_parent, "--reverse", "--raw", "--no-abbrev", "--no-renames", "-z", "--format=%x01%ct", "--", "locales")
    commits = []
    for record in (out or b"").decode("utf-8", "replace").split("\x01")[1:]:
        fields = record.split("\0")
        when = datetime.fromtimestamp(int(fields[0].strip()), tz=timezone.utc)
        changes: list[tuple[str, str | None]] = []
        for meta, name in zip(fields[1::2], fields[2::2]):
            parts = meta.strip().split()
            path = name.removeprefix(prefix)
            if len(parts) == 5 and _is_catalog(path):
                changes.append((path, None if parts[4] == "D" else parts[3]))
        commits.append((when, changes))
    return commits


def _is_catalog(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 4 and parts[0] == "locales" and parts[2] == "LC_MESSAGES" and parts[3].endswith(".po")


def _count_blobs(root: Path, blobs: dict[str, str]) -> dict[str, int | None]:
    """Reviewed words of each catalog version (blob id -> its path), as check counts them; None: it does not parse."""
    from ..catalog import count_catalog, parse_catalog

    source_of = {lang.locale: next(code for code in LANGUAGES if code != target) for target, lang in LANGUAGES.items()}
    texts = _blobs(root, list(blobs))
    counts: dict[str, int | None] = {}
    for blob, path in blobs.items():
        source = source_of.get(path.split("/")[1])
        text = texts.get(blob)
        if source is None or text is None:
            continue
        try:
            counts[blob] = count_catalog(parse_catalog(text, path=path), source_lang=source).reviewed_words
        except InputError:
            counts[blob] = None
    return counts


def _load_counts(root: Path) -> dict[str, int | None]:
    from .. import __version__

    try:
        data = json.loads((root / HISTORY_CACHE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != __version__ or not isinstance(data.get("counts"), dict):
        return {}
    return {key: value for key, value in data["counts"].items() if isinstance(key, str) and (value is None or isinstance(value, int))}


def _save_counts(root: Path, counts: dict[str, int | None]) -> None:
    from .. import __version__
    from ..project import atomic_write

    if not (root / ".newsroom").is_dir():
        return  # no cache folder: not a project sync has run in; counted again next time
    try:
        atomic_write(root / HISTORY_CACHE, json.dumps({"version": __version__, "counts": counts}, sort_keys=True))
    except OSError:
        pass  # a cache: the next build counts again


def _blobs(root: Path, names: list[str]) -> dict[str, str]:
    """The text of each object named (here: blob ids) that git has."""
    if not names:
        return {}
    out = git(root, "cat-file", "--batch", data="".join(f"{name}\n" for name in names).encode())
    blobs: dict[str, str] = {}
    position = 0
    data = out or b""
    for name in names:
        end = data.find(b"\n", position)
        if end < 0:
            break
        header = data[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs[name] = data[position : position + size].decode("utf-8", "replace")
            position += size + 1
    return blobs
