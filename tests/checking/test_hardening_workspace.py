"""Where a user's work lives (issue 10, point 4; docs/design.md "Where a user's work lives").

The repository ships the seed's demo sources read-only; a checker's worksheets, sources,
snapshots and exports go where git ignores them. The main test does a full round of checking
in a copy of the repository, as a checker would in a fresh clone (verdicts, a pasted source,
a fetched one from a real HTTP server on 127.0.0.1, evidence links, the three exports from the
command line, the three notebooks run headless, the demo registry rebuilt), then asks git.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from verify import SEED_ARTICLE, Worksheet
from verify.errors import SourceError
from verify.evidence.sources import SourceRegistry
from verify.records.workspace import DEMO_SOURCES, sources_folder, workspace

ROOT = Path(__file__).resolve().parents[2]
USER_VARIABLES = ("VERIFY_SOURCES", "VERIFY_WORKSHEET", "VERIFY_WORKSHEETS", "VERIFY_OUT",
                  "VERIFY_WORKSPACE")


def _tree(folder: Path) -> dict[str, str]:
    """Each file's hash (not the lock file, which git ignores and a wheel leaves out)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".registry.lock"}


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def clone(tmp_path, monkeypatch) -> Path:
    """A copy of the repository as a fresh clone has it (what git tracks, and new files not
    ignored yet), committed in a new git repository; the package imported from it."""
    repo = tmp_path / "clone"
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        origin = ROOT / name
        if origin.is_file():  # a file deleted in the work tree is not part of the clone
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, repo / name)
    _git(repo.parent, "init", "-q", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "c")
    for name in USER_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PYTHONPATH", str(repo))
    monkeypatch.setenv("VERIFY_CHECKER", "Round Tester")
    monkeypatch.setenv("VERIFY_ALLOW_PRIVATE_FETCH", "1")  # the test's server is on 127.0.0.1
    return repo


ROUND = """
import sys
from verify.ui.workbench import open_workbench

workbench = open_workbench()                  # the seed, in claims/<article_id>.csv
ws, session, evidence = workbench.worksheet, workbench.session, workbench.evidence.session
print("WORKSHEET", ws.path)
print("REGISTRY", ws.sources.folder, len(ws.sources.sources))
claims = {c.text: c for c in ws.claims}
containers = claims["più di 10.000 container"]
session.select(containers.claim_id)
print(session.save("mostly true", rationale="US: more than 10,000; South Korea: 6,700"))
ws.set_verdict(claims["24 anni"].claim_id, "false", rationale="23 years 11 months")
print(evidence.add_source(text="North Korea has sent more than 10,000 containers of munitions "
                          "to Russia, a State Department fact sheet says.", title="fact sheet"))
print(evidence.add_source(url=sys.argv[1]))
for passage in evidence.suggestions():
    if "10,000 containers" in passage.text:
        print(evidence.link(passage, "supports"))
print("LINKS", len(ws.evidence(containers.claim_id)))
"""


def test_a_full_round_of_checking_leaves_git_status_clean(clone, http_server):
    url = http_server.route("/fact-sheet.html", (
        "<html><head><title>State Department fact sheet</title></head><body><article>"
        "<p>Since September 2023, North Korea has sent more than 10,000 containers of "
        "munitions or munitions-related materials to Russia, the State Department said.</p>"
        "</article></body></html>"))
    demo = _tree(clone / "verify" / "data" / "demo_sources")
    demo_count = len(SourceRegistry.open(clone / "verify" / "data" / "demo_sources").sources)
    env = {**os.environ}

    done = subprocess.run([sys.executable, "-c", ROUND, url], cwd=clone / "notebooks", env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert f"WORKSHEET {clone / 'claims'}" in out, out
    assert f"REGISTRY {clone / 'sources'} {demo_count}" in out, out  # the demo, copied
    assert "added: fact sheet" in out and "added: State Department fact sheet" in out, out
    assert "linked as supports" in out and "LINKS 0" not in out, out
    [worksheet] = set((clone / "claims").glob("*.csv")) - set((clone / "claims").glob("*.*.csv"))
    (clone / "out").mkdir()  # as the README's checker does: mkdir -p out
    for fmt, name in (("csv", "report.csv"), ("html", "report.html"),
                      ("claimreview", "report.claimreview.json")):
        done = subprocess.run([sys.executable, "-m", "verify", "export", str(worksheet),
                               "--format", fmt, "-o", f"out/{name}"], cwd=clone, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert (clone / "out" / name).stat().st_size > 0

    for name in sorted((clone / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(name, as_version=4)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(name.parent)}}).execute()
    assert (clone / "out" / f"{worksheet.stem}.html").is_file()  # notebook 02 read the round

    done = subprocess.run([sys.executable, "sources/build_seed_registry.py"], cwd=clone,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "demo_sources" in done.stdout, done.stdout

    assert _tree(clone / "verify" / "data" / "demo_sources") == demo
    status = [line for line in _git(clone, "status", "--porcelain", "--untracked-files=all")
              .splitlines() if ".ipynb_checkpoints" not in line]
    assert status == [], "using the workbench changed the repository:\n" + "\n".join(status)
    # the work is there, where git ignores it
    assert (clone / "sources" / "registry.csv").is_file() and (clone / "out").is_dir()
    assert len(SourceRegistry.open(clone / "sources").sources) == demo_count + 2


def test_the_live_registry_starts_as_a_copy_of_the_demo(tmp_path, monkeypatch):
    (tmp_path / "claims").mkdir()
    monkeypatch.setenv("VERIFY_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("VERIFY_SOURCES", raising=False)
    assert workspace() == tmp_path and sources_folder() == tmp_path / "sources"
    ws = Worksheet.open(tmp_path / "claims" / "seed.csv", article=SEED_ARTICLE)
    demo = SourceRegistry.open(DEMO_SOURCES).sources
    assert ws.sources.folder == tmp_path / "sources"
    assert ws.sources.sources == demo
    assert all(ws.sources.verify_snapshot(s.source_id) for s in demo if s.sha256)
    ws.add_source(text="a checker's own passage about 10,000 containers")
    assert len(SourceRegistry.open(tmp_path / "sources").sources) == len(demo) + 1
    # a registry somewhere else starts empty: the demo is the workspace's starting point only
    assert SourceRegistry.open(tmp_path / "elsewhere").sources == []
    # the folder VERIFY_SOURCES names is a live registry too
    monkeypatch.setenv("VERIFY_SOURCES", str(tmp_path / "shared-sources"))
    assert SourceRegistry.open(tmp_path / "shared-sources").sources == demo


def test_the_shipped_demo_is_never_edited_in_place():
    before = _tree(DEMO_SOURCES)
    registry = SourceRegistry.open(DEMO_SOURCES)
    with pytest.raises(SourceError, match="read-only"):
        registry.add_text("a checker's passage, pasted into the demo by mistake")
    with pytest.raises(SourceError, match="read-only"):
        registry.add_url("https://example.org/page", fetch=False)
    assert _tree(DEMO_SOURCES) == before


def test_a_worksheet_pointed_at_the_demo_is_told_where_to_work(tmp_path):
    ws = Worksheet.open(tmp_path / "claims" / "seed.csv", article=SEED_ARTICLE,
                        sources=DEMO_SOURCES)
    with pytest.raises(SourceError) as err:
        ws.add_source(text="a passage")
    assert "VERIFY_SOURCES" in str(err.value) or "sources=" in str(err.value), str(err.value)
