"""JSON made for a web page cannot break out of it (issue 10, point 6).

ClaimReview JSON-LD is published inside ``<script type="application/ld+json">``. An HTML parser
ends that element at the first ``</script`` and, after a ``<!--`` followed by ``<script``, looks
for *two* closing tags ("script data double escaped" state), so an article sentence or a rationale
holding ``<!--<script>`` would swallow the rest of the page. We act as an attacker: the hostile
strings go into a real article file and a real verdict, the export is embedded in a page, and
the page is read as a browser's tokenizer reads it (the WHATWG script-data states, written out
below) and with Python's html.parser.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from verify import Worksheet
from verify.reports.export import claimreview_json, export_claimreview, export_html

ATTACKS = ("<!--<script>", "</script><script>alert(1)</script>", "]]>", "&lt;",
           "<!-- </script>", "\u2028line\u2029para")
HOSTILE_SENTENCE = ("Il " + " ".join(ATTACKS) + " vertice ha riunito più di 40 leader "
                    "il 12 giugno 2024.")
HOSTILE_RATIONALE = "Fonte: " + " ".join(ATTACKS) + " fine."

ARTICLE = f"""Vertice a Roma

{HOSTILE_SENTENCE}

Secondo il governo, 3.000 agenti hanno garantito la sicurezza.
"""


def _hostile_reviews(tmp_path: Path) -> list[dict]:
    article = tmp_path / "vertice.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    ws = Worksheet.open(tmp_path / "claims" / "vertice.csv", article=article)
    hostile = [c for c in ws.claims if "<!--<script>" in c.sentence]
    assert hostile, [c.sentence for c in ws.claims]
    for claim in ws.claims:
        ws.set_verdict(claim.claim_id, "false", rationale=HOSTILE_RATIONALE,
                       checker="</script><b>Eve</b>")
    reviews = export_claimreview(ws, organization="<!--<script> Desk & Co >")
    assert any("<!--<script>" in r["claimReviewed"] for r in reviews)
    assert all(r["reviewRating"]["ratingExplanation"] == HOSTILE_RATIONALE for r in reviews)
    return reviews


class _Page(HTMLParser):
    """Collects the text of each <script> element and the elements seen after it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.tags: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _page(json_text: str) -> str:
    return ("<!DOCTYPE html><html><head><title>Check</title>"
            f'<script type="application/ld+json">{json_text}</script>'
            "</head><body><p id=\"after\">The rest of the page.</p></body></html>")


# The WHATWG tokenizer's script-data states (HTML Living Standard 13.2.5.4 to 13.2.5.27), as
# every browser runs them, reduced to one question: where does the script element's text end?
# Python's html.parser (3.11) does not implement the "double escaped" states, which are the ones
# "<!--<script>" exploits, so the browser's rule is written out here.
_SPACE = "\t\n\f\r /"


def _script_end(page: str, start: int) -> int | None:
    """The index of the "</script" that ends a script element whose text starts at ``start``,
    or None when the element runs to the end of the page (it swallowed the rest)."""
    state, name, i = "data", "", start
    while i < len(page):
        c = page[i]
        if state in ("data", "escaped", "escaped-dash", "escaped-dash-dash"):
            if c == "<":
                state = {"data": "lt"}.get(state, "escaped-lt")
            elif state != "data" and c == "-":
                state = {"escaped": "escaped-dash"}.get(state, "escaped-dash-dash")
            elif state == "escaped-dash-dash" and c == ">":
                state = "data"
            elif state != "data":
                state = "escaped"
        elif state == "lt":
            state = {"/": "end-open", "!": "escape-start"}.get(c, "data")
            if c not in "/!":
                continue
        elif state in ("escape-start", "escape-start-dash"):
            if c != "-":
                state = "data"
                continue
            state = "escape-start-dash" if state == "escape-start" else "escaped-dash-dash"
        elif state == "escaped-lt":
            if c == "/":
                state, name = "escaped-end", ""
            elif c.isascii() and c.isalpha():
                state, name = "double-start", ""
                continue
            else:
                state = "escaped"
                continue
        elif state in ("end-open", "escaped-end"):
            back = "data" if state == "end-open" else "escaped"
            if c.isascii() and c.isalpha():
                name += c.lower()
            elif c in _SPACE + ">" and name == "script":
                return page.rindex("<", start, i)
            else:
                state, name = back, ""
                continue
        elif state in ("double-start", "double-end"):
            if c.isascii() and c.isalpha():
                name += c.lower()
            elif c in _SPACE + ">":  # the tag name is complete: "script" toggles the state
                was_start = state == "double-start"
                state = ("double" if was_start else "escaped") if name == "script" else (
                    "escaped" if was_start else "double")
            else:
                state = "escaped" if state == "double-start" else "double"
                continue
        elif state in ("double", "double-dash", "double-dash-dash"):
            if c == "<":
                state = "double-lt"
            elif c == "-":
                state = "double-dash" if state == "double" else "double-dash-dash"
            elif c == ">" and state == "double-dash-dash":
                state = "data"
            else:
                state = "double"
        elif state == "double-lt":
            if c == "/":
                state, name = "double-end", ""
            else:
                state = "double"
                continue
        i += 1
    return None


