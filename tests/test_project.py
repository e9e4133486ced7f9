"""Project files: atomic writes, configuration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.project import atomic_write, load_config


def test_atomic_write_leaves_old_file_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.po"
    path.write_text("old\n", encoding="utf-8")

    def interrupted(source: str, destination: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "new\n")
    assert path.read_text("utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]  # no temporary file left behind


def test_atomic_write_reports_change_and_keeps_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "a.md"
    assert atomic_write(path, "一\n") is True
    before = path.stat().st_mtime_ns
    assert atomic_write(path, "一\n") is False
    assert path.stat().st_mtime_ns == before


def test_config_defaults_and_errors(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.languages == ("zh", "en") and config.min_reviewed == 100.0
    (tmp_path / "newsroom.toml").write_text('[newsroom]\nlanguages = ["zh", "fr"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unsupported language 'fr'"):
        load_config(tmp_path)
    (tmp_path / "newsroom.toml").write_text("[newsroom\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert caught.value.path == "newsroom.toml" and caught.value.line == 1
