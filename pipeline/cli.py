"""The `newsroom` command: parse arguments, call the library, report, exit.

Exit codes: 0 success, 1 the check found problems, 2 bad input or usage,
3 an internal error (a bug in newsroom: the traceback with --debug).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from typing import TYPE_CHECKING

from . import __version__
from .errors import NewsroomError

if TYPE_CHECKING:
    from .check import CheckReport
    from .model import Finding

__all__ = ["main"]

EXIT_CODES = """exit codes:
  0  done; check: every edition is complete, current and linked
  1  check found problems (listed above the summary)
  2  bad input or usage: a file that cannot be read, a broken setting (file:line: why)
  3  an internal error, a bug in newsroom: run again with --debug and report it"""


def _percentage(text: str) -> float:
    """A command-line percentage: a finite number from 0 to 100 (nan would let every check pass)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percentage from 0 to 100")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsroom",
        description="Keep the Chinese and English editions of a newsroom's articles in step.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsroom {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: here)")
    parser.add_argument("--debug", action="store_true", help="on an internal error, print the whole traceback")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sync = commands.add_parser("sync", help="extract sentences, merge PO files, machine-translate, build editions")
    sync.add_argument("--no-mt", action="store_true", help="leave new sentences empty instead of machine-translating")
    sync.add_argument("--quiet", action="store_true", help="no progress display and no list of written files (errors and the summary stay)")

    check = commands.add_parser("check", help="fail when an edition is incomplete, stale, missing or unlinked")
    check.add_argument(
        "--format",
        choices=("text", "json", "junit", "github"),
        default="text",
        help="junit: JUnit XML for CI dashboards; github: annotations for GitHub Actions (::error file=…,line=…::)",
    )
    check.add_argument("--min-reviewed", type=_percentage, metavar="PCT", help="required reviewed percentage, 0 to 100 (default 100)")
    check.add_argument("--strict", action="store_true", help="fail on style findings (names, terms, dates, numbers, punctuation, markup)")

    commands.add_parser("status", help="a table of every article and edition")

    review = commands.add_parser(
        "review",
        help="a review site: a dashboard of every edition, each article beside its translation",
        description="Write the review site as static HTML (open its index.html from disk), or with --serve "
        "serve it on this machine and let reviewers change translations in the browser, saved to the PO files.",
    )
    review.add_argument("--out", type=Path, metavar="DIR", help="where to write the site (default: .newsroom/review/ in the project)")
    review.add_argument("--serve", action="store_true", help="serve the site and accept changes instead of writing it")
    review.add_argument("--host", default="127.0.0.1", help="the interface to serve on (default 127.0.0.1: this machine only)")
    review.add_argument("--port", type=_port, default=8765, help="the port to serve on (default 8765; 0: any free one)")

    glossary = commands.add_parser("glossary", help="exchange locales/glossary.csv with termbases as TBX")
    glossary_commands = glossary.add_subparsers(dest="glossary_command", required=True, metavar="ACTION")
    glossary_import = glossary_commands.add_parser("import", help="merge the terms of a TBX file into the glossary")
    glossary_import.add_argument("path", type=Path)
    glossary_export = glossary_commands.add_parser("export", help="write the glossary as TBX")
    glossary_export.add_argument("path", type=Path)

    memory = commands.add_parser("tm", help="exchange the translation memory with other tools as TMX 1.4")
    memory_commands = memory.add_subparsers(dest="tm_command", required=True, metavar="ACTION")
    memory_export = memory_commands.add_parser("export", help="write every reviewed translation as TMX")
    memory_export.add_argument("path", type=Path)
    memory_import = memory_commands.add_parser("import", help="add a TMX file's units to locales/memory.tmx")
    memory_import.add_argument("path", type=Path)

    romanize = commands.add_parser("romanize", help="Chinese names in English, as the newsroom writes them")
    romanize.add_argument("names", nargs="+")
    romanize.add_argument("--style", choices=("caps", "title"), help="caps: WEI Wei (default from newsroom.toml); title: Wei Wei")

    models = commands.add_parser("models", help="list or install machine-translation models")
    model_commands = models.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    model_commands.add_parser("list", help="installed Argos translation packages")
    install = model_commands.add_parser("install", help="install zh->en and en->zh from the Argos index, or a file")
    install.add_argument("path", nargs="?", type=Path, help="a local .argosmodel file")
    return parser


def _config(args: argparse.Namespace):  # noqa: ANN202 - returns project.Config
    from .project import load_config

    return load_config(args.root.resolve())


