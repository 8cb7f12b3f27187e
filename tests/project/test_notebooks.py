"""The notebooks people open are executed here, headless, as saved (without outputs)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from verify.records.workspace import DEMO_SOURCES  # the shipped, read-only demo registry

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
CONTAINERS = "più di 10.000 container"


@pytest.fixture(autouse=True)
def worksheet(tmp_path, monkeypatch) -> Path:
    """The worksheet notebook 01 opens: a temp file, never the repository's claims/ folder;
    and its source registry: a temp copy of the project's seed registry, never sources/.

    Set in os.environ, which the kernel nbclient starts inherits.
    """
    path = tmp_path / "worksheets" / "seed.csv"
    monkeypatch.setenv("VERIFY_WORKSHEET", str(path))
    shutil.copytree(DEMO_SOURCES, tmp_path / "registry")
    monkeypatch.setenv("VERIFY_SOURCES", str(tmp_path / "registry"))
    # the fact-check archive a notebook opens by default: made with the demo checks, in tmp
    monkeypatch.setenv("VERIFY_FACTCHECKS", str(tmp_path / "factchecks" / "archive.sqlite"))
    return path


def run(name: str, tmp_path: Path, *extra_cells: str):
    shutil.copy(NOTEBOOKS / name, tmp_path / name)
    nb = nbformat.read(tmp_path / name, as_version=4)
    nb.cells += [nbformat.v4.new_code_cell(source) for source in extra_cells]
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return nb


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_saved_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name}: clear outputs"


def test_check_an_article_runs_on_the_seed(tmp_path):
    nb = run("01_check_an_article.ipynb", tmp_path)
    text = "\n".join(
        str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
        for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
    )
    assert "language: it" in text
    assert "published: 2024-09-16" in text
    assert "più di 10.000 container" in text
    assert "photo_credit" in text and "related_link" in text


# A checker's clicks, as the last cell: pick the claim in the list, set a verdict, press Save.
SET_A_VERDICT = f"""
line = next(value for label, value in workbench.claim_list.options
            if label.endswith(" · {CONTAINERS}"))
workbench.claim_list.value = line
workbench.verdict.value = "mostly true"
workbench.rationale.value = "UN panel: over 10,000 containers by February"
workbench.checker.value = "nbclient"
workbench.save_button.click()
print("status:", workbench.save_status.value)
print("progress:", workbench.progress.value)
"""


def test_check_an_article_saves_a_verdict_from_the_workbench(tmp_path, worksheet):
    nb = run("01_check_an_article.ipynb", tmp_path, SET_A_VERDICT)
    last = "".join(out.get("text", "") for out in nb.cells[-1].outputs)
    assert "status: saved " in last, last
    assert "progress: 1 of " in last

    with open(worksheet, newline="", encoding="utf-8-sig") as f:
        rows = [row for row in csv.DictReader(f) if row["text"] == CONTAINERS]
    assert len(rows) == 1
    assert rows[0]["verdict"] == "mostly true"
    assert rows[0]["rationale"] == "UN panel: over 10,000 containers by February"
    assert rows[0]["checker"] == "nbclient"

    # The workbench was displayed as widgets (what JupyterLab renders), with its CSS classes.
    state = nb.metadata.widgets["application/vnd.jupyter.widget-state+json"]["state"]
    classes = {c for model in state.values() for c in model["state"].get("_dom_classes", ())}
    assert {"verify-workbench", "claim-list", "verdict-select", "save-button"} <= classes
    shown = [out for out in nb.cells[-2].outputs
             if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]
    assert shown, json.dumps(nb.cells[-2].outputs)[:500]


# The evidence tab, clicked headless: paste a source, link its suggested passage as supporting.
LINK_EVIDENCE = f"""
line = next(value for label, value in workbench.claim_list.options
            if label.endswith(" · {CONTAINERS}"))
