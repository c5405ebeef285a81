# The two commands: `make run` and `make test`. Both create .venv and install when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

NOTEBOOKS := $(wildcard notebooks/*.ipynb)
NOTEBOOK_HTML := notebooks/_html

.PHONY: run test install lint format bench clean notebooks strip-notebooks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/talent db upgrade
	$(BIN)/talent demo --if-empty
	$(BIN)/talent serve --host $(HOST) --port $(PORT)

# pytest's exit code 5 (no tests collected) is a failure here, as any non-zero code is.
test: install
	$(BIN)/python -m pytest

# ruff (lint and format) and mypy (types; its settings are in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Executes every notebook and renders it to $(NOTEBOOK_HTML)/ (git ignores it). Reads
# TALENT_DATABASE_URL when set; otherwise the demo in ./talent.db, loaded as `make run` does.
notebooks: install
	@if [ -z "$$TALENT_DATABASE_URL" ]; then \
	  $(BIN)/talent db upgrade && $(BIN)/talent demo --if-empty; fi
	TALENT_DATABASE_URL="$${TALENT_DATABASE_URL:-sqlite:///$(CURDIR)/talent.db}" \
	  $(BIN)/jupyter nbconvert --to html --execute --ExecutePreprocessor.kernel_name=python3 \
	  --ExecutePreprocessor.timeout=300 --output-dir $(NOTEBOOK_HTML) $(NOTEBOOKS)

# Notebooks are committed without outputs (tests/notebooks/test_stripped.py checks it).
strip-notebooks: install
	$(BIN)/nbstripout $(NOTEBOOKS)

bench: install
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/explain.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
