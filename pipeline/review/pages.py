"""What the review pages show, gathered from check's report, the PO files and git.

The dashboard has a row per edition (a source article in one other
language) with the state an editor acts on; an article page has the
source's sentences in reading order, grouped by the block they stand in,
each with its translation, its state, its notes and, for a draft whose
source changed, what changed.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..catalog import HAND_EDIT_COMMENT, MEMORY_COMMENT_PREFIX, MT_COMMENT_PREFIX, entry_state, parse_catalog, split_comments
from ..check import EditionReport, check_project
from ..errors import InputError
from ..model import Finding
from ..po import Catalog, Entry
from ..project import Config, read_regular_file
from ..state import file_digest
from .history import read_history

__all__ = ["entry_key", "STATES", "Dashboard", "EditionRow", "Sentence", "Block", "ArticlePage", "dashboard", "article_page", "page_path", "word_diff"]

# the dashboard's states, most urgent first, with the words a reader sees beside the colour; partial,
# machine and reviewed are the edition's own status (some sentences untranslated; all translated, some
# drafts from machine translation or the memory; all reviewed)
STATES = {
    "error": "Unreadable",
    "missing": "Missing",
    "stale": "Stale",
    "edited": "Edited by hand",
    "untranslated": "Not translated",
    "partial": "Partly translated",
    "machine": "Drafts to review",
    "reviewed": "Reviewed",
}
SENTENCE_STATES = {"untranslated": "Not translated", "fuzzy": "Needs review", "reviewed": "Reviewed"}
_ORIGINS = (MT_COMMENT_PREFIX, MEMORY_COMMENT_PREFIX, HAND_EDIT_COMMENT)


@dataclass(frozen=True)
class EditionRow:
    source: str  # content/zh/x.md
    target: str
    title: str
    po: str
    edition: str
    state: str  # a key of STATES
    counts_total: int
    reviewed_percent: float
    reviewed_words: int
    words: int
    words_left: int  # of sentences not yet reviewed
    changed: datetime | None
    findings: tuple[Finding, ...] = ()

    @property
    def source_lang(self) -> str:
        return self.source.split("/")[1]

    @property
    def page(self) -> str:
        return page_path(self.source, self.target)

    @property
    def pair(self) -> str:
        return f"{self.source_lang}-{self.target}"

    @property
    def label(self) -> str:
        return STATES[self.state]


@dataclass
class Dashboard:
    rows: list[EditionRow]
    totals: dict[str, dict[str, int]]  # target -> words, reviewed_words, words_left, editions, and a count per state
    weekly: list[tuple[date, int]] | None  # reviewed words added per week; None: not in git
    problems: list[Finding] = field(default_factory=list)  # what could not be read


def page_path(source: str, target: str) -> str:
    """The article page's path in the site: a/zh-en/x.html."""
    lang, slug = source.split("/")[1], Path(source).stem
    return f"a/{lang}-{target}/{slug}.html"


def edition_state(report: EditionReport) -> str:
    """What an editor acts on first: unreadable, missing, stale, edited by hand, then how far review is."""
    if report.status in ("error", "missing"):
        return report.status
    if report.stale:
        return "stale"
    if any(finding.code == "hand-edited" for finding in report.findings):
        return "edited"
    if report.counts.total and report.counts.untranslated == report.counts.total:
        return "untranslated"
    return report.status if report.status in STATES else "partial"


def dashboard(config: Config, *, today: date | None = None, weekly: bool = True) -> Dashboard:
    """Every edition's row; with ``weekly``, the reviewed words of the last weeks from git."""
    report = check_project(config, min_reviewed=0)
    paths = [path for edition in report.editions for path in (edition.source, edition.po)]
    history = read_history(config.root, paths, today=today, weekly=weekly)
    rows = []
    for edition in report.editions:
        counts = edition.counts
        times = [history.changed[path] for path in (edition.source, edition.po) if path in history.changed]
        rows.append(
            EditionRow(
                edition.source,
                edition.target,
                edition.title or Path(edition.source).stem,
                edition.po,
                edition.edition,
                edition_state(edition),
                counts.total,
                counts.reviewed_percent if counts.total else 0.0,
                counts.reviewed_words,
                counts.total_words,
                counts.fuzzy_words + counts.untranslated_words,
                max(times) if times else None,
                tuple(edition.findings),
            )
        )
    urgency = list(STATES)
    rows.sort(key=lambda row: (urgency.index(row.state), row.title, row.source, row.target))
    totals: dict[str, dict[str, int]] = {}
    for row in rows:
        total = totals.setdefault(row.target, Counter())
        total.update(editions=1, words=row.words, reviewed_words=row.reviewed_words, words_left=row.words_left)
        total[row.state] += 1
    problems = [finding for finding in report.findings if finding.code in ("bad-input", "not-read")]
    return Dashboard(rows, {target: dict(counter) for target, counter in sorted(totals.items())}, history.weekly, problems)