workbench.claim_list.value = line
ev = workbench.evidence
ev.paste_title.value = "State Department fact sheet"
ev.paste_text.value = "North Korea has sent more than 10,000 containers of munitions to Russia."
ev.paste_button.click()
print("source:", ev.source_status.value)
row = next(r for r in ev.suggestions_box.children
           if "evidence-suggestion" in r._dom_classes
           and ">State Department fact sheet</b>" in r.children[0].value)
next(b for b in row.children[1].children if "link-supports-button" in b._dom_classes).click()
print("link:", ev.evidence_status.value)
print("registry:", workbench.worksheet.sources.folder)
"""


def test_check_an_article_links_evidence_from_the_workbench(tmp_path, worksheet):
    nb = run("01_check_an_article.ipynb", tmp_path, LINK_EVIDENCE)
    last = "".join(out.get("text", "") for out in nb.cells[-1].outputs)
    assert "source: added: State Department fact sheet" in last, last
    assert "link: linked as supports: State Department fact sheet" in last, last
    assert f"registry: {tmp_path / 'registry'}" in last  # the copy, never the repository's
    with open(worksheet.with_name("seed.evidence.csv"), newline="", encoding="utf-8") as f:
        [row] = list(csv.DictReader(f))
    assert (row["stance"], row["agreement"]) == ("supports", "agrees")
    assert row["passage"].startswith("North Korea has sent more than 10,000 containers")


# --- notebook 02: the editor's review ----------------------------------------------------------

def _shown(nb) -> str:
    """Everything the code cells showed: printed text, and tables and HTML as text."""
    return "\n".join(
        str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
        + str(out.get("data", {}).get("text/html", ""))
        for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)


def _facts(nb) -> dict:
    """The JSON the appended last cell printed after "FACTS "."""
    text = "".join(out.get("text", "") for out in nb.cells[-1].outputs)
    return json.loads(text.split("FACTS ", 1)[1])


def _repository_files() -> dict[str, tuple[int, int]]:
    root = NOTEBOOKS.parent
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns)
            for folder in ("claims", "sources", "out", "notebooks", "factchecks")
            if (root / folder).exists()
            for p in (root / folder).rglob("*") if p.is_file()}


@pytest.fixture
def untouched_repository():
    """The notebooks write only into temp folders: claims/, sources/, out/ stay as they were."""
    before = _repository_files()
    yield
    assert _repository_files() == before


REVIEW_FACTS = """
import json
print("FACTS", json.dumps({
    "demo": DEMO, "paths": [str(p) for p in paths], "counts": counts.to_dict(),
    "why": sorted({w for why in attention.why for w in why.split("; ")}),
    "elsewhere": sorted(set(checked_elsewhere(worksheets).claim)),
    "written": written.to_dict("records")}))
