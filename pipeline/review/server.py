"""``newsroom review --serve``: the review site on this machine, where a reviewer can change translations.

A Starlette application served by uvicorn. Pages are made from the files on
every request, so they show what is on disk now. A save is a form post
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

import secrets
import threading
from typing import Any
from urllib.parse import quote, urlencode

from ..errors import InputError
from ..project import Config
from .edit import StalePage, save_translation
from .pages import ArticlePage, Dashboard, EditionRow, article_page, dashboard
from .site import Links, render_article, render_dashboard

__all__ = ["create_app", "serve", "LOCAL_HOSTS"]

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
_SERVED_FOLDERS = ("content", "locales")


def create_app(config: Config, *, token: str, allowed_hosts: list[str] | None = None) -> Any:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    saving = threading.Lock()

    def links(root: str) -> Links:
        return Links(root, lambda path: f"{root}files/{quote(path)}")

    def find_row(pair: str, slug: str) -> tuple[Dashboard, EditionRow | None]:
        board = dashboard(config, weekly=False)
        page = f"a/{pair}/{slug}.html"
        return board, next((row for row in board.rows if row.page == page), None)

    def index(request: Request) -> Response:
        board = dashboard(config)
        query = {key: request.query_params.get(key, "") for key in ("state", "lang", "q")}
        words = query["q"].strip().lower()
        board.rows = [
            row
            for row in board.rows
            if (not query["state"] or row.state == query["state"])
            and (not query["lang"] or row.pair == query["lang"])
            and (not words or words in f"{row.title.lower()} {row.source.lower()}")
        ]
        return HTMLResponse(render_dashboard(board, links(""), serve=True, query=query))

    def article(request: Request) -> Response:
        _, row = find_row(request.path_params["pair"], request.path_params["slug"])
        if row is None:
            return PlainTextResponse("no such edition in this project", status_code=404)
        saved = request.query_params.get("saved", "")
        notice = f"Sentence {saved} saved." if saved.isdigit() else ""
        rebuilt = request.query_params.get("rebuilt", "")
        if notice and rebuilt:
            notice += f" {rebuilt}"
        return HTMLResponse(render_article(article_page(config, row), links("../../"), serve=True, token=token, notice=notice, notice_ok=bool(notice)))

    async def save(request: Request) -> Response:
        form = await request.form()
        sent = str(form.get("token", "")) or request.headers.get("x-newsroom-token", "")
        if not secrets.compare_digest(sent.encode(), token.encode()):
            return PlainTextResponse("refused: this request does not carry the review site's token", status_code=403)
        fields = {name: str(form.get(name, "")) for name in ("source", "target", "key", "msgstr", "digest", "number")}
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_save, fields, form.get("reviewed") == "yes")

    def _save(fields: dict[str, str], reviewed: bool) -> Response:
        number = int(fields["number"]) if fields["number"].isdigit() else 0
        with saving:
            try:
                save_translation(
                    config, fields["source"], fields["target"], key=fields["key"], msgstr=fields["msgstr"], reviewed=reviewed, digest=fields["digest"]
                )
            except StalePage as error:
                page = _page_for(fields)
                return HTMLResponse(
                    render_article(page, links("../../"), serve=True, token=token, notice=f"{error}", unsaved={number: fields["msgstr"]})
                    if page is not None
                    else str(error),
                    status_code=409,
                )
            except InputError as error:
                return PlainTextResponse(f"not saved: {error}", status_code=400)
            rebuilt = _rebuild(config)
        page_path = next((row.page for row in dashboard(config, weekly=False).rows if (row.source, row.target) == (fields["source"], fields["target"])), "index.html")
        query = urlencode({"saved": number, "rebuilt": rebuilt})
        return RedirectResponse(f"/{page_path}?{query}#s{number}", status_code=303)

    def _page_for(fields: dict[str, str]) -> ArticlePage | None:
        row = next((row for row in dashboard(config, weekly=False).rows if (row.source, row.target) == (fields["source"], fields["target"])), None)
        return article_page(config, row) if row is not None else None

    def project_file(request: Request) -> Response:
        relative = request.path_params["path"]
        root = config.root.resolve()
        path = (root / relative).resolve()
        if not path.is_relative_to(root) or path.relative_to(root).parts[:1] not in [(folder,) for folder in _SERVED_FOLDERS] or not path.is_file():
            return PlainTextResponse("not a file of this project's content/ or locales/", status_code=404)
        return Response(path.read_bytes(), media_type="text/plain; charset=utf-8")

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


def _rebuild(config: Config) -> str:
    """Sync without machine translation: the edition built again from the saved catalog."""
    from ..sync import sync_project

    try:
        report = sync_project(config, engine_factory=None)
    except InputError as error:
        return f"The edition was not rebuilt: {error}"
    if report.errors:
        return "The edition was not rebuilt: " + "; ".join(str(error) for error in report.errors[:3])
    return "Edition rebuilt."


def serve(config: Config, *, host: str, port: int, announce: Any) -> None:
    """Serve until interrupted; ``announce(url)`` is told where, once the socket listens."""
    import socket

    import uvicorn

    token = secrets.token_urlsafe(32)
    allowed = list(LOCAL_HOSTS) if host in LOCAL_HOSTS else ["*"]
    app = create_app(config, token=token, allowed_hosts=allowed)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(128)  # connections wait in the queue until uvicorn takes over the socket
    shown = f"[{host}]" if ":" in host else host
    announce(f"http://{shown}:{listener.getsockname()[1]}/")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[listener])
