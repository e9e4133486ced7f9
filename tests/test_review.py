"""newsroom review: the static site, saving a translation into its PO file, git history, the server."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import copy_sample, run
from pipeline.catalog import parse_catalog
from pipeline.errors import InputError
from pipeline.po import write_po
from pipeline.project import load_config
from pipeline.text import count_words
from pipeline.review.edit import StalePage, edition_files, save_translation
from pipeline.review.history import HISTORY_CACHE, WEEKS, read_history
from pipeline.review.pages import entry_key, word_diff
from pipeline.state import file_digest

VACCINE_PO = "locales/en/LC_MESSAGES/inhaled-vaccine.po"
VACCINE_SOURCE = "content/zh/inhaled-vaccine.md"
OLD_SENTENCE = "项目累计获得3,500万元经费支持。"
NEW_SENTENCE = "项目累计获得4,200万元经费支持。"


@pytest.fixture
def project(tmp_path: Path, no_models: dict[str, str]) -> Path:
    """The sample after a sync, with one source sentence changed: its translation is a draft with the old source."""
    root = copy_sample(tmp_path / "newsroom")
    assert run(root, "sync", env=no_models).returncode == 0
    source = root / VACCINE_SOURCE
    source.write_text(source.read_text("utf-8").replace(OLD_SENTENCE, NEW_SENTENCE), "utf-8")
    synced = run(root, "sync", env=no_models)
    assert synced.returncode == 0, synced.stderr
    return root


def _entry(root: Path, msgid: str):  # noqa: ANN202
    po = parse_catalog((root / VACCINE_PO).read_text("utf-8"), path=VACCINE_PO)
    return next(entry for entry in po if entry.msgid == msgid and not entry.obsolete)


def test_the_static_site_shows_every_edition_and_each_sentence_in_reading_order(project: Path, no_models: dict[str, str]) -> None:
    built = run(project, "review", env=no_models)
    assert built.returncode == 0, built.stderr
    site = project / ".newsroom" / "review"
    index = (site / "index.html").read_text("utf-8")
    rows = re.findall(r'<tr data-state="(\w+)" data-pair="([\w-]+)"', index)
    # the new article (no MT here: its sentences are empty) and the changed one first, most urgent on top
    assert rows[:2] == [("untranslated", "zh-en"), ("machine", "zh-en")], rows
    assert sorted(rows[2:]) == [("reviewed", "en-zh")] * 2 + [("reviewed", "zh-en")]
    assert '<span class="badge state-machine">Drafts to review</span>' in index  # colour and words
    assert "Not a git repository" in index  # the plain count where there is no history
    page = (site / "a" / "zh-en" / "inhaled-vaccine.html").read_text("utf-8")
    # the sentences in the article's order, headings kept as headings
    first, heading, later = page.index("2023年12月14日"), page.index("纳微复合，一吸入肺"), page.index("4,200万元")
    assert first < heading < later
    assert 'class="block kind-heading"' in page
    # the changed sentence: its state in words, its line, what changed in its source, its hints
    block = page[page.rindex("<article", 0, later) : page.index("</article>", later)]
    assert "Needs review" in block and f"{VACCINE_SOURCE}:" in block and "PO line" in block
    assert "<del>3</del><ins>4</ins><span>,</span><del>500</del><ins>200</ins>" in block
    assert "number: 4,200万元 = 42 million yuan" in html.unescape(block)
    assert "<form" not in page  # a static page has no forms
    # every link to a project file leads to the file
    for href in set(re.findall(r'href="(\.\./[^"#]+)"', page)):
        assert (site / "a" / "zh-en" / unquote(href)).resolve().is_file(), href
    assert (site / "static" / "review.css").is_file() and (site / "static" / "review.js").is_file()


def test_a_broken_catalog_is_named_and_the_rest_of_the_site_is_written(project: Path, no_models: dict[str, str]) -> None:
    po = project / VACCINE_PO
    po.write_text(po.read_text("utf-8").replace('msgid "', 'msgid "\\q', 3), "utf-8")
    built = run(project, "review", env=no_models)
    assert built.returncode == 2
    assert re.search(rf"newsroom: {re.escape(VACCINE_PO)}:\d+: ", built.stderr), built.stderr
    site = project / ".newsroom" / "review"
    assert VACCINE_PO in (site / "index.html").read_text("utf-8")
    assert "cannot be read" in (site / "a" / "zh-en" / "inhaled-vaccine.html").read_text("utf-8")
    assert (site / "a" / "zh-en" / "chimeric-exosomes.html").is_file()


def test_markup_in_sentences_is_shown_as_text_never_run(project: Path, no_models: dict[str, str]) -> None:
    source = project / VACCINE_SOURCE
    hostile = '项目经费 <script>alert("x")</script> 与 <img src=x onerror=alert(1)> {{ token }} 支持。'
    source.write_text(source.read_text("utf-8").replace(NEW_SENTENCE, hostile), "utf-8")
    assert run(project, "sync", env=no_models).returncode == 0
    assert run(project, "review", env=no_models).returncode == 0
    page = (project / ".newsroom/review/a/zh-en/inhaled-vaccine.html").read_text("utf-8")
    assert "<script" not in page and "<img" not in page
    # the markup stands as placeholders in the sentence, each shown with what it stands for
    assert "⟦1⟧alert(&#34;x&#34;)⟦2⟧" in page and "{{ token }}" in page
    assert "<code>⟦1⟧ = &lt;script&gt;</code>" in page and "<code>⟦3⟧ = &lt;img src=x onerror=alert(1)&gt;</code>" in page


def test_stale_and_hand_edited_editions_are_told_apart(project: Path, no_models: dict[str, str]) -> None:
    from pipeline.review.pages import dashboard

    edition = project / "content/en/chimeric-exosomes.md"
    edition.write_text(edition.read_text("utf-8").replace("Costimulatory molecules", "Co-stimulatory molecules"), "utf-8")
    source = project / "content/en/summer-science-show.md"
    source.write_text(source.read_text("utf-8") + "\nOne more sentence for the show.\n", "utf-8")
    states = {(row.source, row.target): row.state for row in dashboard(load_config(project)).rows}
    assert states[("content/zh/chimeric-exosomes.md", "en")] == "edited"
    assert states[("content/en/summer-science-show.md", "zh")] == "stale"
    assert states[("content/zh/green-hydrogen-pilot.md", "en")] == "untranslated"


def test_the_site_folder_holds_one_build_and_never_someone_elses_files(project: Path, no_models: dict[str, str], tmp_path: Path) -> None:
    other = tmp_path / "blog"
    (other / "a" / "posts").mkdir(parents=True)
    (other / "a" / "posts" / "mine.html").write_text("<p>mine</p>", "utf-8")
    refused = run(project, "review", "--out", str(other), env=no_models)
    assert refused.returncode == 2 and "did not write" in refused.stderr
    assert (other / "a" / "posts" / "mine.html").read_text("utf-8") == "<p>mine</p>"
    site = tmp_path / "site"
    assert run(project, "review", "--out", str(site), env=no_models).returncode == 0
    page = site / "a" / "zh-en" / "inhaled-vaccine.html"
    assert page.is_file()
    for href in set(re.findall(r'href="(\.\./[^"#]+)"', page.read_text("utf-8"))):  # links into the project from outside it
        assert (page.parent / unquote(href)).resolve().is_file(), href
    (project / VACCINE_SOURCE).unlink()
    assert run(project, "review", "--out", str(site), env=no_models).returncode == 0
    assert not page.exists() and (site / "a" / "zh-en" / "chimeric-exosomes.html").is_file()


def test_review_refuses_to_write_the_site_into_content_or_locales(project: Path, no_models: dict[str, str]) -> None:
    for out in ("content/site", "locales"):
        refused = run(project, "review", "--out", out, env=no_models)
        assert refused.returncode == 2 and "inside the project's" in refused.stderr, refused.stderr
    assert run(project, "review", "--serve", "--out", "x", env=no_models).returncode == 2
    assert run(project, "review", "--serve", "--port", "99999", env=no_models).returncode == 2
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = run(project, "review", "--serve", "--port", str(taken.getsockname()[1]), env=no_models)
    assert busy.returncode == 2 and "choose another --port" in busy.stderr, busy.stderr


def test_a_saved_translation_changes_only_its_entrys_lines(project: Path) -> None:
    """A file another tool wrapped differently (no wrapping, no final newline) keeps every other byte."""
    config = load_config(project)
    path = project / VACCINE_PO
    po = parse_catalog(path.read_text("utf-8"), path=VACCINE_PO)
    path.write_bytes(write_po(po, width=0).rstrip("\n").encode("utf-8"))
    entry = _entry(project, NEW_SENTENCE)
    assert entry.fuzzy and entry.previous_msgid == OLD_SENTENCE
    before = path.read_bytes()
    save_translation(
        config, VACCINE_SOURCE, "en", key=entry_key(entry), msgstr="The project has received\r\n42 million yuan in funding.",
        reviewed=True, digest=file_digest(before),
    )  # fmt: skip
    after = path.read_bytes()
    old_lines, new_lines = before.split(b"\n"), after.split(b"\n")
    assert not after.endswith(b"\n")
    changed = [line for line in new_lines if line not in old_lines]
    gone = [line for line in old_lines if line not in new_lines]
    assert changed == [b'msgstr "The project has received 42 million yuan in funding."'], changed
    assert all(line.startswith((b"#. missing: ", b"#, fuzzy", b"#| ", b"msgstr ")) for line in gone), gone
    saved = _entry(project, NEW_SENTENCE)
    assert not saved.fuzzy and saved.previous_msgid is None and not any(line.startswith("missing:") for line in saved.extracted_comments)


def test_a_file_with_windows_line_breaks_keeps_them(project: Path) -> None:
    from pipeline.review.edit import _spliced

    text = (project / VACCINE_PO).read_text("utf-8").replace("\n", "\r\n")
    po = parse_catalog(text, path=VACCINE_PO)
    entry = next(entry for entry in po if entry.msgid == NEW_SENTENCE)
    entry.msgstr = "Changed."
    spliced = _spliced(text, po, entry, path=VACCINE_PO)
    assert spliced.count("\r\n") == spliced.count("\n") and spliced.replace('msgstr "Changed."', "") != text
    assert [line for line in spliced.splitlines() if line not in text.splitlines()] == ['msgstr "Changed."']


def test_a_draft_stays_a_draft_and_its_missing_hints_are_noted(project: Path) -> None:
    config = load_config(project)
    path = project / VACCINE_PO
    entry = _entry(project, NEW_SENTENCE)
    save_translation(config, VACCINE_SOURCE, "en", key=entry_key(entry), msgstr="The project got money.", reviewed=False, digest=file_digest(path.read_bytes()))
    saved = _entry(project, NEW_SENTENCE)
    assert saved.fuzzy and saved.msgstr == "The project got money."
    assert "missing: number: 4,200万元 = 42 million yuan" in saved.extracted_comments
    # an emptied translation is untranslated, never a fuzzy empty string
    save_translation(config, VACCINE_SOURCE, "en", key=entry_key(saved), msgstr="  ", reviewed=True, digest=file_digest(path.read_bytes()))
    emptied = _entry(project, NEW_SENTENCE)
    assert emptied.msgstr == "" and not emptied.fuzzy
    # the file is what gettext reads (checked after every test) and what sync leaves as it is
    assert subprocess.run(["msgfmt", "--check-format", "-o", os.devnull, str(path)]).returncode == 0


def test_the_header_survives_a_save_of_the_entry_right_below_it(project: Path) -> None:
    """Gettext reads a file without the blank line after the header; a save must not take the header for the entry's comments."""
    config = load_config(project)
    path = project / VACCINE_PO
    text = path.read_text("utf-8")
    header_end = text.index("\n\n")
    path.write_text(text[:header_end] + text[header_end + 1 :], "utf-8")
    po = parse_catalog(path.read_text("utf-8"), path=VACCINE_PO)
    first = next(entry for entry in po if not entry.obsolete)
    before = path.read_text("utf-8")
    save_translation(config, VACCINE_SOURCE, "en", key=entry_key(first), msgstr="IPE unveils a single-dose dry-powder inhaled vaccine platform",
                     reviewed=True, digest=file_digest(before.encode()))  # fmt: skip
    after = path.read_text("utf-8")
    assert after[:header_end] == before[:header_end] and parse_catalog(after, path=VACCINE_PO).metadata == po.metadata
    assert [line for line in after.splitlines() if line not in before.splitlines()] == ['msgstr "IPE unveils a single-dose dry-powder inhaled vaccine platform"']


