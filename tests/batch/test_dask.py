"""The Dask path (README "Many articles"): ``verify.batch.dask_path`` on a real ``distributed``
LocalCluster of 2 worker processes on 127.0.0.1 writes the very claims table that the batch
command line (``verify extract FOLDER -o OUT``, a real subprocess) writes, row for row and byte
for byte, and reports the same failed articles."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dask.distributed import Client, LocalCluster

from verify import SEED_ARTICLE
from verify.batch.dask_path import claims_bag, dask_extract

OWN_ARTICLES = {
    "porto.txt": "Il porto di Genova ha movimentato più di 2,6 milioni di container nel 2023, "
                 "il 4% in più dell'anno prima.\n\nIl presidente dell'autorità portuale, Marco "
                 "Ferri, ha detto: «Abbiamo assunto 350 persone in dodici mesi».\n",
    "scuole.md": "# Scuole\n\nNel 2019 la regione contava 1.240 scuole primarie; oggi sono "
                 "circa 1.180, secondo l'ufficio statistico regionale.\n\nLa spesa per "
                 "alunno è salita da 6.100 a 6.900 euro.\n",
    "nord/report.txt": "Le esportazioni verso la Germania sono cresciute del 12% nel primo "
                       "trimestre, a 18 miliardi di euro.\n",
    "sud/report.txt": "Il turismo ha portato 4 milioni di visitatori in estate, mezzo milione "
                      "in meno del 2022.\n",
    "sud/pagina.html": "<html><head><title>Treni</title></head><body><article><p>Le linee "
                       "regionali hanno trasportato 95.000 pendolari al giorno nel 2024, "
                       "contro gli 80.000 del 2021.</p><p>Il ritardo medio è sceso a 4 minuti."
                       "</p></article></body></html>\n",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The seed, a few articles of our own in subfolders (two ``report.txt``), and two that
    cannot be read (a binary file and an empty one)."""
    folder = tmp_path_factory.mktemp("archive")
    (folder / SEED_ARTICLE.name).write_bytes(SEED_ARTICLE.read_bytes())
    for name, text in OWN_ARTICLES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "rotto.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    (folder / "vuoto.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def cli_table(archive, tmp_path_factory) -> tuple[Path, list[list[str]]]:
    """``verify extract ARCHIVE -o OUT --errors ERRORS`` as a real process: OUT and the errors'
    rows."""
    where = tmp_path_factory.mktemp("cli")
    out, errors = where / "claims.csv", where / "errors.csv"
    done = subprocess.run([sys.executable, "-m", "verify", "extract", str(archive), "-o", str(out),
                           "--errors", str(errors), "--jobs", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr  # the two bad articles failed, the rest was read
    with open(errors, encoding="utf-8", newline="") as f:
        return out, list(csv.reader(f))[1:]


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_dask_on_a_local_cluster_writes_the_batch_command_lines_table(archive, cli_table, cluster,
                                                                      tmp_path):
    cli_out, cli_failed = cli_table
    out = tmp_path / "dask.csv"
    with Client(cluster) as client:
        run = dask_extract([str(archive)], str(out), scheduler=client, npartitions=8)
    assert rows(out) == rows(cli_out)  # row for row, with a readable diff when not
    assert out.read_bytes() == cli_out.read_bytes()
    assert run.failed == [tuple(row) for row in cli_failed]
    ids = {row["article_id"] for row in rows(out)}
    assert len(ids) == run.articles == 1 + len(OWN_ARTICLES)
    assert run.claims == len(rows(out)) > 50
    assert {"nord-report", "sud-report"} <= ids


def test_dask_given_the_schedulers_address_runs_unchanged(archive, cli_table, cluster, tmp_path):
    """What a real cluster looks like from here: only its address (``tcp://host:port``)."""
    out = tmp_path / "dask.csv"
    run = dask_extract([str(archive)], str(out), scheduler=cluster.scheduler_address)
    assert out.read_bytes() == cli_table[0].read_bytes()
    assert len(run.failed) == 2


def test_dask_resume_completes_a_table_cut_short(archive, cli_table, cluster, tmp_path):
    """A table holding the first two articles (the second cut in the middle, as by a kill):
    ``resume=True`` keeps the first, reads the rest, and ends with the command line's table."""
    whole = cli_table[0].read_bytes()
    lines = whole.splitlines(keepends=True)
    first_id = rows(cli_table[0])[0]["article_id"]
    n_first = sum(1 for row in rows(cli_table[0]) if row["article_id"] == first_id)
    out = tmp_path / "dask.csv"
    out.write_bytes(b"".join(lines[:1 + n_first + 2]) + lines[1 + n_first + 2][:10])
    run = dask_extract([str(archive)], str(out), scheduler=cluster.scheduler_address,
                       resume=True)
    assert out.read_bytes() == whole
    assert run.articles == len(OWN_ARTICLES)  # every article but the one already there


def test_claims_bag_holds_one_element_per_article_in_input_order(archive, cluster):
    with Client(cluster) as client:
        bag = claims_bag([str(archive)], npartitions=2)
        elements = bag.compute(scheduler=client)
    inputs = [os.path.relpath(source, archive) for source, _ in elements]
    assert inputs == ["porto.txt", SEED_ARTICLE.name, "rotto.txt", "scuole.md", "vuoto.txt",
                      os.path.join("nord", "report.txt"), os.path.join("sud", "pagina.html"),
                      os.path.join("sud", "report.txt")]
    assert sum(isinstance(result, Exception) for _, result in elements) == 2


def test_dask_without_a_client_uses_dasks_local_processes(archive, cli_table, tmp_path):
    out = tmp_path / "dask.csv"
    dask_extract([str(archive)], str(out))
    assert out.read_bytes() == cli_table[0].read_bytes()
