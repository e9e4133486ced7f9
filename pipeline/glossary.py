"""The terminology glossary: locales/glossary.csv (zh, en, note), TBX in and out.

Terms are matched in Chinese through jieba (terms loaded as user words so
each stays one token), and in English on word boundaries, exactly about
case where case carries meaning: an acronym or a capitalized word matches
only as written (CAS is not "cases"), a lower-case word also capitalized
(at a sentence's start, in a headline), and only a term ending in a
lower-case word matches its plural. Organizations that sync finds and the
glossary lacks are added unconfirmed, without English (``confirmed`` no),
for an editor to complete; rows written before that column existed are
confirmed. TBX (TermBase eXchange, the TBX-Basic
dialect) moves terms to and from Weblate, OmegaT and termbases.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

from .errors import InputError
from .text import confirmed_value, csv_rows

__all__ = ["Term", "FIELDS", "read_glossary", "glossary_text", "term_row", "read_tbx", "tbx_text", "find_terms", "term_in", "term_variants"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    note: str = ""
    confirmed: bool = True  # False: proposed by sync, for an editor to check (and give its English)


FIELDS = ("zh", "en", "note", "confirmed")


def read_glossary(text: str, *, path: str) -> tuple[Term, ...]:
    terms = []
    seen: dict[str, tuple[Term, int]] = {}
    for first, row in csv_rows(text, path=path, required=("zh", "en"), missing="glossary needs the columns zh,en,note"):
        zh, en = row.get("zh", ""), row.get("en", "")
        if not zh and not en:
            continue
        # empty: a row from before the column, an editor's
        confirmed = confirmed_value(row.get("confirmed", ""), empty=True, path=path, line=first)
        if not zh or not en and confirmed:
            raise InputError("each term needs both zh and en (a proposed one, confirmed no, may wait for its en)", path=path, line=first)
        term = Term(zh, en, row.get("note", ""), confirmed)
        if zh in seen:
            other, other_line = seen[zh]
            if other.en != term.en:
                raise InputError(
                    f"{zh} is here twice with different English (also on line {other_line}: {other.en}): "
                    "keep one, so a translation can be checked against it",
                    path=path,
                    line=first,
                )
            continue
        seen[zh] = (term, first)
        terms.append(term)
    return tuple(terms)


def glossary_text(terms: Iterable[Term]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for term in terms:
        writer.writerow((term.zh, term.en, term.note, "yes" if term.confirmed else "no"))
    return out.getvalue()


def term_row(term: Term) -> dict[str, str]:
    """The row of one term in glossary.csv."""
    return {"zh": term.zh, "en": term.en, "note": term.note, "confirmed": "" if term.confirmed else "no"}  # empty: yes


def tbx_text(terms: Iterable[Term]) -> str:
    """TBX-Basic: one termEntry per term, a langSet per language."""
    martif = ElementTree.Element("martif", {"type": "TBX-Basic", _XML_LANG: "zh-Hans"})
    header = ElementTree.SubElement(martif, "martifHeader")
    description = ElementTree.SubElement(ElementTree.SubElement(header, "fileDesc"), "sourceDesc")
    ElementTree.SubElement(description, "p").text = "newsroom glossary"
    body = ElementTree.SubElement(ElementTree.SubElement(martif, "text"), "body")
    for number, term in enumerate((term for term in terms if term.en), start=1):
        entry = ElementTree.SubElement(body, "termEntry", id=f"t{number}")
        if term.note:
            ElementTree.SubElement(entry, "descrip", type="definition").text = term.note
        for lang, text in (("zh-Hans", term.zh), ("en", term.en)):
            lang_set = ElementTree.SubElement(entry, "langSet", {_XML_LANG: lang})
            ElementTree.SubElement(ElementTree.SubElement(lang_set, "tig"), "term").text = text
    ElementTree.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(martif, encoding="unicode") + "\n"


def read_tbx(data: str | bytes, *, path: str) -> tuple[Term, ...]:
    """Terms from TBX: v2 (ISO 30042:2008, ``martif``/``termEntry``/``langSet``) or v3 (ISO 30042:2019,
    ``tbx``/``conceptEntry``/``langSec``). An entry needs a Chinese and an English term; an entry
    with one of them blank is refused with its line, as is a file that is not TBX."""
    from .xmlinput import XML_LANG, local_name, parse_xml

    root = parse_xml(data, path=path, kind="TBX")
    if local_name(root) not in ("martif", "tbx"):
        hint = " (a TMX file: `newsroom tm import` reads it)" if local_name(root) == "tmx" else ""
        raise InputError(f"not a TBX file: its root element is <{local_name(root)}>, not <martif> (TBX v2) or <tbx> (TBX v3){hint}", path=path, line=root.sourceline)
    terms = []
    for entry in root.iter():
        if local_name(entry) not in ("termEntry", "conceptEntry"):
            continue
        forms: dict[str, str] = {}
        note = ""
        for child in entry.iter():
            tag = local_name(child)
            if tag in ("langSet", "langSec"):
                lang = (child.get(XML_LANG) or child.get("lang") or "").lower()
                code = "zh" if lang.startswith("zh") else lang.split("-")[0]
                term = next((t for t in child.iter() if local_name(t) == "term"), None)
                text = "".join(term.itertext()).strip() if term is not None else ""
                if code in ("zh", "en") and not text:
                    where = term.sourceline if term is not None else child.sourceline
                    raise InputError(f"a blank {'Chinese' if code == 'zh' else 'English'} term: fill it in or remove the entry", path=path, line=where)
                if text:
                    forms.setdefault(code, text)
            elif tag in ("descrip", "note") and child.text and not note:
                note = child.text.strip()
        if "zh" in forms and "en" in forms:
            terms.append(Term(forms["zh"], forms["en"], note))
    return tuple(terms)


def term_variants(en: str) -> list[str]:
    """Ways an English term may stand in a translation: whole, without its (ABBR), the ABBR."""
    variants = [en]
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", en)
    if match:
        variants += [match.group(1), match.group(2)]
    return variants


@functools.lru_cache(maxsize=4096)
def _en_pattern(term: str) -> re.Pattern[str]:
    """A term's form in English text: case as written where case carries meaning, plurals of lower-case nouns."""
    parts = []
    words = term.split()
    for word in words:
        if word.islower():  # may be capitalized at a sentence's start or in a headline
            parts.append(f"[{word[0].upper()}{word[0]}]{re.escape(word[1:])}" if word[0].isalpha() else re.escape(word))
        else:  # CAS, TiDB, Academy: as written
            parts.append(re.escape(word))
    plural = "(?:s|es)?" if words and words[-1].islower() and words[-1][-1:].isalpha() else ""
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + plural + r"(?![\w-])")


