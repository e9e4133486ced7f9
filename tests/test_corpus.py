"""The realistic corpus (tests/corpus/): every post round-trips byte for byte, entries match the gold files.

``python bench/corpus.py --show`` prints the same counts and every difference.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus_check import KNOWN_ERRORS, identity_round_trip, posts, review_as_is, sentence_errors
from helpers import run, without_edition_keys

POSTS = posts()
IDS = [f"{post.parent.name}/{post.stem}" for post in POSTS]


def test_the_corpus_is_there() -> None:
    assert len(posts("zh")) >= 24 and len(posts("en")) >= 24


@pytest.mark.parametrize("post", POSTS, ids=IDS)
def test_identity_round_trip_is_byte_exact(post: Path, tmp_path: Path) -> None:
    trip = identity_round_trip(post, tmp_path)
    assert without_edition_keys(trip.edition) == without_edition_keys(trip.source)


@pytest.mark.parametrize("post", POSTS, ids=IDS)
def test_sentences_are_those_a_translator_expects(post: Path) -> None:
    errors = sentence_errors(post)
    allowed = KNOWN_ERRORS.get(f"{post.parent.name}/{post.stem}", 0)
    assert errors.count <= allowed, f"missed {errors.missed}\nextra {errors.extra}"


def test_the_whole_corpus_through_the_command_line(tmp_path: Path, no_models: dict[str, str]) -> None:
    """One newsroom with every post: sync, review everything as is, sync, check passes, editions are the sources."""
    for post in POSTS:
        folder = tmp_path / "content" / post.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(post, folder / post.name)
    first = run(tmp_path, "sync", env=no_models)
    assert first.returncode == 0, first.stderr
    for path in tmp_path.glob("locales/*/LC_MESSAGES/*.po"):
        review_as_is(path)
    second = run(tmp_path, "sync", env=no_models)
    assert second.returncode == 0, second.stderr
    check = run(tmp_path, "check", env=no_models)
    assert check.returncode == 0, check.stdout + check.stderr
    status = run(tmp_path, "status", env=no_models)
    assert status.returncode == 0 and " partial " not in status.stdout
    for post in POSTS:
        target = "en" if post.parent.name == "zh" else "zh"
        source = (tmp_path / "content" / post.parent.name / post.name).read_bytes().decode("utf-8")
        edition = (tmp_path / "content" / target / post.name).read_bytes().decode("utf-8")
        assert without_edition_keys(edition) == without_edition_keys(source), post.name
        assert ("draft: true" in edition) == ("draft: true" in source), post.name  # reviewed: published
