"""Newsroom style across languages: what a sentence's translation must contain.

For each source sentence ``find_hints`` lists the people's names (with their
titles), glossary terms, dates and numbers it holds and how each must read
in the target language. The hints become ``#.`` comments that translators
see in their PO editor, protect those spans in machine translation (the
draft gets the right rendering), and let ``check`` verify reviewed
translations. ``punctuation_problems`` catches full-width punctuation in
English and ASCII punctuation in Chinese prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .dates import DateRange, PartialDate, find_dates, render_date
from .glossary import Term, find_terms, term_in, term_variants
from .names import Person, Registry
from .numbers import find_numbers, find_values, render_number, same_amount

__all__ = [
    "StyleRules",
    "Hint",
    "DEFAULT_TITLES",
    "PLAIN_TITLES",
    "FOREIGN",
    "PROPOSED",
    "academic_title",
    "find_hints",
    "hint_comment",
    "parse_hint_comment",
    "is_hint_comment",
    "style_fingerprint",
    "hint_satisfied",
    "missing_hints",
    "punctuation_problems",
    "english_name",
    "people_names",
]

DEFAULT_TITLES: tuple[tuple[str, str], ...] = (
    ("副研究员", "Assoc. Prof."),
    ("副教授", "Assoc. Prof."),
    ("研究员", "Prof."),
    ("教授", "Prof."),
    ("院士", "Academician"),
    ("博士", "Dr."),
)
# Titles that are academic only at an academic institution: elsewhere (研究员 at a company) they are a job.
PLAIN_TITLES: dict[str, str] = {"副研究员": "associate researcher", "研究员": "researcher"}
_ACADEMIC = re.compile(r"大学|学院|研究院|研究所|科学院|工程院|社科院|实验室|研究中心|学会|University|Academy|Institute|College|Laborator|School")
_NOT_ACADEMIC = re.compile(
    r"公司|集团|金服|科技|银行|企业|股份|工作室|网络|软件|电子|汽车|证券|基金|资本|平台|Inc\b|Ltd\b|Corp|Company|Group|Bank|Technolog"
)
_CLAUSE_START = re.compile(r"[，,。；;：:！？!?、（(）)]")
FOREIGN = "foreign name: its English is left for the editor, in locales/people.csv"
PROPOSED = "proposed: its English name is left for the editor, in locales/glossary.csv"


@dataclass(frozen=True)
class StyleRules:
    registry: Registry = field(default_factory=Registry)
    terms: tuple[Term, ...] = ()
    titles: tuple[tuple[str, str], ...] = DEFAULT_TITLES
    name_style: str = "caps"
    date_style: str = "newsroom"


@dataclass(frozen=True)
class Hint:
    """Something in a source sentence and how the translation must render it."""

    kind: str  # name | term | date | number | title
    source: str
    target: str
    start: int = 0
    end: int = 0
    replacement: str = ""  # what a machine draft gets in place of source[start:end]
    enforced: bool = True
    qualifier: str = ""  # "unconfirmed", FOREIGN, PROPOSED: advice, not checked


def style_fingerprint(rules: StyleRules) -> str:
    """A digest of everything hints depend on: a catalog annotated under another needs new hints."""
    import hashlib

    from . import __version__

    people = [(p.zh, p.en, p.title, p.affiliation, p.confirmed) for p in rules.registry.people]
    terms = [(t.zh, t.en, t.confirmed) for t in rules.terms]
    data = repr((__version__, people, terms, rules.titles, rules.name_style, rules.date_style))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


_MATCHERS: dict[int, tuple[Registry, re.Pattern[str] | None, dict[str, list]]] = {}


def _people_matcher(registry: Registry, source: str) -> tuple[re.Pattern[str] | None, dict[str, list]]:
    """One regular expression for every name of the registry (longest first), per registry."""
    key = id(registry) * 2 + (source == "zh")
    cached = _MATCHERS.get(key)
    if cached is None or cached[0] is not registry:
        forms: dict[str, list] = {}
        for person in registry.people:
            if source == "zh":
                forms.setdefault(person.zh, []).append(person)
            elif person.en:  # a foreign name proposed without English has none to find yet
                for form in dict.fromkeys((person.en, english_name(person.en, "title"))):
                    forms.setdefault(form, []).append(person)
        ordered = sorted(forms, key=len, reverse=True)
        if not ordered:
            pattern = None
        elif source == "zh":
            pattern = re.compile("|".join(map(re.escape, ordered)))
        else:
            pattern = re.compile(
                r"(?:(?P<title>Assoc\. Prof\.|Prof\.|Dr\.|Academician)\s)?(?P<name>"
                + "|".join(map(re.escape, ordered))
                + r")(?![\w])"
            )
        cached = (registry, pattern, forms)
        _MATCHERS[key] = cached
    return cached[1], cached[2]


def english_name(en: str, style: str) -> str:
    """A registry name (WEI Wei) in the configured style (caps: WEI Wei, title: Wei Wei)."""
    if style == "title":
        return re.sub(r"^([A-Z]{2,})\b", lambda m: m.group(1).capitalize(), en)
    return en


def academic_title(text: str, at: int, person: Person) -> bool:
    """Is the title standing at ``text[at]`` (before or after the name) academic?

    The organization written before it in the same clause decides (蚂蚁金服研究员王益:
    a company; 过程工程研究所研究员魏炜: an institute), the nearer one where
    there are two; then the person's affiliation in the registry; with neither,
    academic (the newsroom writes mostly of its own researchers).
    """
    clause = max((m.end() for m in _CLAUSE_START.finditer(text, 0, at)), default=0)
    before = text[clause:at]
    academic = max((m.end() for m in _ACADEMIC.finditer(before)), default=-1)
    company = max((m.end() for m in _NOT_ACADEMIC.finditer(before)), default=-1)
    if academic >= 0 or company >= 0:
        return academic >= company
    if person.affiliation:
        return _ACADEMIC.search(person.affiliation) is not None or _NOT_ACADEMIC.search(person.affiliation) is None
    return True


def _title_in_english(zh: str, en: str, text: str, at: int, person: Person) -> str:
    return en if zh not in PLAIN_TITLES or academic_title(text, at, person) else PLAIN_TITLES[zh]


def people_names(registry: Registry, source: str, target: str, style: str) -> dict[str, str]:
    """Each person's name in ``source`` -> in ``target``, for front-matter fields that list people."""
    names: dict[str, str] = {}
    for person in registry.people:
        if not person.en:
            continue
        if source == "zh":
            names[person.zh] = english_name(person.en, style)
        else:
            for form in (person.en, english_name(person.en, "title")):
                names.setdefault(form, person.zh)
    return names


