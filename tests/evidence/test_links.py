"""Sources and evidence on the worksheet: ws.sources, add_source, suggest_evidence, link_evidence,
evidence, unlink_evidence, and the evidence CSV beside the worksheet (verify/evidence/links.py).

Every test works on a temporary copy of the project's seed registry (``sources/``): nothing here
writes into the repository (a guard checks it).
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.records.workspace import DEMO_SOURCES  # the shipped, read-only demo registry
from verify import SEED_ARTICLE, Worksheet, load_article
from verify.errors import SourceError, VerifyError, WorksheetError
from verify.evidence.passages import Passage
from verify.evidence.links import EVIDENCE_COLUMNS, STANCES, EvidenceFile, EvidenceLink, read_evidence
from verify.checking.worksheet_files import default_sources_folder

ROOT = Path(__file__).resolve().parents[2]
CONTAINERS = "più di 10.000 container"
STATE_DEPARTMENT = "more than 10,000 containers of munitions or munitions-related materials"
SOUTH_KOREA = "about 6,700 containers"
HOSTILE = ('<script>alert(1)</script> "Quoted", commas, and a tab\there;\r\n'
           "a second line\rwith a lone CR, a \u2028 line separator, =HYPERLINK(\"x\"), a NUL \x00;"
           " <img src=x onerror=alert(1)> North Korea has sent more than 10,000 containers of "
           "munitions to Russia.")


# --- fixtures and helpers -------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def repository_registry_untouched():
    """No test may write into the repository's sources/ (they use tmp copies)."""
    def state():
        folder = ROOT / "sources"
        return sorted((str(p.relative_to(folder)), p.stat().st_mtime_ns, p.stat().st_size)
                      for p in folder.rglob("*") if p.is_file())
    before = state()
    yield
    assert state() == before, "a test wrote into the repository's sources/ folder"


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder: claims/ and a copy of the seed registry in sources/."""
    shutil.copytree(DEMO_SOURCES, tmp_path / "sources")
    (tmp_path / "claims").mkdir()
    return tmp_path


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED_ARTICLE)


@pytest.fixture
def ws(project, seed) -> Worksheet:
    return Worksheet.open(project / "claims" / "seed.csv", article=seed, checker="Anna")


def claim_id_of(ws: Worksheet, text: str) -> str:
    return next(c.claim_id for c in ws.claims if c.text == text)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def hand_edit(path: Path, edit) -> bytes:
    with open(path, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    edit(table)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(table)
    return path.read_bytes()


def suggestion_with(passages: list[Passage], words: str) -> Passage:
    found = [p for p in passages if words in p.text]
    assert found, f"no suggested passage with {words!r}: {[p.text for p in passages]}"
    return found[0]


# --- the registry ---------------------------------------------------------------------------------

def test_the_registry_is_sources_beside_the_claims_folder(ws, project, tmp_path):
    assert ws.sources_folder == project / "sources"
    assert ws.sources.path == project / "sources" / "registry.csv"
    assert len(ws.sources.sources) > 10  # the seed's demo registry
    assert default_sources_folder(tmp_path / "elsewhere" / "w.csv") == \
        tmp_path / "elsewhere" / "sources"
    other = Worksheet.open(tmp_path / "w.csv", article=load_article(text="Sono 3 gatti."),
                           sources=tmp_path / "mine")
    assert other.sources.folder == tmp_path / "mine"
    assert other.sources.sources == []


def test_seed_containers_claim_agrees_with_the_state_department_and_not_with_south_korea(ws):
    passages = ws.suggest_evidence(claim_id_of(ws, CONTAINERS))
    assert 1 <= len(passages) <= 5
    state_department = suggestion_with(passages, STATE_DEPARTMENT)
    south_korea = suggestion_with(passages, SOUTH_KOREA)
    assert state_department.agreement == "agrees"
    assert south_korea.agreement == "disagrees"
    assert passages[0] == state_department  # the passage that says it best comes first
    for p in passages:
        assert ws.sources.text(p.source_id)[p.start:p.end] == p.text


def test_suggest_evidence_from_given_sources_and_linked_sources_first(ws):
    claim_id = claim_id_of(ws, CONTAINERS)
    passages = ws.suggest_evidence(claim_id)
    korea = suggestion_with(passages, SOUTH_KOREA)
    only = ws.suggest_evidence(claim_id, source_ids=[korea.source_id])
    assert [p.source_id for p in only] == [korea.source_id]
    ws.link_evidence(claim_id, korea, "contradicts")
    again = ws.suggest_evidence(claim_id, limit=3)
    assert again[0].source_id == korea.source_id and len(again) == 3
    assert ws.suggest_evidence(claim_id, limit=0) == []


# --- adding sources, against a real HTTP server ---------------------------------------------------

def test_add_source_fetches_a_page(ws, http_server):
    url = http_server.url_for("/article.html")  # conftest's stock English article
    source = ws.add_source(url=url, publisher="World News", kind="news", note="the wire copy")
    assert source.fetch_status == "ok" and source.http_status == "200"
    assert source.title == "Putin and Kim sign a mutual defense pact"
    assert source.added_by == "Anna" and source.note == "the wire copy"
    assert ws.sources.get(source.source_id) == source  # the shared registry sees it at once
    assert ws.sources.verify_snapshot(source.source_id)
    passages = ws.suggest_evidence(claim_id_of(ws, CONTAINERS), source_ids=[source.source_id])
    assert passages and "more than 10,000 containers" in passages[0].text
    assert passages[0].agreement == "agrees"
    entry = ws.history()[-1]
    assert (entry["action"], entry["source_id"], entry["fetch_status"]) == (
        "add_source", source.source_id, "ok")


def test_add_source_404_is_kept_as_failed_with_a_message(ws, http_server):
    url = http_server.url_for("/gone")
    source = ws.add_source(url=url)
    assert source.fetch_status == "failed" and source.http_status == "404"
    assert "404" in source.message and url in source.message
    assert ws.sources.get(source.source_id).fetch_status == "failed"  # kept, not raised
    assert ws.history()[-1]["fetch_status"] == "failed"
    with pytest.raises(WorksheetError, match="has no text to link a passage from"):
        ws.link_evidence(claim_id_of(ws, CONTAINERS), {
            "source_id": source.source_id, "text": "x", "start": 0, "end": 1}, "supports")


def test_add_source_pasted_text_works_offline(ws):
    source = ws.add_source(text="Pyongyang sent about 6,700 containers.", title="Defence minister",
                           url="https://example.org/briefing")
    assert source.fetch_status == "pasted" and source.url == "https://example.org/briefing"
    assert ws.sources.text(source.source_id) == "Pyongyang sent about 6,700 containers."
    with pytest.raises(SourceError, match="give the source's address"):
        ws.add_source()
    with pytest.raises(SourceError, match="not a web address"):
        ws.add_source(url="ftp://example.org/x")


# --- linking and unlinking ------------------------------------------------------------------------

def test_link_saves_a_row_in_the_evidence_csv_and_unlink_removes_it(ws, project):
    claim_id = claim_id_of(ws, CONTAINERS)
    passage = suggestion_with(ws.suggest_evidence(claim_id), STATE_DEPARTMENT)
    link = ws.link_evidence(claim_id, passage, "supports", note="fact sheet, 2nd paragraph")

    path = project / "claims" / "seed.evidence.csv"
    assert ws.evidence_path == path
    with open(path, newline="", encoding="utf-8") as f:
        assert next(csv.reader(f)) == list(EVIDENCE_COLUMNS)
    [row] = csv_rows(path)
    source = ws.sources.get(passage.source_id)
    text = ws.sources.text(passage.source_id)
    assert row == link.to_row()
    assert (row["claim_id"], row["source_id"], row["stance"], row["agreement"]) == (
        claim_id, passage.source_id, "supports", "agrees")
    assert (row["url"], row["publisher"], row["checker"]) == (source.url, source.publisher, "Anna")
    assert text[int(row["start"]):int(row["end"])] == row["passage"] == passage.text
    assert row["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert float(row["score"]) == round(passage.score, 1)
    assert row["note"] == "fact sheet, 2nd paragraph"
    assert ws.evidence(claim_id) == [link] and ws.evidence() == [link]
    assert ws.evidence("some-other-claim") == []

    # another kernel (or a restart) reads it back
    assert Worksheet.open(project / "claims" / "seed.csv").evidence() == [link]

    removed = ws.unlink_evidence(link.link_id)
    assert removed == link
    assert csv_rows(path) == [] and ws.evidence() == []
    actions = [(e["action"], e.get("link", {}).get("link_id")) for e in ws.history()]
    assert actions[-2:] == [("link", link.link_id), ("unlink", link.link_id)]
    assert ws.history()[-1]["link"] == link.to_row()  # the audit log can restore it
    with pytest.raises(WorksheetError, match="no evidence link 'ev-nothing'"):
        ws.unlink_evidence("ev-nothing")


def test_linking_the_same_passage_again_changes_its_stance(ws):
    claim_id = claim_id_of(ws, CONTAINERS)
    passage = suggestion_with(ws.suggest_evidence(claim_id), SOUTH_KOREA)
    first = ws.link_evidence(claim_id, passage, "context")
    second = ws.link_evidence(claim_id, passage, "Contradicts ", checker="Bo")
    assert second.link_id == first.link_id
    assert [(link.stance, link.checker) for link in ws.evidence()] == [("contradicts", "Bo")]
    assert ws.history()[-1]["old_stance"] == "context"


def test_link_accepts_a_mapping_and_finds_a_passage_whose_offsets_moved(ws):
    claim_id = claim_id_of(ws, CONTAINERS)
    passage = suggestion_with(ws.suggest_evidence(claim_id), SOUTH_KOREA)
    as_read = {"source_id": passage.source_id, "passage": passage.text,
               "start": str(passage.start + 3), "end": str(passage.end + 3)}
    link = ws.link_evidence(claim_id, as_read, "contradicts")
    assert (link.start, link.end) == (passage.start, passage.end)
    assert link.agreement == "disagrees"  # worked out again: a dict's own word is not taken
    assert link.score == 0


@pytest.mark.parametrize("passage, stance, message", [
    ({"source_id": "pasted-221becfb5815", "text": "Nothing like this is in the source.",
      "start": 0, "end": 10}, "supports", "is not in the text of source 'pasted-221becfb5815'"),
    ({"source_id": "web-nothing", "text": "x", "start": 0, "end": 1}, "supports",
     "no source 'web-nothing'"),
    ({"text": "x", "start": 0}, "supports", "lacks source_id, end"),
    ({"source_id": "pasted-221becfb5815", "text": "x", "start": "a", "end": 1}, "supports",
     "must be numbers"),
    ({"source_id": "web-ed5d3762716c", "text": "x", "start": 0, "end": 1}, "supports",
     "has no text to link a passage from \\(not_fetched"),
    ({"source_id": "pasted-221becfb5815", "text": "x", "start": 0, "end": 1}, "proves",
     "unknown stance 'proves'; use one of: supports, contradicts, context"),
])
def test_link_refuses_what_it_cannot_retrace(ws, passage, stance, message):
    with pytest.raises(WorksheetError, match=message):
        ws.link_evidence(claim_id_of(ws, CONTAINERS), passage, stance)
    assert not ws.evidence_path.exists()


def test_link_to_an_unknown_claim_names_it(ws):
    passage = ws.suggest_evidence(claim_id_of(ws, CONTAINERS))[0]
    with pytest.raises(WorksheetError, match="no claim 'c-nope'"):
        ws.link_evidence("c-nope", passage, "supports")


# --- the evidence CSV: hostile text, round trips, validation --------------------------------------

def test_hostile_source_text_round_trips_exactly(ws, project):
    source = ws.add_source(text=HOSTILE, title='<b>evil</b> "title", with comma')
    claim_id = claim_id_of(ws, CONTAINERS)
    passages = ws.suggest_evidence(claim_id, source_ids=[source.source_id], limit=20)
    assert passages
    for passage in passages:
        ws.link_evidence(claim_id, passage, "context", note='=cmd|" /c calc"!A1 <i>x</i>')
    again = Worksheet.open(project / "claims" / "seed.csv")
    links = again.evidence()
    assert links == ws.evidence() and len(links) == len(passages)
    text = again.sources.text(source.source_id)
    assert text == HOSTILE
    assert all(text[link.start:link.end] == link.passage for link in links)
    assert any("<img src=x onerror=alert(1)>" in link.passage for link in links)
    assert links[0].title == '<b>evil</b> "title", with comma'
    assert links[0].note == '=cmd|" /c calc"!A1 <i>x</i>'


LINKS = st.builds(
    EvidenceLink,
    link_id=st.text(min_size=1).filter(str.strip),
    claim_id=st.text(min_size=1).filter(str.strip),
    source_id=st.text(min_size=1).filter(str.strip),
    url=st.text(), title=st.text(), publisher=st.text(), passage=st.text(),
    start=st.integers(0, 10_000), end=st.integers(10_000, 20_000),
    stance=st.sampled_from(STANCES),
    agreement=st.sampled_from(("agrees", "disagrees", "not_stated")),
    score=st.floats(0, 100).map(lambda x: round(x, 1)),
    checker=st.text(), linked_at=st.sampled_from(("", "2026-11-29T10:03:05Z")),
    text_sha256=st.sampled_from(("", "0" * 64)), note=st.text(),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINKS, min_size=1, max_size=4, unique_by=lambda link: link.link_id))
def test_evidence_csv_round_trip(tmp_path, links):
    path = tmp_path / "w.evidence.csv"
    path.unlink(missing_ok=True)
    file = EvidenceFile(path)
    for link in links:
        file.put(link)
    _, rows = read_evidence(path)
    assert [EvidenceLink.from_row(row) for row in rows.values()] == links
    assert [EvidenceLink.from_row(link.to_row()) for link in links] == links


def _set_cell(column: str, value: str):
    def edit(table):
        table[1][table[0].index(column)] = value
    return edit


@pytest.mark.parametrize("edit, row, column, words", [
    (_set_cell("stance", "maybe"), 2, "stance", "unknown stance 'maybe'"),
    (_set_cell("start", "ten"), 2, "start", "'ten' is not a whole number"),
    (lambda t: (_set_cell("start", "90")(t), _set_cell("end", "10")(t)), 2, "end",
     "ends (10) before it starts (90)"),
    (_set_cell("agreement", "yes"), 2, "agreement", "unknown agreement 'yes'"),
    (_set_cell("score", "140"), 2, "score", "not a number from 0 to 100"),
    (_set_cell("linked_at", "yesterday"), 2, "linked_at", "'yesterday' is not a time"),
    (_set_cell("link_id", ""), 2, "link_id", "the link_id is empty"),
    (lambda t: t.append(list(t[1])), 3, "link_id", "is also on row 2"),
    (lambda t: t[1].pop(), 2, "", "the row has 15 cells but the header has 16"),
    (lambda t: [r.pop(i) for i in [t[0].index("stance")] for r in t], 1, "stance",
     "the required column 'stance' is missing"),
])
def test_a_broken_evidence_csv_is_reported_by_file_row_and_column(ws, edit, row, column, words):
    claim_id = claim_id_of(ws, CONTAINERS)
    passages = ws.suggest_evidence(claim_id)
    ws.link_evidence(claim_id, passages[1], "supports")
    broken = hand_edit(ws.evidence_path, edit)

    with pytest.raises(WorksheetError) as err:
        ws.evidence()
    assert (err.value.row, err.value.column) == (row, column)
    message = str(err.value)
    assert str(ws.evidence_path) in message and words in message
    if row:
        assert f"row {row}" in message
    assert "Nothing was changed in the file" in message
    # nothing is written over it, and the verdicts live on
    with pytest.raises(WorksheetError):
        ws.link_evidence(claim_id, passages[0], "context")
    with pytest.raises(WorksheetError):
        ws.suggest_evidence(claim_id)
    assert ws.evidence_path.read_bytes() == broken
    assert ws.set_verdict(claim_id, "true").label == "true"
    assert Worksheet.open(ws.path, article=SEED_ARTICLE).verdict(claim_id).label == "true"


def test_a_row_cut_short_or_another_encoding_is_reported(ws):
    header = ",".join(EVIDENCE_COLUMNS).encode()
    ws.evidence_path.write_bytes(header + b'\r\n"ev-1,c-1\r\n')
    with pytest.raises(WorksheetError, match="row 2: the row has 1 cells but the header has 16"):
        ws.evidence()
    ws.evidence_path.write_bytes(header + b"\r\nev-1,c\xe8\r\n")
    with pytest.raises(WorksheetError, match="line 2 is not UTF-8"):
        ws.evidence()


def test_columns_added_by_hand_are_kept_and_a_bom_is_read(ws):
    claim_id = claim_id_of(ws, CONTAINERS)
    passages = ws.suggest_evidence(claim_id)
    first = ws.link_evidence(claim_id, passages[0], "supports")

    def add_column(table):
        table[0].append("editor")
        table[1].append("checked by the desk")
    data = hand_edit(ws.evidence_path, add_column)
    ws.evidence_path.write_bytes(b"\xef\xbb\xbf" + data)
    ws.link_evidence(claim_id, passages[0], "context")   # the same link again
    ws.link_evidence(claim_id, passages[2], "contradicts")
    rows = csv_rows(ws.evidence_path)
    assert [r["editor"] for r in rows] == ["checked by the desk", ""]
    assert rows[0]["link_id"] == first.link_id and rows[0]["stance"] == "context"


# --- re-extraction --------------------------------------------------------------------------------

FIRST = ("Visita a Roma del ministro Rossi\n\n"
         "Il governo ha speso 20 milioni di euro per la difesa, ha detto il ministro Rossi.\n\n"
         "Sono arrivati più di 500 soldati a Roma il 3 marzo.\n\n"
         "La Nato ha contato 12 navi nel porto.\n")
SECOND = FIRST.replace("Sono arrivati più di 500 soldati a Roma il 3 marzo.\n\n", "") \
              .replace("La Nato ha contato 12 navi nel porto.\n", "")


def test_re_extraction_keeps_links_whose_claim_vanished_as_orphans(tmp_path):
    path = tmp_path / "claims" / "rossi.csv"
    ws = Worksheet.open(path, article=load_article(text=FIRST), checker="Anna")
    source = ws.add_source(text="Defence officials said more than 500 soldiers arrived in Rome.")
    soldiers = claim_id_of(ws, "più di 500 soldati")
    ships = claim_id_of(ws, "12 navi")  # no link, no verdict: only extractor output
    [passage] = ws.suggest_evidence(soldiers, source_ids=[source.source_id])
    link = ws.link_evidence(soldiers, passage, "supports")

    ws = Worksheet.open(path, article=load_article(text=SECOND))
    assert soldiers not in [c.claim_id for c in ws.claims]
    assert ws.evidence() == [link] and ws.evidence()[0].orphaned
    assert [v.claim_id for v in ws.orphans] == [soldiers]  # its row stays, for the link
    assert ws.claim(soldiers).text == "più di 500 soldati"
    assert ships not in {row["claim_id"] for row in csv_rows(path)}
    assert [e["orphaned"] for e in ws.history() if e["action"] == "reextract"] == [[soldiers]]

    ws = Worksheet.open(path, article=load_article(text=FIRST))  # the sentence is back
    assert not ws.evidence()[0].orphaned and ws.orphans == []


def test_re_extraction_with_an_unreadable_evidence_csv_keeps_every_vanished_claim(tmp_path):
    path = tmp_path / "claims" / "rossi.csv"
    Worksheet.open(path, article=load_article(text=FIRST))
    evidence = path.with_name("rossi.evidence.csv")
    evidence.write_text("not, an evidence file\n", encoding="utf-8")
    ws = Worksheet.open(path, article=load_article(text=SECOND))
    assert {v.claim.text for v in ws.orphans} >= {"più di 500 soldati", "12 navi"}
    assert evidence.read_text(encoding="utf-8") == "not, an evidence file\n"


def test_audit_log_entries_are_json_lines(ws):
    claim_id = claim_id_of(ws, CONTAINERS)
    ws.link_evidence(claim_id, ws.suggest_evidence(claim_id)[0], "supports")
    lines = ws.path.with_name("seed.log.jsonl").read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[-1])
    assert entry["action"] == "link" and entry["checker"] == "Anna" and entry["at"]


def test_verify_error_is_the_base_of_every_error_here():
    assert issubclass(WorksheetError, VerifyError) and issubclass(SourceError, VerifyError)
