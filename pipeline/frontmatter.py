"""Front matter as Hugo and Docusaurus write it: YAML between ``---`` lines, or TOML between ``+++``.

    split_front_matter(text)    where it is and which syntax, or None
    read_front_matter(text)     its keys and values (PyYAML, tomllib)
    front_matter_units(...)     the text fields, each value a unit whose
                                span is the value as written in the file
    parse_front_matter(...)     both, the YAML parsed once
    set_front_matter(text, …)   top-level keys set, every other byte kept
    yaml_scalar / toml_scalar   a translated value, quoted as the syntax needs

A closing fence may carry trailing spaces, as Hugo accepts. Front matter
that is never closed is reported at the line where it stops being YAML.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import InputError
from .model import Unit

__all__ = [
    "FrontMatter",
    "split_front_matter",
    "rename_front_values",
    "read_front_matter",
    "load_front_matter",
    "front_matter_units",
    "parse_front_matter",
    "set_front_matter",
    "yaml_scalar",
    "toml_scalar",
    "scalar_text",
    "newline_of",
]

# libyaml's loader where PyYAML was built with it: several times faster on 1,000 articles
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# libyaml reads a few plain scalars otherwise than PyYAML's own parser does (with a tab, or a ? in a flow
# sequence) and cannot encode a lone surrogate: yaml_scalar asks the latter about those, as it always did
_PYTHON_PARSER_ONLY = re.compile("[\t?\ud800-\udfff]")
_OPENING = {"---": "yaml", "+++": "toml"}
_CLOSING = {"yaml": re.compile(r"(---|\.\.\.)[ \t]*\r?"), "toml": re.compile(r"\+\+\+[ \t]*\r?")}


@dataclass(frozen=True)
class FrontMatter:
    """Where an article's front matter lies: ``text[start:end]`` is its content."""

    syntax: str  # yaml | toml
    start: int  # just after the opening fence line
    end: int  # at the closing fence line
    body_start: int  # just after the closing fence line


def newline_of(text: str) -> str:
    """The file's line ending: CRLF if its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def split_front_matter(text: str, *, path: str) -> FrontMatter | None:
    """The article's front matter, or None where it has none."""
    first = text.find("\n")
    fence = text[:first].rstrip(" \t\r") if first >= 0 else ""
    syntax = _OPENING.get(fence)
    if syntax is None:
        return None
    start = offset = first + 1
    while offset < len(text):
        newline = text.find("\n", offset)
        line_end = len(text) if newline < 0 else newline
        if _CLOSING[syntax].fullmatch(text, offset, line_end):
            return FrontMatter(syntax, start, offset, len(text) if newline < 0 else newline + 1)
        if newline < 0:
            break
        offset = newline + 1
    line = _unclosed_line(text[start:]) if syntax == "yaml" else 1
    where = "" if line == 1 else "; this is the first line that is not YAML"
    raise InputError(f"front matter opened with {fence} on line 1 is never closed (no closing {fence} line){where}", path=path, line=line)


