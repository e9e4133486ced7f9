# One command to set up and run the main job, one to set up and run the tests.
#   make sync    create .venv, install newsroom, run `newsroom sync` on content/
#   make test    create .venv, install newsroom with its test tools, run the tests

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup sync check test bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# the CPU build of torch first: argostranslate -> stanza -> torch would pull a multi-GB CUDA build
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

sync: setup
	$(BIN)/newsroom sync

check: setup
	$(BIN)/newsroom check

test: setup
	@command -v msgfmt >/dev/null || { echo "GNU gettext is needed by the tests: apt-get install gettext" >&2; exit 2; }
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py