@dataclass(frozen=True)
class Sentence:
    number: int  # 1, 2, ... in reading order: the anchor s1, s2, ...
    key: str  # entry_key
    msgid: str
    msgctxt: str | None
    msgstr: str
    state: str  # a key of SENTENCE_STATES
    kind: str  # title, paragraph, heading, list item...
    where: str  # content/zh/x.md:13
    po_line: int
    hints: tuple[str, ...]
    missing: tuple[str, ...]  # hints the translation does not follow, and markup it lost
    origin: str  # machine translation, memory, hand edit: where the draft came from
    notes: tuple[str, ...]  # the translator's own comments
    placeholders: tuple[str, ...]  # "⟦1⟧ = <kbd>": inline markup the sentence holds in its place
    source_diff: tuple[tuple[str, str], ...] | None  # (equal|delete|insert, text): previous source -> this one

    @property
    def label(self) -> str:
        return SENTENCE_STATES[self.state]


@dataclass(frozen=True)
class Block:
    kind: str
    where: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class ArticlePage:
    row: EditionRow
    blocks: tuple[Block, ...]
    po_digest: str  # of the PO file's bytes as read: a save refuses a file that changed since
    problem: str = ""  # why there are no sentences


def entry_key(entry: Entry) -> str:
    """An entry's name in a form: its context and source text, hashed (a form would change their line breaks)."""
    return hashlib.sha256(f"{entry.msgctxt}\0{entry.msgid}".encode()).hexdigest()[:20]


def article_page(config: Config, row: EditionRow) -> ArticlePage:
    try:
        data = read_regular_file(config.root / row.po, row.po)
        if data is None:
            return ArticlePage(row, (), "", "There is no catalog yet: run `newsroom sync`.")
        po = parse_catalog(data.decode("utf-8"), path=row.po)
    except (InputError, UnicodeDecodeError) as error:
        return ArticlePage(row, (), "", f"{row.po} cannot be read: {error}")
    return ArticlePage(row, tuple(_blocks(po, row.source_lang)), file_digest(data))


def _line(entry: Entry) -> int:
    for _, line in entry.occurrences:
        if line.isdigit():
            return int(line)
    return 0


def _blocks(po: Catalog, source_lang: str) -> list[Block]:
    entries = sorted((entry for entry in po if not entry.obsolete), key=lambda entry: (_line(entry), entry.linenum))
    blocks: list[Block] = []
    group: list[Sentence] = []
    for number, entry in enumerate(entries, start=1):
        written, hints, notes = split_comments(entry.extracted_comments)
        kind = next((line for line in written if not _PLACEHOLDER.match(line)), "")
        where = ":".join(entry.occurrences[0]) if entry.occurrences else ""
        origin = next((line for line in entry.translator_comments if line.startswith(_ORIGINS)), "")
        previous = entry.previous_msgid if entry.fuzzy else None
        sentence = Sentence(
            number,
            entry_key(entry),
            entry.msgid,
            entry.msgctxt,
            entry.msgstr,
            entry_state(entry).value,
            kind,
            where,
            entry.linenum,
            tuple(hints),
            tuple(line.split(": ", 1)[1] for line in notes),
            origin,
            tuple(line for line in entry.translator_comments if line != origin),
            tuple(line for line in written if _PLACEHOLDER.match(line)),
            tuple(word_diff(previous, entry.msgid, source_lang)) if previous is not None and previous != entry.msgid else None,
        )
        if group and (group[-1].where != where or not where):
            blocks.append(Block(group[0].kind, group[0].where, tuple(group)))
            group = []
        group.append(sentence)
    if group:
        blocks.append(Block(group[0].kind, group[0].where, tuple(group)))
    return blocks


_PLACEHOLDER = re.compile(r"⟦\d+⟧ = ")
_ENGLISH_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(before: str, after: str, lang: str) -> list[tuple[str, str]]:
    """What changed from ``before`` to ``after``, word by word (Chinese: by jieba's words)."""
    if lang == "zh":
        from ..segment import chinese_words

        old, new = chinese_words(before), chinese_words(after)
    else:
        old, new = _ENGLISH_TOKENS.findall(before), _ENGLISH_TOKENS.findall(after)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(old[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(old[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(new[j1:j2])))
    return out
