"""Findings for CI: is every edition there, complete, fresh and linked?

Reads only bytes, front matter and PO files; never Markdown bodies, MT
models or jieba, so it starts fast. Checkers return findings; the command
line decides what to print and which exit code to use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .catalog import entry_state, parse_catalog, source_entries, summarize_catalog
from .text import body_digest, decode_text, refuse_nul
from .po import Catalog
from .model import Counts, Finding, ReviewState
from .state import CACHE_DIR
from .workers import map_in_processes
from .errors import InputError
from .frontmatter import load_front_matter, split_front_matter
from .project import Config, article_paths, atomic_write, catalog_path, edition_path, read_regular_file, relative, source_digest

__all__ = ["EditionReport", "CheckReport", "check_project"]


@dataclass
class EditionReport:
    """One source article in one target language."""

    source: str
    target: str
    po: str
    edition: str
    counts: Counts
    status: str  # reviewed | machine | partial | missing
    stale: bool
    findings: list[Finding] = field(default_factory=list)
    title: str = ""  # the source's

    def as_json(self) -> dict[str, object]:
        c = self.counts
        return {
            "source": self.source,
            "target": self.target,
            "po": self.po,
            "edition": self.edition,
            "status": self.status,
            "stale": self.stale,
            "reviewed_percent": round(c.reviewed_percent, 1),
            "sentences": {"total": c.total, "reviewed": c.reviewed, "fuzzy": c.fuzzy, "untranslated": c.untranslated},
            "words": {
                "total": c.total_words,
                "reviewed": c.reviewed_words,
                "fuzzy": c.fuzzy_words,
                "untranslated": c.untranslated_words,
            },
        }


@dataclass
class CheckReport:
    editions: list[EditionReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(finding.severity == "error" for finding in self.findings)

    @property
    def bad_input(self) -> bool:
        """Some file could not be read or parsed: the rest was checked all the same."""
        return any(finding.code == BAD_INPUT for finding in self.findings)


BAD_INPUT = "bad-input"


def _bad_input(error: InputError) -> Finding:
    return Finding(BAD_INPUT, error.message, error.path or "", error.line)


CHECK_CACHE = f"{CACHE_DIR}/check-cache.json"


@dataclass(frozen=True)
class _Summary:
    """What check needs of one catalog: counts, findings, the digest a build records."""

    counts: Counts
    qa: list[Finding]
    digest: str


@dataclass
class _Cache:
    """Catalog summaries by the catalog's bytes: those of the last check, and those used by this one."""

    known: dict[str, object]
    used: dict[str, object] = field(default_factory=dict)


