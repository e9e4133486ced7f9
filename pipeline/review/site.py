"""The review site's HTML, from Jinja2 templates shipped in the package, and the static build.

The same templates serve both forms of the site: written to a folder
(``build_site``: links to the project's files are relative, no forms) and
served by ``server`` (links go through the server, each sentence has a
form). Pages load one stylesheet and, on the dashboard, one small script
for sorting and filtering; everything reads without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..model import LANGUAGES, Finding
from ..errors import ConfigError
from ..project import Config, atomic_write
from .pages import SENTENCE_STATES, STATES, ArticlePage, Dashboard, article_page, dashboard

__all__ = ["Links", "render_dashboard", "render_article", "build_site", "static_files"]

DEFAULT_OUT = ".newsroom/review"
MARKER = ".newsroom-review"  # in a folder the site was written to


@dataclass(frozen=True)
class Links:
    """Where a page's links go: the site's root and the project's files, seen from the page."""

    root: str  # "" on the dashboard, "../../" on an article page
    file: Callable[[str], str]  # project path -> href


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.review", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals.update(states=STATES, sentence_states=SENTENCE_STATES, languages=LANGUAGES)
    environment.filters["day"] = lambda when: when.strftime("%Y-%m-%d") if when else ""
    return environment


def render_dashboard(board: Dashboard, links: Links, *, serve: bool, query: dict[str, str] | None = None) -> str:
    weekly_max = max((words for _, words in board.weekly or []), default=0)
    return str(
        _environment()
        .get_template("dashboard.html")
        .render(board=board, links=links, serve=serve, query=query or {}, weekly_max=weekly_max, now=datetime.now(timezone.utc))
    )


def render_article(
    page: ArticlePage,
    links: Links,
    *,
    serve: bool,
    token: str = "",
    notice: str = "",
    notice_ok: bool = False,
    unsaved: dict[str, str] | None = None,  # entry_key -> the text a refused save carried
) -> str:
    return str(
        _environment()
        .get_template("article.html")
        .render(
            page=page, row=page.row, links=links, serve=serve, token=token, notice=notice, notice_ok=notice_ok, unsaved=unsaved or {},
            now=datetime.now(timezone.utc),
        )
    )


def static_files() -> list[tuple[str, bytes]]:
    """(name, bytes) of the stylesheet and script every page loads."""
    folder = resources.files("pipeline.review").joinpath("static")
    return [(item.name, item.read_bytes()) for item in folder.iterdir() if item.is_file()]


def build_site(config: Config, out: Path) -> tuple[int, Path, list[Finding]]:
    """Write the dashboard and a page per edition under ``out``; returns the number of pages, the
    dashboard's path and the files that could not be read (the dashboard lists them too).

    What the last build wrote and this one did not (a deleted article's page)
    is removed: the folder holds one build, never a mix.
    """
    out = out.resolve()
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ConfigError(f"{out} holds files newsroom did not write: write the review site to an empty or new folder")
    board = dashboard(config)
    pages: dict[Path, str | bytes] = {}
    pages[out / "index.html"] = render_dashboard(board, Links("", _relative_to(config, out)), serve=False)
    for row in board.rows:
        path = out / row.page
        pages[path] = render_article(article_page(config, row), Links("../../", _relative_to(config, path.parent)), serve=False)
    for name, data in static_files():
        pages[out / "static" / name] = data
    if (out / MARKER).is_file():  # a folder this command wrote: pages of deleted articles go
        for old in (out / "a").glob("*/*.html"):
            if old not in pages:
                old.unlink()
    pages[out / MARKER] = "A review site written by `newsroom review`: it removes pages of deleted articles here.\n"
    for path, content in pages.items():
        atomic_write(path, content)
    return len(board.rows) + 1, out / "index.html", board.problems


def _relative_to(config: Config, folder: Path) -> Callable[[str], str]:
    def href(project_path: str) -> str:
        return quote(Path(os.path.relpath(config.root / project_path, folder)).as_posix())

    return href
