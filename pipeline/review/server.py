"""``newsroom review --serve``: the review site on this machine, where a reviewer can change translations.

A Starlette application served by uvicorn. Pages show what is on disk now:
an article page is made from its PO file on every request, the dashboard
again whenever a file under content/ or locales/, the settings or git's
HEAD changed. A save is a form post
that must carry the token this server made when it started (pages carry it;
a page of another site cannot read it), names its edition by source and
language (never by path) and its sentence by ``entry_key``, and carries the
digest of the PO file the page was made from: a file that changed since is
not written. After a save, sync runs (without machine translation) so the
edition is built again and the catalog's notes follow the new text.
Project files are served read-only from content/ and locales/, never from
outside the project.
"""

from __future__ import annotations

import os
import secrets
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from ..errors import ConfigError, InputError
from ..project import Config
from .edit import StalePage, save_translation
from .history import git
from .pages import ArticlePage, Dashboard, EditionRow, article_page, dashboard, page_path
from .site import Links, render_article, render_dashboard

__all__ = ["create_app", "serve", "LOCAL_HOSTS"]

LOCAL_HOSTS = ("127.0.0.1", "localhost")
_SERVED_FOLDERS = ("content", "locales")


def create_app(config: Config, *, token: str, allowed_hosts: list[str] | None = None) -> Any:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    saving = threading.RLock()
    made: dict[str, Any] = {}  # the dashboard, and what the files were when it was made

    def current() -> Dashboard:
        """The dashboard, made again only when a file under content/ or locales/, the settings or git's HEAD changed."""
        key = _fingerprint(config.root)
        with saving:
            if made.get("key") != key:
                made.update(key=key, board=dashboard(config))
            return made["board"]  # type: ignore[no-any-return]

    def links(root: str) -> Links:
        return Links(root, lambda path: f"{root}files/{quote(path)}")

    def find_row(source: str, target: str) -> EditionRow | None:
        return next((row for row in current().rows if (row.source, row.target) == (source, target)), None)

    def index(request: Request) -> Response:
        board = current()
        query = {key: request.query_params.get(key, "") for key in ("state", "lang", "q")}
        words = query["q"].strip().lower()
        rows = [
            row
            for row in board.rows
            if (not query["state"] or row.state == query["state"])
            and (not query["lang"] or row.pair == query["lang"])
            and (not words or words in f"{row.title.lower()} {row.source.lower()}")
        ]
        return HTMLResponse(render_dashboard(replace(board, rows=rows), links(""), serve=True, query=query))

    def article(request: Request) -> Response:
        page = f"a/{request.path_params['pair']}/{request.path_params['slug']}.html"
        row = next((row for row in current().rows if row.page == page), None)
        if row is None:
            return PlainTextResponse("no such edition in this project", status_code=404)
        saved, rebuilt = request.query_params.get("saved", ""), request.query_params.get("rebuilt", "")
        notice, ok = "", True
        if saved.isdigit() and len(saved) < 8:
            notice = f"Sentence {saved} saved. " + (
                "Edition rebuilt." if rebuilt == "1" else "The edition was not rebuilt: run `newsroom sync` to see why."
            )
            ok = rebuilt == "1"
        return HTMLResponse(render_article(article_page(config, row), links("../../"), serve=True, token=token, notice=notice, notice_ok=ok))

    async def save(request: Request) -> Response:
        form = await request.form()
        sent = str(form.get("token", "")) or request.headers.get("x-newsroom-token", "")
        if not secrets.compare_digest(sent.encode(), token.encode()):
            return PlainTextResponse("refused: this request does not carry the review site's token", status_code=403)
        fields = {name: str(form.get(name, "")) for name in ("source", "target", "key", "msgstr", "digest", "number")}
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_save, fields, form.get("reviewed") == "yes")

    def _save(fields: dict[str, str], reviewed: bool) -> Response:
        number = int(fields["number"]) if fields["number"].isdigit() and len(fields["number"]) < 8 else 0
        with saving:  # one save at a time, and no dashboard made in the middle of one
            try:
                save_translation(
                    config, fields["source"], fields["target"], key=fields["key"], msgstr=fields["msgstr"], reviewed=reviewed, digest=fields["digest"]
                )
            except StalePage as error:
                page = _page_for(fields)
                return HTMLResponse(
                    render_article(page, links("../../"), serve=True, token=token, notice=f"{error}", unsaved={fields["key"]: fields["msgstr"]})
                    if page is not None
                    else str(error),
                    status_code=409,
                )
            except InputError as error:
                return PlainTextResponse(f"not saved: {error}", status_code=400)
            rebuilt = _rebuild(config)
        query = urlencode({"saved": number, "rebuilt": "1" if rebuilt else "0"})
        return RedirectResponse(f"/{quote(page_path(fields['source'], fields['target']))}?{query}#s{number}", status_code=303)

    def _page_for(fields: dict[str, str]) -> ArticlePage | None:
        row = find_row(fields["source"], fields["target"])
        return article_page(config, row) if row is not None else None

    def project_file(request: Request) -> Response:
        refused = PlainTextResponse("not a file of this project's content/ or locales/", status_code=404)
        try:
            root = config.root.resolve()
            path = (root / request.path_params["path"]).resolve()
            if not path.is_relative_to(root) or path.relative_to(root).parts[:1] not in [(folder,) for folder in _SERVED_FOLDERS]:
                return refused
            return Response(path.read_bytes(), media_type="text/plain; charset=utf-8")
        except (OSError, ValueError, RuntimeError):  # a folder, a loop of links, a NUL, a name too long
            return refused

    routes = [
        Route("/", index),
        Route("/index.html", index),
        Route("/a/{pair}/{slug}.html", article),
        Route("/save", save, methods=["POST"]),
        Route("/files/{path:path}", project_file),
        Mount("/static", StaticFiles(packages=[("pipeline.review", "static")]), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or list(LOCAL_HOSTS))]
    return Starlette(routes=routes, middleware=middleware)


