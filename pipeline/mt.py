"""Machine translation behind one small interface.

The only module that imports argostranslate, and only inside functions, so
commands that do not translate never pay for it. Sentences of a whole run
are translated in batches through the installed Argos package's
CTranslate2 model and tokenizer (one ``translate_batch``, one output per
input sentence), never through argostranslate's own sentence splitter.

Inline Markdown is protected: URLs, code spans, images, autolinks, link
targets and the ⟦n⟧ placeholders of a msgid are swapped for placeholders
before translation and restored afterwards.
"""

from __future__ import annotations

import json

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .errors import ModelError
from .inline import markup_spans

__all__ = [
    "Engine",
    "ArgosEngine",
    "find_engine",
    "installed_packages",
    "install_package",
    "protect_markup",
    "restore_markup",
    "INSTALL_HINT",
]

INSTALL_HINT = (
    "no {source}->{target} translation model is installed, so new sentences stay empty; "
    "install one with `newsroom models install` (needs the network) or "
    "`newsroom models install PATH.argosmodel`"
)

_PLACEHOLDER = "⟦{}⟧"
_PLACEHOLDER_RE = re.compile(r"⟦\s*(\d+)\s*⟧")


class Engine(Protocol):
    """Anything that turns a batch of sentences into one draft each."""

    description: str

    def translate_batch(self, sentences: Sequence[str]) -> list[str]: ...


@dataclass(frozen=True)
class PackageInfo:
    code: str
    from_code: str
    to_code: str
    version: str
    path: Path


def _argos_code(lang: str) -> str:
    return {"zh_CN": "zh", "zh-Hans": "zh"}.get(lang, lang)


