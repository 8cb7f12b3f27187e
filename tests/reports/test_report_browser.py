"""The HTML report opened in Debian's Chromium (``chromium``, the fixture of tests/browser_harness.py):
an editor sees the counts and the claims, a claim's anchor scrolls to it, and nothing in the page
runs: no dialog, no request, no script, even from an article, a rationale and a source that try.

``VERIFY_REPORT_SCREENSHOT=docs/report.png pytest tests/reports/test_report_browser.py`` also saves a
1280x800 screenshot of the seed's report (for the README) when the test passes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from browser_harness import ROOT, chromium  # noqa: F401  (pytest fixture)
from report_data import (HOSTILE_RATIONALE, HOSTILE_TEXTS, SEED_VERDICTS, claim_for,
                         hostile_worksheet, seed_worksheet)
from verify.reports.export import export_html

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}


class _Watch:
    """What a page did that a report must never do: open a dialog, run into a script error,
    fetch anything but the report file itself."""

    def __init__(self, page, report: Path):
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self._report = report.as_uri()

        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", lambda req: None if req.url.split("#")[0] == self._report
                else self.requests.append(req.url))

    def assert_quiet(self) -> None:
        assert self.dialogs == [], f"the report opened dialogs: {self.dialogs}"
        assert self.requests == [], f"the report fetched: {self.requests}"
        assert self.errors == [], f"script errors: {self.errors}"


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=VIEWPORT, java_script_enabled=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_seed_report_reads_in_chromium(page, tmp_path):
    from playwright.sync_api import expect

    ws = seed_worksheet(tmp_path)
    report = tmp_path / "report.html"
    export_html(ws, report, organization="Facta — fact-checking desk")
    watch = _Watch(page, report)
    page.goto(report.as_uri())

    expect(page.locator("h1.article-title")).to_contain_text("Putin afferma che Russia")
    counts = page.locator("#summary")
    expect(counts).to_be_visible()
    labels = [label for label, *_ in SEED_VERDICTS.values()]
    for label in set(labels):
        expect(counts.locator(f'td.count[data-verdict="{label}"]')).to_have_text(
            str(labels.count(label)))
    unchecked = len(ws.claims) - len(SEED_VERDICTS)
    expect(counts.locator('td.count[data-verdict="not checked"]')).to_have_text(str(unchecked))
    expect(counts.locator("td.count.total")).to_have_text(str(len(ws.claims)))
    expect(page.locator(".checked-count")).to_have_text(str(len(SEED_VERDICTS)))
    screenshot = page.screenshot() if os.environ.get("VERIFY_REPORT_SCREENSHOT") else None

    # a claim's anchor (ClaimReview's url) brings it into view, verdict and all
    claim = claim_for(ws, "più di 10.000 container", "La Russia ha ricevuto")
    page.goto(f"{report.as_uri()}#claim-{claim.claim_id}")
    card = page.locator(f"#claim-{claim.claim_id}")
    expect(card).to_be_in_viewport()
    expect(card.locator("mark")).to_have_text("più di 10.000 container")
    expect(card.locator(".verdict")).to_have_text("mostly true")
    expect(card.locator(".rationale")).to_contain_text("about 6,700")
    expect(card.locator(".checker")).to_have_text("Anna Bianchi")
    expect(card.locator(".evidence-link")).to_have_count(2)
    expect(card.locator(".evidence-link").first).to_contain_text("more than 10,000 containers")
    exactly = page.locator(f'#claim-{claim_for(ws, "24 anni", "esattamente 24 anni").claim_id}')
    expect(exactly.locator('.finding[data-kind="duration_mismatch"]')).to_contain_text(
        "23 years 11 months")
    # the verdicts come first: the first claim under the summary is a checked one, and the
    # unchecked claims are folded until the editor opens them (or follows a link to one)
    first = page.locator("#claims article.claim").first
    expect(first).to_have_class(re.compile(r"\bchecked\b"))
    folded = page.locator("details.unchecked-claims")
    expect(folded).not_to_have_attribute("open", "")
    unchecked = next(c for c in ws.claims if ws.verdict(c.claim_id) is None)
    expect(page.locator(f"#claim-{unchecked.claim_id}")).to_be_hidden()
    page.goto(f"{report.as_uri()}#claim-{unchecked.claim_id}")
    expect(page.locator(f"#claim-{unchecked.claim_id}")).to_be_in_viewport()
    # on paper: no anchors to click, each link's address written out, the folded list said so
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    expect(page.locator("#claims .anchor").first).to_be_hidden()
    after = page.evaluate("getComputedStyle(document.querySelector("
                          "'#claims a[href^=\"http\"]'), '::after').content")
    assert "attr(href)" in after or "http" in after, after
    assert page.pdf()[:5] == b"%PDF-"
    watch.assert_quiet()

    if screenshot is not None:   # written only when the whole test passed
        path = ROOT / os.environ["VERIFY_REPORT_SCREENSHOT"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(screenshot)
        print(f"\nscreenshot of the report: {path}")


def test_nothing_in_a_hostile_report_runs(page, tmp_path):
    from playwright.sync_api import expect

    ws = hostile_worksheet(tmp_path)
    report = tmp_path / "hostile.html"
    export_html(ws, report, organization="<img src=x onerror=alert('org')>",
                article_url="javascript:alert('article')")
    watch = _Watch(page, report)
    page.goto(report.as_uri())
    expect(page.locator("#claims")).to_be_visible()
    # every hostile string is on the page as text an editor can read
    body = page.locator("body").text_content()
    for hostile in HOSTILE_TEXTS + ["<img src=x onerror=alert('org')>"]:
        assert hostile in body, hostile
    assert HOSTILE_RATIONALE.split("\n")[1] in body
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img, iframe, svg, object, embed').length") == 0
    # opening the folded claims, hovering and clicking them fires nothing either
    if page.locator("details.unchecked-claims").count():
        page.locator("details.unchecked-claims > summary").click()
    for card in page.locator("article.claim").all():
        card.hover()
    page.locator("h1").click()
    page.wait_for_timeout(300)  # give a timer-started dialog its chance
    watch.assert_quiet()
