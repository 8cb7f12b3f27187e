"""The notebooks people open are executed here, headless, as saved (without outputs)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CONTAINERS = "più di 10.000 container"


@pytest.fixture(autouse=True)
def worksheet(tmp_path, monkeypatch) -> Path:
    """The worksheet notebook 01 opens: a temp file, never the repository's claims/ folder.

    Set in os.environ, which the kernel nbclient starts inherits.
    """
    path = tmp_path / "worksheets" / "seed.csv"
    monkeypatch.setenv("VERIFY_WORKSHEET", str(path))
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
