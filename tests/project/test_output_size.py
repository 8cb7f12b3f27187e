"""The claims table stays a small multiple of the article (issue 9, section 2, output size).

Each claim row carries its sentence. A 410 KB paragraph of "10 milioni di euro e ..." is one
sentence with twenty thousand figures: whole in every row, it made a table of gigabytes. A
sentence longer than ``SENTENCE_KEPT_WHOLE`` characters is now stored as a window around the
claim (``…`` marking each cut), and ``sentence_start``/``sentence_end`` give the whole sentence
back from the article text. Short sentences, nearly all of news, are kept whole, byte for byte,
and no claim id changes: an id is made from the whole sentence, never from the window.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from verify.reading.articles import load_article
from verify.reading.claims import claim_key, extract_claims, read_claims_csv

ROOT = Path(__file__).resolve().parents[2]
HANG_SECONDS = 180.0
MAX_TIMES_INPUT = 20


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def funding_paragraph(size: int) -> str:
    """One sentence of ``size`` characters: "10 milioni di euro e " over and over."""
    return "Il governo ha stanziato " + repeated("10 milioni di euro e ", size) + "altri fondi.\n"


def extract_in_a_child(article: Path, out: Path) -> None:
    """``verify extract ARTICLE -o OUT`` as a user runs it, stopped if it hangs."""
    proc = subprocess.run([sys.executable, "-m", "verify", "extract", str(article), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=HANG_SECONDS)
    assert proc.returncode == 0, proc.stderr


def lines_up(claim, start: int, article_text: str) -> bool:
    """Whether the window, with the claim at ``start`` in it, is the stretch of the article
    around the claim's own offsets: the window without its "…" marks, put where that says."""
    from verify.reading.claims import WINDOW_MARK

    window = claim.sentence
    lead = len(WINDOW_MARK) if window.startswith(WINDOW_MARK) else 0
    tail = len(WINDOW_MARK) if window.endswith(WINDOW_MARK) else 0
    core = window[lead:len(window) - tail]
    first = claim.start - (start - lead)  # where the core starts in the article
    return (claim.sentence_start <= first and first + len(core) <= claim.sentence_end
            and article_text[first:first + len(core)] == core)


@pytest.mark.parametrize("size", [41_000, 410_000])
def test_a_paragraph_of_figures_gives_a_table_a_small_multiple_of_it(tmp_path, size):
    article, out = tmp_path / "stanziamenti.txt", tmp_path / "claims.csv"
    article.write_text(funding_paragraph(size), encoding="utf-8")
    extract_in_a_child(article, out)
    ratio = out.stat().st_size / article.stat().st_size
    assert ratio < MAX_TIMES_INPUT, f"the claims table is {ratio:.0f} times the article"
    from verify.reading.claims import SENTENCE_KEPT_WHOLE, WINDOW_CONTEXT, span_in_sentence

    text = article.read_text(encoding="utf-8")
    claims = read_claims_csv(out)
    assert len(claims) >= size // len("10 milioni di euro e ")
    for claim in claims:
        sentence = text[claim.sentence_start:claim.sentence_end]
        assert sentence.startswith("Il governo") and sentence.endswith("altri fondi.")
        assert len(sentence) > SENTENCE_KEPT_WHOLE
        assert len(claim.sentence) <= len(claim.text) + 2 * WINDOW_CONTEXT + 2
        assert claim.text in claim.sentence
        start, end = span_in_sentence(claim, text)
        assert claim.sentence[start:end] == claim.text
        assert lines_up(claim, start, text), claim


def test_a_window_is_cut_between_words_and_marked():
    from verify.reading.claims import WINDOW_MARK

    words = " ".join(f"parola{i}" for i in range(400))
    text = f"Il ministro ha detto che {words} costano 7 milioni di euro e {words}."
    article = load_article(text=text, lang="it")
    [money] = [c for c in extract_claims(article) if c.kind == "money"]
    window = money.sentence
    assert window.startswith(WINDOW_MARK) and window.endswith(WINDOW_MARK)
    assert "costano 7 milioni di euro e" in window
    inner = window[len(WINDOW_MARK):-len(WINDOW_MARK)]
    assert inner.split()[0].startswith("parola") and inner.split()[-1].startswith("parola")
    # whole words only: each word of the window is a word of the sentence
    assert set(inner.split()) <= set(text.split())
    assert text[money.sentence_start:money.sentence_end] == text


def test_short_sentences_are_kept_whole_byte_for_byte():
    text = ("Il governo ha stanziato 10 milioni di euro. Secondo il ministro Rossi, i fondi "
            "arriveranno entro il 2025 a 300 comuni.")
    article = load_article(text=text, lang="it")
    claims = extract_claims(article)
    assert len(claims) >= 3
    for claim in claims:
        assert claim.sentence == text[claim.sentence_start:claim.sentence_end]