@pytest.mark.parametrize("text", ["nul\x00here", "bell\x07", "escape\x1b[31m"])
def test_control_characters_are_refused_and_nothing_written(project: Path, text: str) -> None:
    path = project / VACCINE_PO
    before = path.read_bytes()
    entry = _entry(project, NEW_SENTENCE)
    with pytest.raises(InputError, match="control character"):
        save_translation(load_config(project), VACCINE_SOURCE, "en", key=entry_key(entry), msgstr=text, reviewed=False, digest=file_digest(before))
    assert path.read_bytes() == before


def test_a_page_older_than_its_po_file_cannot_overwrite_it(project: Path) -> None:
    config = load_config(project)
    path = project / VACCINE_PO
    loaded = file_digest(path.read_bytes())
    entry = _entry(project, NEW_SENTENCE)
    path.write_bytes(path.read_bytes().replace(b"funding", b"support"))  # someone else saved it meanwhile
    current = path.read_bytes()
    with pytest.raises(StalePage) as refused:
        save_translation(config, VACCINE_SOURCE, "en", key=entry_key(entry), msgstr="Mine.", reviewed=True, digest=loaded)
    assert path.read_bytes() == current
    assert refused.value.current is not None and refused.value.path == VACCINE_PO


@pytest.mark.parametrize(
    ("source", "target"),
    [("content/zh/../../etc/passwd", "en"), ("content/zh/inhaled-vaccine.md", "zh"), ("content/zh/nope.md", "en"), (VACCINE_SOURCE, "fr")],
)
def test_an_edition_is_named_by_its_source_and_language_never_by_a_path(project: Path, source: str, target: str) -> None:
    with pytest.raises(InputError):
        edition_files(load_config(project), source, target)


