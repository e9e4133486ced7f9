"""People's names: a registry and zh->en romanization.

Romanization wraps pypinyin, which has no surname mode: compound surnames
are matched first (longest match), single-character surnames read from a
surname table (单 Shan, 曾 Zeng...), and only the given name goes through
pypinyin, so ordinary words such as 曾经 keep their readings. The
registry (``locales/people.csv``) always wins over the algorithm.

Styles: ``caps`` (WEI Wei, OUYANG Ming: the Chinese Academy of Sciences'
English releases) and ``title`` (Wei Wei, Ouyang Ming: Xinhua, AP).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .errors import InputError
from .text import confirmed_value, csv_rows

__all__ = [
    "COMPOUND_SURNAMES",
    "SURNAME_READINGS",
    "Person",
    "Registry",
    "romanize",
    "split_name",
    "read_registry",
    "person_row",
    "is_zh_name",
    "FIELDS",
    "NAME_STYLES",
]

NAME_STYLES = ("caps", "title")

COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ouyang", "司马": "sima", "诸葛": "zhuge", "上官": "shangguan", "司徒": "situ",
    "东方": "dongfang", "皇甫": "huangfu", "尉迟": "yuchi", "令狐": "linghu", "夏侯": "xiahou",
    "慕容": "murong", "公孙": "gongsun", "长孙": "zhangsun", "宇文": "yuwen", "司空": "sikong",
    "端木": "duanmu", "西门": "ximen", "南宫": "nangong", "轩辕": "xuanyuan", "呼延": "huyan",
    "澹台": "tantai", "公冶": "gongye", "太史": "taishi", "申屠": "shentu", "百里": "baili",
    "东郭": "dongguo", "万俟": "moqi", "闻人": "wenren", "赫连": "helian", "钟离": "zhongli",
    "完颜": "wanyan", "拓跋": "tuoba", "公羊": "gongyang", "濮阳": "puyang", "淳于": "chunyu",
    "单于": "chanyu", "仲孙": "zhongsun", "叔孙": "shusun", "鲜于": "xianyu", "司寇": "sikou",
}

# Surname readings of characters whose everyday reading differs (pypinyin's
# default is wrong for a surname); each is among pypinyin's heteronyms.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "盖": "ge", "乐": "yue", "秘": "bi", "缪": "miao", "覃": "qin", "员": "yun", "华": "hua",
    "任": "ren", "尉": "yu", "万": "wan", "翟": "zhai", "繁": "po", "召": "shao", "种": "chong",
    "卜": "bu", "折": "she", "过": "guo", "隗": "wei", "冼": "xian", "洗": "xian",
    "纪": "ji", "蕃": "pi", "句": "gou", "相": "xiang", "长": "chang", "重": "chong", "藏": "zang",
    "薄": "bo", "都": "du", "宿": "su", "沈": "shen", "祭": "zhai", "能": "nai", "要": "yao",
    "阚": "kan", "粘": "nian", "乜": "nie", "朝": "chao", "奇": "ji",
}

_VOWEL_START = re.compile(r"^[aoe]")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")
# A name as Chinese writes it: Han characters, a transliteration's dots and hyphens between them (马克·扎克伯格)
_ZH_NAME = re.compile(r"^[\u3400-\u9fff](?:[\u3400-\u9fff·•‧・\-]*[\u3400-\u9fff])?$")


def _national_standard(syllable: str) -> str:
    """ü as the standard for names writes it: lü -> lyu, nü -> nyu (pypinyin writes 'v')."""
    return re.sub(r"^([ln])v", r"\1yu", syllable).replace("v", "u")


def is_zh_name(text: str) -> bool:
    """Can ``text`` stand in people.csv's zh column: Han characters, with a transliteration's dots between them?"""
    return _ZH_NAME.match(text) is not None


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name); compound surnames matched first, longest first."""
    for length in (2,):
        if len(name) > length and name[:length] in COMPOUND_SURNAMES:
            return name[:length], name[length:]
    return name[:1], name[1:]


def _join_syllables(syllables: Sequence[str]) -> str:
    """Given-name syllables joined, with ' where a/o/e would run into the previous one."""
    text = ""
    for syllable in syllables:
        if text and _VOWEL_START.match(syllable):
            text += "'"
        text += syllable
    return text


def romanize(name: str, *, style: str = "caps") -> str:
    """魏炜 -> WEI Wei (caps) or Wei Wei (title)."""
    from pypinyin import Style, lazy_pinyin

    if style not in NAME_STYLES:
        raise ValueError(f"unknown name style {style!r}; use one of {', '.join(NAME_STYLES)}")
    surname, given = split_name(name)
    if surname in COMPOUND_SURNAMES:
        family = COMPOUND_SURNAMES[surname]
    elif surname in SURNAME_READINGS:
        family = SURNAME_READINGS[surname]
    else:
        family = _national_standard(lazy_pinyin(surname, style=Style.NORMAL)[0])
    given_syllables = [_national_standard(s) for s in lazy_pinyin(given, style=Style.NORMAL)] if given else []
    given_text = _join_syllables(given_syllables).capitalize()
    family_text = family.upper() if style == "caps" else family.capitalize()
    return f"{family_text} {given_text}".strip()


@dataclass(frozen=True)
class Person:
    zh: str
    en: str
    title: str = ""
    affiliation: str = ""
    confirmed: bool = False


FIELDS = ("zh", "en", "title", "affiliation", "confirmed")


@dataclass(frozen=True)
class Registry:
    """The people registry, by Chinese name."""

    people: tuple[Person, ...] = ()

    def by_zh(self) -> dict[str, Person]:
        return {person.zh: person for person in self.people}

    def with_candidates(self, candidates: Iterable[Person]) -> Registry:
        known = self.by_zh()
        added = [c for c in candidates if c.zh not in known]
        unique = list({c.zh: c for c in added}.values())
        return replace(self, people=self.people + tuple(unique))


def read_registry(text: str, *, path: str) -> Registry:
    """Parse people.csv (zh,en,title,affiliation,confirmed); errors name the line."""
    people = []
    seen: dict[str, tuple[Person, int]] = {}
    missing = f"people registry needs the columns {', '.join(FIELDS)}"
    for first, row in csv_rows(text, path=path, required=("zh", "en"), missing=missing):
        zh, en = row.get("zh", ""), row.get("en", "")
        if not zh and not en:
            continue
        confirmed = confirmed_value(row.get("confirmed", ""), empty=False, path=path, line=first)
        if not zh or not _ZH_NAME.match(zh):
            raise InputError("each person needs a Chinese name (zh)", path=path, line=first)
        if not en and confirmed:  # a proposed foreign name waits for its English, unconfirmed
            raise InputError(f"{zh} is confirmed but has no English name (en): write it, or set confirmed to no", path=path, line=first)
        person = Person(zh=zh, en=en, title=row.get("title", ""), affiliation=row.get("affiliation", ""), confirmed=confirmed)
        if zh in seen:
            other, other_line = seen[zh]
            if other != person:
                raise InputError(
                    f"{zh} is here twice, differently (also on line {other_line}: {other.en}): keep one row per person",
                    path=path,
                    line=first,
                )
            continue  # the same row twice: one person
        seen[zh] = (person, first)
        people.append(person)
    return Registry(tuple(people))


def person_row(person: Person) -> dict[str, str]:
    """The row of one person in people.csv."""
    return {"zh": person.zh, "en": person.en, "title": person.title, "affiliation": person.affiliation, "confirmed": "yes" if person.confirmed else "no"}
