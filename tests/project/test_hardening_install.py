"""A fresh install works (issue 10, point 11): the wheel carries everything ``verify`` reads (the
seed article and the verdict scales), its metadata asks for what trafilatura needs even from an
old pip, the build gives no packaging warning, and the installed package, outside the checkout,
loads the seed and extracts its claims.

Offline, as every test here: the wheel is built with the project venv's own setuptools
(``--no-build-isolation``) from a copy of the files git would clone, installed with
``--no-deps --no-index`` into a fresh venv by the pip that Python bundles (no upgrade), and its
dependencies are borrowed from the project venv through a ``.pth`` file. The real install from
the package registries (``pip install .`` in a fresh venv) runs in ``.ci/run``, where they are
reachable.
"""

from __future__ import annotations

import email.parser
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

import verify
from verify import SEED_ARTICLE, extract_claims, load_article

ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "putin-kim-2024.it.txt"
REPOSITORY_SEED = ROOT / "articles" / SEED_NAME
PACKAGE_SEED = Path(verify.__file__).resolve().parent / "data" / "seed" / SEED_NAME
SCALE_FILES = {"default.csv", "fever.csv", "pagella-politica.csv", "politifact.csv"}

# What setuptools says when the configuration is out of date or incomplete.
PACKAGING_WARNINGS = re.compile(
    r"license.{0,40}(TOML table|deprecat)|License classifiers are deprecated"
    r"|absent from the `?packages`? configuration|SetuptoolsDeprecationWarning", re.I | re.S)

pytestmark = pytest.mark.install


def _normalized(name: str) -> str:
    """A distribution name as pip compares them (PEP 503): lxml_html_clean == lxml-html-clean."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _normalized(re.split(r"[<>=!~\[ ;(]", requirement.strip(), maxsplit=1)[0])


def _asks_for_html_clean(requirements: list[str]) -> bool:
    """Whether the requirements name lxml_html_clean themselves, or lxml's extra spelled the
    normalized way (``lxml[html-clean]``), which pip 23.2 understands."""
    for requirement in requirements:
        if _requirement_name(requirement) == "lxml-html-clean":
            return True
        if re.match(r"\s*lxml\s*\[[^\]]*\bhtml-clean\b", requirement):
            return True
    return False


# --- the configuration ----------------------------------------------------------------------------

def test_the_seed_article_is_package_data_and_the_repositorys_copy_is_the_same():
    """The package reads its own copy (so an installed wheel has it); ``articles/`` keeps the
    seed where the README's commands and a newcomer look for it. The two must not drift."""
    assert SEED_ARTICLE.resolve() == PACKAGE_SEED
    assert PACKAGE_SEED.read_bytes() == REPOSITORY_SEED.read_bytes(), (
        f"{REPOSITORY_SEED} and {PACKAGE_SEED} differ: the package's copy is the one read; "
        "copy it over the other (or the other way round) so both hold the same article")
    assert load_article().text == REPOSITORY_SEED.read_text(encoding="utf-8")


def test_pyproject_asks_for_lxml_html_clean_and_uses_an_spdx_license():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    assert _asks_for_html_clean(project["dependencies"]), project["dependencies"]
    assert isinstance(project["license"], str), "use an SPDX expression: license = \"MIT\""
    requires = " ".join(pyproject["build-system"]["requires"])
    found = re.search(r"setuptools\s*>=\s*(\d+)", requires)
    assert found and int(found.group(1)) >= 77, "an SPDX license string needs setuptools>=77"


# --- the wheel ------------------------------------------------------------------------------------