"""


def _check_exports(written: list[dict], folder: Path, organization: str) -> None:
    from verify.reports.export import read_editor_csv

    assert written, "no exports"
    for record in written:
        paths = [Path(record[k]) for k in ("csv", "html", "claimreview")]
        assert all(p.parent == folder and p.is_file() for p in paths), paths
        csv_path, html_path, review_path = paths
        assert csv_path.read_bytes().startswith("\ufeff".encode("utf-8"))  # opens right in Excel
        rows = read_editor_csv(csv_path)
        assert CONTAINERS in {row["claim"] for row in rows}
        assert organization in html_path.read_text(encoding="utf-8")
        reviews = json.loads(review_path.read_text(encoding="utf-8"))
        assert len(reviews) == record["reviews"] == sum(
            1 for row in rows if row["verdict"] != "not checked" and not row["orphaned"])
        assert all(r["@type"] == "ClaimReview" and r["reviewRating"]["alternateName"]
                   for r in reviews)


def test_editor_review_builds_a_labelled_demo_without_worksheets(tmp_path, monkeypatch,
                                                                  untouched_repository):
    (tmp_path / "no-worksheets").mkdir()
    monkeypatch.setenv("VERIFY_WORKSHEETS", str(tmp_path / "no-worksheets"))
    monkeypatch.setenv("VERIFY_OUT", str(tmp_path / "exports"))
    nb = run("02_editor_review.ipynb", tmp_path, REVIEW_FACTS)
    shown, facts = _shown(nb), _facts(nb)

    assert facts["demo"] is True and "DEMO: no worksheets in" in shown
    assert [Path(p).name for p in facts["paths"]] == ["anna.csv", "bruno.csv"]
    assert not any(Path(p).is_relative_to(NOTEBOOKS.parent) for p in facts["paths"])
    # counts by verdict, per checker: the demo's verdicts (verify.reports.review.DEMO_VERDICTS)
    anna, bruno = facts["counts"]["anna"], facts["counts"]["bruno"]
    assert {k: v for k, v in anna.items() if v and k != "not checked"} == {
        "mostly true": 1, "false": 1, "unverifiable": 1}
    assert {k: v for k, v in bruno.items() if v and k != "not checked"} == {"true": 2, "false": 1}
    assert 'class="verify-verdict-chart"' in shown and 'data-verdict="mostly true"' in shown
    # what needs attention: every reason the demo was made to show
    assert {"checkers disagree", "consistency warning", "no source", "not checked"} <= set(
        facts["why"])
    assert "23 years 11 months" in shown                # the article's own contradiction
    assert "dateline mismatch" in shown
    assert "Anna Bianchi / Bruno Neri" in shown         # their agreement
    assert CONTAINERS in facts["elsewhere"]             # checked before, in the demo archive
    _check_exports(facts["written"], tmp_path / "exports" / "demo", "DEMO (not a real check)")
    assert 'href="exports/demo/anna.html"' in shown     # links relative to the notebook


def test_editor_review_reads_the_worksheets_it_is_given(tmp_path, monkeypatch,
                                                        untouched_repository):
    from verify.reports.review import seed_worksheet

    ws = seed_worksheet(tmp_path / "desk", "maria", sources=tmp_path / "registry",
                        checker="Maria Rossi")
    claims = {c.text: c.claim_id for c in ws.claims}
    ws.set_verdict(claims[CONTAINERS], "true", sources="State Department fact sheet")
    ws.set_verdict(claims["260.000 tonnellate"], "false")  # no source: needs attention
    passage = next(p for p in ws.suggest_evidence(claims[CONTAINERS])
                   if "more than 10,000" in p.text)
    ws.link_evidence(claims[CONTAINERS], passage, "supports")  # a sidecar CSV in the folder
    monkeypatch.setenv("VERIFY_WORKSHEETS", str(tmp_path / "desk" / "claims"))
    monkeypatch.setenv("VERIFY_OUT", str(tmp_path / "exports"))

    nb = run("02_editor_review.ipynb", tmp_path, REVIEW_FACTS)
    shown, facts = _shown(nb), _facts(nb)
    assert facts["demo"] is False and "DEMO" not in shown
    assert facts["paths"] == [str(ws.path)]             # not maria.evidence.csv
    assert {k: v for k, v in facts["counts"]["maria"].items() if v} == {
        "true": 1, "false": 1, "not checked": len(ws.claims) - 2}
    assert "no source" in facts["why"] and "checkers disagree" not in facts["why"]
    assert CONTAINERS in facts["elsewhere"]
    _check_exports(facts["written"], tmp_path / "exports", "Fact-checking desk")


# --- notebook 03: the training walkthrough -----------------------------------------------------

TRAINING_FACTS = """
import json
print("FACTS", json.dumps({
    "workdir": str(workdir), "registry": str(ws.sources.folder),
    "links": [[l.publisher, l.stance, l.agreement] for l in ws.evidence(containers.claim_id)],
    "verdict": ws.verdict(containers.claim_id).label,
    "exports": [Path(p).name for p in written.loc[0, ["csv", "html", "claimreview"]]]}))