@pytest.mark.parametrize(
    ("before", "after", "lang", "expected"),
    [
        (OLD_SENTENCE, NEW_SENTENCE, "zh", {("delete", "3"), ("insert", "4"), ("delete", "500"), ("insert", "200")}),
        ("The team won the award in 2023.", "The team won the top award in 2024.", "en", {("insert", "top "), ("delete", "2023"), ("insert", "2024")}),
    ],
)
def test_source_changes_are_shown_word_by_word(before: str, after: str, lang: str, expected: set[tuple[str, str]]) -> None:
    diff = word_diff(before, after, lang)
    assert "".join(text for op, text in diff if op != "insert") == before
    assert "".join(text for op, text in diff if op != "delete") == after
    changes = {(op, text) for op, text in diff if op != "equal"}
    assert changes == expected


def test_reviewed_words_per_week_come_from_git_history(project: Path) -> None:
    def git(*args: str, when: str = "2026-11-02T12:00:00") -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)

    assert read_history(project, [VACCINE_PO]).weekly is None  # not a repository
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "start", when="2026-11-02T12:00:00")  # a Monday
    entry = _entry(project, NEW_SENTENCE)
    config = load_config(project)
    path = project / VACCINE_PO
    save_translation(config, VACCINE_SOURCE, "en", key=entry_key(entry), msgstr="It got 42 million yuan.", reviewed=True, digest=file_digest(path.read_bytes()))
    git("commit", "-qam", "review", when="2026-11-18T09:00:00")
    history = read_history(project, [VACCINE_PO, VACCINE_SOURCE], today=date(2026, 11, 27))
    assert history.weekly is not None and len(history.weekly) == WEEKS
    weeks = dict(history.weekly)
    start = weeks[date(2026, 11, 2)]
    assert start > 100  # the sample's reviewed words, all in the first commit
    assert weeks[date(2026, 11, 16)] == count_words(NEW_SENTENCE, "zh")  # the sentence reviewed that week
    assert weeks[date(2026, 11, 9)] == 0 and weeks[date(2026, 11, 23)] == 0
    assert history.changed[VACCINE_PO].date() == date(2026, 11, 18)
    # each catalog version is counted once and kept: the next read gives the same from the cache,
    # and a damaged cache is counted again
    cache = project / HISTORY_CACHE
    assert len(json.loads(cache.read_text("utf-8"))["counts"]) >= 5
    assert read_history(project, [VACCINE_PO], today=date(2026, 11, 27)).weekly == history.weekly
    cache.write_text('{"version": "x", "counts": {"abc": 1}', "utf-8")
    assert read_history(project, [VACCINE_PO], today=date(2026, 11, 27)).weekly == history.weekly


