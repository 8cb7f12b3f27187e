"""The layout holds (issue 14, docs/design.md "The layout"): small modules, small functions, imports
that point one way down the stages, and one public surface.

- Every module under ``verify/`` is at most 600 lines (the grammar keeps its own, stricter 500:
  ``tests/grammar/test_grammar_structure.py``), and every function, method and inner function has
  a cyclomatic complexity (radon's measure) of at most 25.
- A module imports only its own stage and the stages below it: records < lang < grammar <
  reading < evidence < checking < reports < the front ends (ui, batch, then cli). The top-level
  helpers that every stage may use (errors, settings) sit below them all.
- The public API is ``verify.__all__``: no other module declares an ``__all__``, every name in
  it resolves, and the README's "The Python API" section lists exactly those names.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from radon.complexity import cc_visit

import verify

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "verify"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 600
MAX_COMPLEXITY = 25

# Each stage (a folder under verify/, or a top-level module) and its rank: a module may import a
# stage of a lower rank, or its own stage. Two stages of one rank (ui and batch) may not import
# each other. A new folder or top-level module must be placed here, which is the point: its place
# in the stages is a design decision (docs/design.md).
RANKS = {
    "errors": 0,
    "settings": 1,  # its SettingsError is an error like the others
    "records": 1,
    "lang": 2,
    "grammar": 3,
    "reading": 4,
    "evidence": 5,
    "checking": 6,
    "reports": 7,
    "ui": 8, "batch": 8,
    "cli": 9,
    "__main__": 10, "__init__": 10,
}

def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _stage(parts: tuple[str, ...]) -> str:
    """The stage of the module at ``verify/<parts>``: its folder, or its own name at the top."""
    name = parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")
    return name


def _imported_stages(path: Path, package_root: Path = PACKAGE):
    """(line, stage) for each module of ``verify`` that the module at ``path`` imports, by a
    relative import or by ``verify.``, at the top or inside a function."""
    parts = path.relative_to(package_root).parts
    package = list(parts[:-1])  # the package the module is in, as relative imports see it
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                targets = [base + node.module.split(".")]
            else:  # from .. import errors, lang
                targets = [base + [alias.name] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "verify":
            below = node.module.split(".")[1:]  # from verify.reading import x; from verify import x
            targets = [below] if below else [[alias.name] for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name.split(".")[1:] for alias in node.names
                       if alias.name.split(".")[0] == "verify"]
        else:
            continue
        for target in targets:
            stage = target[0] if target else "__init__"
            yield node.lineno, stage


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_each_module_is_at_most_600_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, (
        f"{_name(path)} has {lines} lines; split it by concern (at most {MAX_LINES})")


def _functions(blocks):
    """Every function, method and inner function among radon's ``blocks``."""
    for block in blocks:
        if hasattr(block, "methods"):  # a class
            yield from _functions(block.methods)
            yield from _functions(block.inner_classes)
        else:
            yield block
            yield from _functions(block.closures)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_each_function_has_complexity_at_most_25(path):
    too_complex = {f"{block.fullname} (line {block.lineno})": block.complexity
                   for block in _functions(cc_visit(path.read_text(encoding="utf-8")))
                   if block.complexity > MAX_COMPLEXITY}
    assert not too_complex, f"{_name(path)}: split these into named steps: {too_complex}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_imports_point_down_the_stages(path):
    stage = _stage(path.relative_to(PACKAGE).parts)
    assert stage in RANKS, f"{_name(path)}: place the stage {stage!r} in RANKS (docs/design.md)"
    upward = []
    for line, imported in _imported_stages(path):
        assert imported in RANKS, f"{_name(path)}, line {line}: unknown stage {imported!r}"
        if imported != stage and RANKS[imported] >= RANKS[stage]:
            upward.append(f"line {line}: {stage} imports {imported}")
    assert not upward, (f"{_name(path)} imports a stage at or above its own; move the shared code "
                        f"down, or the caller up: {upward}")


def test_the_layer_check_sees_an_upward_import(tmp_path):
    """The check above reads the imports it must: a records module importing the reports (at
    the top, and inside a function) is seen."""
    fake = tmp_path / "verify" / "records" / "model.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from ..reports import export\n"
                    "def f():\n    from ..checking.worksheet import Worksheet\n"
                    "from . import files\nfrom .. import errors\nimport verify.ui.app\n"
                    "from verify import batch\n", encoding="utf-8")
    assert sorted(_imported_stages(fake, tmp_path / "verify")) == [
        (1, "reports"), (3, "checking"), (4, "records"), (5, "errors"), (6, "ui"), (7, "batch")]


@pytest.mark.parametrize("path", [p for p in MODULES if p != PACKAGE / "__init__.py"], ids=_name)
def test_only_the_package_declares_a_public_surface(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declares = [node.lineno for node in ast.walk(tree)
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name) and target.id == "__all__"]
    assert not declares, (f"{_name(path)}, line {declares[0]}: internal modules have no __all__; "
                          f"a public name goes in verify/__init__.py (_WHERE)")


def test_every_public_name_resolves():
    missing = [name for name in verify.__all__ if getattr(verify, name, None) is None]
    assert not missing, f"verify.__all__ names what verify does not have: {missing}"
    assert len(set(verify.__all__)) == len(verify.__all__)


def _readme_api_names() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## The Python API\n(.*?)^## ", readme, re.S | re.M)
    assert section, "README.md has no section '## The Python API'"
    return re.findall(r"^- `([A-Za-z_][A-Za-z0-9_]*)", section.group(1), re.M)


def test_the_readme_lists_exactly_the_public_names():
    listed = _readme_api_names()
    assert len(listed) == len(set(listed)), "README's Python API lists a name twice"
    assert set(listed) - set(verify.__all__) == set(), (
        "README's Python API lists names verify does not export")
    assert set(verify.__all__) - set(listed) == set(), (
        "README's Python API leaves out public names: one line each, under their stage")
