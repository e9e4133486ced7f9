"""Shared test setup: an isolated, offline argostranslate.

At import time -- before any test module can import argostranslate, whose
``settings`` module reads the environment once, on first import -- this file
points everything argostranslate (and stanza/MiniSBD beneath it) reads or writes
at a fresh temporary directory, removed at exit.  The variables are set in
``os.environ``, so subprocesses (e.g. the ``newsroom`` CLI) inherit them:

* ``XDG_DATA_HOME``, ``XDG_CONFIG_HOME``, ``XDG_CACHE_HOME``: argostranslate's
  data dir (MiniSBD model cache, local package index), config dir
  (``settings.json``) and download cache;
* ``ARGOS_PACKAGES_DIR``: where packages are installed;
* ``ARGOS_PACKAGE_INDEX``: a ``file://`` URL of an empty index, so
  ``update_package_index``/``get_available_packages`` work offline (empty);
* ``ARGOS_DEVICE_TYPE=cpu``; ``STANZA_RESOURCES_DIR``;
* every other inherited ``ARGOS_*`` variable (and ``SNAP``) is removed, so a
  developer's settings (beam size, chunk type, model provider...) cannot leak in.

Fixtures:

* ``argos_models`` (session): builds tiny zh->en and en->zh packages with
  ``tinymt.build_argos_package`` (identity: output == input) and installs
  them; returns the packages directory.
* ``argos_caches`` (function): clears argostranslate's in-process caches
  before and after the test and yields ``tinymt.clear_argos_caches`` so the
  test can clear again itself, e.g. after installing another package.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

if str(Path(__file__).resolve().parent) not in sys.path:  # e.g. under --import-mode=importlib
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from tinymt import build_argos_package, clear_argos_caches, isolate_argos  # noqa: E402

if "argostranslate.settings" in sys.modules:  # pragma: no cover - misconfiguration
    raise RuntimeError(
        "argostranslate was imported before tests/conftest.py could isolate it; "
        "its settings would point at the real user directories"
    )

ARGOS_HOME = Path(tempfile.mkdtemp(prefix="newsroom-tests-argos-"))
atexit.register(shutil.rmtree, ARGOS_HOME, ignore_errors=True)

isolate_argos(ARGOS_HOME)


@pytest.fixture(scope="session")
def argos_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install identity zh->en and en->zh tiny packages; return the packages dir."""
    import argostranslate.package
    import argostranslate.settings

    build_dir = tmp_path_factory.mktemp("argos-build")
    for from_code, to_code in (("zh", "en"), ("en", "zh")):
        argostranslate.package.install_from_path(
            build_argos_package(build_dir, from_code=from_code, to_code=to_code)
        )
    clear_argos_caches()
    return Path(argostranslate.settings.package_data_dir)


@pytest.fixture
def argos_caches() -> Iterator[Callable[[], None]]:
    """Clear argostranslate's in-process translation caches around the test."""
    clear_argos_caches()
    yield clear_argos_caches
    clear_argos_caches()


@pytest.fixture
def no_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment where no Argos model is installed."""
    import os

    return {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path_factory.mktemp("no-models"))}


@pytest.fixture(autouse=True)
def po_files_as_gettext_reads_them(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every test, every PO file it left in its tmp_path is checked against GNU gettext.

    Whoever wrote the file (newsroom, or a test playing a translator's tool),
    what newsroom reads from it and writes back must be what ``msgcat`` writes
    for it: same entries, same layout. Files newsroom refuses are skipped here
    (their tests check the refusal), and so are files msgcat itself refuses.
    """
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is None or shutil.which("msgcat") is None:
        return
    import subprocess

    from pipeline.errors import InputError
    from pipeline.po import read_po
    from pipeline.po.write import write_po

    for path in sorted(folder.rglob("*.po")):
        if not path.is_file():
            continue  # a folder or FIFO named *.po: a bad-input test's
        try:
            catalog = read_po(path.read_bytes().decode("utf-8"), path=str(path))
        except (InputError, UnicodeDecodeError):
            continue
        gettext = subprocess.run(["msgcat", str(path)], capture_output=True)
        if gettext.returncode != 0:
            continue
        assert write_po(catalog).encode("utf-8") == gettext.stdout, f"{path}: newsroom's reading and writing differ from msgcat's"
