# Two commands for a newcomer (see README): `make lab` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: lab test setup setup-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the project's dependencies change.
$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed-lab
setup-test: $(VENV)/.installed-test

## Open the workbench notebook on the embedded seed article.
lab: setup
	$(BIN)/jupyter lab notebooks/01_check_an_article.ipynb

## Run the whole test suite.
test: setup-test
	$(BIN)/python -m pytest

## Time extraction beside the peer libraries (installs them into the venv).
bench: setup-test
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