"""


def test_training_walkthrough_runs_on_the_seed(tmp_path, untouched_repository):
    registry = (tmp_path / "registry" / "registry.csv").read_bytes()
    nb = run("03_training_walkthrough.ipynb", tmp_path, TRAINING_FACTS)
    shown, facts = _shown(nb), _facts(nb)

    assert "photo_credit" in shown and "related_link" in shown      # the page's noise
    assert "seconda guerra mondiale" in shown                       # a number that is a name
    for qualifier in ("more_than", "at_least", "about", "less_than", "at_most"):
        assert qualifier in shown                                   # hedges
    assert "figure; hedged figure; named actor; comparison" in shown  # why a claim ranks high
    assert "23 years 11 months" in shown                            # "esattamente 24 anni"
    assert "SAME CLAIM" in shown                                    # checked before (demo archive)
    # the containers claim, linked to a source that agrees and one that disagrees
    assert facts["links"] == [["Yonhap", "supports", "agrees"],
                              ["Politico", "contradicts", "disagrees"]]
    assert "hedge differs: at least (passage) vs more than (claim)" in shown
    assert "about 6,700 containers" in shown and "+3,300" in shown  # the flag after linking
    assert facts["verdict"] == "mostly true"
    for label in ("Pants on Fire", "Panzana pazzesca", "NOT ENOUGH INFO"):
        assert label in shown                                       # the scales
    assert '"ratingValue": 3' in shown and '"bestRating": 4' in shown  # ClaimReview
    assert facts["exports"] == ["trainee.csv", "trainee.html", "trainee.claimreview.json"]
    # a temp worksheet over a temp copy of the registry; the registry it was copied from unchanged
    workdir = Path(facts["workdir"])
    assert not workdir.is_relative_to(NOTEBOOKS.parent)
    assert Path(facts["registry"]) == workdir / "sources"
    assert (tmp_path / "registry" / "registry.csv").read_bytes() == registry


def test_training_walkthrough_does_not_depend_on_the_live_registry(tmp_path, worksheet,
                                                                     untouched_repository):
    """A checker's own sources, strong matches for the containers claim, in the registry
    VERIFY_SOURCES names: the walkthrough still shows the demo's passages (it copies the
    shipped demo, never the live registry)."""
    from verify.evidence.sources import SourceRegistry

    live = SourceRegistry.open(tmp_path / "registry")
    for n in range(4):
        live.add_text(f"Report {n}: North Korea has sent more than 10,000 containers of munitions "
                      "to Russia, Yonhap and Politico said; about 6,700 containers, said Seoul.",
                      title=f"a checker's source {n}")
    nb = run("03_training_walkthrough.ipynb", tmp_path, TRAINING_FACTS)
    assert _facts(nb)["links"] == [["Yonhap", "supports", "agrees"],
                                   ["Politico", "contradicts", "disagrees"]]


def test_training_walkthrough_steps_run_again_in_any_order(tmp_path, untouched_repository):
    """A trainer goes back to a step in front of the room, or skips ahead: after the first cell
    (imports, the article, the trainee's worksheet), every step runs in reverse order, then
    once more in another order, without an error, and still ends with the verdict and links."""
    import random

    shutil.copy(NOTEBOOKS / "03_training_walkthrough.ipynb", tmp_path / "walk.ipynb")
    nb = nbformat.read(tmp_path / "walk.ipynb", as_version=4)
    setup, *steps = [c for c in nb.cells if c.cell_type == "code"]
    shuffled = steps[:]
    random.Random(3).shuffle(shuffled)
    assert shuffled != steps and shuffled != steps[::-1]
    order = [setup, *steps[::-1], *shuffled]
    nb.cells = [nbformat.v4.new_code_cell(c.source) for c in order]
    nb.cells.append(nbformat.v4.new_code_cell(TRAINING_FACTS))
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    facts = _facts(nb)
    assert facts["verdict"] == "mostly true"
    assert facts["links"] == [["Yonhap", "supports", "agrees"],
                              ["Politico", "contradicts", "disagrees"]]
