"""Tests for tests/tinymt.py: the tiny Argos packages really work through argostranslate."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tinymt import TRAINING_SENTENCES, build_argos_package, package_filename

# The hanzi of UNSEEN_HANZI are not in the training text; 燚, 𠀀 (4-byte UTF-8),
# 龘, 犇 and 骉 are not even GB2312 level 1, so they only survive through
# SentencePiece byte fallback (as do 〔〕).
UNSEEN_HANZI = "蓦踟蹰鳏燚𠀀龘犇骉"
ZH_UNSEEN = "蓦然回首，踟蹰的鳏夫：燚𠀀龘犇骉。〔注〕⟦x⟧«y»"
EN_MARKDOWN = (
    "Read [the full report](https://example.com/reports/2024?id=42#top) "
    "and run `newsroom translate --from zh` before Friday."
)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything opens a network connection (e.g. a model download)."""

    def refuse(self: socket.socket, address: object) -> None:
        raise AssertionError(f"unexpected network connection to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.fixture
def zh_en_lexicon_package(tmp_path: Path) -> Iterator[Path]:
    """A zh->en package with a lexicon, extracted (not installed: it would clash with argos_models)."""
    path = build_argos_package(tmp_path, from_code="zh", to_code="en",
                               lexicon={"魏炜": "Wei Yan", "1.2亿": "120 million"})
    with zipfile.ZipFile(path) as zf:
        zf.extractall(tmp_path / "extracted")
    yield tmp_path / "extracted" / path.name.removesuffix(".argosmodel")


def test_package_layout(tmp_path: Path) -> None:
    path = build_argos_package(tmp_path, from_code="zh", to_code="en", package_version="1.2")
    assert path == tmp_path / package_filename("zh", "en", "1.2") == tmp_path / "translate-zh_en-1.2.argosmodel"
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        metadata = json.loads(zf.read("translate-zh_en-1.2/metadata.json"))
    assert {name.split("/")[0] for name in names} == {"translate-zh_en-1.2"}
    for required in ("metadata.json", "sentencepiece.model", "model/model.bin", "model/config.json",
                     "minisbd/tinysbd.onnx"):
        assert f"translate-zh_en-1.2/{required}" in names
    assert metadata["type"] == "translate"
    assert (metadata["from_code"], metadata["to_code"], metadata["package_version"]) == ("zh", "en", "1.2")


def test_installed_metadata(argos_models: Path) -> None:
    import argostranslate.package

    installed = {(p.from_code, p.to_code): p for p in argostranslate.package.get_installed_packages()}
    assert set(installed) == {("zh", "en"), ("en", "zh")}
    for pkg in installed.values():
        assert pkg.package_version == "1.0"
        assert pkg.type == "translate"
        assert pkg.package_path.parent == argos_models
    assert installed[("zh", "en")].from_name == "Chinese"
    assert installed[("zh", "en")].to_name == "English"


def test_zh_identity_with_unseen_characters(argos_models: Path, argos_caches: object,
                                            no_network: None) -> None:
    import argostranslate.translate
    import sentencepiece as spm

    assert set(UNSEEN_HANZI) <= set(ZH_UNSEEN)
    assert set(UNSEEN_HANZI).isdisjoint("".join(TRAINING_SENTENCES))
    sp = spm.SentencePieceProcessor(model_file=str(argos_models / "translate-zh_en-1.0" / "sentencepiece.model"))
    assert any(piece.startswith("<0x") for piece in sp.encode(ZH_UNSEEN, out_type=str))

    assert argostranslate.translate.translate(ZH_UNSEEN, "zh", "en") == ZH_UNSEEN
    paragraphs = f"{ZH_UNSEEN}\n\n中国人民银行周二宣布维持基准利率不变。\n魏炜表示，营收增长1.2亿元。"
    assert argostranslate.translate.translate(paragraphs, "zh", "en") == paragraphs


@pytest.mark.parametrize(("from_code", "to_code"), [("en", "zh"), ("zh", "en")])
def test_en_identity_markdown_link_and_code(argos_models: Path, argos_caches: object, no_network: None,
                                            from_code: str, to_code: str) -> None:
    import argostranslate.translate

    assert argostranslate.translate.translate(EN_MARKDOWN, from_code, to_code) == EN_MARKDOWN


def test_lexicon_substitution(zh_en_lexicon_package: Path, argos_caches: object, no_network: None) -> None:
    from argostranslate.package import Package
    from argostranslate.translate import Language, PackageTranslation

    pkg = Package(zh_en_lexicon_package)
    translation = PackageTranslation(Language("zh", "Chinese"), Language("en", "English"), pkg)
    assert translation.translate("魏炜表示，营收增长1.2亿元。") == "Wei Yan表示，营收增长120 million元。"
    assert translation.translate("他说魏炜不在。") == "他说Wei Yan不在。"
    assert translation.translate("没有需要替换的词。") == "没有需要替换的词。"


def test_translate_batch_of_50(argos_models: Path) -> None:
    import ctranslate2
    import sentencepiece as spm

    package_dir = argos_models / "translate-zh_en-1.0"
    sp = spm.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package_dir / "model"), device="cpu")
    sentences = [f"{TRAINING_SENTENCES[i % len(TRAINING_SENTENCES)]} #{i} {ZH_UNSEEN[: i % 7]}" for i in range(50)]
    results = translator.translate_batch(
        [sp.encode(s, out_type=str) for s in sentences],
        replace_unknowns=True, beam_size=4, length_penalty=0.2, return_scores=True,
    )
    assert len(results) == 50
    assert [sp.decode(r.hypotheses[0]) for r in results] == sentences


def test_subprocess_sees_isolated_packages(argos_models: Path) -> None:
    # Only argostranslate.package: importing argostranslate.translate in a fresh
    # process costs ~3-6 s (stanza, spacy, torch).
    code = (
        "import argostranslate.package as p, argostranslate.settings as s;"
        "print(s.package_data_dir);"
        "print(sorted((x.from_code, x.to_code) for x in p.get_installed_packages()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.splitlines() == [str(argos_models), "[('en', 'zh'), ('zh', 'en')]"]
