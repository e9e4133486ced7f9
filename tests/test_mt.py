"""Machine translation through the real argostranslate/CTranslate2 path, with tiny built models."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import polib

from helpers import copy_sample, run
from pipeline.content import markup_problems
from pipeline.mt import ArgosEngine, find_engine, protect_markup, restore_markup
from pipeline.project import load_config
from pipeline.style import StyleRules, find_hints
from pipeline.sync import sync_project
from tinymt import build_argos_package

NEW_PO = "locales/en/LC_MESSAGES/green-hydrogen-pilot.po"


def test_protect_and_restore_markup_round_trip() -> None:
    sentence = 'See [the paper](https://x.org/a?b=1 "t"), `code()`, <https://a.b> and ![img](/a.png) **now**.'
    protected, kept = protect_markup(sentence)
    assert "https://" not in protected and "`" not in protected and "/a.png" not in protected
    assert "[the paper]" in protected and "**now**" in protected
    assert restore_markup(protected, kept) == (sentence, [])
    assert markup_problems(sentence, sentence) == []
    dropped, missing = restore_markup(protected.replace("⟦1⟧", ""), kept)
    assert missing == ["`code()`"]
    assert markup_problems(sentence, dropped) == ["inline Markdown does not match the source: missing code:code()"]


def test_engine_translates_a_batch_one_output_per_input(argos_models: Path, argos_caches) -> None:
    engine = find_engine("zh", "en")
    assert engine is not None
    assert engine.description == "argos translate-zh_en 1.0 (CTranslate2)"
    sentences = [f"第{i}句：研究人员开发了新方法。" for i in range(40)] + ["snake_case_name 保留下划线。", ""]
    assert engine.translate_batch(sentences) == sentences
    assert find_engine("en", "fr") is None


def test_sync_machine_translates_new_article_in_one_batch(argos_models: Path, argos_caches, tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "newsroom")
    for style_file in ("locales/glossary.csv", "locales/people.csv"):  # so the copy model's output is its input
        (project / style_file).unlink()
    extra = project / "content/zh/second-new.md"
    extra.write_text("---\ntitle: 第二篇新文章\n---\n\n它也需要[翻译](https://example.org/x_y)。共有`两句`。\n", "utf-8")
    calls: list[int] = []

    class Counting:
        def __init__(self, inner: ArgosEngine) -> None:
            self.inner = inner
            self.description = inner.description

        def translate_batch(self, sentences: Sequence[str]) -> list[str]:
            calls.append(len(sentences))
            return self.inner.translate_batch(sentences)

    def factory(source: str, target: str) -> Counting | None:
        engine = find_engine(source, target)
        return Counting(engine) if isinstance(engine, ArgosEngine) else None

    report = sync_project(load_config(project), engine_factory=factory)
    po = polib.pofile(str(project / NEW_PO))
    live = [e for e in po if not e.obsolete]
    assert calls == [len(live) + 3]  # one batch for both new articles' sentences
    assert report.machine_translated == len(live) + 3
    rules = StyleRules()
    for entry in live:
        # the tiny model copies its input; dates and numbers come back in target style
        expected = entry.msgid
        for hint in reversed(find_hints(entry.msgid, "zh", "en", rules)):
            if hint.enforced and hint.end > hint.start:
                expected = expected[: hint.start] + hint.replacement + expected[hint.end :]
        assert entry.msgstr == expected
        assert "fuzzy" in entry.flags
        assert "machine translation: argos translate-zh_en 1.0 (CTranslate2)" in entry.tcomment
    second = polib.pofile(str(project / "locales/en/LC_MESSAGES/second-new.po"))
    assert second[1].msgstr == "它也需要[翻译](https://example.org/x_y)。"
    edition = (project / "content/en/green-hydrogen-pilot.md").read_text("utf-8")
    assert "status: machine\n" in edition


def test_cli_sync_with_real_model_then_review_then_check(argos_models: Path, tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "newsroom")
    result = run(project, "sync")
    assert result.returncode == 0, result.stderr
    assert "machine translation: argos translate-zh_en 1.0 (CTranslate2)" in result.stdout
    assert "no zh->en translation model" not in result.stderr
    check = run(project, "check")
    assert check.returncode == 1 and "fuzzy" in check.stdout
    # a translator reviews every draft: clears fuzzy
    po_path = project / NEW_PO
    po = polib.pofile(str(po_path))
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    assert run(project, "check").returncode == 1  # edition not rebuilt since the PO changed
    assert run(project, "sync").returncode == 0
    final = run(project, "check")
    assert final.returncode == 0, final.stdout
    assert "status: reviewed\n" in (project / "content/en/green-hydrogen-pilot.md").read_text("utf-8")


def test_draft_with_broken_markup_is_written_and_marked(tmp_path: Path, argos_caches) -> None:
    import argostranslate.package

    # a model that turns the first placeholder (a link target) into plain text
    path = build_argos_package(tmp_path, from_code="zh", to_code="en", lexicon={"⟦0⟧": "LINK"})
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path / "pkg")
    engine = ArgosEngine(argostranslate.package.Package(tmp_path / "pkg" / path.name.removesuffix(".argosmodel")))
    project = tmp_path / "newsroom"
    (project / "content/zh").mkdir(parents=True)
    (project / "content/zh/a.md").write_text("---\ntitle: 标题\n---\n\n详见[报告](https://example.org/r)。\n", "utf-8")
    sync_project(load_config(project), engine_factory=lambda s, t: engine)
    entry = polib.pofile(str(project / "locales/en/LC_MESSAGES/a.po"))[1]
    assert entry.msgstr == "详见[报告]LINK。"
    assert "fuzzy" in entry.flags
    assert "machine translation: argos translate-zh_en 1.0 (CTranslate2)" == entry.tcomment
    assert "markup: inline Markdown does not match the source: missing link:https://example.org/r; unexpected reference:报告" in entry.comment.replace("\n", " ")
    # the note is rebuilt, not accumulated, on the next sync; fixing the draft removes it
    sync_project(load_config(project), engine_factory=lambda s, t: engine)
    entry = polib.pofile(str(project / "locales/en/LC_MESSAGES/a.po"))[1]
    assert entry.comment.count("markup:") == 1
    po_path = project / "locales/en/LC_MESSAGES/a.po"
    po_path.write_text(po_path.read_text("utf-8").replace("LINK", "(https://example.org/r)"), "utf-8")
    sync_project(load_config(project), engine_factory=lambda s, t: engine)
    entry = polib.pofile(str(po_path))[1]
    assert entry.comment == "paragraph" and entry.msgstr == "详见[报告](https://example.org/r)。"


def _repacked(package: Path, out: Path, drop: str = "", add: dict[str, bytes] | None = None) -> Path:
    """A copy of a built package without the members under ``drop`` and with ``add``."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if not (drop and item.filename.split("/", 1)[1].startswith(drop)):
                target.writestr(item, source.read(item))
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out


