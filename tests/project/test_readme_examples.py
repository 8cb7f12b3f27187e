"""Every Python example of the README runs, in order, as a newcomer would paste them: in a
fresh folder, with the files and addresses they name standing in (a story.html, an archive/
folder, and a real HTTP server on 127.0.0.1 in place of the web addresses). An example that
stops working fails here, naming its line in the README."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK_RE = re.compile(r"^```python\n(.*?)^```", re.M | re.S)

UN_PAGE = ("<html><head><title>Security Council</title></head><body><article><p>The panel said "
           "North Korea sent more than 10,000 containers of munitions to Russia, by its count "
           "about 260,000 tonnes, since September 2023.</p></article></body></html>")


def _blocks() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in BLOCK_RE.finditer(text)]


def _stand_ins(code: str, server) -> str:
    """The README's addresses and cluster, pointed at what this machine has."""
    code = code.replace("https://press.un.org/en/2024/sc15648.doc.htm",
                        server.route("/un", UN_PAGE, content_type="text/html"))
    code = code.replace('Client("tcp://scheduler:8786")', "Client(processes=False)")
    return code.replace('"/shared/archive/"', '"archive/"')


def test_the_readme_has_its_examples():
    assert len(_blocks()) >= 8


def test_every_readme_example_runs_in_order(tmp_path, monkeypatch, http_server):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERIFY_WORKSPACE", str(tmp_path))
    (tmp_path / "claims").mkdir()
    (tmp_path / "story.html").write_text(
        "<html><body><article><h1>Port strike ends</h1><p>More than 2,000 dockers went back "
        "to work on Monday after nine days.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "archive").mkdir()
    for n in range(3):
        (tmp_path / "archive" / f"a{n}.txt").write_text(
            f"Il porto ha movimentato {n + 2}.000 container nel 2023, più di dieci volte il "
            "2010.\n", encoding="utf-8")
    blocks = _blocks()
    # The first example opens the workbench on `article`, which the Python section loads: run
    # that section first, as the README's reader has by then.
    python_section = next(i for i, (_, code) in enumerate(blocks) if "load_article()" in code)
    order = [python_section] + [i for i in range(len(blocks)) if i != python_section]
    namespace: dict = {}
    try:
        for i in order:
            line, code = blocks[i]
            try:
                exec(compile(_stand_ins(code, http_server), f"README.md, line {line}", "exec"),
                     namespace)
            except Exception as err:  # the failure names the README line it came from
                raise AssertionError(f"the README example at line {line} fails: "
                                     f"{type(err).__name__}: {err}") from err
    finally:
        if "client" in namespace:  # the Dask example's client: its threads end with the test
            namespace["client"].close()
    assert os.path.exists(tmp_path / "claims.csv")  # the Dask example wrote its table
    assert namespace["run"].articles == 3 and namespace["run"].failed == []