def _unclosed_line(front_text: str) -> int:
    """The line where front matter that is never closed stops being YAML: where --- was forgotten."""
    try:
        yaml.load(front_text, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        # the context (where the construct that fails begins, such as a line of prose read as a key) first
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        if mark is not None:
            return int(mark.line) + 2
    return 1


def read_front_matter(text: str, *, path: str) -> dict[str, Any]:
    """Only the front matter of an article, parsed (fast path for checks)."""
    front = split_front_matter(text, path=path)
    return {} if front is None else load_front_matter(text, front, path=path)


def load_front_matter(text: str, front: FrontMatter, *, path: str) -> dict[str, Any]:
    content = text[front.start : front.end]
    if front.syntax == "toml":
        try:
            return tomllib.loads(content.replace("\r\n", "\n"))
        except tomllib.TOMLDecodeError as error:
            found = re.search(r"\(at line (\d+)", str(error))  # Python < 3.14 has no error.lineno
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
            raise InputError(f"broken TOML front matter: {message}", path=path, line=int(found.group(1)) + 1 if found else 1) from None
    loader = _YAML_LOADER(content)
    try:
        root = loader.get_single_node()
        _refuse_duplicate_keys(root, path=path, first_line=text.count("\n", 0, front.start) + 1)
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        raise _broken_yaml(error, path=path) from None
    finally:
        loader.dispose()
    return _mapping(data, path=path)


def _refuse_duplicate_keys(node: yaml.Node | None, *, path: str, first_line: int) -> None:
    """A top-level key given twice: PyYAML keeps the last silently, so an edition would keep both lines."""
    if not isinstance(node, yaml.MappingNode):
        return
    seen: dict[object, int] = {}
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            line = first_line + key.start_mark.line
            if key.value in seen:
                raise InputError(
                    f"broken YAML front matter: the key {key.value!r} is given twice (first on line {seen[key.value]}): keep one",
                    path=path,
                    line=line,
                )
            seen[key.value] = line


def _broken_yaml(error: yaml.YAMLError, *, path: str) -> InputError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 2 if mark is not None else 1
    problem = getattr(error, "problem", None) or str(error)
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and context_mark is not None and context_mark.line + 2 != line:
        problem += f" ({context.removeprefix('while ')} that starts on line {context_mark.line + 2})"
    return InputError(f"broken YAML front matter: {problem}", path=path, line=line)


def _mapping(data: Any, *, path: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("front matter must be a YAML mapping of keys to values", path=path, line=2)
    return data


def front_matter_units(text: str, front: FrontMatter, fields: Iterable[str], lang: str) -> list[Unit]:
    """A unit for each string value (or list item) of the text fields, in file order."""
    wanted = set(fields)
    if front.syntax == "toml":
        return sorted(_toml_units(text, front, wanted, lang), key=lambda unit: unit.start)
    return list(_yaml_units(text, front, wanted, lang, yaml.compose(text[front.start : front.end], Loader=_YAML_LOADER)))


def parse_front_matter(text: str, front: FrontMatter, fields: Iterable[str], lang: str, *, path: str) -> tuple[dict[str, Any], list[Unit]]:
    """``load_front_matter`` and ``front_matter_units`` in one, YAML parsed once."""
    if front.syntax == "toml":
        return load_front_matter(text, front, path=path), front_matter_units(text, front, fields, lang)
    loader = _YAML_LOADER(text[front.start : front.end])
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as error:
            raise _broken_yaml(error, path=path) from None
        _refuse_duplicate_keys(root, path=path, first_line=text.count("\n", 0, front.start) + 1)
        # the units first: building the values rewrites merge keys (<<) in the nodes
        units = list(_yaml_units(text, front, set(fields), lang, root))
        try:
            data = loader.construct_document(root) if root is not None else None
        except yaml.YAMLError as error:
            raise _broken_yaml(error, path=path) from None
    finally:
        loader.dispose()
    return _mapping(data, path=path), units


def _yaml_units(text: str, front: FrontMatter, fields: set[str], lang: str, root: yaml.Node | None) -> Iterator[Unit]:
    from .segment import text_unit  # the sentence splitter: not for `newsroom check`
    front_text = text[front.start : front.end]
    if not isinstance(root, yaml.MappingNode):
        return
    first_line = text.count("\n", 0, front.start) + 1
    seen: set[int] = set()
    for key_node, value_node in root.value:
        if key_node.value not in fields:
            continue
        if isinstance(value_node, yaml.SequenceNode):
            items = [item for item in value_node.value if isinstance(item, yaml.ScalarNode)]
            scalar = "yaml-flow" if value_node.flow_style or root.flow_style else "yaml"
        elif isinstance(value_node, yaml.ScalarNode):
            items, scalar = [value_node], "yaml-flow" if root.flow_style else "yaml"
        else:
            continue
        for node in items:
            if node.tag != "tag:yaml.org,2002:str" or not str(node.value).strip():
                continue
            start, end = node.start_mark.index, node.end_mark.index
            if id(node) in seen or front_text.startswith("*", start):
                continue  # an alias (*name) repeats its anchor's node: translated once, where the anchor is
            seen.add(id(node))
            anchor = re.match(r"&\S+\s+", front_text[start:end])
            if anchor:
                start += anchor.end()  # keep &name in the edition so its aliases still resolve
            while end > start and front_text[end - 1] in " \t\r\n":
                end -= 1
            value = _yaml_text(node, front_text[start:end])
            unit = text_unit(str(key_node.value), value, first_line + node.start_mark.line, front.start + start, front.start + end, lang, scalar=scalar)
            if unit is not None:
                yield unit


def _yaml_text(node: yaml.ScalarNode, source: str) -> str:
    """A YAML value as one line of text, its lines joined as hard-wrapped Markdown lines are.

    YAML folds a plain or ``>`` value's lines with a space, also between two
    Chinese characters; newsroom joins the source lines itself instead.
    """
    from .segment import clean_text, join_lines  # the sentence splitter: not for `newsroom check`
    value = str(node.value)
    if "\n" not in source:
        return clean_text(value).strip()
    if node.style in (None, ">"):
        lines = source.split("\n")[1:] if node.style == ">" else source.split("\n")
        return join_lines(lines)[0]
    return join_lines(value.split("\n"))[0]


_TOML_STRING = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'', re.DOTALL)
_TOML_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _toml_units(text: str, front: FrontMatter, fields: set[str], lang: str) -> Iterator[Unit]:
    """TOML text fields: only top-level keys (before the first [table]), strings and arrays of strings."""
    from .segment import join_lines, text_unit  # the sentence splitter: not for `newsroom check`
    front_text = text[front.start : front.end]
    table = _TOML_TABLE.search(front_text)
    top = front_text[: table.start()] if table else front_text
    for key in fields:
        found = re.search(rf"^[ \t]*(?:{re.escape(key)}|\"{re.escape(key)}\")[ \t]*=[ \t]*", top, re.MULTILINE)
        if found is None:
            continue
        position = found.end()
        array = top.startswith("[", position)
        scalar = "toml"
        tokens = []
        if array:
            position += 1
            while True:
                position = re.compile(r"(?:\s|,|#[^\n]*)*").match(top, position).end()  # type: ignore[union-attr]
                token = _TOML_STRING.match(top, position)
                if token is None:
                    break
                tokens.append(token)
                position = token.end()
        else:
            token = _TOML_STRING.match(top, position)
            tokens = [token] if token is not None else []
        for token in tokens:
            value = tomllib.loads(f"v = {token.group(0)}")["v"]
            if not isinstance(value, str) or not value.strip():
                continue
            line = text.count("\n", 0, front.start + token.start()) + 1
            unit = text_unit(key, join_lines(value.split("\n"))[0], line, front.start + token.start(), front.start + token.end(), lang, scalar=scalar)
            if unit is not None:
                yield unit


def yaml_scalar(value: str, *, flow: bool = False) -> str:
    """A YAML scalar for ``value``: plain where that reads back the same, else double-quoted."""
    plain_ok = (
        value == value.strip()
        and "\n" not in value
        and not (flow and any(char in value for char in ",[]{}"))
    )
    if plain_ok:
        loader = yaml.SafeLoader if _PYTHON_PARSER_ONLY.search(value) else _YAML_LOADER
        try:
            if flow:
                plain_ok = yaml.load(f"k: [{value}]", Loader=loader) == {"k": [value]}
            else:
                plain_ok = yaml.load(f"k: {value}", Loader=loader) == {"k": value}
        except yaml.YAMLError:
            plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


def toml_scalar(value: str) -> str:
    """A TOML basic string for ``value`` (JSON's escapes are TOML's, but for DEL)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def scalar_text(value: str, scalar: str) -> str:
    """A translated front-matter value as its syntax writes it."""
    if scalar == "toml":
        return toml_scalar(value)
    return yaml_scalar(value, flow=scalar == "yaml-flow")


def _value(value: str | int | bool, syntax: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return toml_scalar(value) if syntax == "toml" else yaml_scalar(value, flow=syntax == "yaml-flow")


def _set_flow_mapping(text: str, front: FrontMatter, root: yaml.MappingNode, values: Mapping[str, str | int | bool]) -> str:
    """Keys set inside a front matter written as one YAML flow mapping: { 'title': 'x', 'date': 'y', }"""
    content = text[front.start : front.end]
    remaining = dict(values)
    edits: list[tuple[int, int, str]] = []
    for key_node, value_node in root.value:
        if isinstance(value_node, yaml.ScalarNode) and key_node.value in remaining:
            edits.append((value_node.start_mark.index, value_node.end_mark.index, _value(remaining.pop(key_node.value), "yaml-flow")))
    if remaining:
        items = [f"{key}: {_value(value, 'yaml-flow')}" for key, value in remaining.items()]
        before = content[: root.end_mark.index - 1].rstrip()
        comma = "" if before.endswith((",", "{")) else ","
        last_line = before[before.rfind("\n") + 1 :].rstrip("\r")
        if "\n" in before and last_line.strip() and not last_line.lstrip().startswith("{"):
            # one key a line, as the mapping is written: a new line per key before the closing brace
            indent = last_line[: len(last_line) - len(last_line.lstrip())]
            # without a trailing comma on the last key, the comma leads each new line: no source line changes
            newline = newline_of(text)
            lines = "".join(f"{newline}{indent}, {item}" if comma else f"{newline}{indent}{item}," for item in items)
            edits.append((len(before), len(before), lines))
        else:
            separator = " " if before.endswith(",") else "" if before.endswith("{") else ", "
            edits.append((len(before), len(before), separator + ", ".join(items) + ("," if before.endswith(",") else "")))
    for start, end, new in sorted(edits, reverse=True):
        content = content[:start] + new + content[end:]
    return text[: front.start] + content + text[front.end :]


def set_front_matter(text: str, values: Mapping[str, str | int | bool], *, path: str) -> str:
    """Set top-level front-matter keys to single-line values.

    A key already present on one line of its own is replaced in place;
    others are appended (in TOML before the first table), in the order
    given. Every other line stays as it is. A file without front matter
    gets a YAML one.
    """
    front = split_front_matter(text, path=path)
    newline = newline_of(text)
    if front is None:
        lines = "".join(f"{key}: {_value(value, 'yaml')}{newline}" for key, value in values.items())
        return f"---{newline}{lines}---{newline}{text}"
    if front.syntax == "yaml":
        root = yaml.compose(text[front.start : front.end], Loader=_YAML_LOADER)
        if isinstance(root, yaml.MappingNode) and root.flow_style:
            return _set_flow_mapping(text, front, root, values)
    separator = " = " if front.syntax == "toml" else ": "
    key_pattern = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=" if front.syntax == "toml" else r"([^\s:#][^:]*):")
    front_lines = text[front.start : front.end].splitlines(keepends=True)
    if front_lines and not front_lines[-1].endswith("\n"):
        front_lines[-1] += newline
    remaining = dict(values)
    insert_at = len(front_lines)
    for number, line in enumerate(front_lines):
        if front.syntax == "toml" and _TOML_TABLE.match(line):
            insert_at = number
            break
        match = key_pattern.match(line)
        if match is None or match.group(1) not in remaining:
            continue
        following = front_lines[number + 1] if number + 1 < len(front_lines) else ""
        if front.syntax == "yaml" and following[:1].isspace() and following.strip():
            continue  # a multi-line value: leave it, append nothing twice
        key = match.group(1)
        front_lines[number] = f"{key}{separator}{_value(remaining.pop(key), front.syntax)}{newline}"
    front_lines[insert_at:insert_at] = [f"{key}{separator}{_value(value, front.syntax)}{newline}" for key, value in remaining.items()]
    return text[: front.start] + "".join(front_lines) + text[front.end :]


_TOML_BASIC_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def rename_front_values(text: str, keys: Iterable[str], rename: Callable[[str], str | None], *, path: str) -> str:
    """The string values of the top-level ``keys`` (one string, or a list of them) replaced where
    ``rename`` gives another (authors: [魏炜] -> authors: [WEI Wei]); every other byte kept.

    A YAML value keeps its quoting where the new text allows it; in TOML, the
    double-quoted strings on the key's line are renamed.
    """
    front = split_front_matter(text, path=path)
    wanted = set(keys)
    if front is None or not wanted:
        return text
    spans: list[tuple[int, int, str]] = []
    if front.syntax == "yaml":
        root = yaml.compose(text[front.start : front.end], Loader=_YAML_LOADER)
        if not isinstance(root, yaml.MappingNode):
            return text
        for key, value in root.value:
            if not isinstance(key, yaml.ScalarNode) or key.value not in wanted:
                continue
            scalars = [value] if isinstance(value, yaml.ScalarNode) else [n for n in value.value if isinstance(n, yaml.ScalarNode)] if isinstance(value, yaml.SequenceNode) else []
            for node in scalars:
                new = rename(node.value) if node.tag.endswith(":str") else None
                if new is None or new == node.value:
                    continue
                if node.style == "'":
                    written = "'" + new.replace("'", "''") + "'"
                elif not node.style and re.fullmatch(r"[^\s'\"\[\]{},:#&*!|>%@`?-][^,:#\[\]{}\n]*(?<!\s)", new):
                    written = new
                else:
                    written = json.dumps(new, ensure_ascii=False)
                spans.append((front.start + node.start_mark.index, front.start + node.end_mark.index, written))
    else:
        for line in re.finditer(r"(?m)^([A-Za-z0-9_-]+)[ \t]*=(.*)$", text[front.start : front.end]):
            if line.group(1) not in wanted:
                continue
            for string in _TOML_BASIC_STRING.finditer(line.group(2)):
                value = json.loads(string.group(0))
                new = rename(value)
                if new is not None and new != value:
                    at = front.start + line.start(2) + string.start()
                    spans.append((at, at + len(string.group(0)), json.dumps(new, ensure_ascii=False)))
    for start, end, written in sorted(spans, reverse=True):
        text = text[:start] + written + text[end:]
    return text
