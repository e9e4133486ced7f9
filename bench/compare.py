"""newsroom against the tools a newsroom would use instead, on the same corpus, in one run.

    python bench/compare.py --n 1000 [--runs 3] [--out bench/RESULTS.md]

Needs the bench extras (`pip install -e '.[bench]'`: translate-toolkit with
mistletoe, mdpo) and GNU gettext. Builds a make_corpus.py corpus of N
Chinese articles and an edited second version (--changed 0.05), then times:

- extraction including sentence splitting: newsroom (parse, split, write PO;
  one process per core, as `newsroom sync` does, and in one process) vs
  translate-toolkit md2po vs mdpo's Python API;
- update after 5% of paragraphs changed, from the v2 template: newsroom's merge vs msgmerge
  --previous vs translate-toolkit pot2po vs a naive polib merge, with the
  number of fuzzy matches each finds;
- completeness statistics: a cold `newsroom check` (no .newsroom/ cache, as on
  a fresh clone in CI) and a warm one vs pocount vs msgfmt --statistics;
- rebuild of the translated edition from translated catalogs: newsroom (as
  sync: one process per core; and in one process) vs translate-toolkit po2md
  vs mdpo's API (its catalogs translated too: msgstr = msgid).

Medians of --runs runs; ratios are newsroom / peer (below 1: newsroom faster).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, machine, make_corpus, median_time  # noqa: E402

sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent


def sh(*command: str, ok: tuple[int, ...] = (0,), cwd: Path | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    if result.returncode not in ok:
        raise RuntimeError(f"{command[0]} failed: {result.stderr[-800:]}")
    return result.stdout


def extract_one(task: tuple[Path, Path, datetime.datetime]) -> None:
    """Parse, split and write the catalog of one article (a module-level function: worker processes run it)."""
    from pipeline.catalog import catalog_text, extract_catalog
    from pipeline.content import parse_article
    from pipeline.model import LANGUAGES

    path, out, now = task
    article = parse_article(path.read_text("utf-8"), path=f"content/zh/{path.name}", lang="zh", slug=path.stem, text_fields=("title", "summary"))
    po = extract_catalog(article, LANGUAGES["zh"], LANGUAGES["en"], project="bench", team="<b@example.org>", last_translator="b <b@example.org>", now=now)
    (out / f"{path.stem}.po").write_text(catalog_text(po), "utf-8")


def rebuild_one(task: tuple[Path, Path, Path]) -> None:
    """Parse one article, read its translated catalog and write the edition."""
    from pipeline.build import build_edition
    from pipeline.catalog import parse_catalog
    from pipeline.content import parse_article

    path, po_path, out = task
    article = parse_article(path.read_text("utf-8"), path=f"content/zh/{path.name}", lang="zh", slug=path.stem, text_fields=("title", "summary"))
    po = parse_catalog(po_path.read_text("utf-8"), path=po_path.name)
    (out / path.name).write_text(build_edition(article, po, target="en", source_digest="x").text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    args = parser.parse_args()

    import polib
    from mdpo.md2po import markdown_to_pofile
    from mdpo.po2md import pofile_to_markdown

    from pipeline.catalog import catalog_text, merge_catalog, parse_catalog
    from pipeline.sync import now_for_run  # and, as in `newsroom sync`, the parser and the PO writer, loaded before workers fork
    from pipeline.workers import map_in_processes, worker_count

    work = Path(tempfile.mkdtemp(prefix="newsroom-compare-"))
    v1 = make_corpus(work / "v1", n=args.n, lang="zh")
    v2 = make_corpus(work / "v2", n=args.n, lang="zh", changed=0.05)
    files1, files2 = sorted(v1.glob("*.md")), sorted(v2.glob("*.md"))
    now = now_for_run()

    def extract_to(files: list[Path], out: Path, *, parallel: bool = True) -> None:
        out.mkdir(parents=True, exist_ok=True)
        tasks = [(path, out, now) for path in files]
        if parallel:  # as `newsroom sync` parses: one process per core
            map_in_processes(extract_one, tasks, min_items=32)
        else:
            for task in tasks:
                extract_one(task)

    def fresh(name: str) -> Path:
        path = work / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path

    rows: list[tuple[str, str, float, list[float], str]] = []

    def measure(task: str, tool: str, function: Callable[[], object], note: str = "") -> float:
        median, times = median_time(function, runs=args.runs)
        rows.append((task, tool, median, times, note))
        print(f"{task:12} {tool:34} {median:8.2f} s  {note}", flush=True)
        return median

    # extraction
    workers = worker_count()
    measure("extraction", f"newsroom ({workers} processes, as sync)", lambda: extract_to(files1, fresh("ours-po")))
    measure("extraction", "newsroom (one process)", lambda: extract_to(files1, fresh("ours-po-1"), parallel=False))
    measure("extraction", "translate-toolkit md2po", lambda: sh(str(BIN / "python"), "-m", "translate.convert.md2po", "-i", str(v1), "-o", str(fresh("tt-po"))))

    def mdpo_extract() -> None:
        out = fresh("mdpo-po")
        for path in files1:
            markdown_to_pofile(str(path), po_filepath=str(out / f"{path.stem}.po"), save=True)

    measure("extraction", "mdpo API", mdpo_extract)

    # reviewed v1 catalogs: msgstr = msgid marks every entry translated
    reviewed = fresh("reviewed")
    extract_to(files1, reviewed)
    for po_path in reviewed.glob("*.po"):
        po = polib.pofile(str(po_path))
        for entry in po:
            entry.msgstr = entry.msgid
        po.save()
    pots = fresh("v2-pot")
    extract_to(files2, pots)

    def count_fuzzy(folder: Path) -> int:
        return sum(sum(1 for e in polib.pofile(str(p)) if "fuzzy" in e.flags and not e.obsolete) for p in folder.glob("*.po"))

    def ours_update() -> None:
        # like the others, from the v2 template: read both catalogs, merge, write
        out = fresh("ours-update")
        for path in files2:
            new = parse_catalog((pots / f"{path.stem}.po").read_text("utf-8"), path=path.name)
            old_path = reviewed / f"{path.stem}.po"
            merged = merge_catalog(new, parse_catalog(old_path.read_text("utf-8"), path=old_path.name))
            (out / f"{path.stem}.po").write_text(catalog_text(merged), "utf-8")

    def msgmerge_update() -> None:
        out = fresh("msgmerge-update")
        for path in files2:
            sh("msgmerge", "--quiet", "--previous", "-o", str(out / f"{path.stem}.po"), str(reviewed / f"{path.stem}.po"), str(pots / f"{path.stem}.po"))

    def naive_update() -> None:
        out = fresh("naive-update")
        for path in files2:
            old = {e.msgid: e.msgstr for e in polib.pofile(str(reviewed / f"{path.stem}.po"))}
            new = polib.pofile(str(pots / f"{path.stem}.po"))
            for entry in new:
                entry.msgstr = old.get(entry.msgid, "")
            new.save(str(out / f"{path.stem}.po"))

    measure("update", "newsroom merge", ours_update, "")
    rows[-1] = (*rows[-1][:4], f"{count_fuzzy(work / 'ours-update')} fuzzy")
    measure("update", "msgmerge --previous", msgmerge_update)
    rows[-1] = (*rows[-1][:4], f"{count_fuzzy(work / 'msgmerge-update')} fuzzy")
    pot_files = fresh("v2-pot-ext")  # pot2po reads only files named .pot
    for path in pots.glob("*.po"):
        shutil.copy(path, pot_files / f"{path.stem}.pot")

    def pot2po_update() -> None:
        out = fresh("pot2po-update")
        sh(str(BIN / "python"), "-m", "translate.convert.pot2po", "-i", str(pot_files), "-t", str(reviewed), "-o", str(out))
        if len(list(out.glob("*.po"))) != len(files2):
            raise RuntimeError("pot2po wrote fewer catalogs than there are articles")

    measure("update", "translate-toolkit pot2po", pot2po_update)
    rows[-1] = (*rows[-1][:4], f"{count_fuzzy(work / 'pot2po-update')} fuzzy")
    measure("update", "naive polib merge", naive_update)
    rows[-1] = (*rows[-1][:4], f"{count_fuzzy(work / 'naive-update')} fuzzy")

    # statistics on a synced project
    project = fresh("project")
    shutil.copytree(v1, project / "content" / "zh")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(work / "no-models")}
    subprocess.run([str(BIN / "newsroom"), "sync", "--no-mt"], cwd=project, env=env, capture_output=True, check=True)
    locales = project / "locales" / "en" / "LC_MESSAGES"

    def check() -> None:
        output = sh(str(BIN / "newsroom"), "check", ok=(0, 1), cwd=project)
        if "edition(s) checked" not in output:  # a crash exits 1 too
            raise RuntimeError(f"newsroom check did not finish: {output[-500:]}")

    def cold_check() -> None:
        shutil.rmtree(project / ".newsroom", ignore_errors=True)  # a fresh clone in CI has no cache
        check()

    measure("statistics", "newsroom check, cold (no .newsroom/)", cold_check)
    measure("statistics", "newsroom check, warm cache", check)
    measure("statistics", "pocount", lambda: sh(str(BIN / "pocount"), str(locales)))
    measure("statistics", "msgfmt --statistics", lambda: [sh("msgfmt", "--statistics", "-o", os.devnull, str(p)) for p in sorted(locales.glob("*.po"))])
    measure("statistics", "newsroom check start-up (--help)", lambda: sh(str(BIN / "newsroom"), "check", "--help"))

    # rebuild the edition from reviewed catalogs
    def ours_rebuild(*, parallel: bool = True) -> None:
        out = fresh("ours-md")
        tasks = [(path, reviewed / f"{path.stem}.po", out) for path in files1]
        if parallel:  # as `newsroom sync` builds: one process per core
            map_in_processes(rebuild_one, tasks, min_items=32)
        else:
            for task in tasks:
                rebuild_one(task)

    mdpo_translated = fresh("mdpo-po-translated")  # mdpo's catalogs, translated like ours: msgstr = msgid
    for po_path in (work / "mdpo-po").glob("*.po"):
        po = polib.pofile(str(po_path))
        for entry in po:
            entry.msgstr = entry.msgid
        po.save(str(mdpo_translated / po_path.name))

    def mdpo_rebuild() -> None:
        out = fresh("mdpo-md")
        for path in files1:
            pofile_to_markdown(str(path), str(mdpo_translated / f"{path.stem}.po"), save=str(out / path.name))

    measure("rebuild", f"newsroom ({workers} processes, as sync)", ours_rebuild)
    measure("rebuild", "newsroom (one process)", lambda: ours_rebuild(parallel=False))
    measure("rebuild", "translate-toolkit po2md", lambda: sh(str(BIN / "python"), "-m", "translate.convert.po2md", "-i", str(work / "tt-po"), "-t", str(v1), "-o", str(fresh("tt-md"))))
    measure("rebuild", "mdpo API", mdpo_rebuild)

    by_task: dict[str, list[tuple[str, float, list[float], str]]] = {}
    for task, tool, median, times, note in rows:
        by_task.setdefault(task, []).append((tool, median, times, note))
    lines = [
        "# Benchmarks: newsroom against the tools a newsroom would use instead",
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}, by `python bench/compare.py --n {args.n} --runs {args.runs}`,",
        f"on a make_corpus.py corpus of {args.n} Chinese articles (v2: `--changed 0.05`). Medians of {args.runs} runs;",
        "ratio = newsroom's median / the tool's (below 1: newsroom is faster), against the first newsroom row of the task:",
        f"newsroom as sync and check run it, with one process per core ({worker_count()} here); the one-process rows show",
        "what a single core does. Targets: extraction ≤ 0.5× mdpo's API, rebuild ≤ 1× mdpo's API, cold check ≤ 0.5× pocount.",
        "",
        "| task | tool | median (s) | runs (s) | ratio newsroom/tool | note |",
        "|---|---|---|---|---|---|",
    ]
    for task, tools in by_task.items():
        ours = tools[0][1]
        for tool, median, times, note in tools:
            ratio = "" if tool.startswith("newsroom") else f"{ours / median:.2f}"  # against the first newsroom row
            lines.append(f"| {task} | {tool} | {median:.2f} | {', '.join(f'{t:.2f}' for t in times)} | {ratio} | {note} |")
    # the other benchmarks' sections (## …) below this table stay as they are
    before = args.out.read_text("utf-8") if args.out.exists() else ""
    rest = before[before.index("\n## ") :] if "\n## " in before else ""
    args.out.write_text("\n".join(lines) + "\n" + rest, encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
