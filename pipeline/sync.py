"""`newsroom sync`: sources -> merged, machine-drafted PO files -> built editions.

Everything is read and checked before anything is written, so bad input
leaves every file as it was. Machine translation runs once per language
pair over all the sentences of the run that are still empty.
"""

from __future__ import annotations

import os
from importlib import import_module
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .build import build_edition, first_edited_line, front_people, without_people
from .catalog import (
    HAND_EDIT_COMMENT,
    MEMORY_COMMENT_PREFIX,
    source_entries,
    translations_digest,
    extract_catalog,
    mark_draft,
    mark_machine_translation,
    annotate_catalog,
    merge_catalog,
    parse_catalog,
    render_catalog,
)
from .text import append_csv_rows, decode_text
from .po import Catalog, Entry
from .frontmatter import set_front_matter
from .errors import InputError
from .memory import TranslationMemory, catalog_units
from .model import LANGUAGES, Article
from .mt import INSTALL_HINT, Engine, broken_packages, find_engine, protect_markup, restore_markup
from .entities import Entity
from .glossary import FIELDS as TERM_FIELDS, Term, term_row
from .names import FIELDS as PERSON_FIELDS, Person, is_zh_name, person_row, romanize
from .workers import in_background, map_in_processes
from .state import CACHE_DIR, file_digest, load_state, project_lock, save_state, settings_unchanged, snapshot, unchanged_since_last_sync
from .style import Hint, StyleRules, find_hints, people_names, style_fingerprint
from .project import (
    ArticleFile,
    ChangedOnDisk,
    Config,
    atomic_write,
    catalog_path,
    edition_path,
    GLOSSARY_FILE,
    PEOPLE_FILE,
    list_article_files,
    load_article,
    read_regular_file,
    load_style_rules,
    relative,
    source_digest,
)

import_module(".po.write", __package__)  # the PO writer, loaded before the render workers fork rather than in each

__all__ = ["SyncReport", "sync_project", "now_for_run"]

EngineFactory = Callable[[str, str], Engine | None]
Progress = Callable[[str, int, int], None]  # (phase, done so far, to do): read, merge, memory, names, hints, machine translation, build
MT_CHUNK = 256  # sentences per translate_batch call when progress is reported
PARALLEL_FROM = 32  # sources from which they are parsed, and editions built, in one process per core


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    machine_translated: int = 0
    memory_exact: int = 0
    memory_fuzzy: int = 0
    engines: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    articles: int = 0
    skipped: int = 0  # unchanged and complete since the last sync: not even parsed
    unchanged: bool = False  # nothing at all changed since the last sync
    errors: list[InputError] = field(default_factory=list)  # one per article that could not be synced
    failed: list[str] = field(default_factory=list)  # their paths: nothing of theirs was written


@dataclass
class _Job:
    """One source article and one target language."""

    article: Article
    source_file: ArticleFile
    target: str
    po_path: Path
    old: Catalog | None
    old_text: str | None
    po_disk: bytes | None = None  # the catalog's bytes as read (None: there was none)
    edition_disk: bytes | None = None  # the edition's bytes as read (None: there was none)
    edition_front: dict[str, object] | None = None  # and its front matter
    po: Catalog | None = None
    drafted: int = 0  # entries this run filled from the memory or MT


