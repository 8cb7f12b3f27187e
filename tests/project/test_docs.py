"""The docs are tested: README names every command and public function, environment.yml keeps
in step with pyproject.toml, and docstring examples run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest

import verify

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _name(requirement: str) -> str:
    """The package's name, normalized as pip and conda compare them (lxml_html_clean is
    conda-forge's lxml-html-clean)."""
    name = re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def test_environment_yml_has_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = (ROOT / "environment.yml").read_text()
    listed = {_name(line.strip()[2:]) for line in env.splitlines() if line.strip().startswith("- ")}
    assert wanted <= listed, f"add to environment.yml: {sorted(wanted - listed)}"


@pytest.mark.parametrize("name", verify.__all__)
def test_readme_names_every_public_name(name):
    assert name in README, f"README.md does not mention verify.{name}"


@pytest.mark.parametrize("command", ["verify extract", "verify numbers", "verify check",
                                     "verify export", "make lab", "make test", "make bench",
                                     "make app"])
def test_readme_names_every_command(command):
    assert command in README


def test_docstring_examples_run():
    # walk_packages, not iter_modules: the examples live in the stage folders (verify/reading/...)
    failures, tried = 0, 0
    for info in pkgutil.walk_packages(verify.__path__, "verify."):
        if info.name == "verify.__main__":
            continue
        module = importlib.import_module(info.name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        failures, tried = failures + result.failed, tried + result.attempted
    failures += doctest.testmod(verify).failed
    assert failures == 0
    assert tried > 20, "the docstring examples of the stage folders were not found"
