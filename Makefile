# Two commands for a newcomer (see README): `make lab` and `make test`; `make app` for checkers
# who want the workbench without code.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: lab app test setup setup-test bench clean

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
# JupyterLab refuses to run as root unless told; containers and fresh cloud machines often are.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
# At the project's root, so claims/, sources/ and out/ are in the file browser; notebook 01 opens.
# The project's settings (.jupyter/lab-settings/overrides.json) turn off the news pop-up that
# would cover the notebook on first start, and the server never asks for news or updates.
LAB_FLAGS = --ServerApp.root_dir="$(CURDIR)" --LabApp.app_settings_dir="$(CURDIR)/.jupyter/lab-settings" \
            --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate
lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_FLAGS) $(LAB_ARGS) notebooks/01_check_an_article.ipynb

## The checker's app (Voilà serves app/checker.ipynb: the workbench, an article picker, the
## worksheets in progress; no code), opened in the browser at http://localhost:8866.
## `make app APP_ARGS=--no-browser` only serves it. Offline: the template app/share/jupyter/voila/
## templates/verify-app asks no CDN (Voilà's own bundle carries the icons).
APP_PORT ?= 8866
APP_ARGS ?=
APP_FLAGS = --template=verify-app --port=$(APP_PORT)
app: setup
	JUPYTER_PATH="$(CURDIR)/app/share/jupyter" $(BIN)/voila app/checker.ipynb $(APP_FLAGS) $(APP_ARGS)

## Run the whole test suite.
test: setup-test
	$(BIN)/python -m pytest

## Time extraction beside the peer libraries (installs them into the venv).
bench: setup-test
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