def now_for_run() -> datetime:
    """The time stamped into PO headers; SOURCE_DATE_EPOCH makes runs reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(second=0, microsecond=0)


_CHUNK = 256  # sentences per task of the recognizer: those of one length share a model call


def _new_chinese_sentences(jobs: list[_Job], extracted: list[Catalog]) -> list[list[str]]:
    """The Chinese sentences the old catalogs did not have, in chunks of sentences of about one length."""
    new: dict[str, None] = {}
    for job, catalog in zip(jobs, extracted):
        if job.article.lang != "zh":
            continue
        old_ids = {entry.msgid for entry in job.old} if job.old is not None else set()
        new.update((entry.msgid, None) for entry in catalog if not entry.obsolete and entry.msgid not in old_ids)
    ordered = sorted(new, key=len)
    return [ordered[first : first + _CHUNK] for first in range(0, len(ordered), _CHUNK)]


def _recognize(sentences: list[str]) -> list[Entity]:
    """People and organizations in some sentences (run in a worker process: each loads the model once)."""
    from .entities import recognize

    return [entity for found in recognize(sentences) for entity in found]


def _propose(found: list[Entity], jobs: list[_Job], rules: StyleRules, people_fields: tuple[str, ...]) -> tuple[StyleRules, list[Person], list[Term]]:
    """Unknown people and organizations, proposed unconfirmed: people romanized (foreign names and
    organizations without English, for an editor to write), with the people of Chinese sources'
    front-matter fields (authors)."""
    from .entities import is_foreign_name

    known_people = {person.zh for person in rules.registry.people}
    known_terms = {term.zh for term in rules.terms}
    people: dict[str, Person] = {}
    terms: dict[str, Term] = {}
    authors = [Entity(name, "person", is_foreign_name(name)) for job in jobs if job.article.lang == "zh" for name in front_people(job.article.front, people_fields)]
    for entity in found + authors:
        if entity.kind == "person" and entity.text not in known_people and entity.text not in people and is_zh_name(entity.text):
            people[entity.text] = Person(entity.text, "" if entity.foreign else romanize(entity.text, style="caps"), confirmed=False)
        elif entity.kind == "org" and entity.text not in known_terms and entity.text not in terms and not _known_parts(entity.text, rules.terms):
            terms[entity.text] = Term(entity.text, "", ORG_NOTE, confirmed=False)
    registry = rules.registry.with_candidates(people.values())
    return replace(rules, registry=registry, terms=rules.terms + tuple(terms.values())), list(people.values()), list(terms.values())


_HINT_CHUNK = 512  # sentences per task of the hint finders


def _find_hints_of_new_sentences(
    jobs: list[_Job], rules: StyleRules, same_rules: bool, done: Callable[[int, int], None]
) -> dict[tuple[str, str, str], list[Hint]]:
    """The hints of every sentence whose hints cannot be read back from its old catalog, found in
    one process per core (jieba's word boundaries for glossary terms are the cost)."""
    keys: dict[tuple[str, str, str], None] = {}
    for job in jobs:
        assert job.po is not None
        known = source_entries(job.old) if same_rules and job.old is not None else {}  # what annotate_catalog reuses
        keys.update(((entry.msgid, job.article.lang, job.target), None) for entry in job.po if not entry.obsolete and entry.msgid not in known)
    ordered = list(keys)
    chunks = [(rules, ordered[first : first + _HINT_CHUNK]) for first in range(0, len(ordered), _HINT_CHUNK)]
    found = map_in_processes(_hints_of, chunks, min_items=2, done=lambda n: done(n, len(chunks)))
    return {key: hints for (_, chunk), chunk_hints in zip(chunks, found) for key, hints in zip(chunk, chunk_hints)}


def _hints_of(task: tuple[StyleRules, list[tuple[str, str, str]]]) -> list[list[Hint]]:
    rules, keys = task
    return [find_hints(msgid, source, target, rules) for msgid, source, target in keys]


def _known_parts(name: str, terms: tuple[Term, ...]) -> bool:
    """Is an organization's name made of glossary terms only (中国科学院 + 过程工程研究所)?"""
    from .glossary import find_terms

    return sum(end - start for start, end, _ in find_terms(name, "zh", terms)) == len(name)


def _people_of(job: _Job, known: dict[str, str], config: Config) -> dict[str, str]:
    """The names of an article's people fields in the edition's language, where ``known`` (the registry's
    names for this job's pair of languages) has them."""
    return {name: known[name] for name in front_people(job.article.front, config.people_fields) if name in known}


ORG_NOTE = "an organization sync found: write its official English name and set confirmed to yes"


def _with_translation_key(file: ArticleFile) -> ArticleFile:
    """The source as it will be written: with its translationKey (the only change ever made to a source)."""
    if file.front.get("translationKey") is not None:
        return file
    text = set_front_matter(file.text, {"translationKey": file.slug}, path=file.path)
    bom = b"\xef\xbb\xbf" if file.disk.startswith(b"\xef\xbb\xbf") else b""  # kept, as every other byte
    return ArticleFile(file.path, file.lang, file.slug, bom + text.encode("utf-8"), text, {**file.front, "translationKey": file.slug}, file.disk)


def _read_article(task: tuple[Config, ArticleFile]) -> tuple[ArticleFile, Article, dict[str, tuple[bytes, str, Catalog]]] | InputError:
    """Parse one source and read its catalogs (run in a worker process): the inputs of its jobs, or its error."""
    config, file = task
    try:
        file = _with_translation_key(file)
        article = load_article(file, config)
        catalogs = {}
        for target in config.languages:
            if target == file.lang:
                continue
            po_path = catalog_path(config, file.slug, target)
            display = relative(config, po_path)
            if (data := read_regular_file(po_path, display)) is not None:
                text = decode_text(data, path=display)
                catalogs[target] = (data, text, parse_catalog(text, path=display))
        return file, article, catalogs
    except InputError as error:
        return error


def _refuse_bad_editions(config: Config, file: ArticleFile, by_path: dict[str, ArticleFile], bad: set[str]) -> None:
    """Refuse a source whose editions cannot be read or are sources too (for this article alone)."""
    for target in config.languages:
        if target == file.lang:
            continue
        edition = relative(config, edition_path(config, file.slug, target))
        if edition in bad:
            raise InputError(f"not synced: its {target} edition {edition} cannot be read (see its own error)", path=file.path)
        other = by_path.get(edition)
        if other is not None and other.is_source:
            raise InputError(
                f"both {file.path} and {edition} are sources (neither has translation_of); "
                "delete the one that should be built from the other",
                path=edition,
            )


def _plan(config: Config, skip: set[str], report: SyncReport, progress: Progress | None = None) -> list[_Job]:
    """Every job of the run; each article that cannot be read or parsed goes to ``report.errors`` instead.

    Sources are parsed and their catalogs read in one process per core.
    """
    listing = list_article_files(config)
    report.errors.extend(listing.errors)
    report.notices.extend(f"{note.path}: not read: {note.message}" for note in listing.skipped)
    bad = listing.bad_paths
    by_path = {file.path: file for file in listing.files}
    sources = []
    for file in listing.files:
        if not file.is_source or file.path in skip:
            continue
        try:
            _refuse_bad_editions(config, file, by_path, bad)
        except InputError as error:
            report.errors.append(error)
            report.failed.append(file.path)
            continue
        sources.append(file)
    jobs = []
    tasks = [(config, file) for file in sources]
    done = (lambda n: progress("read", n, len(tasks))) if progress is not None else None
    for file, read in zip(sources, map_in_processes(_read_article, tasks, min_items=PARALLEL_FROM, done=done)):
        if isinstance(read, InputError):
            report.errors.append(read)
            report.failed.append(file.path)
            continue
        source_file, article, catalogs = read
        for target in config.languages:
            if target == file.lang:
                continue
            po_disk, old_text, old = catalogs.get(target, (None, None, None))
            edition = by_path.get(relative(config, edition_path(config, file.slug, target)))
            job = _Job(article, source_file, target, catalog_path(config, file.slug, target), old, old_text, po_disk)
            job.edition_disk = edition.disk if edition is not None else None
            job.edition_front = dict(edition.front) if edition is not None else None
            jobs.append(job)
    report.failed += sorted(bad)
    return jobs


HintIndex = Callable[[str, str, str], list[Hint]]


def _machine_translate(
    jobs: list[_Job], engine_factory: EngineFactory, report: SyncReport, hints: HintIndex, progress: Progress | None
) -> None:
    pending: dict[tuple[str, str], list[tuple[_Job, Entry]]] = {}
    for job in jobs:
        assert job.po is not None
        for entry in job.po:
            if not entry.obsolete and not entry.msgstr:
                pending.setdefault((job.article.lang, job.target), []).append((job, entry))
    if pending and engine_factory is find_engine:
        report.notices.extend(broken_packages())
    for (source, target), entries in sorted(pending.items()):
        engine = engine_factory(source, target)
        if engine is None:
            report.notices.append(INSTALL_HINT.format(source=source, target=target))
            continue
        report.engines.append(engine.description)
        unique = list(dict.fromkeys(entry.msgid for _, entry in entries))
        protected = [
            protect_markup(msgid, [(h.start, h.end, h.replacement) for h in hints(msgid, source, target) if h.enforced and h.end > h.start])
            for msgid in unique
        ]
        texts = [text for text, _ in protected]
        if progress is None:
            drafts = engine.translate_batch(texts)
        else:
            drafts = []
            for start in range(0, len(texts), MT_CHUNK):
                drafts += engine.translate_batch(texts[start : start + MT_CHUNK])
                progress(f"machine translation {source}->{target}", len(drafts), len(texts))
        if len(drafts) != len(unique):
            raise RuntimeError(f"{engine.description} returned {len(drafts)} drafts for {len(unique)} sentences")
        results = {msgid: restore_markup(draft, kept)[0] for msgid, (_, kept), draft in zip(unique, protected, drafts)}
        for job, entry in entries:
            if results[entry.msgid]:
                mark_machine_translation(entry, results[entry.msgid], engine=engine.description)
                job.drafted += 1
                report.machine_translated += 1


MEMORY_FILE = f"{CACHE_DIR}/memory.sqlite"
IMPORTED_MEMORY = "locales/memory.tmx"  # units imported from other tools, kept in the repository


def open_memory(config: Config, parsed: dict[str, Catalog] | None = None) -> TranslationMemory:
    """The translation-memory index, brought up to date with locales/ (changed files only)."""
    from .tmx import read_tmx

    memory = TranslationMemory(config.root / MEMORY_FILE)
    parsed = parsed or {}
    present = []
    by_locale = {language.locale: code for code, language in LANGUAGES.items()}
    for po_path in sorted((config.root / "locales").glob("*/LC_MESSAGES/*.po")):
        if not po_path.is_file():
            continue  # its article reports it
        display = relative(config, po_path)
        present.append(display)
        data = po_path.read_bytes()
        if not memory.needs_update(display, data):
            continue
        try:
            po = parsed.get(display) or parse_catalog(decode_text(data, path=display), path=display)
        except InputError:
            continue  # its article reports it; the memory does without it until it is fixed
        target = by_locale.get(po_path.parent.parent.name)
        source = by_locale.get(str(po.metadata.get("X-Source-Language", "")))
        if target is None or source is None:
            continue
        memory.replace_source(display, data, catalog_units(po, source_lang=source, target_lang=target))
    imported = config.root / IMPORTED_MEMORY
    if imported.exists():
        present.append(IMPORTED_MEMORY)
        data = imported.read_bytes()
        if memory.needs_update(IMPORTED_MEMORY, data):
            memory.replace_source(IMPORTED_MEMORY, data, read_tmx(decode_text(data, path=IMPORTED_MEMORY), path=IMPORTED_MEMORY))
    memory.forget_missing(present)
    return memory


def _fill_from_memory(jobs: list[_Job], config: Config, report: SyncReport, step: Progress) -> None:
    """Empty entries from reviewed translations elsewhere: exact ones as reviewed, similar ones as fuzzy."""
    parsed = {relative(config, job.po_path): job.old for job in jobs if job.old is not None}
    memory = open_memory(config, parsed)
    try:
        for number, job in enumerate(jobs, start=1):
            step("translation memory", number, len(jobs))
            assert job.po is not None
            own = relative(config, job.po_path)
            source, target = job.article.lang, job.target
            for entry in job.po:
                if entry.obsolete or entry.msgstr:
                    continue
                match = memory.exact(entry.msgid, source_lang=source, target_lang=target, exclude=own)
                if match is not None:
                    entry.msgstr = match.target
                    entry.translator_comments = [f"{MEMORY_COMMENT_PREFIX} exact match from {match.path}"]
                    if config.memory_exact == "fuzzy":
                        entry.flags.insert(0, "fuzzy")
                    job.drafted += 1
                    report.memory_exact += 1
                    continue
                match = memory.fuzzy(
                    entry.msgid, source_lang=source, target_lang=target, threshold=config.memory_threshold, exclude=own
                )
                if match is not None:
                    entry.msgstr = match.target
                    entry.flags.insert(0, "fuzzy")
                    entry.previous_msgid = match.source
                    entry.translator_comments = [f"{MEMORY_COMMENT_PREFIX} {match.score:.0f}% match from {match.path}"]
                    job.drafted += 1
                    report.memory_fuzzy += 1
    finally:
        memory.close()


def sync_project(
    config: Config,
    *,
    engine_factory: EngineFactory | None = find_engine,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Extract, merge, machine-translate and build every edition of the project."""
    with project_lock(config.root):  # a second sync waits, then builds on this one's work
        return _sync_locked(config, engine_factory=engine_factory, now=now or now_for_run(), progress=progress)


def _state_after(
    config: Config, jobs: list[_Job], previous: dict[str, object], failed: list[str], start: dict[str, object], written: dict[str, bytes]
) -> dict[str, object]:
    """The snapshot to leave for the next sync, with which sources are complete.

    Complete: every sentence has a translation in every target language, so
    neither the memory nor MT could add anything until something changes.
    The files are as this sync read them (``start``) or wrote them, not as
    they are now: a file someone saved during the sync differs from it, so
    the next sync reads it. Articles that failed are left out of the
    snapshot, so the next sync tries them (and reports them) again.
    """
    before = previous.get("complete")
    complete = {str(path): bool(done) for path, done in before.items()} if isinstance(before, dict) else {}
    processed: dict[str, bool] = {}
    for job in jobs:
        assert job.po is not None
        done = all(entry.msgstr for entry in job.po if not entry.obsolete)
        processed[job.source_file.path] = processed.get(job.source_file.path, True) and done
    complete.update(processed)
    state = dict(start)
    files = dict(start["files"])  # type: ignore[call-overload]
    files.update({path: file_digest(data) for path, data in written.items()})
    state["files"] = files
    for path in failed:
        files.pop(path, None)
    state["complete"] = {path: done for path, done in complete.items() if path in files}
    return state


def _skippable(config: Config, current: dict[str, object], previous: dict[str, object]) -> set[str]:
    """Sources that are complete and unchanged, with their catalogs and editions, since the last sync."""
    if not settings_unchanged(current, previous):
        return set()
    now, before, complete = current["files"], previous.get("files"), previous.get("complete")
    assert isinstance(now, dict)
    if not isinstance(before, dict) or not isinstance(complete, dict):
        return set()
    skip = set()
    for path, is_complete in complete.items():
        if not is_complete:
            continue
        lang, slug = path.split("/")[1], Path(path).stem
        related = [path]
        for target in config.languages:
            if target != lang:
                related.append(relative(config, catalog_path(config, slug, target)))
                related.append(relative(config, edition_path(config, slug, target)))
        if all(p in now and now.get(p) == before.get(p) for p in related):
            skip.add(path)
    return skip


_RenderTask = tuple[
    Article, Catalog | None, Catalog | None, str | None, str, str, bool, Config, datetime, bytes | None, dict[str, object] | None, dict[str, str]
]


def _render_job(task: _RenderTask) -> tuple[str, str, list[tuple[int, str]], int]:
    """The text of a job's catalog and of its edition (run in a worker process).

    An edition someone edited by hand gives its edits to the catalog first, as fuzzy translations;
    what cannot be given to one sentence comes back as (line, why), and then nothing is to be written.
    Also returned: how many translations were taken from the edition.
    """
    article, po, old, old_text, target, digest, drafted, config, now, edition_disk, edition_front, people = task
    assert po is not None
    problems, pulled = _pull_hand_edits(article, po, old, target, digest, config, edition_disk, edition_front)
    po_text = render_catalog(po, old, old_text, now=now, drafted=drafted or pulled > 0, width=config.po_wrap)
    edition = build_edition(
        article, po, target=target, source_digest=digest, date_style=config.date_style, publish=config.publish,
        people=people, people_fields=config.people_fields,
    )  # fmt: skip
    return po_text, edition.text, problems, pulled




def _pull_hand_edits(
    article: Article, po: Catalog, old: Catalog | None, target: str, digest: str, config: Config, disk: bytes | None, front: dict[str, object] | None
) -> tuple[list[tuple[int, str]], int]:
    """Bring the edits someone made in the edition into ``po``, when the edition was built from this
    source and this catalog (its digests say so) and differs from that build. Returns what could not
    be brought back, with its line, and how many translations were."""
    from .handedit import find_hand_edits

    if disk is None or front is None or old is None:
        return [], 0
    if front.get("source_digest") != digest or front.get("po_digest") != translations_digest(old):
        return [], 0  # stale: built from another source or catalog, so what it was built as is not known
    built = build_edition(article, old, target=target, source_digest=digest, date_style=config.date_style, publish=config.publish)
    # the people fields follow the registry: what they say is not compared
    built_text = without_people(built.text, config.people_fields, path=article.path)
    disk_text = without_people(disk.decode("utf-8", "replace"), config.people_fields, path=article.path)
    if first_edited_line(built_text.encode("utf-8"), disk_text.encode("utf-8")) is None:
        return [], 0
    edits = find_hand_edits(article, old, built_text, disk_text)
    if edits.unmapped:
        return edits.unmapped, 0
    edition = relative(config, edition_path(config, article.slug, target))
    entries = source_entries(po)
    pulled = 0
    for msgid, msgstr in edits.translations.items():
        entry = entries.get(msgid)
        if entry is None or entry.msgstr == msgstr:
            continue
        mark_draft(entry, msgstr, f"{HAND_EDIT_COMMENT} {edition}: a reviewer confirms it and clears fuzzy", prefix=HAND_EDIT_COMMENT)
        pulled += 1
    return [], pulled


def _sync_locked(
    config: Config, *, engine_factory: EngineFactory | None, now: datetime, progress: Progress | None
) -> SyncReport:
    report = SyncReport()
    current = snapshot(config.root, version=__version__)
    previous = load_state(config.root)
    if unchanged_since_last_sync(current, previous):
        report.unchanged = True
        return report
    skip = _skippable(config, current, previous)
    step = progress or (lambda phase, done, total: None)
    jobs = _plan(config, skip, report, progress)  # reads and validates every input before any write
    report.articles = len({job.article.path for job in jobs})
    report.skipped = len(skip)

    extracted = [
        extract_catalog(
            job.article,
            LANGUAGES[job.article.lang],
            LANGUAGES[job.target],
            project=config.project,
            team=config.team,
            last_translator=config.last_translator,
            now=now,
        )
        for job in jobs
    ]
    chunks = _new_chinese_sentences(jobs, extracted)
    # the recognizer reads the new sentences in worker processes while this one merges and looks up the memory
    with in_background(_recognize, chunks) as recognized:
        for number, (job, catalog) in enumerate(zip(jobs, extracted), start=1):
            step("merge", number, len(jobs))
            job.po = merge_catalog(catalog, job.old)
        people_disk = read_regular_file(config.root / PEOPLE_FILE, PEOPLE_FILE)
        glossary_disk = read_regular_file(config.root / GLOSSARY_FILE, GLOSSARY_FILE)
        rules = load_style_rules(config)
        _fill_from_memory(jobs, config, report, step)
        found = [entity for entities in recognized(lambda n: step("names", n, len(chunks))) for entity in entities]
    rules, new_people, new_terms = _propose(found, jobs, rules, config.people_fields)
    # while the style rules are those of the last sync, which annotated every catalog,
    # the hints of known sentences are read back from the catalogs' comments
    fingerprint = style_fingerprint(rules)
    same_rules = previous.get("style") == fingerprint
    cache = _find_hints_of_new_sentences(jobs, rules, same_rules, lambda n, total: step("hints", n, total))

    def hints(msgid: str, source: str, target: str) -> list[Hint]:
        key = (msgid, source, target)
        if key not in cache:
            cache[key] = find_hints(msgid, source, target, rules)
        return cache[key]

    if engine_factory is not None:
        _machine_translate(jobs, engine_factory, report, hints, progress)
    for job in jobs:
        assert job.po is not None
        source, target = job.article.lang, job.target
        annotate_catalog(
            job.po,
            lambda msgid: hints(msgid, source, target),
            source_lang=source,
            target_lang=target,
            reuse=job.old if same_rules else None,
        )
    # every write checks that the file is still as it was read: what someone saved meanwhile is
    # left as it is, with what was made from the old version, and the next sync starts from it
    written: dict[str, bytes] = {}

    def write(path: Path, content: str | bytes, expected: bytes | None) -> None:
        display = relative(config, path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if atomic_write(path, data, expected=expected, display=display):
            report.written.append(display)
        written[display] = data

    for path, disk, fields, rows in (
        (PEOPLE_FILE, people_disk, PERSON_FIELDS, [person_row(person) for person in new_people]),
        (GLOSSARY_FILE, glossary_disk, TERM_FIELDS, [term_row(term) for term in new_terms]),
    ):
        if rows:  # added at the end: every byte an editor wrote stays
            try:
                write(config.root / path, append_csv_rows(disk, fields, rows), disk)
            except ChangedOnDisk as error:
                report.notices.append(f"{error}; what this sync found is proposed again next time")
    changed: set[str] = set()
    sources = {job.source_file.path: job.source_file for job in jobs}
    for source_path, file in sources.items():
        try:
            write(config.root / source_path, file.data, file.disk)
        except ChangedOnDisk as error:
            report.errors.append(error)
            changed.add(source_path)
    jobs = [job for job in jobs if job.source_file.path not in changed]
    pairs = {(job.article.lang, job.target) for job in jobs}
    names = {(source, target): people_names(rules.registry, source, target, rules.name_style) for source, target in pairs}
    tasks = [
        (
            job.article, job.po, job.old, job.old_text, job.target, source_digest(job.source_file.data), job.drafted > 0, config, now,
            job.edition_disk, job.edition_front, _people_of(job, names[job.article.lang, job.target], config),
        )
        for job in jobs
    ]  # fmt: skip
    built = map_in_processes(_render_job, tasks, min_items=PARALLEL_FROM, done=lambda n: step("build", n, len(tasks)))
    for job, (po_text, edition_text, problems, pulled) in zip(jobs, built):
        edition = relative(config, edition_path(config, job.article.slug, job.target))
        for line, why in problems:
            report.errors.append(
                InputError(
                    f"edited by hand after newsroom built it, and {why}. newsroom does not overwrite the edition: "
                    f"put the change in {relative(config, job.po_path)} (or in the source), or delete the edition to build it again",
                    path=edition,
                    line=line,
                )
            )
        if problems:
            changed.add(job.source_file.path)
            continue
        if pulled:
            report.notices.append(
                f"{edition}: edited by hand; {pulled} translation(s) taken into {relative(config, job.po_path)} as fuzzy, for a reviewer to confirm"
            )
        try:
            write(job.po_path, po_text, job.po_disk)
            write(edition_path(config, job.article.slug, job.target), edition_text, job.edition_disk)
        except ChangedOnDisk as error:
            report.errors.append(error)
            changed.add(job.source_file.path)
    report.failed += sorted(changed)
    state = _state_after(config, jobs, previous, report.failed, current, written)
    save_state(config.root, {**state, "style": fingerprint})
    return report
