# You Decide — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: demo test install install-test lint typecheck migrations-check pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## make demo: install, migrate an SQLite database under var/, seed the Cheshire East demo, serve on 127.0.0.1:$(PORT)
demo: install
	mkdir -p var
	$(BIN)/youdecide demo

## make test: install the test dependencies and run the whole suite (DATABASE_URL picks the database)
test: install-test migrations-check lint typecheck pytest

migrations-check:
	mkdir -p var
	SECRET_KEY=migrations-check $(BIN)/youdecide makemigrations --check --dry-run

lint:
	$(BIN)/ruff check youdecide tests bench
	$(BIN)/ruff format --check youdecide tests bench

typecheck:
	SECRET_KEY=typecheck $(BIN)/mypy youdecide tests conftest.py bench

# The suite runs in one process per core (TEST_WORKERS=0: in this process alone), a test file per worker.
TEST_WORKERS ?= auto

pytest:
	SECRET_KEY=$${SECRET_KEY:-test-suite-only-key} $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var