def _browser_script_text(page: str) -> tuple[str, str] | None:
    """The JSON-LD script element's text as a browser reads it, and the page after it; None
    when the element swallows the rest of the page."""
    opener = '<script type="application/ld+json">'
    start = page.index(opener) + len(opener)
    end = _script_end(page, start)
    return None if end is None else (page[start:end], page[end:])


def test_the_claimreview_json_has_no_markup_characters_and_reads_back(tmp_path):
    reviews = _hostile_reviews(tmp_path)
    text = claimreview_json(reviews)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text, forbidden
    assert "\\u003c!--\\u003cscript\\u003e" in text
    assert json.loads(text) == reviews
    # the file written is the same text, and reads back to the same values too
    out = tmp_path / "review.json"
    assert claimreview_json(reviews, out) == out.read_text(encoding="utf-8")
    assert json.loads(out.read_text(encoding="utf-8")) == reviews


def test_the_claimreview_json_inside_a_script_element_leaves_the_page_intact(tmp_path):
    reviews = _hostile_reviews(tmp_path)
    text = claimreview_json(reviews)
    page = _page(text)
    # as a browser reads it
    read = _browser_script_text(page)
    assert read is not None, "the script element swallowed the rest of the page"
    script, rest = read
    assert script == text and json.loads(script) == reviews
    assert rest == "</script></head><body><p id=\"after\">The rest of the page.</p></body></html>"
    # and as Python's html.parser reads it
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert len(parser.scripts) == 1 and json.loads(parser.scripts[0]) == reviews
    assert parser.tags[-2:] == ["body", "p"], parser.tags


def test_the_old_escaping_breaks_the_page_as_a_browser_reads_it(tmp_path):
    """The attack is real, and the tokenizer above sees it: escaping "</" alone (the code
    before the fix) lets "<!--<script>" swallow the rest of the page."""
    reviews = _hostile_reviews(tmp_path)
    old = json.dumps(reviews, ensure_ascii=False, indent=2).replace("</", "<\\/")
    assert _browser_script_text(_page(old)) is None
    # the tokenizer is no pushover either: an ordinary script element ends where it should
    assert _browser_script_text(_page('{"a": "<!-- x -->"}'))[0] == '{"a": "<!-- x -->"}'
    assert _browser_script_text(_page('{"a": "<scripts>"}'))[0] == '{"a": "<scripts>"}'


@pytest.mark.parametrize("value", ["<!--<script>", "</script>", "]]>", "&lt;", "a\u2028b\u2029c",
                                   "\ud7ff\ue000 ok", "\\u003c literal", "<>&" * 50,
                                   "lone \ud800 surrogate \udfff"])
def test_any_string_round_trips_through_the_escaped_json(value):
    reviews = [{"@type": "ClaimReview", "claimReviewed": value, "nested": {"list": [value]}}]
    text = claimreview_json(reviews)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == reviews
    text.encode("utf-8")  # always savable


def test_the_html_report_embeds_no_json_or_script(tmp_path):
    """The HTML report has no script element at all, so no JSON to escape there; keep it so."""
    _hostile_reviews(tmp_path)
    ws = Worksheet.open(tmp_path / "claims" / "vertice.csv")
    page = export_html(ws)
    parser = _Page()
    parser.feed(page)
    assert parser.scripts == []
    assert "<!--<script>" not in page and "&lt;!--&lt;script&gt;" in page
