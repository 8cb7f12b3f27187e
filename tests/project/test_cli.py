"""The command line as a user runs it: a real process, real files, a real HTTP server."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verify.reading.articles import SEED_ARTICLE
from verify.records.model import CLAIM_COLUMNS

CONTRACT_COLUMNS = ["claim_id", "article_id", "kind", "text", "start", "end", "value",
                    "value_max", "unit", "qualifier", "sentence", "block"]


def verify(*args: str, stdin: str | None = None, timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "verify", *args], input=stdin, capture_output=True,
        text=True, encoding="utf-8", timeout=timeout,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def assert_clean_error(result, *words: str):
    """One line on standard error naming the problem, a non-zero status, no traceback."""
    assert result.returncode != 0, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("verify: error: "), lines[0]
    for word in words:
        assert word.lower() in lines[0].lower(), (word, lines[0])


def test_extract_writes_the_contract_columns(tmp_path):
    out = tmp_path / "claims.csv"
    result = verify("extract", str(SEED_ARTICLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert list(reader.fieldnames) == list(CLAIM_COLUMNS)
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for row in rows:
        assert text[int(row["start"]):int(row["end"])] == row["text"]
    containers = [r for r in rows if r["text"].startswith("più di 10.000")]
    assert [(r["kind"], r["value"], r["unit"], r["qualifier"]) for r in containers] == [
        ("count", "10000", "container", "more_than")]


def test_extract_to_stdout_matches_the_file(tmp_path):
    out = tmp_path / "claims.csv"
    verify("extract", str(SEED_ARTICLE), "-o", str(out))
    result = verify("extract", str(SEED_ARTICLE))
    assert result.returncode == 0
    assert result.stdout == out.read_text(encoding="utf-8")


def test_python_dash_m_and_console_script_agree():
    script = Path(sys.executable).with_name("verify")
    if not script.exists():
        pytest.fail("the `verify` console script is not installed: pip install -e .")
    a = subprocess.run([str(script), "numbers", "--lang", "it", "nove giorni"],
                       capture_output=True, text=True)
    b = verify("numbers", "--lang", "it", "nove giorni")
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout


def test_numbers_prints_the_contract_keys():
    result = verify("numbers", "--lang", "it", "Ha ricevuto più di 10.000 container.")
    assert result.returncode == 0, result.stderr
    mentions = json.loads(result.stdout)
    assert mentions == [{
        "text": "più di 10.000 container", "start": 12, "end": 35, "kind": "count",
        "value": "10000", "value_max": "", "unit": "container", "qualifier": "more_than",
    }]


def test_numbers_reads_stdin_line_by_line():
    result = verify("numbers", "--lang", "en", "--lines", stdin="nine days\n\nat least 10 missiles\n")
    assert result.returncode == 0, result.stderr
    arrays = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(arrays) == 3
    assert [(m["value"], m["unit"]) for m in arrays[0]] == [("9", "day")]
    assert arrays[1] == []
    assert [(m["start"], m["qualifier"], m["unit"]) for m in arrays[2]] == [(0, "at_least", "missile")]


def test_numbers_explain_says_why_a_name_is_not_a_claim():
    result = verify("numbers", "--lang", "it", "--explain", "durante la seconda guerra mondiale")
    mentions = json.loads(result.stdout)
    assert all(not m["checkable"] and m["note"] for m in mentions)


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", ["empty.txt", "empty"]),
    ("blank.txt", b"  \n\t \n", ["blank.txt", "empty"]),
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20, ["scan.txt", "pdf"]),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), ["photo.png"]),
    ("scripts.html", b"<html><head><script>var a=1;</script></head><body><script>alert(1)</script></body></html>",
     ["scripts.html"]),
])
def test_bad_files_give_one_clean_line(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    assert_clean_error(verify("extract", str(path)), *words)


def test_a_huge_file_is_refused_with_the_size(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Il governo ha stanziato 10 milioni di euro.\n" * 240_000)  # about 10 MB
    assert_clean_error(verify("extract", str(path)), "huge.txt", "MB")


def test_a_missing_path_names_it(tmp_path):
    assert_clean_error(verify("extract", str(tmp_path / "nope.txt")), "nope.txt")


def test_a_cp1252_file_loads_with_a_warning(tmp_path):
    path = tmp_path / "vecchio.txt"
    path.write_bytes("La città ha ricevuto più di 10.000 container, dice l’agenzia.\n".encode("cp1252"))
    result = verify("extract", str(path))
    assert result.returncode == 0, result.stderr
    assert "vecchio.txt" in result.stderr and "cp1252" in result.stderr
    assert "più di 10.000 container" in result.stdout


def test_an_unwritable_output_names_it(tmp_path):
    result = verify("extract", str(SEED_ARTICLE), "-o", str(tmp_path / "no" / "such" / "dir.csv"))
    assert_clean_error(result, "dir.csv")


@pytest.mark.parametrize("route, words", [
    ("/missing", ["/missing", "404"]),
    ("/broken", ["/broken", "500"]),
    ("/paper.pdf", ["/paper.pdf", "application/pdf"]),
])
def test_bad_urls_give_one_clean_line(http_server, route, words):
    assert_clean_error(verify("extract", http_server.url + route), *words)


def test_a_url_article_is_extracted(http_server):
    result = verify("extract", http_server.url + "/article.html")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert any(r["unit"] == "tonne" and r["value"] == "260000" for r in rows)


def test_a_url_that_never_answers_gives_up_within_the_timeout(http_server):
    import time

    def silent(request):
        time.sleep(8)  # longer than --timeout: the server holds the connection and says nothing

    url = http_server.handler("/silent", silent)
    started = time.monotonic()
    result = verify("extract", "--timeout", "1.5", url, timeout=60)
    assert time.monotonic() - started < 7, "--timeout was not honoured"
    assert_clean_error(result, "/silent")
    assert any(w in result.stderr.lower() for w in ("timed out", "no answer", "second")), result.stderr


def test_extract_dash_o_dash_is_standard_output(tmp_path):
    """`-o -` means standard output, as it does for `verify export`: no file named '-'."""
    result = subprocess.run([sys.executable, "-m", "verify", "extract", str(SEED_ARTICLE), "-o", "-"],
                            capture_output=True, text=True, encoding="utf-8", cwd=tmp_path,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("claim_id,article_id,")
    assert not (tmp_path / "-").exists()