def _tracked_files() -> list[str]:
    """The files a fresh clone has (plus new ones not yet committed, not ignored)."""
    done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                          cwd=ROOT, capture_output=True, check=True)
    return [name for name in done.stdout.decode().split("\0")
            if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """The wheel built from a copy of the clone's files, and the build's output."""
    setuptools = importlib.metadata.version("setuptools")
    assert int(setuptools.split(".")[0]) >= 77, (
        f"the project venv has setuptools {setuptools}; the build needs setuptools>=77 (the "
        "test extra): run `make setup-test`, or .venv/bin/python -m pip install -e '.[test]'")
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in _tracked_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(base / "dist"), str(source)],
        capture_output=True, text=True, timeout=300, cwd=base,
        env={**os.environ, "PIP_NO_INPUT": "1", "PYTHONWARNINGS": "default"})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    [wheel] = (base / "dist").glob("verify-*.whl")
    return wheel, done.stdout + done.stderr


def test_the_wheel_builds_without_packaging_warnings(built):
    _, output = built
    warnings = sorted({m.group() for m in PACKAGING_WARNINGS.finditer(output)})
    assert not warnings, warnings


def test_the_wheel_carries_the_seed_article_and_the_scales(built):
    wheel, _ = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert f"verify/data/seed/{SEED_NAME}" in names
        assert archive.read(f"verify/data/seed/{SEED_NAME}") == REPOSITORY_SEED.read_bytes()
        scales = {n.rsplit("/", 1)[1] for n in names if n.startswith("verify/data/scales/")
                  and n.endswith(".csv")}
        assert scales == SCALE_FILES
        assert not [n for n in names if n.startswith(("tests/", "articles/", "notebooks/"))]
    # every data file the package has in the clone (the demo sources too) is in the wheel
    data = {name for name in _tracked_files() if name.startswith("verify/data/")}
    assert data and data <= names, sorted(data - names)


def test_the_wheel_metadata_asks_for_lxml_html_clean_and_states_the_license(built):
    wheel, _ = built
    with zipfile.ZipFile(wheel) as archive:
        [meta_name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(archive.read(meta_name).decode("utf-8"))
    requires = [r for r in metadata.get_all("Requires-Dist") if "extra ==" not in r]
    assert _asks_for_html_clean(requires), requires
    assert metadata["License-Expression"] == "MIT"
    assert not [c for c in metadata.get_all("Classifier") or [] if c.startswith("License ::")]


def _fresh_venv(folder: Path) -> Path:
    """A new venv with the pip Python bundles (no upgrade), no system site-packages, and the
    project venv's site-packages appended for the dependencies (a ``.pth`` line: its own
    ``.pth`` files, the editable checkout among them, are not run)."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=180,
                   capture_output=True)
    python = folder / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "zz_project_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    return python


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))}
    env.update(PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_CONFIG_FILE=os.devnull)
    return env


def test_the_installed_wheel_loads_the_seed_outside_the_checkout(built, tmp_path):
    wheel, _ = built
    python = _fresh_venv(tmp_path / "venv")
    pip = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, text=True,
                         env=_clean_env(), check=True).stdout
    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index",
                                str(wheel)], capture_output=True, text=True, timeout=300,
                               env=_clean_env(), cwd=tmp_path)
    assert installed.returncode == 0, pip + installed.stdout + installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [str(python), "-c", "import verify, trafilatura; "
         "from verify import load_article, extract_claims; "
         "print(verify.__file__); print(len(extract_claims(load_article())))"],
        capture_output=True, text=True, timeout=300, cwd=elsewhere, env=_clean_env())
    assert done.returncode == 0, done.stderr[-3000:]
    where, count = done.stdout.split()
    assert Path(where).resolve().is_relative_to((tmp_path / "venv").resolve()), where
    assert int(count) == len(extract_claims(load_article())) > 50
    # the command the README gives, as installed
    command = subprocess.run([str(tmp_path / "venv" / "bin" / "verify"), "numbers",
                              "La Russia ha ricevuto più di 10.000 container"],
                             capture_output=True, text=True, timeout=120, cwd=elsewhere,
                             env=_clean_env())
    assert command.returncode == 0, command.stderr[-3000:]
    [mention] = json.loads(command.stdout)
    assert (mention["value"], mention["qualifier"]) == ("10000", "more_than")
