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

# Set up, run the whole test suite, then hold sitrep to its pinned evaluation floors on the development sets.
test: setup
	$(BIN)/python -m pytest
	@if [ -d ../shared/dev ]; then $(BIN)/sitrep gate ../shared/dev; \
	else echo "evaluation gate skipped: ../shared/dev (the gold data) is not beside this checkout"; fi