def _fingerprint(root: Path) -> tuple[object, ...]:
    """What the dashboard is made from, cheaply: each file's size and time under content/ and
    locales/, the settings', git's HEAD, and the day (the chart's weeks end today)."""
    from datetime import date

    files = []
    for folder in ("content", "locales"):
        for directory, _, names in os.walk(root / folder):
            for name in names:
                try:
                    stat = os.stat(os.path.join(directory, name))
                except OSError:
                    continue
                files.append((directory, name, stat.st_size, stat.st_mtime_ns))
    try:
        settings = os.stat(root / "newsroom.toml")
        files.append(("", "newsroom.toml", settings.st_size, settings.st_mtime_ns))
    except OSError:
        pass
    return (tuple(sorted(files)), git(root, "rev-parse", "-q", "--verify", "HEAD"), date.today())


def _rebuild(config: Config) -> bool:
    """``newsroom sync`` without machine translation, as a translator runs it after saving in a PO
    editor: the edition is built again from the saved catalog. Whether it went through."""
    from ..sync import sync_project

    try:
        report = sync_project(config, engine_factory=None)
    except InputError:
        return False
    return not report.errors


def serve(config: Config, *, host: str, port: int, announce: Any) -> None:
    """Serve until interrupted; ``announce(url)`` is told where, once the socket listens."""
    import socket

    import uvicorn

    # requests run in threads; forking worker processes from a threaded server can deadlock the
    # child on a lock another thread held, so check and sync work in this process here
    os.environ["NEWSROOM_WORKERS"] = "1"
    token = secrets.token_urlsafe(32)
    allowed = list(LOCAL_HOSTS) if host in LOCAL_HOSTS else ["*"]
    app = create_app(config, token=token, allowed_hosts=allowed)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        raise ConfigError(f"cannot serve on {host} port {port}: {error.strerror or error}; choose another --port (0: any free one)") from None
    listener.listen(128)  # connections wait in the queue until uvicorn takes over the socket
    shown = f"[{host}]" if ":" in host else host
    announce(f"http://{shown}:{listener.getsockname()[1]}/")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[listener])
