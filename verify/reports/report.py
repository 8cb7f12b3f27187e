"""The HTML report an editor reads: the verdicts first, then the evidence behind each.

    export_html(ws, "out/report.html", organization="Pagella Politica")

One self-contained file (inline CSS, no script, no outside resource; a Content-Security-Policy
forbids both, in case anything slipped past the escaping). Every piece of article, source and
checker text is escaped; a link is made only from an http(s) address, any other is shown as text.

The order is an editor's, not the article's: the article's title, address and dates; the counts by
verdict; the findings about the article as a whole; the checked claims grouped by verdict (the
scale's order, each group in article order); then the claims nobody checked yet, folded in a
``<details>`` (it opens without script, and a link to one of them opens it); last, the verdicts
whose claim the article no longer has. Each claim keeps the anchor ``#claim-<claim_id>``, which
ClaimReview's ``url`` uses. Times are shown as a person reads them, with their time zone
("3 December 2026, 14:05 CET"), and a print stylesheet lays the checked claims out on paper.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO

from ..reading.claims import span_in_sentence
from ..checking.consistency_finding import Finding
from .export_records import (NOT_CHECKED, _article_author, _Entry, _esc, _fragment, _Link,
                             _Report, _safe_url, _write, claim_anchor, gather)
from ..records.model import Claim
from ..checking.scales import Scale, load_scale, scale_for_labels
from ..evidence.sources import FACT_CHECK_KIND


def readable_time(iso: str, *, zone=None, short: bool = False) -> str:
    """An ISO 8601 time or date as a person reads it: "2026-12-03T13:05:00Z" is
    "3 December 2026, 14:05 CET" where the report is made in Rome (``zone``: a tzinfo, default
    this machine's), "2024-06-19" is "19 June 2024"; ``short``: "3 Dec 2026 14:05 CET", for
    tables. Text that is no such time comes back as it was."""
    text = (iso or "").strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return f"{day.day} {day.strftime('%b %Y' if short else '%B %Y')}"
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is None:  # the worksheet writes UTC; an older file may have left the zone out
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone(zone)
    name = local.tzname() or ""
    if not name or name[0] in "+-":  # a zone with no name: its offset from UTC
        name = "UTC" + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]
    return f"{local.day} {local.strftime('%b %Y %H:%M' if short else '%B %Y, %H:%M')} {name}"


def _link(url: str, text: str = "") -> str:
    """An external link when ``url`` is http(s), else the address as plain text."""
    shown = _esc(text or url)
    if _safe_url(url):
        return f'<a href="{_esc(url)}" rel="noopener noreferrer nofollow">{shown}</a>'
    return f'<span class="plain-url">{shown}</span>'


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "label"


def _verdict_style(scale: Scale, label: str) -> str:
    """A colour for the label from its place on the scale: red (worst) to green (best), grey
    for labels that are not a rating. Computed, so it is a number, never report text."""
    rating = scale.rating(label)
    if label == NOT_CHECKED:
        return "background:#eceff1;color:#37474f"
    if not rating.is_rating or rating.best_rating == rating.worst_rating:
        return "background:#546e7a;color:#fff"
    share = (rating.rating_value - rating.worst_rating) / (rating.best_rating - rating.worst_rating)
    return f"background:hsl({round(share * 125)},60%,34%);color:#fff"


def _badge(scale: Scale, label: str) -> str:
    return (f'<span class="verdict" data-verdict="{_esc(label)}" '
            f'style="{_verdict_style(scale, label)}">{_esc(label)}</span>')


def _highlighted_sentence(claim: Claim, article_text: str | None) -> str:
    """The claim's sentence (or the window a long one is kept as) with the claim's words marked
    at their own place, not at the first copy of them."""
    sentence = claim.sentence or claim.text
    at, end = span_in_sentence(claim, article_text) if claim.sentence else (-1, -1)
    if at < 0:
        return _esc(sentence)
    return (f"{_esc(sentence[:at])}<mark>{_esc(sentence[at:end])}</mark>"
            f"{_esc(sentence[end:])}")


def _finding_html(finding: Finding, related: bool = False) -> str:
    arithmetic = str(finding.detail.get("arithmetic", "") or "")
    shown = (f' <span class="arithmetic">{_esc(arithmetic)}</span>'
             if arithmetic and arithmetic not in finding.message else "")
    kind = finding.kind.replace("_", " ")
    classes = f"finding {_esc(finding.severity)}" + (" related" if related else "")
    about = (f'<span class="about">about \u201c{_esc(finding.text)}\u201d, which uses this '
             "claim:</span> " if related else "")
    return (f'<li class="{classes}" data-kind="{_esc(finding.kind)}">'
            f'<span class="finding-kind">{_esc(kind)}</span> {about}{_esc(finding.message)}'
            f"{shown}</li>")


def _link_html(link: _Link) -> str:
    name = link.title or link.publisher or link.url or link.source_id
    if link.title and link.publisher:
        name = f"{link.title} ({link.publisher})"
    source = _link(link.url, name) if link.url else _esc(name)
    bits = [f'<span class="stance stance-{_slug(link.stance)}">{_esc(link.stance)}</span>']
    if link.kind == FACT_CHECK_KIND:  # a past fact-check of this claim, kept as evidence
        when = f" {readable_time(link.published)}" if link.published else ""
        bits.insert(0, f'<span class="checked-before">checked before{_esc(when)}</span>')
    if link.agreement:
        bits.append(f'<span class="agreement agreement-{_slug(link.agreement)}">'
                    f'figures: {_esc(link.agreement.replace("_", " "))}</span>')
    if link.checker:
        bits.append(f'<span class="who">linked by {_esc(link.checker)}</span>')
    note = f'<p class="note">{_esc(link.note)}</p>' if link.note else ""
    flags = ("<ul class=\"findings\">" + "".join(_finding_html(f) for f in link.flags) + "</ul>"
             if link.flags else "")
    return (f'<li class="evidence-link"><blockquote class="passage">{_esc(link.passage)}'
            f'</blockquote><p class="source">— {source} {" ".join(bits)}</p>{note}{flags}</li>')


def _entry_html(entry: _Entry, scale: Scale, article_text: str | None = None) -> str:
    claim, verdict = entry.claim, entry.verdict
    classes = ["claim", "checked" if verdict is not None else "unchecked"]
    if entry.flags:
        classes.append("flagged")
    anchor = claim_anchor(claim.claim_id)
    what = " · ".join(x for x in (
        claim.kind, f"{claim.value} {claim.unit}".strip(),
        claim.qualifier.replace("_", " ") if claim.qualifier not in ("", "exact") else "",
        f"in the {claim.block}" if claim.block else "") if x)
    parts = [
        f'<article class="{" ".join(classes)}" id="{_esc(anchor)}">',
        f'<header><a class="anchor" href="{_esc(_fragment(claim.claim_id))}" '
        f'title="link to this claim">#</a> {_badge(scale, entry.label)} '
        f'<span class="claim-text">{_esc(claim.text)}</span> '
        f'<span class="kind">{_esc(what)}</span></header>',
        f'<blockquote class="sentence">{_highlighted_sentence(claim, article_text)}</blockquote>',
    ]
    if verdict is not None:
        if verdict.rationale:
            parts.append(f'<div class="rationale">{_esc(verdict.rationale)}</div>')
        who = verdict.checker or "an unnamed checker"
        when = f" on {readable_time(verdict.checked_at)}" if verdict.checked_at else ""
        parts.append(f'<p class="checked-by">Checked by <span class="checker">{_esc(who)}</span>'
                     f"{_esc(when)}</p>")
        if verdict.sources:
            parts.append(f'<p class="sources-note"><span class="label">Sources noted:</span> '
                         f"{_esc(verdict.sources)}</p>")
    if entry.links:
        parts.append('<h4>Evidence</h4><ul class="evidence">'
                     + "".join(_link_html(link) for link in entry.links) + "</ul>")
    if entry.findings or entry.related:
        parts.append('<h4>Consistency</h4><ul class="findings">'
                     + "".join(_finding_html(f) for f in entry.findings)
                     + "".join(_finding_html(f, related=True) for f in entry.related) + "</ul>")
    parts.append(f'<p class="claim-id">{_esc(claim.claim_id)}</p></article>')
    return "\n".join(parts)


_CSS = """
:root{--ink:#1d2329;--muted:#5f6b76;--line:#d9dee3;--paper:#fff;--wash:#f5f7f9}
*{box-sizing:border-box}
body{margin:0;background:var(--wash);color:var(--ink);font:16px/1.5 Georgia,"Times New Roman",serif}
main{max-width:920px;margin:0 auto;padding:24px 28px 64px;background:var(--paper)}
h1,h2,h3,h4,header,.counts,.kind,.verdict,.finding-kind,.claim-id,.meta,.checked-by,.source{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem;margin-top:2rem}
h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:.9rem 0 .3rem}
.org{font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;font-size:.9rem;margin:0}
.meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}
.counts{border-collapse:collapse;font-size:.95rem;min-width:60%}
.counts td,.counts th{padding:.15rem .6rem;border-bottom:1px solid var(--line);text-align:left}
.counts td.count{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.counts .bar{width:40%}.counts .bar span{display:block;height:.7rem;background:#90a4ae;border-radius:2px}
.counts tfoot th,.counts tfoot td{border-bottom:0;font-weight:600}
.verdict{display:inline-block;padding:.05rem .5rem;border-radius:3px;font-size:.8rem;font-weight:600;white-space:nowrap}
.claim{border:1px solid var(--line);border-left:5px solid #90a4ae;border-radius:4px;padding:.6rem 1rem .4rem;margin:1rem 0;break-inside:avoid}
.claim.flagged{border-left-color:#e65100}.claim.unchecked{background:var(--wash)}
.claim:target{outline:3px solid #1565c0}
.claim header{font-size:.95rem}.claim-text{font-weight:600}
.kind,.where,.claim-id,.who{color:var(--muted);font-size:.8rem}
.anchor{color:var(--muted);text-decoration:none}
.sentence{margin:.5rem 0;padding:.2rem 0 .2rem .8rem;border-left:3px solid var(--line)}
mark{background:#fff59d;padding:0 .1em}
.rationale{white-space:pre-wrap;overflow-wrap:anywhere}
.checked-by,.sources-note,.source{font-size:.85rem;color:var(--muted);margin:.3rem 0}
.sources-note{white-space:pre-wrap;overflow-wrap:anywhere}
.evidence,.findings{list-style:none;padding:0;margin:0}
.passage{margin:.3rem 0;padding:.3rem .8rem;background:var(--wash);border-radius:3px;white-space:pre-wrap;overflow-wrap:anywhere}
.checked-before{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;background:#ede7f6;color:#4527a0;font-weight:600}
.stance,.agreement{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;border:1px solid var(--line);color:var(--ink)}
.stance-supports{border-color:#2e7d32;color:#2e7d32}.stance-contradicts{border-color:#c62828;color:#c62828}
.agreement-disagrees{border-color:#c62828;color:#c62828}.agreement-agrees{border-color:#2e7d32;color:#2e7d32}
.finding{font-size:.9rem;margin:.25rem 0;padding:.25rem .6rem;border-radius:3px}
.finding.warning{background:#fff3e0;border-left:3px solid #e65100}
.finding.info{background:#e8f5e9;border-left:3px solid #2e7d32}
.finding.related{background:var(--wash);border-left-color:#90a4ae}.about{color:var(--muted)}
.finding-kind{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;margin-right:.3rem}
.arithmetic{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;color:var(--muted)}
a{color:#1565c0;overflow-wrap:anywhere}
.plain-url{overflow-wrap:anywhere}
footer{margin-top:2.5rem;font-size:.8rem;color:var(--muted)}
h3{font-size:1rem;margin:1.4rem 0 .2rem;display:flex;gap:.6rem;align-items:center}
.group-count,.summary-hint{color:var(--muted);font-size:.85rem;font-weight:400}
.counts th a{text-decoration:none}
details.unchecked-claims{margin-top:1.6rem;border-top:2px solid var(--line);padding-top:.4rem}
details.unchecked-claims>summary{cursor:pointer;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-weight:600;padding:.4rem 0}
.none-checked{color:var(--muted)}
@media print{
@page{margin:16mm 14mm}
body{background:#fff;font-size:11pt}main{max-width:none;padding:0}
.claim{border-color:#999;border-left-width:3px;margin:.5rem 0;padding:.3rem .6rem}
.claim.unchecked{background:#fff}.anchor,.summary-hint{display:none}
h2,h3{break-after:avoid}
.counts .bar span,.verdict,mark,.finding{print-color-adjust:exact;-webkit-print-color-adjust:exact}
a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em;color:var(--muted);overflow-wrap:anywhere}
details.unchecked-claims:not([open])>summary::after{content:" (not printed: open the list on screen to print it)";font-weight:400;color:var(--muted)}
details.unchecked-claims>summary{list-style:none}
}
"""

# No script, no outside resource, even if some text slipped past the escaping: the browser
# refuses both. Links still open (navigation is not a fetch).
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def export_html(ws, out: str | Path | IO[str] | None = None, *, organization: str = "",
                article_url: str = "", scale: str | Path | Scale | None = None) -> str:
    """Write the HTML report to ``out``; returns its text (see the module's notes).

    Each claim shows its sentence (the claim's words highlighted), verdict, rationale, checker
    and time, evidence (passage, source link, stance, agreement) and consistency findings.
    """
    report = gather(ws, article_url)
    chosen = load_scale(scale) if scale is not None else scale_for_labels(ws.labels)
    article = report.article
    current = [e for e in report.entries if not e.orphaned]
    orphans = [e for e in report.entries if e.orphaned]
    title = (article.title if article is not None and article.title else "") or (
        current[0].claim.article_id if current else Path(str(ws.path)).stem)
    counts = Counter(e.label for e in current)
    # the verdicts in the scale's order, then the claims nobody checked yet
    labels = [label for label in dict.fromkeys([*ws.labels, *counts]) if label != NOT_CHECKED]
    labels.append(NOT_CHECKED)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(article.lang if article is not None else "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>Fact-check report: {_esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body><main>",
        '<header class="report-header">',
    ]
    if organization.strip():
        parts.append(f'<p class="org">{_esc(organization.strip())}</p>')
    parts.append(f'<h1 class="article-title">{_esc(title)}</h1>')
    parts.append(_meta_html(report, counts, len(current)))
    parts.append("</header>")
    parts.append(_summary_html(chosen, labels, counts, current))
    if report.article_findings:
        parts.append('<section id="article-findings"><h2>About the article as a whole</h2>'
                     '<ul class="findings">'
                     + "".join(_finding_html(f) for f in report.article_findings)
                     + "</ul></section>")
    text = article.text if article is not None else None
    parts.append(_claims_html(chosen, labels, current, text))
    if orphans:
        parts.append('<section id="orphans"><h2>Verdicts on claims no longer in the article'
                     "</h2><p>The article changed since these were checked.</p>")
        parts.extend(_entry_html(entry, chosen) for entry in orphans)
        parts.append("</section>")
    parts.append(f'<footer>Worksheet {_esc(Path(str(ws.path)).name)}; verdict scale: '
                 f"{_esc(chosen.name)}.</footer>")
    parts.append("</main></body></html>\n")
    text = "\n".join(parts)
    _write(out, text, "HTML report")
    return text


def _summary_html(scale: Scale, labels: list[str], counts: Counter, current: list[_Entry]) -> str:
    """The counts by verdict, each a link to its group below."""
    total = len(current)
    rows = []
    for label in labels:
        n = counts.get(label, 0)
        width = round(100 * n / total) if total else 0
        badge = _badge(scale, label)
        if n:
            badge = f'<a href="#{_esc(_group_anchor(label))}">{badge}</a>'
        rows.append(f'<tr data-verdict="{_esc(label)}"><th>{badge}</th>'
                    f'<td class="count" data-verdict="{_esc(label)}">{n}</td>'
                    f'<td class="bar"><span style="width:{width}%"></span></td></tr>')
    flagged = sum(1 for e in current if e.flags)
    note = (f'<p class="flag-count">{flagged} claim{"s" if flagged != 1 else ""} '
            "with a consistency warning.</p>" if flagged else "")
    return ('<section id="summary"><h2>Verdicts</h2><table class="counts"><thead><tr>'
            "<th>Verdict</th><th>Claims</th><th></th></tr></thead><tbody>" + "".join(rows)
            + f'</tbody><tfoot><tr><th>All claims</th><td class="count total">{total}'
            "</td><td></td></tr></tfoot></table>" + note + "</section>")


def _group_anchor(label: str) -> str:
    return "verdict-" + _slug(label)


def _claims_html(scale: Scale, labels: list[str], current: list[_Entry], text: str | None) -> str:
    """The checked claims grouped by verdict in the scale's order, then the unchecked ones folded."""
    by_label: dict[str, list[_Entry]] = {}
    for entry in current:
        by_label.setdefault(entry.label, []).append(entry)
    parts = ['<section id="claims"><h2>Checked claims</h2>']
    checked_labels = [label for label in labels if label != NOT_CHECKED and label in by_label]
    if not checked_labels:
        parts.append('<p class="none-checked">No claim has a verdict yet.</p>')
    for label in checked_labels:
        group = by_label[label]
        parts.append(f'<section class="verdict-group" id="{_esc(_group_anchor(label))}" '
                     f'data-verdict="{_esc(label)}"><h3>{_badge(scale, label)} '
                     f'<span class="group-count">{len(group)} claim{"s" if len(group) != 1 else ""}'
                     "</span></h3>")
        parts.extend(_entry_html(entry, scale, text) for entry in group)
        parts.append("</section>")
    unchecked = by_label.get(NOT_CHECKED, [])
    if unchecked:
        n = len(unchecked)
        parts.append(f'<details class="unchecked-claims" id="{_group_anchor(NOT_CHECKED)}">'
                     f'<summary><span class="summary-title">{n} claim{"s" if n != 1 else ""} '
                     'not checked yet</span> <span class="summary-hint">(in article order; '
                     "click to show)</span></summary>")
        parts.extend(_entry_html(entry, scale, text) for entry in unchecked)
        parts.append("</details>")
    parts.append("</section>")
    return "\n".join(parts)


def _meta_html(report: _Report, counts: Counter, total: int) -> str:
    article = report.article
    rows: list[tuple[str, str]] = []
    if report.article_url:
        rows.append(("Article", _link(report.article_url)))
    elif article is not None and article.source and article.source != "<text>":
        rows.append(("Article", f'<span class="plain-url">{_esc(Path(article.source).name)}'
                                "</span>"))
    if article is not None:
        if article.published or article.dateline:
            when = _esc(readable_time(article.published))
            if article.dateline:
                when += (" " if when else "") + f'<span class="kind">(dateline: ' \
                                                f"{_esc(article.dateline)})</span>"
            rows.append(("Published", when))
        author = _article_author(article)
        if author:
            rows.append(("Byline", _esc(author["name"])))
    dates = sorted(e.verdict.checked_at for e in report.entries
                   if e.verdict is not None and e.verdict.checked_at)
    checked = total - counts.get(NOT_CHECKED, 0)
    progress = f'<span class="checked-count">{checked}</span> of {total} claims checked'
    if dates:
        progress += f", last on {_esc(readable_time(dates[-1]))}"
    rows.append(("Checked", progress))
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"
