"""Hostile and careless use of the source registry and the evidence ranking (issue 10, points
5, 9, 14 and 15): what a kill leaves behind, a source built to slow every claim, broken
characters, wrong types and a full disk.

Real files, real processes: the full disk is a 64 KiB tmpfs mounted for the test (the suite
runs as root in its container), the slow source is timed in a child process with a deadline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from verify import SEED_ARTICLE, Worksheet
from verify.errors import SourceError, VerifyError
from verify.evidence.sources import SourceRegistry

ROOT = Path(__file__).resolve().parents[2]


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} \
        if folder.exists() else set()


# --- point 5: temporary files a killed save left behind ------------------------------------------

def test_a_killed_registry_save_leaves_no_temporary_files_for_long(tmp_path):
    folder = tmp_path / "sources"
    registry = SourceRegistry.open(folder)
    registry.add_text("North Korea has sent more than 10,000 containers of munitions.")
    # what a SIGKILL between mkstemp and rename leaves: atomic_write's temporary names
    stale = [folder / ".registry.csv.k1ll3d.tmp",
             folder / "snapshots" / f".{'a' * 64}.txt.k1ll3d.tmp"]
    for path in stale:
        path.write_bytes(b"half a file")
    registry.add_text("South Korea's defence minister said about 6,700 containers.")
    assert not [p for p in stale if p.exists()], "stale temporary files were kept"
    assert len(SourceRegistry.open(folder).sources) == 2


# --- point 9: a hostile source slows every claim -----------------------------------------------

SLOW_SOURCE = """
import json, sys, time
from verify import SEED_ARTICLE, Worksheet
ws = Worksheet.open(sys.argv[1], article=SEED_ARTICLE, sources=sys.argv[2])
ws.add_source(text="1 " * 500_000, title="a megabyte of ones")  # 1 MB
ws.add_source(text="North Korea has sent more than 10,000 containers of munitions to Russia.")
claims = [c for c in ws.claims if c.kind in ("count", "quantity")][:4]
times = []
for claim in claims:
    start = time.perf_counter()
    found = ws.suggest_evidence(claim.claim_id)
    times.append(time.perf_counter() - start)
best = ws.suggest_evidence(claims[0].claim_id)
print(json.dumps({"times": times, "first_claim": claims[0].text,
                  "best": [p.text[:80] for p in best]}))
