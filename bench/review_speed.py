"""The review site on a project of N make_corpus.py articles: building it, serving it, opening it in Chromium.

    python bench/review_speed.py [--n 1000] [--lang zh]

Makes a fresh project (the corpus, a first sync without MT, one git commit,
so the dashboard has a history to chart), then times `newsroom review` (the
static site) and, in headless Chromium (Debian's chromium and
chromium-driver, through Selenium), how long the dashboard takes to open:
from navigation start to the load event and to the script having filtered
and counted the rows, from disk and from `newsroom review --serve`.
Medians of 5 loads after one warm-up.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import corpus_project, machine  # noqa: E402

NEWSROOM = str(Path(sys.executable).parent / "newsroom")
OPENED = """
const nav = performance.getEntriesByType('navigation')[0];
return [nav.domContentLoadedEventEnd, nav.loadEventEnd, document.querySelectorAll('#editions tbody tr').length,
        document.getElementById('shown').textContent, document.documentElement.outerHTML.length];
"""


def browser():  # noqa: ANN201 - a selenium Chrome driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def open_times(driver, url: str) -> tuple[float, float, int, str, int]:  # noqa: ANN001
    driver.get(url)  # warm-up: the browser's own start-up is not the page's
    from selenium.webdriver.support.ui import WebDriverWait

    loads = []
    for _ in range(5):
        driver.get("about:blank")
        driver.get(url)
        WebDriverWait(driver, 60).until(
            lambda d: d.execute_script("const n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventEnd > 0")
        )
        loads.append(driver.execute_script(OPENED))
    ready = statistics.median(load[0] for load in loads)
    loaded = statistics.median(load[1] for load in loads)
    return ready, loaded, loads[-1][2], loads[-1][3], loads[-1][4]


def main() -> None:
    root, env, args = corpus_project("newsroom-review-bench-")
    subprocess.run([NEWSROOM, "sync", "--quiet"], cwd=root, env=env, check=True, capture_output=True)
    git = {**env, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.org"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "corpus"]):
        subprocess.run(["git", *command], cwd=root, env=git, check=True, capture_output=True)

    started = time.perf_counter()
    subprocess.run([NEWSROOM, "review"], cwd=root, env=env, check=True, capture_output=True)
    built = time.perf_counter() - started
    index = root / ".newsroom" / "review" / "index.html"

    server = subprocess.Popen([NEWSROOM, "review", "--serve", "--port", "0"], cwd=root, env=env, stdout=subprocess.PIPE, text=True)
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(server.stdout.readline() if server.stdout else ""))
    reader.start()
    reader.join(120)
    url = line[0].split()[3]
    served = []
    for _ in range(3):
        started = time.perf_counter()
        urllib.request.urlopen(url).read()
        served.append(time.perf_counter() - started)
    driver = browser()
    try:
        disk = open_times(driver, index.as_uri())
        live = open_times(driver, url)
    finally:
        driver.quit()
        server.terminate()
        server.wait(20)
    print(f"machine: {machine()}")
    print(f"project: {args.n} {args.lang} articles, {disk[2]} editions on the dashboard ({index.stat().st_size / 1024:.0f} KiB)")
    print(f"newsroom review (static site, every article page): {built:.2f} s")
    print(f"dashboard from disk in Chromium: DOM ready {disk[0]:.0f} ms, loaded {disk[1]:.0f} ms ({disk[3]})")
    print(f"newsroom review --serve, GET /: median {statistics.median(served):.2f} s of {[round(t, 2) for t in served]}")
    print(f"dashboard served, in Chromium: DOM ready {live[0]:.0f} ms, loaded {live[1]:.0f} ms")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
