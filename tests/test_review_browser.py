"""newsroom review in a real browser: headless Chromium (Debian's chromium and chromium-driver) driven by Selenium.

The server is the real command, `newsroom review --serve`, on a free port.
Screenshots of the dashboard and an article page go to the tests' output
folder (NEWSROOM_SCREENSHOTS, else pytest's temporary folder), to be looked at.
Without Chromium the tests are skipped, unless NEWSROOM_REQUIRE_BROWSER is
set (CI sets it, so they cannot be skipped there unnoticed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import NEWSROOM, copy_sample, run
from pipeline.catalog import parse_catalog

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
        raise RuntimeError("the browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver")
    pytest.skip("no chromium/chromedriver here (apt-get install chromium chromium-driver)", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

VACCINE_PO = "locales/en/LC_MESSAGES/inhaled-vaccine.po"
CHANGED = "项目累计获得4,200万元经费支持。"


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def served(tmp_path: Path, no_models: dict[str, str]) -> Iterator[tuple[Path, str]]:
    """The sample, one source sentence changed (its translation a draft), served by `newsroom review --serve`."""
    root = copy_sample(tmp_path / "newsroom")
    assert run(root, "sync", env=no_models).returncode == 0
    source = root / "content/zh/inhaled-vaccine.md"
    source.write_text(source.read_text("utf-8").replace("项目累计获得3,500万元经费支持。", CHANGED), "utf-8")
    assert run(root, "sync", env=no_models).returncode == 0
    server = subprocess.Popen([NEWSROOM, "review", "--serve", "--port", "0"], cwd=root, env=no_models, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(server.stdout.readline() if server.stdout else ""))
    reader.start()
    reader.join(60)
    try:
        assert line and line[0].startswith("newsroom review: serving http://127.0.0.1:"), (line, server.poll())
        yield root, line[0].split()[3]
    finally:
        server.terminate()
        server.wait(20)


def _entry(root: Path, msgid: str):  # noqa: ANN202
    po = parse_catalog((root / VACCINE_PO).read_text("utf-8"), path=VACCINE_PO)
    return next(entry for entry in po if entry.msgid == msgid and not entry.obsolete)


def _screenshot(browser: webdriver.Chrome, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    folder = Path(os.environ.get("NEWSROOM_SCREENSHOTS") or tmp_path_factory.getbasetemp() / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, min(max(height, 800), 2200))
    path = folder / name
    assert browser.save_screenshot(str(path))
    browser.set_window_size(1400, 1000)
    return path


def _edition_findings(root: Path, edition: str) -> list[str]:
    report = json.loads(run(root, "check", "--format", "json").stdout)
    found = [finding["code"] for finding in report["findings"] if finding["path"] in (edition, VACCINE_PO)]
    return sorted(found)


def test_a_reviewer_filters_opens_edits_and_marks_reviewed(
    browser: webdriver.Chrome, served: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root, url = served
    browser.get(url)
    rows = browser.find_elements(By.CSS_SELECTOR, "#editions tbody tr")
    assert len(rows) == 5
    print("dashboard screenshot:", _screenshot(browser, tmp_path_factory, "dashboard.png"))
    # filter by state, then by language: rows hide, the count says so
    Select(browser.find_element(By.ID, "filter-state")).select_by_value("reviewed")
    visible = [row for row in rows if row.is_displayed()]
    assert len(visible) == 3 and all(row.get_attribute("data-state") == "reviewed" for row in visible)
    Select(browser.find_element(By.ID, "filter-lang")).select_by_value("en-zh")
    assert len([row for row in rows if row.is_displayed()]) == 2
    assert browser.find_element(By.ID, "shown").text == "2 of 5 editions"
    Select(browser.find_element(By.ID, "filter-lang")).select_by_value("")
    Select(browser.find_element(By.ID, "filter-state")).select_by_value("machine")
    visible = [row for row in rows if row.is_displayed()]
    assert len(visible) == 1
    # sort by words left, most first
    browser.find_element(By.CSS_SELECTOR, 'th[data-key="left"] button').click()
    browser.find_element(By.CSS_SELECTOR, 'th[data-key="left"] button').click()
    assert browser.find_element(By.CSS_SELECTOR, 'th[data-key="left"]').get_attribute("aria-sort") == "descending"
    lefts = [int(row.get_attribute("data-left")) for row in browser.find_elements(By.CSS_SELECTOR, "#editions tbody tr")]
    assert lefts == sorted(lefts, reverse=True)
    visible[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 30).until(lambda b: "inhaled-vaccine.html" in b.current_url)

    pair = browser.find_element(By.CSS_SELECTOR, "article.pair.state-fuzzy")
    assert "Needs review" in pair.text and "Source changed" in pair.text
    print("article screenshot:", _screenshot(browser, tmp_path_factory, "article.png"))
    # a new translation, left a draft
    box = pair.find_element(By.TAG_NAME, "textarea")
    box.clear()
    box.send_keys("The project has received 42 million yuan.")
    pair.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 60).until(lambda b: "saved=" in b.current_url)
    assert "saved." in browser.find_element(By.CSS_SELECTOR, ".notice.ok").text
    entry = _entry(root, CHANGED)
    assert entry.msgstr == "The project has received 42 million yuan." and entry.fuzzy
    assert "incomplete" in _edition_findings(root, "content/en/inhaled-vaccine.md")
    # marked reviewed: the catalog says so, and check no longer finds the edition incomplete
    pair = browser.find_element(By.CSS_SELECTOR, "article.pair.state-fuzzy")
    pair.find_element(By.CSS_SELECTOR, "input[name=reviewed]").click()
    pair.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 60).until(lambda b: not b.find_elements(By.CSS_SELECTOR, "article.pair.state-fuzzy"))
    entry = _entry(root, CHANGED)
    assert not entry.fuzzy and entry.previous_msgid is None
    assert _edition_findings(root, "content/en/inhaled-vaccine.md") == []
    assert "42 million yuan" in (root / "content/en/inhaled-vaccine.md").read_text("utf-8")


def test_a_save_from_a_stale_page_is_refused_and_nothing_is_lost(browser: webdriver.Chrome, served: tuple[Path, str]) -> None:
    root, url = served
    browser.get(url + "a/zh-en/inhaled-vaccine.html")
    pair = browser.find_element(By.CSS_SELECTOR, "article.pair.state-fuzzy")
    po = root / VACCINE_PO
    po.write_bytes(po.read_bytes().replace(b"35 million yuan", b"35 million yuan (CNY)"))  # a translator's tool saved it
    current = po.read_bytes()
    box = pair.find_element(By.TAG_NAME, "textarea")
    box.clear()
    box.send_keys("My own words.")
    pair.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 60).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".notice[role=alert]"))
    alert = browser.find_element(By.CSS_SELECTOR, ".notice[role=alert]").text
    assert "changed on disk since this page was read" in alert
    assert "My own words." in browser.find_element(By.CSS_SELECTOR, ".unsaved").text
    assert po.read_bytes() == current


def test_a_request_without_the_token_cannot_write(served: tuple[Path, str]) -> None:
    root, url = served
    before = (root / VACCINE_PO).read_bytes()
    page = urllib.request.urlopen(url + "a/zh-en/inhaled-vaccine.html").read().decode()
    fields = dict(urllib.parse.parse_qsl(""))
    for name in ("source", "target", "key", "digest", "number"):
        marker = f'name="{name}" value="'
        start = page.index(marker) + len(marker)
        fields[name] = page[start : page.index('"', start)]
    fields["msgstr"] = "Written by another page."
    request = urllib.request.Request(url + "save", data=urllib.parse.urlencode(fields).encode(), method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403
    assert (root / VACCINE_PO).read_bytes() == before
