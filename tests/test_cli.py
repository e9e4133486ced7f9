"""The `newsroom` command, run as a user runs it, on a copy of the sample newsroom."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from helpers import copy_sample, run, snapshot

NEW = "content/zh/green-hydrogen-pilot.md"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "newsroom")


def test_sync_without_models_builds_everything_and_says_how_to_install(project: Path, no_models: dict[str, str]) -> None:
    before = snapshot(project)
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0, result.stderr
    assert "no zh->en translation model is installed" in result.stderr
    assert "newsroom models install" in result.stderr
    after = snapshot(project)
    changed = sorted(path for path in after if before.get(path) != after[path])
    assert changed == [
        "content/en/green-hydrogen-pilot.md",
        NEW,
        "locales/en/LC_MESSAGES/green-hydrogen-pilot.po",
        "locales/people.csv",  # 张立新, found in the new article, and its author 李静: proposed for an editor to confirm
    ]
    assert after["locales/people.csv"].decode() == before["locales/people.csv"].decode() + "张立新,ZHANG Lixin,,,no\n李静,LI Jing,,,no\n"
    # the only change to a source: its translation key
    assert after[NEW].decode().replace("translationKey: green-hydrogen-pilot\n", "") == before[NEW].decode()
    edition = after["content/en/green-hydrogen-pilot.md"].decode()
    assert "translation_of: content/zh/green-hydrogen-pilot.md\n" in edition
    assert "status: partial\n" in edition and "completeness: 0\n" in edition
    assert "source_digest: sha256:" in edition


def test_second_sync_changes_no_byte(project: Path, no_models: dict[str, str]) -> None:
    assert run(project, "sync", env=no_models).returncode == 0
    first = snapshot(project)
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0
    assert snapshot(project) == first
    assert "nothing changed since the last sync" in result.stdout
    shutil.rmtree(project / ".newsroom")  # no cache: everything is extracted, merged and built again
    result = run(project, "sync", env=no_models)
    assert result.returncode == 0
    assert snapshot(project) == first
    assert "0 file(s) changed" in result.stdout


def test_every_po_file_passes_msgfmt(project: Path, no_models: dict[str, str]) -> None:
    assert run(project, "sync", env=no_models).returncode == 0
    files = sorted(project.glob("locales/*/LC_MESSAGES/*.po"))
    assert len(files) == 5
    for path in files:
        result = subprocess.run(
            ["msgfmt", "--check-format", "--check-header", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, (path, result.stderr)


def test_check_reports_the_new_article_and_passes_the_rest(project: Path) -> None:
    result = run(project, "check")
    assert result.returncode == 1
    assert f"{NEW}: error: missing: no en catalog yet" in result.stdout
    assert "5 edition(s) checked, 1 problem(s)" in result.stdout


def test_check_json_counts_sentences_and_words(project: Path, no_models: dict[str, str]) -> None:
    run(project, "sync", env=no_models)
    result = run(project, "check", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    editions = {(e["source"], e["target"]): e for e in data["editions"]}
    new = editions[(NEW, "en")]
    assert new["sentences"]["untranslated"] == new["sentences"]["total"] > 0
    assert new["words"]["total"] > new["sentences"]["total"]
    done = editions[("content/zh/chimeric-exosomes.md", "en")]
    assert done["reviewed_percent"] == 100.0 and done["status"] == "reviewed" and not done["stale"]
    assert [f["code"] for f in data["findings"]] == ["incomplete"]


def test_check_junit_for_ci_dashboards(project: Path) -> None:
    from xml.etree import ElementTree

    result = run(project, "check", "--format", "junit")
    assert result.returncode == 1
    root = ElementTree.fromstring(result.stdout)
    assert root.tag == "testsuites" and [child.tag for child in root] == ["testsuite"]
    suite = root[0]
    cases = suite.findall("testcase")
    for element in (root, suite):  # the counts match the elements, as dashboards read them
        assert element.get("tests") == str(len(cases)) == "5"
        assert element.get("failures") == str(sum(case.find("failure") is not None for case in cases)) == "1"
    assert all(len(case.findall("failure")) <= 1 and len(case.findall("system-out")) <= 1 for case in cases)
    failed = [case for case in cases if case.find("failure") is not None]
    assert [case.get("classname") for case in failed] == [NEW]
    failure = failed[0].find("failure")
    assert failure is not None and failure.get("type") == "missing"


def test_min_reviewed_threshold(project: Path, no_models: dict[str, str]) -> None:
    run(project, "sync", env=no_models)
    assert run(project, "check", "--min-reviewed", "0").returncode == 0
    assert run(project, "check", "--min-reviewed", "50").returncode == 1


def test_check_finds_stale_and_unlinked_editions(project: Path) -> None:
    source = project / "content/zh/chimeric-exosomes.md"
    source.write_text(source.read_text("utf-8") + "\n新增的一句话。\n", encoding="utf-8")
    edition = project / "content/zh/summer-science-show.md"
    edition.write_text(
        edition.read_text("utf-8").replace("translationKey: summer-science-show", "translationKey: other"),
        encoding="utf-8",
    )
    po = project / "locales/zh_CN/LC_MESSAGES/process-engineering-award.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "奖项"', 'msgstr "大奖"'), encoding="utf-8")
    result = run(project, "check", "--min-reviewed", "0")
    assert result.returncode == 1
    out = result.stdout
    # each finding points at the front-matter line of the key it is about
    assert "content/en/chimeric-exosomes.md:13: error: stale: content/zh/chimeric-exosomes.md changed" in out
    assert "content/zh/summer-science-show.md:10: error: broken-link: translationKey 'other'" in out
    assert "content/zh/process-engineering-award.md:14: error: stale: locales/zh_CN/LC_MESSAGES/process-engineering-award.po changed" in out


def test_status_table(project: Path) -> None:
    result = run(project, "status")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["source", "to", "status", "reviewed", "fuzzy", "empty", "words", "stale"]
    row = next(line for line in lines if line.startswith("content/zh/chimeric-exosomes.md"))
    assert row.split()[:4] == ["content/zh/chimeric-exosomes.md", "en", "reviewed", "100%"]
    assert next(line for line in lines if line.startswith(NEW)).split()[2] == "missing"


def _break_yaml(root: Path) -> str:
    path = root / "content/zh/inhaled-vaccine.md"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[2] = "summary: [unclosed\n"
    path.write_text("".join(lines), encoding="utf-8")
    return "content/zh/inhaled-vaccine.md:4: broken YAML front matter"


def _break_encoding(root: Path) -> str:
    path = root / "content/en/summer-science-show.md"
    data = path.read_bytes().split(b"\n")
    data[12] = data[12] + "（GBK）".encode("gbk")
    path.write_bytes(b"\n".join(data))
    return "content/en/summer-science-show.md:13: not valid UTF-8"


def _break_po(root: Path) -> str:
    path = root / "locales/en/LC_MESSAGES/chimeric-exosomes.po"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 20)
    lines[number] = lines[number].rstrip()[:-1] + "\n"  # drop the closing quote
    path.write_text("".join(lines), encoding="utf-8")
    return f"locales/en/LC_MESSAGES/chimeric-exosomes.po:{number + 1}: string not closed"


def _unknown_language(root: Path) -> str:
    (root / "content/fr").mkdir()
    (root / "content/fr/article.md").write_text("---\ntitle: Bonjour\n---\n\nTexte.\n", encoding="utf-8")
    return "content/fr: not a language newsroom knows (zh, en); this newsroom's languages are zh and en, or move the folder out of content/"


@pytest.mark.parametrize("breaker", [_break_yaml, _break_encoding, _break_po, _unknown_language])
@pytest.mark.parametrize("command", [["sync"], ["check"], ["status"]])
def test_bad_input_exits_2_names_file_and_line_and_writes_nothing(
    project: Path, no_models: dict[str, str], breaker, command: list[str]
) -> None:
    expected = breaker(project)
    before = snapshot(project)
    result = run(project, *command, env=no_models)
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    after = snapshot(project)
    if breaker is _unknown_language:  # the project itself is wrong: nothing at all is done
        assert after == before
        return
    # one bad article does not stop the newsroom: nothing of its own is written, the rest is done
    bad = expected.split(":")[0]
    slug = Path(bad).stem
    assert all(after.get(path) == data for path, data in before.items() if Path(path).stem == slug)
    if command == ["sync"]:
        assert "content/en/green-hydrogen-pilot.md" in after and "content/en/green-hydrogen-pilot.md" not in before
        assert "1 article(s) not synced" in result.stderr
    else:
        assert after == before
        if command == ["check"]:
            assert "content/zh/green-hydrogen-pilot.md: error: missing" in result.stdout
        else:
            assert "green-hydrogen-pilot" in result.stdout


def test_a_failed_article_is_tried_again_by_the_next_sync(project: Path, no_models: dict[str, str]) -> None:
    expected = _break_yaml(project)
    first = run(project, "sync", env=no_models)
    second = run(project, "sync", env=no_models)
    assert first.returncode == second.returncode == 2
    assert expected in second.stderr and "nothing changed" not in second.stdout


def test_both_editions_as_sources_is_an_error(project: Path, no_models: dict[str, str]) -> None:
    edition = project / "content/en/chimeric-exosomes.md"
    text = edition.read_text("utf-8")
    edition.write_text(text.replace("translation_of: content/zh/chimeric-exosomes.md\n", ""), encoding="utf-8")
    before = snapshot(project)
    result = run(project, "sync", env=no_models)
    assert result.returncode == 2
    assert "both content/zh/chimeric-exosomes.md and content/en/chimeric-exosomes.md are sources" in result.stderr
    after = snapshot(project)
    assert all(after[path] == data for path, data in before.items() if "chimeric-exosomes" in path)


def test_models_list_and_install_errors(project: Path, no_models: dict[str, str], tmp_path: Path) -> None:
    listed = run(project, "models", "list", env=no_models)
    assert listed.returncode == 0 and "no translation models installed" in listed.stdout
    missing = run(project, "models", "install", str(tmp_path / "nope.argosmodel"), env=no_models)
    assert missing.returncode == 2 and "no such model file" in missing.stderr
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip")
    bad = run(project, "models", "install", str(junk), env=no_models)
    assert bad.returncode == 2 and "not an Argos package: an .argosmodel file is a zip archive" in bad.stderr


def test_usage_error_exits_2(project: Path) -> None:
    assert run(project, "frobnicate").returncode == 2
    assert run(project, "check", "--format", "xml").returncode == 2


def test_check_does_not_load_mt_or_jieba(project: Path) -> None:
    import sys

    code = (
        "import sys; from pipeline.cli import main; code = main(['--root', sys.argv[1], 'check']);"
        "heavy = [m for m in ('argostranslate', 'ctranslate2', 'jieba', 'torch') if m in sys.modules];"
        "print('HEAVY', heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_models_install_without_an_index_entry_is_a_clear_error(project: Path) -> None:
    # the test environment's Argos index (tests/conftest.py) is empty and offline
    result = run(project, "models", "install")
    assert result.returncode == 2
    assert "the Argos package index has no zh->en model" in result.stderr


def test_junit_reports_an_edition_whose_source_is_gone(project: Path) -> None:
    from xml.etree import ElementTree

    (project / "content/zh/chimeric-exosomes.md").unlink()
    result = run(project, "check", "--format", "junit", "--min-reviewed", "0")
    assert result.returncode == 1
    suite = ElementTree.fromstring(result.stdout)
    orphan = next(case for case in suite.iter("testcase") if case.get("name") == "project")
    failure = orphan.find("failure")
    assert failure is not None and failure.get("type") == "broken-link"
    assert failure.text is not None and failure.text.startswith("content/en/chimeric-exosomes.md:12: broken-link: ")
    assert int(suite.get("failures") or 0) >= 1


def test_crlf_source_keeps_its_line_endings_and_is_not_stale_after_conversion(project: Path, no_models: dict[str, str]) -> None:
    source = project / NEW
    source.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    assert run(project, "sync", env=no_models).returncode == 0
    data = source.read_bytes()
    assert b"translationKey: green-hydrogen-pilot\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    source.write_bytes(data.replace(b"\r\n", b"\n"))  # e.g. git autocrlf on another machine
    out = run(project, "check", "--min-reviewed", "0", "--format", "json").stdout
    assert not any(f["code"] == "stale" for f in json.loads(out)["findings"])


def test_bad_config_values_are_clear_errors(project: Path) -> None:
    (project / "newsroom.toml").write_text('[newsroom]\ntext_fields = "title"\n', encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 2 and "newsroom.toml: text_fields must be a list of strings" in result.stderr
    (project / "newsroom.toml").write_text("[newsroom]\nlanguages = [[1]]\n", encoding="utf-8")
    result = run(project, "sync")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_unusable_mt_device_is_a_clear_error(project: Path, argos_models: Path) -> None:
    env = {**os.environ, "ARGOS_DEVICE_TYPE": "cuda"}
    before = snapshot(project)
    result = run(project, "sync", env=env)
    if result.returncode == 0:
        pytest.skip("this machine has CUDA")
    assert result.returncode == 2, result.stderr
    assert "cannot load the model on device 'cuda'" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_unfinished_editions_are_drafts_unless_the_newsroom_publishes_them(project: Path, no_models: dict[str, str]) -> None:
    assert run(project, "sync", env=no_models).returncode == 0
    edition = project / "content/en/green-hydrogen-pilot.md"
    assert "\nstatus: partial\n" in edition.read_text("utf-8") and "\ndraft: true\n" in edition.read_text("utf-8")
    reviewed = (project / "content/en/chimeric-exosomes.md").read_text("utf-8")
    assert "draft:" not in reviewed
    config = project / "newsroom.toml"
    config.write_text(config.read_text("utf-8").replace('publish = "reviewed"', 'publish = "partial"'), encoding="utf-8")
    assert run(project, "sync", env=no_models).returncode == 0
    assert "draft:" not in edition.read_text("utf-8")
    config.write_text(config.read_text("utf-8").replace('publish = "partial"', 'publish = "sometimes"'), encoding="utf-8")
    wrong = run(project, "sync", env=no_models)
    assert wrong.returncode == 2 and "newsroom.toml: publish must be one of" in wrong.stderr


def test_a_reviewed_translation_that_drops_a_placeholder_is_flagged(tmp_path: Path, no_models: dict[str, str]) -> None:
    (tmp_path / "content/zh").mkdir(parents=True)
    (tmp_path / "content/zh/a.md").write_text("---\ntitle: 下载\n---\n\n点击 {{< icon \"download\" >}} 下载<br />安装包。\n", encoding="utf-8")
    assert run(tmp_path, "sync", env=no_models).returncode == 0
    po_path = tmp_path / "locales/en/LC_MESSAGES/a.po"
    po = polib.pofile(str(po_path))
    comments = {entry.msgid: entry.comment for entry in po}
    assert "⟦1⟧ = {{< icon \"download\" >}}" in comments["点击 ⟦1⟧ 下载⟦2⟧安装包。"]
    for entry in po:
        entry.msgstr = {"下载": "Download", "点击 ⟦1⟧ 下载⟦2⟧安装包。": "Click ⟦1⟧ to download the package."}[entry.msgid]
    po.save()
    assert run(tmp_path, "sync", env=no_models).returncode == 0
    edition = (tmp_path / "content/en/a.md").read_text("utf-8")
    assert 'Click {{< icon "download" >}} to download the package.' in edition
    check = run(tmp_path, "check", env=no_models)
    assert check.returncode == 0 and "warning: markup: inline Markdown does not match the source: missing placeholder:⟦2⟧" in check.stdout
    assert run(tmp_path, "check", "--strict", env=no_models).returncode == 1
