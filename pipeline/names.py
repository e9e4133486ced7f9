"""People's names: a registry, zh->en romanization, detection in Chinese text.

Romanization wraps pypinyin, which has no surname mode: compound surnames
are matched first (longest match), single-character surnames read from a
surname table (单 Shan, 曾 Zeng...), and only the given name goes through
pypinyin, so ordinary words such as 曾经 keep their readings. The
registry (``locales/people.csv``) always wins over the algorithm.

Styles: ``caps`` (WEI Wei, OUYANG Ming: the Chinese Academy of Sciences'
English releases) and ``title`` (Wei Wei, Ouyang Ming: Xinhua, AP).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .errors import InputError
from .text import csv_rows

__all__ = [
    "COMPOUND_SURNAMES",
    "SURNAME_READINGS",
    "Person",
    "Registry",
    "romanize",
    "split_name",
    "read_registry",
    "registry_text",
    "detect_names",
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


def _national_standard(syllable: str) -> str:
    """ü as the standard for names writes it: lü -> lyu, nü -> nyu (pypinyin writes 'v')."""
    return re.sub(r"^([ln])v", r"\1yu", syllable).replace("v", "u")


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


_FIELDS = ("zh", "en", "title", "affiliation", "confirmed")
_YES = {"yes", "y", "true", "1", "confirmed"}
_NO = {"no", "n", "false", "0", ""}


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
    missing = f"people registry needs the columns {', '.join(_FIELDS)}"
    for first, row in csv_rows(text, path=path, required=("zh", "en"), missing=missing):
        zh, en = row.get("zh", ""), row.get("en", "")
        if not zh and not en:
            continue
        if not zh or not en or not _HAN.match(zh):
            raise InputError("each person needs a Chinese name (zh) and an English one (en)", path=path, line=first)
        confirmed = row.get("confirmed", "").lower()
        if confirmed not in _YES and confirmed not in _NO:
            raise InputError(f"confirmed is {row.get('confirmed')!r}: write yes or no (empty is no)", path=path, line=first)
        person = Person(zh=zh, en=en, title=row.get("title", ""), affiliation=row.get("affiliation", ""), confirmed=confirmed in _YES)
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


def registry_text(registry: Registry) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_FIELDS)
    for p in registry.people:
        writer.writerow([p.zh, p.en, p.title, p.affiliation, "yes" if p.confirmed else "no"])
    return out.getvalue()


_NAME_TAGS = {"nr", "nrfg", "nrt"}
_FUNCTION_TAGS = {"c", "p", "r", "d", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o"}
# The most common single-character surnames (about 90% of the population), for
# re-joining names that jieba without HMM leaves in single characters.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
)


def _before_title(tagged: list[tuple[str, str]], index: int, titles: frozenset[str]) -> str | None:
    """A surname at ``index`` and one or two characters before a title (张立新研究员): a name, whatever the tags."""
    given = ""
    for offset in (1, 2, 3):
        if index + offset >= len(tagged):
            return None
        word = tagged[index + offset][0]
        if word in titles:
            return tagged[index][0] + given if given else None
        if not _HAN.match(word) or len(given) + len(word) > 2:
            return None
        given += word
    return None


def _candidates(tagged: list[tuple[str, str]], titles: frozenset[str] = frozenset()) -> Iterable[str]:
    """Names in one tagged sentence: whole nr words, or a surname followed by a short given name."""
    for index, (word, tag) in enumerate(tagged):
        is_surname = (len(word) == 1 and word in COMMON_SURNAMES) or word in COMPOUND_SURNAMES
        if is_surname and titles:
            titled = _before_title(tagged, index, titles)
            if titled:
                yield titled
                continue
        if tag in _NAME_TAGS and 2 <= len(word) <= 4 and (word[0] in COMMON_SURNAMES or word[:2] in COMPOUND_SURNAMES):
            yield word
            continue
        is_surname = (len(word) == 1 and word in COMMON_SURNAMES) or word in COMPOUND_SURNAMES
        if not is_surname or tag in _FUNCTION_TAGS:
            continue
        given = ""
        for next_word, next_tag in tagged[index + 1 : index + 3]:
            if next_tag not in _NAME_TAGS or not _HAN.match(next_word) or len(given) + len(next_word) > 2:
                break
            given += next_word
        if given:
            yield word + given


def detect_names(sentences: Iterable[str], *, known: Iterable[str] = (), titles: Iterable[str] = ()) -> list[str]:
    """Person-name candidates in Chinese text, by jieba's part-of-speech tagger (no HMM).

    jieba without HMM leaves an unknown name in single characters, so a
    common surname followed by a one- or two-character given name, at least
    one of them tagged as a name, is joined again; so is a surname with one or
    two characters before a title such as 研究员. Registry names are loaded
    as user words so they stay whole, and are not proposed again. Precision
    is modest: callers propose the candidates for an editor to confirm.
    """
    from .segment import chinese_words_tagged

    found: dict[str, None] = {}
    known_set = set(known)
    title_set = frozenset(titles)
    for sentence in sentences:
        tagged = chinese_words_tagged(sentence, user_words=known_set, user_tag="nr")
        for name in _candidates(tagged, title_set):
            if name not in known_set:
                found[name] = None
    return list(found)
