# The two entry points the README opens with. Everything installs from this repository's own files.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: run test setup

$(BIN)/sitrep: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/sitrep

setup: $(BIN)/sitrep

# Set up, then extract the events of the example article shipped in the repository and print them as a table.
run: setup
	$(BIN)/sitrep extract examples/mortar-attack-gao.txt --format table

# Set up, then run the whole test suite.
test: setup
	$(BIN)/python -m pytest