"""


def test_a_megabyte_of_ones_does_not_slow_every_claim(tmp_path):
    """1 MB of "1 1 1 ..." added to a worksheet, then suggestions for four claims: the source is
    read once, and only as much of it as the bounds allow (the grammar itself is quadratic on
    such runs; another issue makes it linear)."""
    script = tmp_path / "slow_source.py"
    script.write_text(SLOW_SOURCE, encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, str(script), str(tmp_path / "claims" / "seed.csv"),
             str(tmp_path / "sources")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("suggestions for four claims over a 1 MB source took over 60 s")
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    total = sum(report["times"])
    print("suggest_evidence per claim (s):", [round(t, 2) for t in report["times"]])
    assert total < 20, report["times"]
    # read once: the claims after the first do not read the source again
    assert max(report["times"][1:]) < 2, report["times"]
    # the useful source still wins
    assert any("more than 10,000 containers" in text for text in report["best"]), report


def test_the_part_of_a_long_source_that_is_searched_is_said(tmp_path):
    from verify.settings import current
    MAX_SOURCE_CHARS = current().passage_max_source_chars

    registry = SourceRegistry.open(tmp_path / "sources")
    long_text = ("The State Department said North Korea sent munitions to Russia. " * 8000)
    assert len(long_text) > MAX_SOURCE_CHARS
    source = registry.add_text(long_text, title="a long report")
    assert f"first {MAX_SOURCE_CHARS:,} characters" in source.message, source.message
    assert registry.text(source.source_id) == long_text  # the snapshot keeps every character


# --- point 14: lone surrogates -----------------------------------------------------------------

@pytest.mark.parametrize("field", ["text", "title", "publisher", "note", "added_by"])
def test_a_lone_surrogate_is_replaced_and_the_source_saved(tmp_path, field):
    folder = tmp_path / "sources"
    registry = SourceRegistry.open(folder)
    given = {"text": "North Korea sent more than 10,000 containers.", "title": "fact sheet"}
    given[field] = given.get(field, "Anna") + " broken \ud83d here"
    source = registry.add_text(given.pop("text"), **given)
    saved = getattr(source, field) if field != "text" else registry.text(source.source_id)
    assert "\ufffd" in saved and "\ud83d" not in saved
    assert "replaced" in source.message, source.message
    assert SourceRegistry.open(folder).get(source.source_id) == source


def test_a_bad_address_writes_nothing(tmp_path):
    folder = tmp_path / "sources"
    registry = SourceRegistry.open(folder)
    with pytest.raises(SourceError, match="url"):
        registry.add_text("North Korea sent more than 10,000 containers.",
                          url="https://example.org/\ud800", title="fact sheet")
    assert _files(folder) == set()


def test_a_surrogate_in_a_fetched_page_s_title_is_replaced(http_server, tmp_path):
    folder = tmp_path / "sources"
    url = http_server.route("/page.html", "<html><body><p>North Korea has sent more than "
                            "10,000 containers of munitions to Russia since September.</p>"
                            "</body></html>")
    source = SourceRegistry.open(folder).add_url(url, title="Yonhap \udc80 copy",
                                                 fetcher=_fetch_allowing_loopback)
    assert source.fetch_status == "ok", source.message
    assert source.title == "Yonhap \ufffd copy"
    assert SourceRegistry.open(folder).get(source.source_id) == source


def _fetch_allowing_loopback(url):
    from verify.reading.fetch import fetch

    os.environ.setdefault("VERIFY_ALLOW_PRIVATE_FETCH", "1")
    return fetch(url, timeout=(2.0, 2.0), retries=1, deadline=5.0)


# --- point 15: wrong types and a full disk -----------------------------------------------------

@pytest.mark.parametrize("given, named", [
    ({"text": 123}, "text"), ({"text": b"bytes"}, "text"), ({"url": 42}, "url"),
    ({"text": "a passage of text", "title": 5}, "title"),
    ({"text": "a passage of text", "note": ["x"]}, "note"),
])
def test_wrong_types_are_named(tmp_path, given, named):
    ws = Worksheet.open(tmp_path / "claims" / "seed.csv", article=SEED_ARTICLE,
                        sources=tmp_path / "sources")
    with pytest.raises(SourceError) as err:
        ws.add_source(**given)
    assert named in str(err.value) and ("text" in str(err.value) or "str" in str(err.value))
    assert _files(tmp_path / "sources") == set()


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs: a real full disk (ENOSPC) without filling the machine's."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    assert done.returncode == 0, f"cannot mount a tmpfs (root needed): {done.stderr}"
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def _fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until at most ``leave`` bytes are free."""
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    (disk / "filler").write_bytes(b"\0" * max(0, free - leave))


def test_a_full_disk_while_saving_a_snapshot_is_named_and_writes_nothing(tiny_disk):
    folder = tiny_disk / "sources"
    registry = SourceRegistry.open(folder)
    registry.add_text("A first passage, saved while there was room.")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    _fill(tiny_disk, leave=0)
    with pytest.raises(SourceError) as err:
        registry.add_text("North Korea sent more than 10,000 containers. " * 200,
                          title="fact sheet")
    message = str(err.value)
    assert "disk" in message and str(folder) in message and "fact sheet" in message, message
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before


def test_a_full_disk_while_saving_the_registry_leaves_no_orphan_snapshot(tiny_disk):
    folder = tiny_disk / "sources"
    registry = SourceRegistry.open(folder)
    registry.add_text("A first passage, saved while there was room.")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    _fill(tiny_disk, leave=4096)  # room for the snapshot's one page, none for the registry
    with pytest.raises(VerifyError) as err:
        registry.add_text("North Korea sent more than 10,000 containers. " * 60)
    assert "disk" in str(err.value), str(err.value)
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before


def test_the_workbench_says_the_disk_is_full(tiny_disk):
    from verify.checking.evidence_session import EvidenceSession
    from verify.checking.session import Session

    ws = Worksheet.open(tiny_disk / "claims" / "seed.csv", article=SEED_ARTICLE,
                        sources=tiny_disk / "sources")
    evidence = EvidenceSession(Session(ws))
    _fill(tiny_disk, leave=0)
    status = evidence.add_source(text="North Korea sent more than 10,000 containers. " * 200)
    assert not evidence.source_ok and "disk" in status, status


def test_the_workbench_says_what_part_of_a_long_source_is_searched(tmp_path):
    from verify.checking.evidence_session import EvidenceSession
    from verify.checking.session import Session

    ws = Worksheet.open(tmp_path / "claims" / "seed.csv", article=SEED_ARTICLE,
                        sources=tmp_path / "sources")
    evidence = EvidenceSession(Session(ws))
    status = evidence.add_source(text="1 " * 500_000, title="a megabyte of ones")
    assert evidence.source_ok and status.startswith("added: a megabyte of ones"), status
    assert "only its first 200,000 characters are searched" in status, status
