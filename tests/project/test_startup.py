"""A fast start (archive issue): `import verify` and the commands that do not need them never
import pandas, numpy or ipywidgets. Each case runs in a fresh Python process and lists the heavy
modules that were imported by the time the process exits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import verify

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "ipywidgets")

# Runs the command line as `python -m verify` does, and at exit prints (as the last stderr line)
# which heavy modules the process imported.
_RUN_CLI = """
import atexit, json, runpy, sys
atexit.register(lambda: print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)),
                              file=sys.stderr))
sys.argv = ["verify"] + {argv!r}
runpy.run_module("verify", run_name="__main__")
"""


def _heavy_after(code: str, cwd: Path = ROOT) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd, timeout=120)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_import_verify_imports_no_heavy_module():
    code = ("import sys, json, verify; print(json.dumps(sorted(m for m in %r if m in "
            "sys.modules)), file=sys.stderr)" % (HEAVY,))
    assert _heavy_after(code) == []


@pytest.mark.parametrize("argv", [
    ["numbers", "più di 10.000 container"],
    ["numbers", "--lines", "-"],
    ["extract", "verify/data/seed/putin-kim-2024.it.txt"],
    ["check", "verify/data/seed/putin-kim-2024.it.txt"],
], ids=["numbers", "numbers-lines", "extract", "check"])
def test_command_imports_no_heavy_module(argv):
    assert _heavy_after(_RUN_CLI.format(heavy=HEAVY, argv=argv)) == []


def test_every_public_name_still_there():
    """The lazy names all resolve, `from verify import X` works, and dir() lists them."""
    for name in verify.__all__:
        assert getattr(verify, name) is not None, name
    from verify import Workbench, Worksheet  # noqa: F401
    assert set(verify.__all__) <= set(dir(verify))
    with pytest.raises(AttributeError, match="no_such_name"):
        verify.no_such_name  # noqa: B018


def test_the_ui_is_there_when_asked_for():
    code = ("import sys, json; from verify import Workbench; "
            "print(json.dumps(sorted(m for m in %r if m in sys.modules)), file=sys.stderr)"
            % (HEAVY,))
    assert "ipywidgets" in _heavy_after(code)


def test_a_file_is_read_without_the_network_code():
    """requests (about 60 ms to import) is only for URLs."""
    code = _RUN_CLI.format(heavy=HEAVY + ("requests",),
                           argv=["extract", "verify/data/seed/putin-kim-2024.it.txt"])
    assert _heavy_after(code) == []