def _load_cache(config: Config) -> _Cache:
    try:
        data = json.loads((config.root / CHECK_CACHE).read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    return _Cache(data if isinstance(data, dict) else {})


def _save_cache(config: Config, cache: _Cache) -> None:
    """Keep the summaries of the catalogs this check read (a local, git-ignored cache)."""
    try:
        atomic_write(config.root / CHECK_CACHE, json.dumps(cache.used, ensure_ascii=False))
    except OSError:
        pass  # a read-only checkout still gets its answer


_Request = tuple[bytes, str, str, str]  # a catalog's bytes, its path for messages, source and target language
PARALLEL_FROM = 64  # uncached catalogs from which check reads them in several processes


def _summary_record(request: _Request) -> dict[str, object]:
    """What check keeps of one catalog (as stored in the cache), or the error that stops reading it."""
    data, display, source_lang, target_lang = request
    try:
        po = parse_catalog(decode_text(data, path=display), path=display)
    except InputError as error:
        return {"error": [error.message, error.path, error.line]}
    counts, digest = summarize_catalog(po, source_lang=source_lang)
    qa = _qa_findings(po, display, source_lang=source_lang, target_lang=target_lang, strict=False)
    return {"counts": asdict(counts), "qa": [(f.code, f.message, f.line, f.severity) for f in qa], "digest": digest}


_KEYS = ("translation_of", "translationKey", "source_digest", "po_digest", "body_digest", "status", "title")
_KNOWN: dict[str, object] = {}  # the cache's summaries, seen by the worker processes (forked after it is set)


@dataclass(frozen=True)
class _Article:
    """What check reads of one article file (and, for a source, of its catalogs)."""

    path: str
    lang: str
    slug: str
    front: dict[str, object]  # the front-matter keys check looks at
    digest: str  # source_digest of its bytes
    lines: dict[str, int | None]  # the line of each of those keys
    catalogs: dict[str, tuple[str, dict[str, object] | None]]  # target -> (cache key, summary record; None: cached)
    edited: bool = False  # an edition whose text below the front matter is not what newsroom built

    @property
    def is_source(self) -> bool:
        return self.front.get("translation_of") is None


def _read_article(task: tuple[Config, Path, str, str]) -> _Article | InputError:
    """One article file's front matter, and a source's catalog summaries (run in a worker process)."""
    config, file, path, lang = task
    data = file.read_bytes()
    try:
        text = refuse_nul(decode_text(data, path=path), path=path)
        split = split_front_matter(text, path=path)
        front = {} if split is None else load_front_matter(text, split, path=path)
    except InputError as error:
        return error
    catalogs: dict[str, tuple[str, dict[str, object] | None]] = {}
    if front.get("translation_of") is None:
        for target in config.languages:
            if target == lang:
                continue
            po_path = catalog_path(config, file.stem, target)
            display = relative(config, po_path)
            try:
                po_data = read_regular_file(po_path, display)
            except InputError as error:
                catalogs[target] = (f"unreadable:{error.path}", {"error": [error.message, error.path, error.line]})
                continue
            if po_data is None:
                continue
            key = f"{__version__}:{lang}:{target}:{hashlib.sha256(po_data).hexdigest()[:24]}"
            known = isinstance(_KNOWN.get(key), dict)
            catalogs[target] = (key, None if known else _summary_record((po_data, display, lang, target)))
    edited = (
        split is not None
        and front.get("translation_of") is not None
        and front.get("body_digest") is not None
        and body_digest(text[split.body_start :]) != front.get("body_digest")
    )
    return _Article(
        path,
        lang,
        file.stem,
        {key: front[key] for key in _KEYS if key in front},
        source_digest(data),
        _key_lines(text, [key for key in _KEYS if key in front]),
        catalogs,
        edited,
    )


def _summary(display: str, key: str, found: dict[str, object] | None, cache: _Cache) -> _Summary | InputError:
    """A catalog's summary from its record (found now, or in the cache)."""
    record: Any = found if found is not None else cache.known[key]
    if "error" in record:
        message, where, line = record["error"]
        return InputError(message, path=where, line=line)  # not cached: reported again until the file is fixed
    cache.used[key] = record
    return _Summary(
        Counts(**record["counts"]),
        [Finding(f[0], f[1], display, f[2], f[3]) for f in record["qa"]],
        str(record["digest"]),
    )


def _qa_findings(po: Catalog, po_name: str, *, source_lang: str, target_lang: str, strict: bool) -> list[Finding]:
    """Reviewed translations against their source: markup, names/terms/dates/numbers, punctuation.

    The expected renderings are the hints that sync wrote into each entry's
    ``#.`` comment, so no jieba or registry is needed here.
    """
    reviewed = [entry for entry in source_entries(po).values() if entry_state(entry) is ReviewState.REVIEWED]
    if not reviewed:
        return []
    from .content import markup_problems
    from .style import missing_hints, parse_hint_comment, punctuation_problems

    severity = "error" if strict else "warning"
    findings = []
    for entry in reviewed:
        where = f" (source {entry.occurrences[0][0]}:{entry.occurrences[0][1]})" if entry.occurrences else ""
        for problem in markup_problems(entry.msgid, entry.msgstr):
            findings.append(Finding("markup", problem + where, po_name, entry.linenum, severity))
        hints = [hint for hint in map(parse_hint_comment, entry.extracted_comments) if hint is not None]
        for hint in missing_hints(hints, entry.msgstr, source_lang=source_lang, target_lang=target_lang):
            findings.append(
                Finding(hint.kind, f"expected {hint.source} = {hint.target} in the translation{where}", po_name, entry.linenum, severity)
            )
        for problem in punctuation_problems(entry.msgstr, target_lang):
            findings.append(Finding("punctuation", problem + where, po_name, entry.linenum, severity))
    return findings


def _edited_line(config: Config, source: _Article, target: str, entry: EditionReport) -> int | None:
    """The first line a person changed in an edition: the edition is built again to compare (rare: only
    for an edition whose body digest does not match)."""
    from .build import build_edition, first_edited_line, without_people
    from .content import parse_article

    try:
        source_path = config.root / source.path
        data = source_path.read_bytes()
        text = decode_text(data, path=source.path)
        article = parse_article(text, path=source.path, lang=source.lang, slug=source.slug, text_fields=config.text_fields)
        po = parse_catalog(decode_text((config.root / entry.po).read_bytes(), path=entry.po), path=entry.po)
        built = build_edition(article, po, target=target, source_digest=source.digest, date_style=config.date_style, publish=config.publish)
        disk = (config.root / entry.edition).read_bytes().decode("utf-8", "replace")
        built_text, disk_text = (without_people(text, config.people_fields, path=entry.edition) for text in (built.text, disk))
        return first_edited_line(built_text.encode("utf-8"), disk_text.encode("utf-8"))
    except (InputError, OSError):
        return None


def _key_lines(text: str, keys: list[str]) -> dict[str, int | None]:
    """The line of each top-level front-matter key (YAML or TOML), for findings about it; None if not found."""
    lines: dict[str, int | None] = dict.fromkeys(keys)
    if not keys:
        return lines
    written = re.compile(rf"({'|'.join(map(re.escape, keys))})[ \t]*[:=]")
    position, number = text.find("\n") + 1, 2  # after the opening fence
    while position:
        newline = text.find("\n", position)
        line = text[position:newline] if newline >= 0 else text[position:]
        if line.rstrip(" \t\r") in ("---", "...", "+++"):
            break
        match = written.match(line)
        if match is not None and lines[match.group(1)] is None:
            lines[match.group(1)] = number
        position, number = newline + 1, number + 1
    return lines


def _shared_keys(files: list[_Article]) -> list[Finding]:
    """Sources sharing a translationKey: Hugo would link each one's editions to the other's."""
    by_key: dict[str, list[_Article]] = {}
    for file in files:
        key = file.front.get("translationKey")
        if file.is_source and key is not None:
            by_key.setdefault(str(key), []).append(file)
    findings = []
    for key, sharing in by_key.items():
        if len(sharing) > 1:
            for file in sharing:
                others = ", ".join(other.path for other in sharing if other is not file)
                findings.append(
                    Finding("broken-link", f"translationKey {key!r} is also the key of {others}: each article needs its own", file.path, file.lines.get("translationKey"))
                )
    return findings


def _orphan_catalogs(config: Config, files: list[_Article], unreadable: set[str]) -> list[Finding]:
    """PO files of no source article (renamed or deleted): their translations are used by no edition.

    An article that could not be read may be the source: its catalogs are not called orphans.
    """
    findings = []
    for target in config.languages:
        expected = {file.slug for file in files if file.is_source and file.lang != target}
        expected |= {Path(path).stem for path in unreadable}
        folder = catalog_path(config, "x", target).parent
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".po"))
        except OSError:
            continue
        for name in names:
            if name[:-3] not in expected:
                findings.append(
                    Finding(
                        "orphan",
                        f"no source article content/*/{name[:-3]}.md has this catalog: rename it with its article, or delete it "
                        "(its reviewed translations stay in the translation memory only while it exists)",
                        relative(config, folder / name),
                        severity="warning",
                    )
                )
    return findings


