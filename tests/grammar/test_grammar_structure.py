"""The number grammar stays readable (issue 9): small modules, small functions.

Every module of ``verify/grammar`` is at most 500 lines, and every function and method in it has a
cyclomatic complexity (radon's measure: one plus each branch, loop, boolean operator and
comprehension condition) of at most 25.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = ROOT / "verify" / "grammar"
MODULES = sorted(GRAMMAR.glob("*.py"))
MAX_LINES = 500
MAX_COMPLEXITY = 25


def test_the_grammar_is_a_package_of_several_modules():
    names = {path.stem for path in MODULES}
    assert {"__init__", "candidates", "compose", "context", "calendar", "prefilter", "types"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_each_module_is_at_most_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines; split it by concern (at most {MAX_LINES})"


def _blocks(path: Path):
    """Every function and method of the module at ``path``, with radon's complexity."""
    for block in cc_visit(path.read_text(encoding="utf-8")):
        yield block
        yield from getattr(block, "methods", ())  # a class: its methods


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_each_function_has_complexity_at_most_25(path):
    too_complex = {f"{block.name} (line {block.lineno})": block.complexity
                   for block in _blocks(path) if block.complexity > MAX_COMPLEXITY}
    assert not too_complex, f"{path.name}: split these into named steps: {too_complex}"