def _name_hints(text: str, source: str, target: str, rules: StyleRules) -> list[Hint]:
    hints = []
    titles = sorted(rules.titles, key=lambda pair: -len(pair[0]))
    pattern, forms = _people_matcher(rules.registry, source)
    if source == "zh":
        for match in pattern.finditer(text) if pattern is not None else ():
            person = forms[match.group(0)][0]
            start, end = match.start(), match.end()
            if not person.en:  # a foreign name proposed without English: the editor writes it in people.csv
                hints.append(Hint("name", person.zh, "", start, end, "", False, FOREIGN))
                continue
            en = english_name(person.en, rules.name_style)
            title = None
            after = next(((zh, t) for zh, t in titles if text.startswith(zh, end)), None)
            before = next(((zh, t) for zh, t in titles if text.endswith(zh, 0, start)), None) if after is None else None
            if after is not None:  # 魏炜研究员
                title = (after[0], _title_in_english(after[0], after[1], text, start, person))
                end += len(after[0])
            elif before is not None:  # 研究员王益
                start -= len(before[0])
                title = (before[0], _title_in_english(before[0], before[1], text, start, person))
            qualifier = "" if person.confirmed else "unconfirmed"
            replacement = f"{title[1]} {en}" if title is not None else en
            hints.append(Hint("name", person.zh, en, start, end, replacement, person.confirmed, qualifier))
            if title is not None:
                hints.append(Hint("title", title[0], title[1], enforced=False))
        return hints
    en_titles = {en: zh for zh, en in reversed(titles)}
    for match in pattern.finditer(text) if pattern is not None else ():
        form = match.group("name")
        person = forms[form][0]
        replacement = person.zh
        if match["title"]:
            own = dict(titles).get(person.title)  # the person's own title, if it is the one written
            zh_title = person.title if own == match["title"] else en_titles.get(match["title"], "")
            replacement += zh_title
            hints.append(Hint("title", match["title"], zh_title, enforced=False))
        qualifier = "" if person.confirmed else "unconfirmed"
        hints.append(Hint("name", form, person.zh, match.start(), match.end(), replacement, person.confirmed, qualifier))
    return hints


def _untranslated_spans(text: str) -> list[tuple[int, int]]:
    """Code, URLs, HTML, images and link targets: what no hint may touch (a link's text may)."""
    from .inline import markup_spans  # Markdown: loaded where a text is looked at, not by `newsroom check`

    spans = []
    for span in markup_spans(text):
        if span.kind in ("emphasis", "escape"):
            continue
        spans.append((span.inner[1] + 1 if span.kind == "link" and span.inner is not None else span.start, span.end))
    return spans