def _nothing_changed(root: Path) -> bool:
    """The fast path: hash the project's files against the last sync, importing nothing heavy."""
    from . import __version__
    from .state import CACHE_DIR, load_state, project_lock, snapshot, unchanged_since_last_sync

    if not (root / "content").is_dir() or not (root / CACHE_DIR).is_dir():
        return False  # the whole sync then says what is wrong, or makes the cache
    with project_lock(root):
        return unchanged_since_last_sync(snapshot(root, version=__version__), load_state(root))


def _progress_display(quiet: bool) -> Callable[[str, int, int], None] | None:
    """A progress bar for each long phase of a sync, on a terminal only (not with --quiet)."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in bars:
            for other in list(bars):
                bars.pop(other).close()
            # a terminal that reports no size (a new pty) would hide the bar: assume 80x24 there
            size = shutil.get_terminal_size((80, 24))
            bars[phase] = tqdm(
                total=total, desc=phase, unit="", file=sys.stderr, leave=False, mininterval=0.2, ncols=size.columns, nrows=size.lines
            )
        bar = bars[phase]
        bar.update(done - bar.n)
        if done >= total:
            bars.pop(phase).close()

    return update


def _sync(args: argparse.Namespace) -> int:
    if _nothing_changed(args.root.resolve()):
        print("nothing changed since the last sync")
        return 0
    from .mt import find_engine
    from .sync import sync_project

    config = _config(args)
    report = sync_project(config, engine_factory=None if args.no_mt else find_engine, progress=_progress_display(args.quiet))
    if report.unchanged:
        print("nothing changed since the last sync")
        return 0
    for notice in report.notices:
        print(f"newsroom: {notice}", file=sys.stderr)
    for engine in report.engines:
        print(f"machine translation: {engine}")
    for path in [] if args.quiet else report.written:
        print(f"wrote {path}")
    print(
        f"synced {report.articles} source article(s) ({report.skipped} unchanged skipped); "
        f"{len(report.written)} file(s) changed; "
        f"{report.memory_exact} exact and {report.memory_fuzzy} fuzzy translation-memory match(es); "
        f"{report.machine_translated} sentence(s) machine-translated"
    )
    for error in report.errors:
        print(f"newsroom: {error}", file=sys.stderr)
    if report.errors:
        print(f"newsroom: {len(report.errors)} article(s) not synced because of the errors above; nothing of theirs was written", file=sys.stderr)
        return 2
    return 0


def _check(args: argparse.Namespace) -> int:
    from .check import BAD_INPUT, check_project

    report = check_project(_config(args), min_reviewed=args.min_reviewed, strict=args.strict)
    if args.format == "json":
        data = {
            "ok": not report.failed,
            "editions": [edition.as_json() for edition in report.editions],
            "findings": [
                {"code": f.code, "severity": f.severity, "path": f.path, "line": f.line, "message": f.message}
                for f in report.findings
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "junit":
        print(_junit(report))
    else:  # a line per finding (text, or GitHub annotations), then the summary
        line = _github_annotation if args.format == "github" else _text_line
        for finding in report.findings:
            if finding.code != BAD_INPUT:
                print(line(finding))
        errors = sum(1 for f in report.findings if f.severity == "error")
        print(f"{len(report.editions)} edition(s) checked, {errors} problem(s)")
    _report_bad_input(report)
    if report.bad_input:
        return 2
    return 1 if report.failed else 0


def _text_line(finding: Finding) -> str:
    return f"{_where(finding)}: {finding.severity}: {finding.code}: {finding.message}"


def _github_annotation(finding: Finding) -> str:
    """A GitHub Actions workflow command: the finding shows on the file's line in the pull request."""

    def escaped(text: str, *, property_value: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property_value else text

    level = "error" if finding.severity == "error" else "warning"
    where = f"file={escaped(finding.path, property_value=True)}"
    if finding.line is not None:
        where += f",line={finding.line}"
    title = escaped(f"newsroom {finding.code}", property_value=True)
    return f"::{level} {where},title={title}::{escaped(finding.message)}"


def _where(finding: Finding) -> str:
    return finding.path if finding.line is None else f"{finding.path}:{finding.line}"


def _report_bad_input(report: CheckReport) -> None:
    """Files that could not be read, on stderr as every bad-input error is; the rest was checked."""
    from .check import BAD_INPUT

    for finding in report.findings:
        if finding.code == BAD_INPUT:
            print(f"newsroom: {_where(finding)}: {finding.message}", file=sys.stderr)


def _junit(report: CheckReport) -> str:
    """One test case per edition: each error finding a <failure>, the warnings in one <system-out>.

    A <testsuites> root holds the one suite, with counts that match its elements, as CI dashboards
    (Jenkins, GitLab, GitHub test reporters) read them.
    """
    from xml.etree import ElementTree

    from .check import BAD_INPUT

    in_editions = {id(finding) for edition in report.editions for finding in edition.findings}
    others = [finding for finding in report.findings if id(finding) not in in_editions]
    cases = [(edition.source, f"{edition.target} edition", edition.findings) for edition in report.editions]
    unreadable = [finding for finding in others if finding.code == BAD_INPUT]
    if unreadable:
        cases.append(("newsroom", "files that could not be read", unreadable))
    if len(unreadable) < len(others):  # an edition whose source is gone, a file newsroom does not read
        cases.append(("newsroom", "project", [f for f in others if f.code != BAD_INPUT]))
    failed = sum(1 for _, _, findings in cases if any(f.severity == "error" for f in findings))
    counts = {"tests": str(len(cases)), "failures": str(failed), "errors": "0", "skipped": "0"}
    root = ElementTree.Element("testsuites", name="newsroom check", **counts)
    suite = ElementTree.SubElement(root, "testsuite", name="newsroom check", **counts)
    for classname, name, findings in cases:
        case = ElementTree.SubElement(suite, "testcase", classname=classname, name=name)
        errors = [finding for finding in findings if finding.severity == "error"]
        if errors:
            failure = ElementTree.SubElement(case, "failure", type=errors[0].code, message=errors[0].message)
            failure.text = "\n".join(f"{_where(f)}: {f.code}: {f.message}" for f in errors)
        warnings = [finding for finding in findings if finding.severity != "error"]
        if warnings:
            ElementTree.SubElement(case, "system-out").text = "\n".join(map(_text_line, warnings))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode")


def _status(args: argparse.Namespace) -> int:
    from .check import check_project

    report = check_project(_config(args), min_reviewed=0)
    header = ("source", "to", "status", "reviewed", "fuzzy", "empty", "words", "stale")
    rows = [
        (
            e.source,
            e.target,
            e.status,
            f"{e.counts.reviewed_percent:.0f}%" if e.counts.total else "-",
            str(e.counts.fuzzy),
            str(e.counts.untranslated),
            str(e.counts.total_words),
            "stale" if e.stale else "",
        )
        for e in report.editions
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    _report_bad_input(report)
    return 2 if report.bad_input else 0


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def _review(args: argparse.Namespace) -> int:
    from .errors import ConfigError

    config = _config(args)
    if args.serve:
        from .review.server import LOCAL_HOSTS, serve

        if args.out is not None:
            raise ConfigError("--out writes the static site; --serve serves it: use one of them")
        if args.host not in LOCAL_HOSTS:
            print(
                f"newsroom: warning: serving on {args.host}: anyone who can reach this machine on port {args.port} "
                "can read every article and change its translations",
                file=sys.stderr,
            )
        serve(config, host=args.host, port=args.port, announce=lambda url: print(f"newsroom review: serving {url} (Ctrl-C stops)", flush=True))
        return 0
    from .review.site import DEFAULT_OUT, build_site

    out = (args.out if args.out is not None else config.root / DEFAULT_OUT).resolve()
    for folder in ("content", "locales"):
        if out.is_relative_to(config.root / folder):
            raise ConfigError(f"--out {args.out} is inside the project's {folder}/: the site would be taken for articles or catalogs")
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {args.out} is a file, not a folder")
    pages, index, problems = build_site(config, out)
    print(f"wrote {pages} pages; open {index}")
    for finding in problems:
        warning = "" if finding.code == "bad-input" else "warning: "
        print(f"newsroom: {warning}{_where(finding)}: {finding.message}", file=sys.stderr)
    return 2 if any(finding.code == "bad-input" for finding in problems) else 0


def _models(args: argparse.Namespace) -> int:
    from .mt import broken_packages, install_package, installed_packages

    if args.models_command == "list":
        for line in broken_packages():
            print(f"newsroom: {line}", file=sys.stderr)
        packages = installed_packages()
        if not packages:
            print("no translation models installed; run `newsroom models install`")
        for package in packages:
            print(f"{package.from_code} -> {package.to_code}  {package.code} {package.version}  {package.path}")
        return 0
    pairs = [("zh", "en"), ("en", "zh")]
    for line in install_package(args.path, pairs=pairs):
        print(line)
    return 0


def _read_input(path: Path, kind: str) -> bytes:
    """An exchange file given on the command line (XML: its bytes, read as XML allows); a clear error if it is not there."""
    from .errors import InputError

    if str(path) == "-":
        return sys.stdin.buffer.read()
    if not path.is_file():
        raise InputError(f"no such {kind} file" if not path.exists() else f"not a {kind} file (a folder?)", path=str(path))
    return path.read_bytes()


def _export(path: Path, text: str, what: str) -> None:
    """An export to a file, or to standard output for ``-`` (the count then goes to standard error)."""
    from .errors import ConfigError
    from .project import atomic_write

    if str(path) == "-":
        sys.stdout.write(text)
        print(f"wrote {what} to standard output", file=sys.stderr)
        return
    if path.is_dir():
        raise ConfigError("is a folder: give the path of the file to write", path=str(path))
    atomic_write(path, text)
    print(f"wrote {what} to {path}")


def _glossary(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .glossary import FIELDS, read_tbx, tbx_text, term_row
    from .project import GLOSSARY_FILE, atomic_write, load_style_rules, read_regular_file
    from .text import append_csv_rows

    config = _config(args)
    terms = load_style_rules(config).terms
    if args.glossary_command == "export":
        _export(args.path, tbx_text(terms), f"{len(terms)} term(s)")
        return 0
    imported = read_tbx(_read_input(args.path, "TBX"), path=str(args.path))
    if not imported:
        raise InputError("no term entry here has both a Chinese (zh) and an English (en) term: nothing to import", path=str(args.path))
    known = {term.zh: term for term in terms}
    added = list({term.zh: term for term in imported if term.zh not in known}.values())
    kept = sum(1 for term in imported if term.zh in known and known[term.zh].en != term.en)
    path = config.root / GLOSSARY_FILE
    before = read_regular_file(path, GLOSSARY_FILE)
    atomic_write(path, append_csv_rows(before, FIELDS, [term_row(term) for term in added]), expected=before, display=GLOSSARY_FILE)
    print(f"imported {len(added)} new term(s) of {len(imported)} into {GLOSSARY_FILE}")
    if kept:
        print(f"kept the glossary's English for {kept} term(s) the file gives differently")
    return 0


def _tm(args: argparse.Namespace) -> int:
    from .content import decode_text
    from .errors import InputError
    from .project import atomic_write
    from .sync import IMPORTED_MEMORY, open_memory
    from .tmx import read_tmx, tmx_text

    config = _config(args)
    if args.tm_command == "export":
        memory = open_memory(config)
        try:
            units = list(dict.fromkeys(unit for unit, _ in memory.all_units()))
        finally:
            memory.close()
        _export(args.path, tmx_text(units), f"{len(units)} translation unit(s)")
        return 0
    incoming = read_tmx(_read_input(args.path, "TMX"), path=str(args.path))
    if not incoming:
        raise InputError("no translation unit here has both a Chinese (zh) and an English (en) segment: nothing to import", path=str(args.path))
    kept_path = config.root / IMPORTED_MEMORY
    kept = (
        read_tmx(decode_text(kept_path.read_bytes(), path=IMPORTED_MEMORY), path=IMPORTED_MEMORY)
        if kept_path.exists()
        else []
    )
    pairs = list(dict.fromkeys(unit for unit in [*kept, *incoming] if unit.source_lang == "zh"))
    new = len(pairs) - len({unit for unit in kept if unit.source_lang == "zh"})
    atomic_write(kept_path, tmx_text(pairs))
    print(f"imported {new} new unit(s) of {len(incoming) // 2} into {IMPORTED_MEMORY}")
    return 0


def _romanize(args: argparse.Namespace) -> int:
    from .errors import ConfigError
    from .names import romanize
    from .text import HAN

    for name in args.names:
        if not name.strip() or HAN.sub("", name.strip()):
            raise ConfigError(f"{name!r} is not a Chinese name: give the name in Chinese characters, e.g. 魏炜")
    style = args.style or _config(args).name_style
    for name in args.names:
        name = name.strip()
        print(f"{name}\t{romanize(name, style=style)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {
        "sync": _sync,
        "check": _check,
        "status": _status,
        "review": _review,
        "models": _models,
        "glossary": _glossary,
        "romanize": _romanize,
        "tm": _tm,
    }
    try:
        code = handlers[args.command](args)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return code
    except NewsroomError as error:
        print(f"newsroom: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("newsroom: interrupted; files already written are complete, the rest untouched", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`newsroom status | head -1`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as error:  # the file system said no: a folder where a file should be, permissions, a full disk
        if args.debug:
            traceback.print_exc()
        where = f"{error.filename}: " if error.filename else ""
        print(f"newsroom: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - the last resort: one line, not a traceback
        if args.debug:
            traceback.print_exc()
            return 3
        print(
            f"newsroom: internal error ({type(error).__name__}: {error}); this is a bug in newsroom. "
            "Please report it with the output of the same command run with --debug.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
