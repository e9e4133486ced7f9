"""TMX 1.4: the translation-memory exchange format of OmegaT, Trados and Weblate.

Each translation unit holds one segment per language; newsroom's memory is
directional (zh->en, en->zh), so a unit read in gives one memory unit per
direction, and a memory unit is written out with its source language marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree

from . import __version__
from .errors import InputError
from .memory import Unit

__all__ = ["read_tmx", "tmx_text", "TMX_LANGS"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_LANGS = {"zh": "zh-CN", "en": "en"}


def _code(tag: str) -> str | None:
    tag = tag.lower()
    if tag.startswith("zh"):
        return "zh"
    if tag.startswith("en"):
        return "en"
    return None


def tmx_text(units: Iterable[Unit]) -> str:
    tmx = ElementTree.Element("tmx", version="1.4")
    header = {
        "creationtool": "newsroom",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "sentence",
        "adminlang": "en",
        "srclang": "*all*",
        "o-tmf": "newsroom",
    }
    ElementTree.SubElement(tmx, "header", header)
    body = ElementTree.SubElement(tmx, "body")
    for unit in units:
        tu = ElementTree.SubElement(body, "tu", srclang=TMX_LANGS[unit.source_lang])
        for lang, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
            tuv = ElementTree.SubElement(tu, "tuv", {_XML_LANG: TMX_LANGS[lang]})
            ElementTree.SubElement(tuv, "seg").text = text
    ElementTree.indent(tmx)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(tmx, encoding="unicode") + "\n"


def read_tmx(data: str | bytes, *, path: str) -> list[Unit]:
    """Units of a TMX file with a Chinese and an English segment, in both directions."""
    from .xmlinput import parse_xml

    root = parse_xml(data, path=path, kind="TMX")
    if root.tag != "tmx":
        hint = " (a TBX termbase: `newsroom glossary import` reads it)" if str(root.tag).split("}")[-1] in ("martif", "tbx") else ""
        raise InputError(f"not a TMX file (no <tmx> root){hint}", path=path, line=root.sourceline)
    units: list[Unit] = []
    for tu in root.iter("tu"):
        segments: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            code = _code(tuv.get(_XML_LANG) or tuv.get("lang") or "")
            seg = tuv.find("seg")
            if code and seg is not None:
                segments.setdefault(code, "".join(seg.itertext()).strip())
        if segments.get("zh") and segments.get("en"):
            units.append(Unit("zh", "en", segments["zh"], segments["en"]))
            units.append(Unit("en", "zh", segments["en"], segments["zh"]))
    return units