def test_claim_ids_are_made_from_the_whole_sentence_never_the_window():
    text = funding_paragraph(5_000)
    claims = extract_claims(load_article(text=text, lang="it"))
    seen: dict[str, int] = {}
    for claim in claims:
        key = claim_key(claim.kind, text[claim.sentence_start:claim.sentence_end], claim.text)
        n = seen.get(key, 0)
        seen[key] = n + 1
        expected = "c-" + hashlib.sha1(f"{key}\x1f{n}".encode("utf-8")).hexdigest()[:12]
        assert claim.claim_id == expected
    assert len({c.claim_id for c in claims}) == len(claims)


def test_many_quotes_in_one_sentence_do_not_each_carry_it():
    quote = "“il fondo crescerà ancora” "
    text = "Il ministro Rossi ha detto " + quote * 2_000 + "ieri sera."
    claims = extract_claims(load_article(text=text, lang="it"))
    assert sum(c.kind == "quote" for c in claims) == 2_000
    stored = sum(len(c.sentence) + len(c.text) for c in claims)
    assert stored < MAX_TIMES_INPUT * len(text), stored


def test_a_long_sentence_that_states_a_fact_is_stored_about_twice_at_most():
    # A fact's words are its whole sentence: the row holds them, and the window is them.
    text = "Secondo il ministro Rossi " + repeated("i comuni hanno ricevuto i fondi e ", 50_000) + "."
    claims = extract_claims(load_article(text=text, lang="it"))
    facts = [c for c in claims if c.kind == "fact"]
    assert len(facts) == 1
    assert sum(len(c.sentence) + len(c.text) for c in claims) <= 2 * len(text) + 100


def test_a_worksheet_saved_before_the_windows_still_opens_with_its_verdicts(tmp_path):
    from verify.records.store import CLAIMS_TABLE_COLUMNS
    from verify.checking.worksheet import Worksheet

    text = "Titolo del pezzo\n" + funding_paragraph(3_000)
    article = load_article(text=text, lang="it")
    claims = extract_claims(article)
    chosen = claims[40]
    # What an older version wrote: the design page's columns only, each row its whole sentence.
    path = tmp_path / "stanziamenti.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(CLAIMS_TABLE_COLUMNS)
                                + ["verdict", "rationale", "checker", "checked_at", "sources"])
        writer.writeheader()
        for claim in claims:
            row = {k: v for k, v in claim.to_row().items() if k in CLAIMS_TABLE_COLUMNS}
            row["sentence"] = text[claim.sentence_start:claim.sentence_end]
            verdict = ("true", "the decree says so", "Anna", "2026-01-05T10:00:00+00:00")
            row.update(zip(("verdict", "rationale", "checker", "checked_at"),
                           verdict if claim is chosen else ("", "", "", "")))
            writer.writerow(row)

    resumed = Worksheet.open(path, read_only=True)
    assert [c.claim_id for c in resumed.claims] == [c.claim_id for c in claims]
    assert resumed.verdict(chosen.claim_id).label == "true"

    again = Worksheet.open(path, article=article)
    assert again.verdict(chosen.claim_id).label == "true"
    assert not again.orphans
    claim = next(c for c in again.claims if c.claim_id == chosen.claim_id)
    assert claim.sentence == chosen.sentence and len(claim.sentence) < 400


def test_each_claim_is_marked_at_its_own_place_in_its_window():
    from verify.reading.claims import span_in_sentence

    text = "Nel bilancio " + ", ".join(f"la voce {i} vale {i * 7} euro" for i in range(1, 400)) + "."
    claims = [c for c in extract_claims(load_article(text=text, lang="it")) if c.kind == "money"]
    assert len(claims) == 399
    for claim in claims:
        for given in (text, None):  # from the article, and from the row alone
            start, end = span_in_sentence(claim, given)
            assert claim.sentence[start:end] == claim.text
            assert lines_up(claim, start, text), (claim, given)


def test_the_panel_marks_the_claim_at_its_own_place_in_a_long_sentence(tmp_path):
    import html

    from verify.reading.claims import WINDOW_CONTEXT, WINDOW_MARK
    from verify.checking.session import Session
    from verify.checking.worksheet import Worksheet

    text = "Titolo del pezzo\n" + funding_paragraph(3_000)
    ws = Worksheet.open(tmp_path / "fondi.csv", article=load_article(text=text, lang="it"))
    session = Session(ws)
    claim = ws.claims[60]
    session.select(claim.claim_id)
    panel = session.claim_html()
    shown = panel.split('<p class="claim-sentence">', 1)[1].split("</p>", 1)[0]
    before, marked = shown.split('<mark class="claim-span">', 1)
    assert marked.startswith(html.escape(claim.text) + "</mark>")
    before = html.unescape(before)
    # the words before the mark are the article's just before this claim, as many as the
    # window keeps (the same words also come 21 characters earlier: a search by text finds those)
    assert before.startswith(WINDOW_MARK)
    kept = before[len(WINDOW_MARK):]
    assert WINDOW_CONTEXT - 20 <= len(kept) <= WINDOW_CONTEXT
    assert text[claim.start - len(kept):claim.start] == kept