def test_models_install_refuses_what_is_no_package_and_skips_a_broken_one(tmp_path: Path) -> None:
    import os

    good = build_argos_package(tmp_path / "built", from_code="zh", to_code="en")
    stem = good.name.removesuffix(".argosmodel")
    home = tmp_path / "packages"
    home.mkdir()
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(home)}
    project = copy_sample(tmp_path / "newsroom")
    refused = {
        "no metadata": (_repacked(good, tmp_path / "a.argosmodel", drop="metadata.json"), "no metadata.json"),
        "no model": (_repacked(good, tmp_path / "b.argosmodel", drop="model/"), "no model (model/model.bin"),
        "no tokenizer": (_repacked(good, tmp_path / "c.argosmodel", drop="sentencepiece.model"), "no tokenizer"),
        "bad metadata": (
            _repacked(good, tmp_path / "d.argosmodel", drop="metadata.json", add={f"{stem}/metadata.json": b"{not json"}),
            "metadata.json is not JSON",
        ),
        "escapes": (_repacked(good, tmp_path / "e.argosmodel", add={"../evil.txt": b"x"}), "it holds paths outside its folder"),
    }
    for name, (path, message) in refused.items():
        result = run(project, "models", "install", str(path), env=env)
        assert result.returncode == 2, name
        assert f"not an Argos package: {message}" in result.stderr, (name, result.stderr)
        assert not any(home.iterdir()), name
    assert not (tmp_path / "evil.txt").exists()
    assert run(project, "models", "install", str(good), env=env).returncode == 0
    # a broken package already there (installed by hand, or half-copied) is named and skipped
    broken = home / "translate-en_zh-broken"
    broken.mkdir()
    (broken / "metadata.json").write_text("{}", "utf-8")
    listed = run(project, "models", "list", env=env)
    assert listed.returncode == 0 and "zh -> en" in listed.stdout
    assert f"{broken}: a broken translation package (metadata.json has no from_code or to_code), skipped" in listed.stderr
    synced = run(project, "sync", env=env)
    assert synced.returncode == 0, synced.stderr
    assert "a broken translation package" in synced.stderr and "machine translation: argos translate-zh_en" in synced.stdout


def test_sync_reports_progress_for_every_phase(argos_models: Path, argos_caches, tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "newsroom")
    seen: dict[str, list[tuple[int, int]]] = {}
    sync_project(load_config(project), progress=lambda phase, done, total: seen.setdefault(phase, []).append((done, total)))
    assert list(seen) == ["read", "merge", "translation memory", "names", "hints", "machine translation zh->en", "build"]
    for phase, calls in seen.items():
        totals = {total for _, total in calls}
        assert len(totals) == 1, phase
        done = [n for n, _ in calls]
        assert done == sorted(done) and done[-1] == totals.pop(), phase
