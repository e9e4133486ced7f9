"""Time `newsroom sync` and `newsroom check` on a make_corpus.py corpus (no MT).

    python bench/sync_speed.py [--n 1000] [--lang zh]

Runs the installed `newsroom` command in a fresh project: the first sync
(extract every article, write every PO file and edition), a second sync
with nothing changed, and `newsroom check`; medians of 3 runs where the run
can be repeated.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import corpus_project, machine, median_time  # noqa: E402

NEWSROOM = str(Path(sys.executable).parent / "newsroom")


def main() -> None:
    root, env, args = corpus_project("newsroom-sync-bench-")

    def newsroom(*command: str, ok: tuple[int, ...] = (0,)) -> None:
        result = subprocess.run([NEWSROOM, *command], cwd=root, env=env, capture_output=True, text=True)
        assert result.returncode in ok, result.stderr

    started = time.perf_counter()
    newsroom("sync")
    first = time.perf_counter() - started
    noop, noop_runs = median_time(lambda: newsroom("sync"))
    check, check_runs = median_time(lambda: newsroom("check", ok=(0, 1)))
    startup, _ = median_time(lambda: newsroom("check", "--help"))
    print(f"machine: {machine()}")
    print(f"corpus: {args.n} {args.lang} articles")
    print(f"newsroom sync, first run: {first:.2f} s")
    print(f"newsroom sync, nothing changed: median {noop:.2f} s of {[round(t, 2) for t in noop_runs]}")
    print(f"newsroom check: median {check:.2f} s of {[round(t, 2) for t in check_runs]}")
    print(f"newsroom check --help (start-up): median {startup:.2f} s")


if __name__ == "__main__":
    main()
