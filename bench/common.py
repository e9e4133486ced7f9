"""Helpers shared by the benchmarks: corpora, an isolated Argos home, timing."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"


def isolate_argos(*, device: str = "cpu") -> Path:
    """A fresh, offline argostranslate home (call before importing it); tests/ becomes importable."""
    sys.path.insert(0, str(REPO / "tests"))
    from tinymt import isolate_argos as isolate

    home = Path(tempfile.mkdtemp(prefix="newsroom-bench-argos-"))
    isolate(home)
    os.environ["ARGOS_DEVICE_TYPE"] = device
    return home


def make_corpus(out: Path, *, n: int, lang: str, changed: float | None = None) -> Path:
    """A deterministic corpus of ``n`` articles from ../shared/bench/make_corpus.py."""
    command = [sys.executable, str(MAKE_CORPUS), "--n", str(n), "--lang", lang, "--out", str(out)]
    if changed is not None:
        command += ["--changed", str(changed)]
    subprocess.run(command, check=True, capture_output=True)
    return out


def corpus_project(prefix: str) -> tuple[Path, dict[str, str], argparse.Namespace]:
    """A fresh project of ``--n`` make_corpus.py articles in ``--lang`` (the command line's), with an
    environment where no Argos model is installed: (root, env, arguments)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix=prefix))
    make_corpus(root / "content" / args.lang, n=args.n, lang=args.lang)
    return root, {**os.environ, "ARGOS_PACKAGES_DIR": str(root / "no-models")}, args


def median_time(function: Callable[[], object], *, runs: int = 3) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"