def test_a_merged_branch_counts_in_the_week_it_was_merged(project: Path) -> None:
    def git(*args: str, when: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)

    def review(source: str, po_name: str, msgid: str | None) -> int:
        po = parse_catalog((project / po_name).read_text("utf-8"), path=po_name)
        entry = next(e for e in po if not e.obsolete and (msgid is None or e.msgid == msgid))
        save_translation(load_config(project), source, "en", key=entry_key(entry), msgstr="Reviewed text.", reviewed=True,
                         digest=file_digest((project / po_name).read_bytes()))  # fmt: skip
        return count_words(entry.msgid, "zh")

    git("init", "-q", when="2026-11-02T12:00:00")
    git("add", "-A", when="2026-11-02T12:00:00")
    git("commit", "-qm", "start", when="2026-11-02T12:00:00")
    git("checkout", "-qb", "side", when="2026-11-10T12:00:00")
    on_side = review(VACCINE_SOURCE, VACCINE_PO, NEW_SENTENCE)
    git("commit", "-qam", "side", when="2026-11-10T12:00:00")
    git("checkout", "-q", "-", when="2026-11-11T12:00:00")
    on_main = review("content/zh/green-hydrogen-pilot.md", "locales/en/LC_MESSAGES/green-hydrogen-pilot.po", None)
    git("commit", "-qam", "main", when="2026-11-11T12:00:00")
    git("merge", "-q", "--no-ff", "-m", "merge", "side", when="2026-11-18T12:00:00")
    weeks = dict(read_history(project, [VACCINE_PO], today=date(2026, 11, 27)).weekly or [])
    assert (weeks[date(2026, 11, 9)], weeks[date(2026, 11, 16)]) == (on_main, on_side)