def check_project(config: Config, *, min_reviewed: float | None = None, strict: bool = False) -> CheckReport:
    """Check every edition of every source article."""
    required = config.min_reviewed if min_reviewed is None else min_reviewed
    report = CheckReport()
    cache = _load_cache(config)
    global _KNOWN
    _KNOWN = cache.known
    files, bad = [], set()
    # front matter and catalogs of many articles are read in one process per core
    skipped: list[InputError] = []
    tasks = [(config, file, path, lang) for file, path, lang in article_paths(config, skipped)]
    report.findings += [Finding("not-read", note.message, note.path or "content", note.line, "warning") for note in skipped]
    for read in map_in_processes(_read_article, tasks, min_items=PARALLEL_FROM):
        if isinstance(read, InputError):
            report.findings.append(_bad_input(read))
            bad.add(read.path)
        else:
            files.append(read)
    by_path = {file.path: file for file in files}
    report.findings += _shared_keys(files) + _orphan_catalogs(config, files, bad)
    for file in files:
        if file.is_source:
            continue
        source = str(file.front.get("translation_of"))
        if source not in by_path and source not in bad:  # an unreadable source has its own finding
            report.findings.append(
                Finding(
                    "broken-link",
                    f"translation_of names {source}, which does not exist",
                    file.path,
                    file.lines.get("translation_of"),
                )
            )
    for file in files:
        if not file.is_source:
            continue
        digest = file.digest
        key = file.front.get("translationKey")
        for target in config.languages:
            if target == file.lang:
                continue
            po_path = catalog_path(config, file.slug, target)
            edition = edition_path(config, file.slug, target)
            entry = EditionReport(
                file.path, target, relative(config, po_path), relative(config, edition), Counts(), "missing", False,
                title=str(file.front.get("title") or ""),
            )
            report.editions.append(entry)
            if not po_path.exists():
                entry.findings.append(
                    Finding("missing", f"no {target} catalog yet: run `newsroom sync`", file.path)
                )
                continue
            if entry.edition in bad:
                entry.status = "error"
                continue  # its own finding says why it cannot be read
            summary = _summary(entry.po, *file.catalogs[target], cache)
            if isinstance(summary, InputError):
                entry.status = "error"
                entry.findings.append(_bad_input(summary))
                continue
            entry.counts = summary.counts
            entry.findings.extend(replace(f, severity="error") if strict else f for f in summary.qa)
            if not edition.exists():
                entry.findings.append(Finding("missing", "edition not built: run `newsroom sync`", entry.edition))
            else:
                edition_file = by_path.get(entry.edition)
                front = edition_file.front if edition_file is not None else {}
                lines = edition_file.lines if edition_file is not None else {}
                entry.status = str(front.get("status", "unknown"))
                if front.get("translation_of") != file.path:
                    entry.findings.append(
                        Finding(
                            "broken-link",
                            f"translation_of should be {file.path}",
                            entry.edition,
                            lines.get("translation_of"),
                        )
                    )
                if key is None or front.get("translationKey") != key:
                    entry.findings.append(
                        Finding(
                            "broken-link",
                            f"translationKey {front.get('translationKey')!r} does not match the source's {key!r}",
                            entry.edition,
                            lines.get("translationKey"),
                        )
                    )
                if front.get("source_digest") != digest:
                    entry.stale = True
                    entry.findings.append(
                        Finding(
                            "stale",
                            f"{file.path} changed since this edition was built: run `newsroom sync`",
                            entry.edition,
                            lines.get("source_digest"),
                        )
                    )
                elif front.get("po_digest") != summary.digest:
                    entry.stale = True
                    entry.findings.append(
                        Finding(
                            "stale",
                            f"{entry.po} changed since this edition was built: run `newsroom sync`",
                            entry.edition,
                            lines.get("po_digest"),
                        )
                    )
                if edition_file is not None and edition_file.edited:
                    entry.findings.append(
                        Finding(
                            "hand-edited",
                            f"edited by hand since newsroom built it, not in {entry.po}: run `newsroom sync`, which takes "
                            "the edits into the PO file as fuzzy translations for review",
                            entry.edition,
                            _edited_line(config, file, target, entry) if not entry.stale else lines.get("body_digest"),
                        )
                    )
            counts = entry.counts
            if counts.reviewed_percent < required:
                entry.findings.append(
                    Finding(
                        "incomplete",
                        f"{counts.reviewed_percent:.1f}% reviewed, {required:g}% required "
                        f"({counts.fuzzy} fuzzy, {counts.untranslated} untranslated of {counts.total} sentences)",
                        entry.po,
                    )
                )
    report.findings.extend(finding for edition in report.editions for finding in edition.findings)
    _save_cache(config, cache)
    return report