def package_problem(folder: Path) -> str:
    """What keeps an (extracted) Argos package from translating, or '' when it is whole."""
    metadata_path = folder / "metadata.json"
    if not metadata_path.is_file():
        return "no metadata.json"
    try:
        metadata = json.loads(metadata_path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        return f"metadata.json is not JSON ({error})"
    if not isinstance(metadata, dict):
        return "metadata.json is not a JSON object"
    if metadata.get("type", "translate") == "translate":
        missing = [key for key in ("from_code", "to_code") if not isinstance(metadata.get(key), str) or not metadata.get(key)]
        if missing:
            return f"metadata.json has no {' or '.join(missing)}"
        if not (folder / "model" / "model.bin").is_file():
            return "no model (model/model.bin, a CTranslate2 model)"
        if not ((folder / "sentencepiece.model").is_file() or (folder / "bpe.model").is_file()):
            return "no tokenizer (sentencepiece.model or bpe.model)"
    return ""


def _packages() -> tuple[list[Any], list[str]]:
    """The installed Argos packages argostranslate can load, and a line for each broken one (skipped).

    argostranslate's own listing stops at the first broken folder, so one bad
    install would end every later sync; here it is named and left out.
    """
    import argostranslate.package
    from argostranslate import settings

    packages, broken = [], []
    for directory in settings.package_dirs:
        try:
            folders = sorted(path for path in Path(directory).iterdir() if path.is_dir())
        except OSError:
            continue
        for folder in folders:
            problem = package_problem(folder)
            if not problem:
                try:
                    packages.append(argostranslate.package.Package(folder))
                    continue
                except Exception as error:  # noqa: BLE001 - argostranslate raises bare exceptions
                    problem = str(error)
            broken.append(f"{folder}: a broken translation package ({problem}), skipped: delete the folder, or install the package again")
    return packages, broken


def broken_packages() -> list[str]:
    return _packages()[1]


def installed_packages() -> list[PackageInfo]:
    """The Argos translation packages installed for this user or ARGOS_PACKAGES_DIR."""
    packages = []
    for package in _packages()[0]:
        if getattr(package, "type", "translate") != "translate":
            continue
        packages.append(
            PackageInfo(
                code=str(getattr(package, "code", "") or f"translate-{package.from_code}_{package.to_code}"),
                from_code=package.from_code,
                to_code=package.to_code,
                version=str(package.package_version),
                path=Path(package.package_path),
            )
        )
    return sorted(packages, key=lambda p: (p.from_code, p.to_code, p.version))


class ArgosEngine:
    """An installed Argos package, driven directly through CTranslate2.

    Batches hold up to ``batch_tokens`` source tokens; CTranslate2 sorts the
    sentences by length inside the call, so padding stays small.
    (argostranslate itself passes 32 *tokens*, about one sentence a batch.)
    """

    batch_tokens = 4096

    def __init__(self, package: Any) -> None:
        import ctranslate2
        from argostranslate import settings

        self._package = package
        try:
            self._translator = ctranslate2.Translator(
                str(Path(package.package_path) / "model"),
                device=settings.device,
                inter_threads=settings.inter_threads,
                intra_threads=settings.intra_threads,
                compute_type=settings.compute_type,
            )
        except (RuntimeError, ValueError) as error:  # e.g. ARGOS_DEVICE_TYPE=cuda on a machine without CUDA
            raise ModelError(
                f"cannot load the model on device {settings.device!r}: {error}", path=str(package.package_path)
            ) from None
        self._beam_size = settings.beam_size
        self.description = (
            f"argos translate-{package.from_code}_{package.to_code} {package.package_version} (CTranslate2)"
        )

    def _decode(self, tokens: list[str]) -> str:
        from argostranslate.tokenizer import SentencePieceTokenizer

        tokenizer = self._package.tokenizer
        if isinstance(tokenizer, SentencePieceTokenizer):
            # argostranslate's own decode turns every "_" into a space
            text = tokenizer.lazy_processor().decode_pieces(tokens)
        else:
            text = tokenizer.decode(tokens)
        return str(text)

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        if not sentences:
            return []
        tokenizer = self._package.tokenizer
        prefix = getattr(self._package, "target_prefix", "") or ""
        tokenized = [tokenizer.encode(sentence) for sentence in sentences]
        results = self._translator.translate_batch(
            tokenized,
            target_prefix=[[prefix]] * len(tokenized) if prefix else None,
            replace_unknowns=True,
            max_batch_size=self.batch_tokens,
            max_decoding_length=512,
            batch_type="tokens",
            beam_size=self._beam_size,
            num_hypotheses=1,
            length_penalty=0.2,
        )
        drafts = []
        for result in results:
            text = self._decode(result.hypotheses[0])
            if prefix and text.startswith(prefix):
                text = text[len(prefix) :]
            drafts.append(text.strip())
        return drafts


def find_engine(source_lang: str, target_lang: str) -> Engine | None:
    """The newest installed Argos package for the pair, or None."""
    source, target = _argos_code(source_lang), _argos_code(target_lang)
    candidates = [
        package
        for package in _packages()[0]
        if package.from_code == source and package.to_code == target and getattr(package, "type", "translate") == "translate"
    ]
    if not candidates:
        return None
    newest = max(candidates, key=lambda p: str(p.package_version))
    return ArgosEngine(newest)


def install_package(path: Path | None, *, pairs: Sequence[tuple[str, str]]) -> list[str]:
    """Install a local .argosmodel file, or the given pairs from the Argos index.

    Returns what was installed, as readable lines.
    """
    import argostranslate.package

    if path is not None:
        if not path.is_file():
            raise ModelError("no such model file", path=str(path))
        _refuse_broken_package(path)
        try:
            argostranslate.package.install_from_path(path)
        except Exception as error:  # argostranslate raises bare exceptions on bad zips
            raise ModelError(f"cannot install this model file: {error}", path=str(path)) from None
        return [f"installed {path.name}"]
    try:
        argostranslate.package.update_package_index()
        available = argostranslate.package.get_available_packages()
    except Exception as error:
        raise ModelError(
            f"cannot reach the Argos package index ({error}); "
            "download the .argosmodel files elsewhere and run `newsroom models install FILE`"
        ) from None
    done = []
    for source, target in pairs:
        wanted = [p for p in available if p.from_code == _argos_code(source) and p.to_code == _argos_code(target)]
        if not wanted:
            raise ModelError(f"the Argos package index has no {source}->{target} model")
        package = max(wanted, key=lambda p: str(p.package_version))
        try:
            argostranslate.package.install_from_path(package.download())
        except Exception as error:
            raise ModelError(f"cannot download or install {source}->{target}: {error}") from None
        done.append(f"installed translate-{package.from_code}_{package.to_code} {package.package_version}")
    return done


def _refuse_broken_package(path: Path) -> None:
    """Look inside an .argosmodel before installing it: one folder, with what a package needs, and no
    member that would land outside the packages folder."""
    import tempfile
    import zipfile

    if not zipfile.is_zipfile(path):
        raise ModelError("not an Argos package: an .argosmodel file is a zip archive", path=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            tops = {name.split("/", 1)[0] for name in names}
            if any(name.startswith("/") or ".." in name.split("/") for name in names):
                raise ModelError("not an Argos package: it holds paths outside its folder", path=str(path))
            if len(tops) != 1 or not any("/" in name for name in names):
                raise ModelError("not an Argos package: it must hold one folder (translate-<from>_<to>-<version>/)", path=str(path))
            with tempfile.TemporaryDirectory(prefix="newsroom-package-") as scratch:
                top = tops.pop()
                wanted = [name for name in names if name in (f"{top}/metadata.json",)]
                archive.extractall(scratch, members=wanted)
                folder = Path(scratch) / top
                for name in names:  # the model and tokenizer need only be present, not extracted twice
                    if name.startswith(f"{top}/") and not name.endswith("/") and name not in wanted:
                        (folder / name[len(top) + 1 :]).parent.mkdir(parents=True, exist_ok=True)
                        (folder / name[len(top) + 1 :]).touch()
                problem = package_problem(folder)
    except zipfile.BadZipFile as error:
        raise ModelError(f"not an Argos package: a damaged zip ({error})", path=str(path)) from None
    if problem:
        raise ModelError(f"not an Argos package: {problem}; nothing installed", path=str(path))


def protect_markup(sentence: str, replacements: Sequence[tuple[int, int, str]] = ()) -> tuple[str, list[str]]:
    """Swap URLs, code spans, images, autolinks and HTML for numbered placeholders.

    A link keeps its text (to be translated) and only its target is
    protected. ``replacements`` are further (start, end, text) spans, such as
    a name or a date, that come back as ``text`` in the draft: the model
    never sees them, so it cannot garble them. Returns the text to translate
    and what each placeholder stands for.
    """
    spans: list[tuple[int, int, str]] = []
    for span in markup_spans(sentence):
        if span.kind in ("emphasis", "escape", "entity") or any(s < span.end and span.start < e for s, e, _ in spans):
            continue
        start = span.start
        if span.kind == "link" and span.inner is not None:  # the link text is translated, its target or label is not
            start = span.inner[1] + 1
            if start >= span.end:
                continue
        spans.append((start, span.end, sentence[start : span.end]))
    for start, end, text in replacements:
        if not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, text))
    kept: list[str] = []
    pieces: list[str] = []
    position = 0
    for start, end, text in sorted(spans):
        pieces.append(sentence[position:start])
        pieces.append(_PLACEHOLDER.format(len(kept)))
        kept.append(text)
        position = end
    pieces.append(sentence[position:])
    return "".join(pieces), kept


def restore_markup(draft: str, kept: Sequence[str]) -> tuple[str, list[str]]:
    """Put protected pieces back; returns the text and the placeholders that went missing."""
    seen: set[int] = set()

    def put_back(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(kept):
            return match.group(0)
        seen.add(number)
        return kept[number]

    text = _PLACEHOLDER_RE.sub(put_back, draft)
    text = re.sub(r"\]\s+\(", "](", text)
    missing = [kept[number] for number in range(len(kept)) if number not in seen]
    return text, missing
