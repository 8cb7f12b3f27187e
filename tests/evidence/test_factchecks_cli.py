"""``verify factchecks import`` and ``verify factchecks match`` as a user runs them: a child
process, real files, the workspace in a temporary folder (docs/design.md, "Past fact-checks")."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import verify
from verify import Worksheet
from verify.evidence.factchecks import SCHEMA_VERSION
from verify.evidence.factchecks.demo import DEMO_ARCHIVE

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, workspace: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("VERIFY_FACTCHECKS", "VERIFY_SOURCES")}
    environment.update(VERIFY_WORKSPACE=str(workspace), PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-m", "verify", "factchecks", *args], cwd=workspace,
                          env=environment, capture_output=True, text=True, timeout=300)


def review(n, claim="North Korea sent 10,000 containers of munitions to Russia in 2023."):
    return {"@type": "ClaimReview", "url": f"https://checks.example/{n}", "claimReviewed": claim,
            "reviewRating": {"alternateName": "False"}, "author": {"name": "Checks"},
            "datePublished": "2024-03-01"}


def test_import_prints_the_counts_lists_refusals_and_keeps_going_after_a_bad_file(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps([review(1), review(2, "Another claim."), {"@type": "ClaimReview",
                                                                         "url": "nope",
                                                                         "claimReviewed": "x"}]))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    again = tmp_path / "again.json"
    again.write_text(json.dumps([review(1)]))
    archive = tmp_path / "mine.sqlite"
    done = run("import", str(good), str(bad), str(again), "--archive", str(archive),
               workspace=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        f"{good}: 2 imported, 0 skipped as duplicates, 1 refused as invalid",
        f"{again}: 0 imported, 1 skipped as duplicates, 0 refused as invalid"]
    assert f"refused: {good}, record 3: url 'nope' is not an http(s) address" in done.stderr
    assert f"error: {bad}: not valid JSON at line 1" in done.stderr
    assert "Traceback" not in done.stderr
    assert f"2 fact-checks in {archive}" in done.stderr


def test_import_exits_3_when_records_were_refused_and_0_when_all_went_in(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("claim_reviewed,rating,url,author,date_published,language\n"
                    "Italy has 16 million pensioners.,True,https://c.example/a,C,2024-05-10,en\n")
    assert run("import", str(feed), workspace=tmp_path).returncode == 0
    feed.write_text("claim_reviewed,url\nNo address,\n")
    assert run("import", str(feed), workspace=tmp_path).returncode == 3


def test_match_on_the_seed_article_with_the_demo_archive_prints_the_contract(tmp_path):
    done = run("match", str(verify.SEED_ARTICLE), "--limit", "3", workspace=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines and all(set(line) == {"claim_id", "text", "start", "end", "matches"}
                         for line in lines)
    article = verify.load_article(verify.SEED_ARTICLE)
    for line in lines:
        assert article.text[line["start"]:line["end"]] == line["text"]
        assert 1 <= len(line["matches"]) <= 3
        scores = [m["score"] for m in line["matches"]]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
        assert all(set(m) == {"url", "claim_reviewed", "rating", "author", "date_published",
                              "language", "score", "same_claim", "reasons"}
                   for m in line["matches"])
    containers = next(line for line in lines if line["text"] == "più di 10.000 container")
    assert containers["matches"][0]["url"].endswith("/en/nk-containers-10000")
    assert containers["matches"][0]["same_claim"] is True
    # the demo was imported into the workspace's archive, the package's file left alone
    assert (tmp_path / "factchecks" / "archive.sqlite").is_file()
    assert len(json.loads(DEMO_ARCHIVE.read_text())) == 24


def test_match_reads_a_worksheet_and_prints_script_text_escaped(tmp_path):
    ws = Worksheet.open(tmp_path / "claims" / "seed.csv", article=verify.SEED_ARTICLE)
    feed = tmp_path / "hostile.json"
    feed.write_text(json.dumps([review("x", "Russia received more than 10,000 containers "
                                            "<script>alert(1)</script> from North Korea.")]))
    archive = tmp_path / "a.sqlite"
    assert run("import", str(feed), "--archive", str(archive), workspace=tmp_path).returncode == 0
    done = run("match", str(ws.path), "--archive", str(archive), workspace=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "<script" not in done.stdout and "\\u003cscript\\u003e" in done.stdout
    found = [json.loads(line) for line in done.stdout.splitlines()]
    texts = {m["claim_reviewed"] for line in found for m in line["matches"]}
    assert any("<script>alert(1)</script>" in t for t in texts)


def test_match_names_a_missing_or_newer_archive_in_one_line(tmp_path):
    missing = tmp_path / "none.sqlite"
    done = run("match", str(verify.SEED_ARTICLE), "--archive", str(missing), workspace=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"verify: error: {missing}: no fact-check archive there; import fact-checks first: "
        f"verify factchecks import FILE --archive {missing}")
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    done = run("match", str(verify.SEED_ARTICLE), workspace=tmp_path,
               VERIFY_FACTCHECKS=str(newer))
    assert done.returncode == 1 and "made by a newer verify" in done.stderr
    assert str(newer) in done.stderr and "Traceback" not in done.stderr


def test_a_bad_limit_is_a_usage_error(tmp_path):
    done = run("match", str(verify.SEED_ARTICLE), "--limit", "0", workspace=tmp_path)
    assert done.returncode == 2 and "not a number of matches from 1 to 100" in done.stderr