def find_hints(text: str, source: str, target: str, rules: StyleRules) -> list[Hint]:
    """Names, terms, dates and numbers in a source sentence, without overlaps, in order."""
    spans: list[Hint] = []
    extra: list[Hint] = []
    for hint in _name_hints(text, source, target, rules):
        (spans if hint.end > hint.start else extra).append(hint)
    for start, end, term in find_terms(text, source, rules.terms):
        wanted = term.en if target == "en" else term.zh
        if not wanted:  # an organization proposed without English: the editor writes it in glossary.csv
            spans.append(Hint("term", text[start:end], "", start, end, "", False, PROPOSED))
        else:
            qualifier = "" if term.confirmed else "unconfirmed"
            spans.append(Hint("term", text[start:end], wanted, start, end, wanted, term.confirmed, qualifier))
    for start, end, date in find_dates(text, source):
        rendered = render_date(date, target, style=rules.date_style)
        spans.append(Hint("date", text[start:end], rendered, start, end, rendered))
    for start, end, amount in find_numbers(text, source):
        rendered = render_number(amount, target)
        spans.append(Hint("number", text[start:end], rendered, start, end, rendered))
    untranslated = _untranslated_spans(text)
    spans.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hint] = []
    for hint in spans:
        if kept and hint.start < kept[-1].end:
            continue
        if any(start < hint.end and hint.start < end for start, end in untranslated):
            continue
        kept.append(hint)
    titles_kept = [h for h in extra if h.kind == "title"]
    return kept + list(dict.fromkeys(titles_kept))


def hint_comment(hint: Hint) -> str:
    """The ``#.`` line a translator sees: ``name: 魏炜 = WEI Wei``."""
    label = f"{hint.kind} ({hint.qualifier})" if hint.qualifier else hint.kind
    if not hint.target:
        return f"{label}: {hint.source}"
    return f"{label}: {hint.source} = {hint.target}"


_COMMENT = re.compile(r"^(name|term|date|number): (.+?) = (.+)$")
_ANY_HINT = re.compile(r"^(?:name|term|date|number|title)(?: \([^)]*\))?: ")


def is_hint_comment(line: str) -> bool:
    """Is this ``#.`` line one that ``hint_comment`` wrote?"""
    return _ANY_HINT.match(line) is not None


def parse_hint_comment(line: str) -> Hint | None:
    """An enforced hint back from its comment line (qualified hints are advice only)."""
    match = _COMMENT.match(line.strip())
    if match is None:
        return None
    return Hint(match.group(1), match.group(2), match.group(3))


def hint_satisfied(hint: Hint, translation: str, *, source_lang: str, target_lang: str) -> bool:
    """Does the translation render the hint's item as expected?"""
    if hint.kind == "name":
        return hint.target in translation
    if hint.kind == "term":
        if target_lang == "en":
            return any(term_in(variant, translation) for variant in term_variants(hint.target))
        return hint.target in translation
    if hint.kind == "date":
        expected = find_dates(hint.source, source_lang)
        found: set[PartialDate | DateRange] = {date for _, _, date in find_dates(translation, target_lang)}
        return bool(expected) and expected[0][2] in found
    if hint.kind == "number":
        wanted = find_numbers(hint.source, source_lang)
        return bool(wanted) and any(same_amount(wanted[0][2], amount) for amount in find_values(translation, target_lang))
    return True


def missing_hints(hints: Iterable[Hint], translation: str, *, source_lang: str, target_lang: str) -> list[Hint]:
    return [
        hint
        for hint in hints
        if hint.enforced and not hint_satisfied(hint, translation, source_lang=source_lang, target_lang=target_lang)
    ]


_FULL_WIDTH = "，。：；！？“”‘’（）《》【】、「」『』～"
_ASCII_IN_ZH = re.compile(r"(?<=[\u3400-\u9fff])[,.;:!?()]|[,;:!?()](?=[\u3400-\u9fff])")


def punctuation_problems(translation: str, target_lang: str) -> list[str]:
    """Chinese full-width punctuation in English, or ASCII punctuation in Chinese prose."""
    from .inline import markup_spans

    text = translation
    for span in reversed(markup_spans(translation)):
        if span.kind in ("emphasis", "escape"):
            continue
        start = span.inner[1] if span.kind == "link" and span.inner is not None else span.start  # a link's text is prose
        text = text[:start] + " " * (span.end - start) + text[span.end :]
    if target_lang == "en":
        found = sorted({char for char in text if char in _FULL_WIDTH})
        return [f"full-width punctuation in English: {' '.join(found)}"] if found else []
    found = sorted({match.group(0) for match in _ASCII_IN_ZH.finditer(text)})
    return [f"ASCII punctuation in Chinese: {' '.join(found)}"] if found else []
