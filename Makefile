# Two commands do everything on a fresh machine: `make report` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-done
RAW ?= data/raw
PROCESSED ?= data/processed
REPORTS ?= reports

.PHONY: setup browser build analyze report test test-fast golden restorer lint typecheck bench lab clean

setup: $(STAMP) browser

# Debian's Chromium, for the browser tests of the reports (installed when missing, as root).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium missing and not root: the browser tests will be skipped"; }

# Re-runs only when pyproject.toml changes; otherwise a no-op that takes no time.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, from the local CPU build: a bare `torch` would pull a multi-GB CUDA build
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev,ray]'
	@touch $(STAMP)

build: setup
	$(BIN)/compare build --raw $(RAW) --out $(PROCESSED)

analyze: build
	$(BIN)/compare analyze --processed $(PROCESSED)

report: setup
	$(BIN)/compare report --raw $(RAW) --processed $(PROCESSED) --out $(REPORTS)

test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The parser's tests and the stored expected tables, without model, notebook, browser or PDF.
test-fast: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow"

# ruff: lint (complexity limit included) and format; mypy: strict on the parser and the tables.
lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

# Rewrite the stored expected tables (tests/golden/) on purpose; the commit shows their diff.
golden: setup
	$(BIN)/python tests/golden.py --write

# Relearn the restorer's packaged model from data/raw and tests/material (after changing them).
restorer: setup
	$(BIN)/python -m compare.build.restorer_model

bench: setup
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py

# JupyterLab on the project's kernel ("compare (.venv)", installed inside .venv), as root too
# (containers, JupyterHub); it prints the URL to open.
lab: setup
	$(BIN)/python -m ipykernel install --sys-prefix --name compare --display-name "compare (.venv)" >/dev/null
	$(BIN)/jupyter lab notebooks/ --no-browser --ServerApp.ip=$${LAB_IP:-127.0.0.1} \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $(LAB_ARGS)

clean:
	rm -rf $(PROCESSED)/*.parquet $(REPORTS)