def test_the_server_saves_with_its_token_and_refuses_without(project: Path) -> None:
    from starlette.testclient import TestClient

    from pipeline.review.server import create_app

    app = create_app(load_config(project), token="s3cret")
    client = TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    dashboard = client.get("/?state=machine&lang=zh-en")
    assert dashboard.status_code == 200 and dashboard.text.count("<tr data-state=") == dashboard.text.count('data-state="machine"') == 1
    page = client.get("/a/zh-en/inhaled-vaccine.html")
    assert page.status_code == 200 and 'name="token" value="s3cret"' in page.text
    entry = _entry(project, NEW_SENTENCE)
    digest = re.search(r'name="digest" value="(\w+)"', page.text).group(1)  # type: ignore[union-attr]
    form = {"source": VACCINE_SOURCE, "target": "en", "key": entry_key(entry), "number": "9", "digest": digest,
            "msgstr": "The project has received 42 million yuan in funding.", "reviewed": "yes"}  # fmt: skip
    po_before = (project / VACCINE_PO).read_bytes()
    for token in ("", "wrong"):
        refused = client.post("/save", data={**form, "token": token})
        assert refused.status_code == 403
    assert (project / VACCINE_PO).read_bytes() == po_before
    check_before = run(project, "check", "--format", "json")
    saved = client.post("/save", data={**form, "token": "s3cret"})
    assert saved.status_code == 303 and saved.headers["location"].startswith("/a/zh-en/inhaled-vaccine.html?saved=9")
    assert not _entry(project, NEW_SENTENCE).fuzzy
    assert "42 million yuan in funding" in (project / "content/en/inhaled-vaccine.md").read_text("utf-8")  # rebuilt
    assert run(project, "check", "--format", "json").stdout != check_before.stdout
    assert client.get("/?state=machine").text.count("<tr data-state=") == 0  # the dashboard follows the files
    shown = client.get(saved.headers["location"])
    assert "Sentence 9 saved." in shown.text and "Edition rebuilt." in shown.text
    # the same page again: its digest is old now
    stale = client.post("/save", data={**form, "token": "s3cret", "msgstr": "Another text."})
    assert stale.status_code == 409 and "changed on disk since this page was read" in stale.text
    unsaved = stale.text.index("Your text, not saved")
    block = stale.text[stale.text.rindex("<article", 0, unsaved) : unsaved]
    assert NEW_SENTENCE in block and "Another text." in stale.text[unsaved:].split("</p>")[0]
    assert "42 million yuan in funding" in _entry(project, NEW_SENTENCE).msgstr
    # files of the project's content and locales only; only this machine's names
    assert client.get(f"/files/{VACCINE_PO}").status_code == 200
    for outside in ("/files/../newsroom.toml", "/files/%2e%2e/%2e%2e/etc/passwd", "/files/.newsroom/state.json", "/files/newsroom.toml"):
        assert client.get(outside).status_code == 404, outside
    (project / "content" / "loop").symlink_to(project / "content" / "loop")
    for broken in ("/files/content/loop", "/files/content/zh/" + "x" * 5000, "/files/content/%00"):
        assert client.get(broken).status_code == 404, broken
    assert TestClient(app, base_url="http://evil.example").get("/").status_code == 400
