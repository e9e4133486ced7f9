"""Findings for CI: is every edition there, complete, fresh and linked?

Reads only bytes, front matter and PO files; never Markdown bodies, MT
models or jieba, so it starts fast. Checkers return findings; the command
line decides what to print and which exit code to use.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .catalog import count_catalog, entry_state, parse_catalog, source_entries, translations_digest
from .content import decode_text
from .po import Catalog
from .model import Counts, Finding, ReviewState
from .state import CACHE_DIR
from .workers import map_in_processes
from .errors import InputError
from .project import Config, atomic_write, catalog_path, edition_path, list_article_files, relative, source_digest

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
    counts = count_catalog(po, source_lang=source_lang)
    qa = _qa_findings(po, display, source_lang=source_lang, target_lang=target_lang, strict=False)
    return {
        "counts": asdict(counts),
        "qa": [(f.code, f.message, f.line, f.severity) for f in qa],
        "digest": translations_digest(po),
    }


def _summarize_all(catalogs: list[tuple[Path, str, str, str]], cache: _Cache) -> dict[str, _Summary | InputError]:
    """Each catalog's summary by its display path, from the cache where its bytes were summarized before."""
    keys: dict[str, str] = {}
    todo: list[_Request] = []
    for path, display, source_lang, target_lang in catalogs:
        data = path.read_bytes()
        key = f"{__version__}:{source_lang}:{target_lang}:{hashlib.sha256(data).hexdigest()[:24]}"
        keys[display] = key
        if not isinstance(cache.known.get(key), dict):
            todo.append((data, display, source_lang, target_lang))
    for (_, display, _, _), found in zip(todo, map_in_processes(_summary_record, todo, min_items=PARALLEL_FROM)):
        cache.known[keys[display]] = found
    summaries: dict[str, _Summary | InputError] = {}
    for display, key in keys.items():
        record: Any = cache.known[key]
        if "error" in record:
            message, where, line = record["error"]
            summaries[display] = InputError(message, path=where, line=line)
            continue  # not cached: the error is reported again until the file is fixed
        cache.used[key] = record
        summaries[display] = _Summary(
            Counts(**record["counts"]),
            [Finding(f[0], f[1], display, f[2], f[3]) for f in record["qa"]],
            str(record["digest"]),
        )
    return summaries


def _qa_findings(po: Catalog, po_name: str, *, source_lang: str, target_lang: str, strict: bool) -> list[Finding]:
    """Reviewed translations against their source: markup, names/terms/dates/numbers, punctuation.

    The expected renderings are the hints that sync wrote into each entry's
    ``#.`` comment, so no jieba or registry is needed here.
    """
    from .content import markup_problems
    from .style import missing_hints, parse_hint_comment, punctuation_problems

    severity = "error" if strict else "warning"
    findings = []
    for entry in source_entries(po).values():
        if entry_state(entry) is not ReviewState.REVIEWED:
            continue
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


def _key_line(text: str, key: str) -> int | None:
    """The line of a top-level front-matter key (YAML or TOML), for findings about it."""
    written = re.compile(rf"{re.escape(key)}[ \t]*[:=]")
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.rstrip(" \t\r") in ("---", "...", "+++"):
            return None
        if written.match(line):
            return number
    return None


def check_project(config: Config, *, min_reviewed: float | None = None, strict: bool = False) -> CheckReport:
    """Check every edition of every source article."""
    required = config.min_reviewed if min_reviewed is None else min_reviewed
    report = CheckReport()
    cache = _load_cache(config)
    listing = list_article_files(config)
    files = listing.files
    bad = listing.bad_paths
    report.findings.extend(_bad_input(error) for error in listing.errors)
    by_path = {file.path: file for file in files}
    catalogs = [
        (catalog_path(config, file.slug, target), relative(config, catalog_path(config, file.slug, target)), file.lang, target)
        for file in files
        if file.is_source
        for target in config.languages
        if target != file.lang and catalog_path(config, file.slug, target).exists()
        and relative(config, edition_path(config, file.slug, target)) not in bad
    ]
    summaries = _summarize_all(catalogs, cache)
    for file in files:
        if file.is_source:
            continue
        source = str(file.front.get("translation_of"))
        if source not in by_path:
            report.findings.append(
                Finding(
                    "broken-link",
                    f"translation_of names {source}, which does not exist",
                    file.path,
                    _key_line(file.text, "translation_of"),
                )
            )
    for file in files:
        if not file.is_source:
            continue
        digest = source_digest(file.data)
        key = file.front.get("translationKey")
        for target in config.languages:
            if target == file.lang:
                continue
            po_path = catalog_path(config, file.slug, target)
            edition = edition_path(config, file.slug, target)
            entry = EditionReport(
                file.path, target, relative(config, po_path), relative(config, edition), Counts(), "missing", False
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
            summary = summaries[entry.po]
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
                edition_text = edition_file.text if edition_file is not None else ""
                entry.status = str(front.get("status", "unknown"))
                if front.get("translation_of") != file.path:
                    entry.findings.append(
                        Finding(
                            "broken-link",
                            f"translation_of should be {file.path}",
                            entry.edition,
                            _key_line(edition_text, "translation_of"),
                        )
                    )
                if key is None or front.get("translationKey") != key:
                    entry.findings.append(
                        Finding(
                            "broken-link",
                            f"translationKey {front.get('translationKey')!r} does not match the source's {key!r}",
                            entry.edition,
                            _key_line(edition_text, "translationKey"),
                        )
                    )
                if front.get("source_digest") != digest:
                    entry.stale = True
                    entry.findings.append(
                        Finding(
                            "stale",
                            f"{file.path} changed since this edition was built: run `newsroom sync`",
                            entry.edition,
                            _key_line(edition_text, "source_digest"),
                        )
                    )
                elif front.get("po_digest") != summary.digest:
                    entry.stale = True
                    entry.findings.append(
                        Finding(
                            "stale",
                            f"{entry.po} changed since this edition was built: run `newsroom sync`",
                            entry.edition,
                            _key_line(edition_text, "po_digest"),
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