def term_in(form: str, text: str) -> bool:
    """Does ``text`` hold the English term ``form``, as ``find_terms`` matches it?"""
    return _en_pattern(form).search(text) is not None


def find_terms(text: str, lang: str, terms: Iterable[Term]) -> list[tuple[int, int, Term]]:
    """(start, end, term) of each glossary term in ``text``; longest terms win."""
    candidates: list[tuple[int, int, Term] | tuple[int, int, Term, int]] = []
    terms = list(terms)
    if lang == "zh":
        present = [term for term in terms if term.zh in text]
        if not present:
            return []
        from .segment import chinese_words

        words = chinese_words(text, user_words=[term.zh for term in terms])
        offsets, position = {}, 0
        for word in words:
            offsets[position] = word
            position += len(word)
        for term in present:
            start = text.find(term.zh)
            while start >= 0:
                end = start + len(term.zh)
                if start in offsets and (end in offsets or end == len(text)):
                    candidates.append((start, end, term))
                start = text.find(term.zh, start + 1)
    else:
        # a term's own English form beats another term's short form (IPE: 过程工程所, not 过程工程研究所)
        for rank, forms in enumerate((lambda t: [t.en], lambda t: term_variants(t.en)[1:])):
            for term in (term for term in terms if term.en):
                for form in forms(term):
                    for match in _en_pattern(form).finditer(text):
                        candidates.append((match.start(), match.end(), term, rank))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[3] if len(c) > 3 else 0))
    kept: list[tuple[int, int, Term]] = []
    for candidate in candidates:
        if not kept or candidate[0] >= kept[-1][1]:
            kept.append((candidate[0], candidate[1], candidate[2]))
    return kept
