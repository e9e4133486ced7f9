"""A newsroom project on disk: configuration, the article files, safe writes.

A project is a folder with ``content/<lang>/*.md`` and ``locales/``, and an
optional ``newsroom.toml``. Paths inside the pipeline are POSIX paths
relative to the project root, the way they appear in PO references.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .text import decode_text, refuse_nul
from .frontmatter import read_front_matter
from .errors import ConfigError, InputError
from .dates import DATE_STYLES
from .glossary import read_glossary
from .model import LANGUAGES, PUBLISH_LEVELS, Article
from .names import NAME_STYLES, read_registry
from .style import DEFAULT_TITLES, StyleRules

__all__ = [
    "Config",
    "load_config",
    "ArticleFile",
    "ArticleFiles",
    "article_paths",
    "list_article_files",
    "load_article",
    "catalog_path",
    "edition_path",
    "source_digest",
    "atomic_write",
    "ChangedOnDisk",
    "read_regular_file",
    "load_style_rules",
    "PEOPLE_FILE",
    "GLOSSARY_FILE",
]

CONFIG_FILE = "newsroom.toml"


@dataclass(frozen=True)
class Config:
    """Project settings; every field has a default, so newsroom.toml is optional."""

    root: Path
    project: str = "newsroom"
    languages: tuple[str, ...] = ("zh", "en")
    text_fields: tuple[str, ...] = ("title", "summary", "description")
    people_fields: tuple[str, ...] = ("author", "authors")  # front-matter keys that name people: rendered through the registry
    team: str = "<translators@example.org>"
    last_translator: str = "newsroom machine translation <translators@example.org>"
    min_reviewed: float = 100.0
    name_style: str = "caps"
    date_style: str = "newsroom"
    titles: tuple[tuple[str, str], ...] = DEFAULT_TITLES
    memory_exact: str = "reviewed"  # an exact translation-memory match counts as reviewed, or "fuzzy"
    memory_threshold: float = 75.0  # percent similarity for a fuzzy translation-memory match
    publish: str = "reviewed"  # the least finished edition published; less finished ones get draft: true
    po_wrap: int = 79  # page width of PO files written, as gettext's --width; 0: no wrapping (--no-wrap)


def _strings(settings: dict[str, object], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = settings.get(key, default)
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{key} must be a list of strings, e.g. {key} = {list(default)!r}", path=CONFIG_FILE)
    return tuple(value)


_SETTINGS = (
    "project", "languages", "text_fields", "people_fields", "team", "last_translator", "min_reviewed", "name_style",
    "date_style", "titles", "memory_exact", "memory_threshold", "publish", "po_wrap",
)  # fmt: skip


def _setting_line(text: str, key: str) -> int | None:
    """The line where ``key`` is set in newsroom.toml (the first, as TOML allows one), for messages."""
    found = re.search(rf'(?m)^[ \t]*(?:{re.escape(key)}|"{re.escape(key)}")[ \t]*=', text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _check_settings(text: str, data: dict[str, object], settings: dict[str, object]) -> None:
    """Unknown tables and keys are mistakes (min_reveiwed = 50 would be ignored): say which, and what was meant."""
    import difflib

    for table in data:
        if table != "newsroom":
            raise ConfigError(f"unknown table or key {table!r}: the settings go under [newsroom]", path=CONFIG_FILE, line=_setting_line(text, table) or _table_line(text, table))
    for key in settings:
        if key not in _SETTINGS:
            close = difflib.get_close_matches(key, _SETTINGS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; the settings are {', '.join(_SETTINGS)}"
            raise ConfigError(f"unknown setting {key!r}{hint}", path=CONFIG_FILE, line=_setting_line(text, key) or _table_line(text, f"newsroom.{key}"))
    for key in ("min_reviewed", "memory_threshold"):
        value = settings.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= 100:
            raise ConfigError(f"{key} must be a percentage from 0 to 100, not {value!r}", path=CONFIG_FILE, line=_setting_line(text, key))


def _table_line(text: str, table: str) -> int | None:
    found = re.search(rf"(?m)^[ \t]*\[[ \t]*{re.escape(table)}[ \t]*\]", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def load_config(root: Path) -> Config:
    """Read ``newsroom.toml`` in ``root`` if there is one; refuse a project whose folders are files."""
    config = _read_config(root)
    _check_layout(config)
    return config


def _check_layout(config: Config) -> None:
    """The folders newsroom reads and writes are folders (a file in their place is an error, not a traceback)."""
    from .state import CACHE_DIR

    folders = ["content", *(f"content/{lang}" for lang in config.languages), "locales"]
    folders += [f"locales/{LANGUAGES[lang].locale}" for lang in config.languages]
    folders += [f"locales/{LANGUAGES[lang].locale}/LC_MESSAGES" for lang in config.languages]
    for folder in [*folders, CACHE_DIR]:
        path = config.root / folder
        if path.exists() and not path.is_dir():
            what = "newsroom's local cache" if folder == CACHE_DIR else "a folder of the project"
            raise InputError(f"is a file, but it is {what}: move the file away (newsroom makes the folder)", path=folder)


def _read_config(root: Path) -> Config:
    path = root / CONFIG_FILE
    if not path.exists():
        return Config(root=root)
    if not path.is_file():
        raise ConfigError("is not a file: newsroom.toml holds the project's settings", path=CONFIG_FILE)
    text = decode_text(path.read_bytes(), path=CONFIG_FILE)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))  # Python < 3.14 has no error.lineno
        line = int(found.group(1)) if found else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError(f"broken TOML: {message}", path=CONFIG_FILE, line=line) from None
    settings = data.get("newsroom", {})
    if not isinstance(settings, dict):
        raise ConfigError("[newsroom] must be a table", path=CONFIG_FILE)
    _check_settings(text, data, settings)
    languages = _strings(settings, "languages", ("zh", "en"))
    for code in languages:
        if code not in LANGUAGES:
            raise ConfigError(f"unsupported language {code!r}; supported: {', '.join(LANGUAGES)}", path=CONFIG_FILE, line=_setting_line(text, "languages"))
    if len(languages) < 2:
        raise ConfigError(
            f"languages = {list(languages)} names one language; newsroom translates between two (languages = [\"zh\", \"en\"])",
            path=CONFIG_FILE,
            line=_setting_line(text, "languages"),
        )
    if len(set(languages)) != len(languages):
        raise ConfigError(f"languages lists a language twice: {list(languages)}", path=CONFIG_FILE, line=_setting_line(text, "languages"))
    name_style = str(settings.get("name_style", "caps"))
    date_style = str(settings.get("date_style", "newsroom"))
    if name_style not in NAME_STYLES:
        raise ConfigError(f"name_style must be one of {', '.join(NAME_STYLES)}", path=CONFIG_FILE)
    if date_style not in DATE_STYLES:
        raise ConfigError(f"date_style must be one of {', '.join(DATE_STYLES)}", path=CONFIG_FILE)
    titles = settings.get("titles")
    if titles is not None and not (isinstance(titles, dict) and all(isinstance(v, str) for v in titles.values())):
        raise ConfigError("[newsroom.titles] maps Chinese titles to English ones, e.g. 研究员 = \"Prof.\"", path=CONFIG_FILE)
    memory_exact = str(settings.get("memory_exact", "reviewed"))
    if memory_exact not in ("reviewed", "fuzzy"):
        raise ConfigError('memory_exact must be "reviewed" or "fuzzy"', path=CONFIG_FILE)
    publish = settings.get("publish", "reviewed")
    if publish not in PUBLISH_LEVELS:
        raise ConfigError(
            "publish must be one of " + ", ".join(f'"{level}"' for level in PUBLISH_LEVELS)
            + ' (the least finished edition that goes out without draft: true)',
            path=CONFIG_FILE,
        )
    po_wrap = settings.get("po_wrap", 79)
    if isinstance(po_wrap, bool) or not isinstance(po_wrap, int) or po_wrap < 0:
        raise ConfigError("po_wrap must be a whole number: the page width of PO files (gettext's 79), or 0 for no wrapping", path=CONFIG_FILE)
    try:
        return Config(
            po_wrap=po_wrap,
            memory_exact=memory_exact,
            memory_threshold=float(settings.get("memory_threshold", 75.0)),
            name_style=name_style,
            date_style=date_style,
            titles=tuple(titles.items()) if titles is not None else DEFAULT_TITLES,
            root=root,
            project=str(settings.get("project", "newsroom")),
            languages=languages,
            text_fields=_strings(settings, "text_fields", Config.text_fields),
            people_fields=_strings(settings, "people_fields", Config.people_fields),
            publish=str(publish),
            team=str(settings.get("team", Config.team)),
            last_translator=str(settings.get("last_translator", Config.last_translator)),
            min_reviewed=float(settings.get("min_reviewed", 100.0)),
        )
    except (TypeError, ValueError) as error:
        raise ConfigError(f"bad value in [newsroom]: {error}", path=CONFIG_FILE) from None


@dataclass(frozen=True)
class ArticleFile:
    """An article file found on disk, read but not yet parsed as Markdown."""

    path: str
    lang: str
    slug: str
    data: bytes  # the file as newsroom has it (a source with its translationKey added)
    text: str
    front: dict[str, object]
    disk: bytes = b""  # the file as it was read: a write checks that it is still so

    def __post_init__(self) -> None:
        if not self.disk:
            object.__setattr__(self, "disk", self.data)

    @property
    def is_source(self) -> bool:
        return self.front.get("translation_of") is None


@dataclass(frozen=True)
class ArticleFiles:
    """The articles under content/ that could be read, and an error for each one that could not."""

    files: list[ArticleFile]
    errors: list[InputError]
    skipped: list[InputError] = field(default_factory=list)  # what looks like an article but is not read

    @property
    def bad_paths(self) -> set[str]:
        return {error.path for error in self.errors if error.path is not None}


def article_paths(config: Config, skipped: list[InputError] | None = None) -> list[tuple[Path, str, str]]:
    """Every article file under content/: its path, its path relative to the project, its language.

    Articles are the ``*.md`` files right in ``content/<lang>/``. What looks like one but is not
    read, a hidden file or editor lock file (``.#name.md``), a dangling link, a folder, a FIFO,
    and Markdown where newsroom does not look (``content/*.md``, ``content/<lang>/<section>/``), is
    added to ``skipped`` as a warning with its path.
    """
    content = config.root / "content"
    if not content.is_dir():
        raise InputError("no content/ folder: is this a newsroom project?", path=str(config.root))
    notes: list[InputError] = [] if skipped is None else skipped
    found = []
    for entry in sorted(content.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            if entry.suffix == ".md":
                notes.append(InputError(f"articles go in content/<language>/ ({', '.join(config.languages)})", path=relative(config, entry)))
            continue
        if entry.name not in config.languages:
            known = " and ".join(config.languages)
            if entry.name in LANGUAGES:
                why = f"articles in {entry.name!r}, a language newsroom.toml does not list (languages: {known}): add it there"
            else:
                why = f"not a language newsroom knows ({', '.join(LANGUAGES)}); this newsroom's languages are {known}"
            raise InputError(f"{why}, or move the folder out of content/", path=f"content/{entry.name}")
        prefix = f"content/{entry.name}/"
        for item in sorted(os.scandir(entry), key=lambda item: item.name):
            if not item.name.endswith(".md"):
                continue
            why = _not_an_article(item)
            if why:
                notes.append(InputError(why, path=prefix + item.name))
            else:
                found.append((entry / item.name, prefix + item.name, entry.name))
        for nested in sorted(entry.glob("*/**/*.md")):
            if not nested.relative_to(entry).parts[0].startswith("."):
                notes.append(InputError(f"in a subfolder: newsroom reads the articles right in content/{entry.name}/", path=relative(config, nested)))
    return found


def _not_an_article(item: os.DirEntry[str]) -> str:
    """Why a ``*.md`` entry of a language folder is not read as an article ('' when it is one)."""
    if item.name.startswith(".#"):
        return "an editor's lock file"
    if item.name.startswith("."):
        return "a hidden file"
    if item.is_file():  # the common case, from the directory listing alone (a link: its target)
        return ""
    if item.is_symlink() and not os.path.exists(item.path):
        return "a link to nothing"
    if item.is_dir():
        return "a folder"
    return "not a regular file (a FIFO, socket or device)"


def list_article_files(config: Config) -> ArticleFiles:
    """Every article under content/, with its front matter.

    A file that cannot be decoded or whose front matter is broken is
    reported in ``errors`` and left out, so one bad article does not stop
    the newsroom; a content/ folder that is not a newsroom raises.
    """
    files = []
    errors: list[InputError] = []
    skipped: list[InputError] = []
    for file, relative, lang in article_paths(config, skipped):
        data = file.read_bytes()
        try:
            text = refuse_nul(decode_text(data, path=relative), path=relative)
            front = read_front_matter(text, path=relative)
        except InputError as error:
            errors.append(error)
            continue
        files.append(ArticleFile(relative, lang, file.stem, data, text, front))
    return ArticleFiles(files, errors, skipped)


def load_article(file: ArticleFile, config: Config) -> Article:
    from .content import parse_article  # the Markdown parser: not for `newsroom check`

    return parse_article(file.text, path=file.path, lang=file.lang, slug=file.slug, text_fields=config.text_fields)


PEOPLE_FILE = "locales/people.csv"
GLOSSARY_FILE = "locales/glossary.csv"


def load_style_rules(config: Config) -> StyleRules:
    """The people registry and glossary of the project, with its style settings."""
    people = config.root / PEOPLE_FILE
    glossary = config.root / GLOSSARY_FILE
    rules = StyleRules(titles=config.titles, name_style=config.name_style, date_style=config.date_style)
    if (data := read_regular_file(people, PEOPLE_FILE)) is not None:
        rules = replace(rules, registry=read_registry(decode_text(data, path=PEOPLE_FILE), path=PEOPLE_FILE))
    if (data := read_regular_file(glossary, GLOSSARY_FILE)) is not None:
        rules = replace(rules, terms=read_glossary(decode_text(data, path=GLOSSARY_FILE), path=GLOSSARY_FILE))
    return rules


def catalog_path(config: Config, slug: str, target: str) -> Path:
    return config.root / "locales" / LANGUAGES[target].locale / "LC_MESSAGES" / f"{slug}.po"


def read_regular_file(path: Path, display: str) -> bytes | None:
    """A file's bytes, None when nothing is there; a clear error for a folder, FIFO, device or link to
    nothing in its place (reading a FIFO would hang)."""
    if path.is_file():
        return path.read_bytes()
    if not path.exists() and not path.is_symlink():
        return None
    what = "a folder" if path.is_dir() else "a link to nothing" if not path.exists() else "not a regular file"
    raise InputError(f"is {what}, not a file: move it away", path=display)


def edition_path(config: Config, slug: str, target: str) -> Path:
    return config.root / "content" / target / f"{slug}.md"


def relative(config: Config, path: Path) -> str:
    return path.relative_to(config.root).as_posix()


def source_digest(data: bytes) -> str:
    """The fingerprint a built edition records of the source it was built from."""
    # CRLF and LF count the same, so git's autocrlf on a Windows checkout does not make every edition stale
    return "sha256:" + hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()[:16]


class ChangedOnDisk(InputError):
    """A file changed on disk after newsroom read it: someone saved it while newsroom worked."""


_CHANGED = "changed on disk while newsroom worked (someone saved it): left as it is, with what depends on it; run `newsroom sync` again"
UNCHECKED = object()  # atomic_write's ``expected`` when any current content may be replaced


def atomic_write(path: Path, content: str | bytes, *, expected: bytes | None | object = UNCHECKED, display: str | None = None) -> bool:
    """Write ``content`` if it differs from what is there; old or new, never half-written.

    ``expected`` is the file's bytes when newsroom read it (None: it did not
    exist): if the file is no longer so, someone saved it in the meantime,
    and ``ChangedOnDisk`` is raised with nothing written. A symbolic link is
    written through, its target replaced and the link kept. Returns whether
    the file changed.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():
        raise InputError("is a folder or a special file where newsroom writes a file: move it away", path=display or str(path))
    current = path.read_bytes() if path.exists() else None
    if expected is not UNCHECKED and current != expected:
        raise ChangedOnDisk(_CHANGED, path=display or str(path))
    if current == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        if expected is not UNCHECKED and (path.read_bytes() if path.exists() else None) != expected:
            raise ChangedOnDisk(_CHANGED, path=display or str(path))  # saved while this one was written
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
