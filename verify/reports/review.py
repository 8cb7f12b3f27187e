"""The editor's review of one or many worksheets: what was checked, how, and what needs a look.

    paths = find_worksheets("claims")          # a folder, files, or "a.csv:b.csv" (os.pathsep)
    worksheets = open_worksheets(paths)
    summary_table(worksheets)                  # one row per worksheet: progress, links, flags
    counts = verdict_counts(worksheets)        # verdict x worksheet
    verdict_chart(counts)                      # a bar chart in plain HTML (labels escaped)
    needs_attention(worksheets)                # the claims an editor should look at, and why
    article_warnings(worksheets)               # where each article contradicts itself
    export_all(worksheets, "out")              # each worksheet's editor CSV, report, ClaimReview

Without worksheets (a fresh clone), ``demo_worksheets(folder)`` writes two checkers'
worksheets of the seed article, with a few verdicts and evidence links, into ``folder``.
``seed_worksheet(folder)`` is the empty one the training notebook starts from. Both copy the
demo source registry into ``folder/sources``: the project's own ``claims/`` and ``sources/``
are never written.

The tables are pandas DataFrames; the chart and the links are ``Html``, a ``str`` that Jupyter
shows as HTML. Every piece of worksheet text in them is escaped.
"""

from __future__ import annotations

import base64
import html
import os
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import quote

import pandas as pd

from ..reading.articles import SEED_ARTICLE
from ..checking.consistency import check_article
from ..errors import WorksheetError
from .export import editor_rows
from .formats import EXPORT_FORMATS
from ..checking.scales import scale_for_labels
from .team import merge_worksheets, pairwise_agreement
from ..checking.worksheet import Worksheet
from ..records.model import NOT_CHECKED
from ..records.workspace import DEMO_SOURCES

SEED_SOURCES = DEMO_SOURCES
"""The seed's demo source registry, shipped read-only (``verify.records.workspace.DEMO_SOURCES``)."""

ATTENTION = ("checkers disagree", "consistency warning", "claim gone from the article",
             "no source", "not checked")
"""Why a claim needs attention, most urgent first: two checkers gave different verdicts; the
article's own text or a linked passage contradicts the claim's figure; a verdict whose claim the
article no longer has; a verdict with no evidence link and no source noted; no verdict yet."""

# Sidecars of a worksheet <stem>.csv that are CSV files too: never worksheets themselves.
_SIDECAR_SUFFIXES = (".evidence.csv",)


class Html(str):
    """HTML text that Jupyter displays as HTML (and prints as its source)."""

    def _repr_html_(self) -> str:
        return str(self)


# --- finding and opening ----------------------------------------------------------------------

def find_worksheets(where: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The worksheet CSVs ``where`` names: a folder (its ``*.csv`` but the sidecars, sorted), a
    file, a list of those, or text with several separated by ``os.pathsep`` (":" on Linux, as
    in the ``VERIFY_WORKSHEETS`` variable). A folder with none gives none; a path that does not
    exist raises WorksheetError."""
    if isinstance(where, (str, os.PathLike)):
        items = [p for p in str(os.fspath(where)).split(os.pathsep) if p.strip()]
    else:
        items = [os.fspath(p) for p in where]
    found: list[Path] = []
    for item in items:
        path = Path(item).expanduser()
        if path.is_dir():
            found += sorted(p for p in path.glob("*.csv")
                            if p.is_file() and not p.name.endswith(_SIDECAR_SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            raise WorksheetError(f"{path}: no such worksheet or folder; give the path of a "
                                 "worksheet CSV or of a folder of them (claims/)",
                                 source=str(path))
    return list(dict.fromkeys(found))


def open_worksheets(paths: Iterable[str | os.PathLike | Worksheet]) -> list[Worksheet]:
    """Each worksheet resumed from disk (``Worksheet.open``, which validates hand edits and
    raises WorksheetError naming the file, row and column of a broken one)."""
    return [p if isinstance(p, Worksheet) else Worksheet.open(p) for p in paths]


# --- tables -------------------------------------------------------------------------------------

def _names(worksheets: Sequence[Worksheet]) -> list[str]:
    """A short unique name per worksheet: its file's stem, then its folder when two share one."""
    stems = Counter(ws.path.stem for ws in worksheets)
    names = [ws.path.stem if stems[ws.path.stem] == 1 else f"{ws.path.parent.name}/{ws.path.stem}"
             for ws in worksheets]
    seen: Counter = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _article_id(ws: Worksheet) -> str:
    if ws.article is not None:
        return ws.article.article_id
    claims = ws.claims or [o.claim for o in ws.orphans if o.claim is not None]
    return claims[0].article_id if claims else ws.path.stem


def _title(ws: Worksheet) -> str:
    return (ws.article.title if ws.article is not None else "") or _article_id(ws)


def summary_table(worksheets: Sequence[Worksheet]) -> pd.DataFrame:
    """One row per worksheet: ``worksheet`` (its name), ``article``, ``checkers`` (who set its
    verdicts), ``claims``, ``checked``, ``percent checked``, ``evidence links``, ``flagged`` (claims
    with a consistency warning), ``orphaned`` (verdicts whose claim is gone) and
    ``last checked``."""
    rows = []
    for name, ws in zip(_names(worksheets), worksheets):
        checked, total = ws.progress()
        entries = [r for r in editor_rows(ws) if not r["orphaned"]]
        verdicts = [v for v in (ws.verdict(c.claim_id) for c in ws.claims) if v is not None]
        rows.append({
            "worksheet": name,
            "article": _title(ws),
            "checkers": ", ".join(sorted({v.checker for v in verdicts if v.checker})),
            "claims": total,
            "checked": checked,
            "percent checked": round(100 * checked / total, 1) if total else 0.0,
            "evidence links": len(_links(ws)),
            "flagged": sum(1 for r in entries if r["flags"]),
            "orphaned": len(ws.orphans),
            "last checked": max((v.checked_at for v in verdicts), default=""),
        })
    return pd.DataFrame(rows, columns=["worksheet", "article", "checkers", "claims", "checked",
                                       "percent checked", "evidence links", "flagged",
                                       "orphaned", "last checked"])


def _links(ws: Worksheet) -> list:
    evidence = getattr(ws, "evidence", None)
    return list(evidence()) if evidence is not None else []


# Columns of running text: they get room to be read (a title squeezed into a strip one word wide
# is what a narrow notebook made of them) and are aligned left, as text is read.
_TEXT_COLUMNS = ("worksheet", "article", "checkers", "claim", "sentence", "why", "flags", "verdicts")
_TIME_COLUMNS = ("last checked", "checked_at")


def readable(table: pd.DataFrame):
    """``table`` for reading in a notebook (a pandas ``Styler``): text columns aligned left, the
    title and sentence columns at least 12em wide, times as a person reads them ("3 December
    2026, 14:05 CET"), no index. The table itself is unchanged: use it for anything else."""
    from .report import readable_time

    text = [c for c in table.columns if c in _TEXT_COLUMNS]
    wide = [c for c in text if c in ("article", "claim", "sentence", "why")]
    times = {c: (lambda t: readable_time(t, short=True)) for c in table.columns if c in _TIME_COLUMNS}
    styler = table.style.hide(axis="index").format(precision=1)
    if times:
        styler = styler.format(times, subset=list(times))
    styler = styler.set_properties(subset=text, **{"text-align": "left"})
    styler = styler.set_properties(subset=wide, **{"min-width": "12em"})
    return styler.set_table_styles([{"selector": "th", "props": "text-align: left;"},
                                    {"selector": "", "props": "font-size: 0.88em;"}])


def verdict_counts(worksheets: Sequence[Worksheet]) -> pd.DataFrame:
    """How many of the article's claims got each verdict: one row per label (the scales'
    labels, best first, then "not checked"), one column per worksheet. Verdicts whose claim is
    gone are not counted. (No total column: two checkers of one article would count each
    claim twice.)"""
    labels: list[str] = []
    columns: dict[str, Counter] = {}
    for name, ws in zip(_names(worksheets), worksheets):
        labels += [label for label in ws.labels if label != NOT_CHECKED]
        columns[name] = Counter(
            (v.label if v is not None else NOT_CHECKED)
            for v in (ws.verdict(c.claim_id) for c in ws.claims))
        labels += [label for label in columns[name] if label != NOT_CHECKED]
    index = [*dict.fromkeys(labels), NOT_CHECKED]
    frame = pd.DataFrame({name: [count[label] for label in index]
                          for name, count in columns.items()}, index=index, dtype=int)
    frame.index.name = "verdict"
    return frame


def verdict_chart(counts: pd.DataFrame | pd.Series, *, title: str = "Verdicts") -> Html:
    """A bar chart of ``counts`` (``verdict_counts``, or one of its columns): a row per
    verdict, a column of bars per worksheet, each bar coloured by the verdict's place on the
    scale (red the worst, green the best, grey when not a rating) and scaled to the largest
    verdict count; "not checked" is given as a number under each column, not as a bar (it
    would dwarf the rest). Plain HTML, no script; labels and names escaped.

    >>> chart = verdict_chart(pd.Series({"true": 2, "<b>odd</b>": 1}, name="anna"))
    >>> "&lt;b&gt;odd&lt;/b&gt;" in chart and "<b>odd" not in chart
    True
    """
    frame = counts.to_frame() if isinstance(counts, pd.Series) else counts
    frame = frame.fillna(0).astype(int)
    labels = [str(label) for label in frame.index]
    scale = scale_for_labels(labels)
    given = [label for label in labels if label.casefold() != NOT_CHECKED]
    top = max([int(frame.loc[label].max()) for label in given] + [1])
    cell = "padding:3px 8px"
    head = "".join(f'<th style="{cell};text-align:left">{_esc(name)}</th>' for name in frame)
    rows = []
    for label in given:
        bars = "".join(
            f'<td style="{cell};width:220px"><div style="display:flex;align-items:center;'
            f'gap:6px"><div style="width:{round(100 * n / top, 1)}%;min-width:{2 if n else 0}px;'
            f'height:14px;border-radius:2px;{_colour(scale, label)}"></div>'
            f'<span class="verdict-count" data-worksheet="{_esc(name)}" '
            f'style="font-variant-numeric:tabular-nums">{n}</span></div></td>'
            for name, n in frame.loc[label].items())
        rows.append(f'<tr class="verdict-row" data-verdict="{_esc(label)}"><th style="{cell};'
                    f'text-align:left;white-space:nowrap">{_esc(label)}</th>{bars}</tr>')
    total = frame.sum()
    unchecked = (frame.loc[NOT_CHECKED] if NOT_CHECKED in frame.index
                 else pd.Series(0, index=frame.columns))
    foot = "".join(f'<td class="not-checked" style="{cell};color:#607d8b">{int(unchecked[name])}'
                   f" of {int(total[name])} not checked</td>" for name in frame)
    return Html(
        '<table class="verify-verdict-chart" style="border-collapse:collapse;font-size:13px">'
        f'<caption style="text-align:left;font-weight:600;padding-bottom:4px">{_esc(title)}'
        f'</caption><thead><tr><th></th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        f"<tfoot><tr><th></th>{foot}</tr></tfoot></table>")


def _colour(scale, label: str) -> str:
    """The bar's colour from the label's place on the scale (computed: never worksheet text)."""
    if label.strip().casefold() == NOT_CHECKED:
        return "background:#cfd8dc"
    rating = scale.rating(label)
    if not rating.is_rating or rating.best_rating == rating.worst_rating:
        return "background:#78909c"
    share = (rating.rating_value - rating.worst_rating) / (rating.best_rating - rating.worst_rating)
    return f"background:hsl({round(share * 125)},55%,42%)"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


# --- what needs attention -----------------------------------------------------------------------

@dataclass
class _Seen:
    """One claim across the worksheets of its article."""

    article: str
    claim_id: str
    kind: str
    claim: str
    sentence: str
    checkworthiness: float
    order: tuple[int, int]
    verdicts: list[str]
    has_source: bool = False
    orphaned: bool = False
    flags: list[str] | None = None


def needs_attention(worksheets: Sequence[Worksheet]) -> pd.DataFrame:
    """The claims an editor should look at, one row per claim of an article (the worksheets
    of one article are read together), most urgent first.

    Columns: ``article``, ``claim_id``, ``kind``, ``claim`` (its words), ``sentence``,
    ``checkworthiness``, ``verdicts`` ("true (Anna); false (Bruno)"), ``why`` (the reasons,
    in ATTENTION's words and order, "; " between them), ``flags`` (the consistency warnings,
    one a line). Rows are sorted by their most urgent reason, then check-worthiness, then
    article order. A claim nobody checked is "not checked" only: a claim one checker of
    several left out is not.
    """
    rows = []
    for group in _by_article(worksheets).values():
        split = _split_claims(group)
        seen: dict[str, _Seen] = {}
        for ws in group:
            claims = {c.claim_id: c for c in ws.claims}
            for row in editor_rows(ws):
                claim = claims.get(row["claim_id"]) or ws.claim(row["claim_id"])
                entry = seen.get(row["claim_id"])
                if entry is None:
                    entry = seen[row["claim_id"]] = _Seen(
                        _title(ws), claim.claim_id, claim.kind, claim.text, claim.sentence,
                        claim.checkworthiness, (claim.start, claim.end), [], flags=[])
                if row["verdict"] != NOT_CHECKED:
                    entry.verdicts.append(f"{row['verdict']} ({row['checker'] or ws.path.stem})")
                    entry.has_source |= bool(row["sources"].strip() or row["evidence"].strip())
                    entry.orphaned |= bool(row["orphaned"])
                entry.flags += [f for f in row["flags"].split("\n") if f and f not in entry.flags]
        for entry in seen.values():
            why = []
            if entry.claim_id in split:
                why.append("checkers disagree")
            if entry.flags:
                why.append("consistency warning")
            if entry.orphaned:
                why.append("claim gone from the article")
            if entry.verdicts and not entry.has_source:
                why.append("no source")
            if not entry.verdicts:
                why.append("not checked")
            if why:
                rows.append((ATTENTION.index(why[0]), -entry.checkworthiness, entry.order, {
                    "article": entry.article, "claim_id": entry.claim_id, "kind": entry.kind,
                    "claim": entry.claim, "sentence": entry.sentence,
                    "checkworthiness": entry.checkworthiness,
                    "verdicts": "; ".join(entry.verdicts), "why": "; ".join(why),
                    "flags": "\n".join(entry.flags)}))
    rows.sort(key=lambda r: r[:3])
    return pd.DataFrame([r[3] for r in rows],
                        columns=["article", "claim_id", "kind", "claim", "sentence",
                                 "checkworthiness", "verdicts", "why", "flags"])


CHECKED_ELSEWHERE_COLUMNS = ("worksheet", "claim", "kind", "publisher", "published", "rating",
                             "same claim", "score", "fact-check", "reasons")


def checked_elsewhere(worksheets: Sequence[Worksheet], *, archive: str | os.PathLike | None = None,
                      same_claim_only: bool = True) -> pd.DataFrame:
    """The claims of each article that past fact-checks already checked (``verify.evidence.factchecks``,
    the workspace's archive unless ``archive`` is given): one row per claim and fact-check, the
    best first within each claim; with ``same_claim_only=False``, related checks too.
    An article's claims are matched once, whichever worksheets share it."""
    from ..evidence.factchecks import checked_before

    rows = []
    seen: set[str] = set()
    for name, ws in zip(_names(worksheets), worksheets):
        article = ws.article
        if article is None or article.article_id in seen:
            continue
        seen.add(article.article_id)
        for claim, matches in checked_before(ws.claims, article.lang, archive=archive,
                                             same_claim_only=same_claim_only):
            for match in matches:
                fc = match.fact_check
                rows.append({"worksheet": name, "claim": claim.text, "kind": claim.kind,
                             "publisher": fc.author, "published": fc.date_published,
                             "rating": fc.rating, "same claim": match.same_claim,
                             "score": round(match.score, 2), "fact-check": fc.url,
                             "reasons": "; ".join(match.reasons)})
    return pd.DataFrame(rows, columns=list(CHECKED_ELSEWHERE_COLUMNS))


def article_warnings(worksheets: Sequence[Worksheet]) -> pd.DataFrame:
    """The consistency warnings of each article in its own text (``verify.checking.consistency``), once
    per article: the ones about a claim, and the ones about the page as a whole (a dateline
    months after the events). Columns: ``article``, ``kind``, ``text`` (the words), ``message``.
    A worksheet saved without its article's text (no ``.meta.json``) gives none."""
    rows = []
    for group in _by_article(worksheets).values():
        ws = next((w for w in group if w.article is not None), None)
        if ws is None:
            continue
        for finding in check_article(ws.article, ws.claims):
            if finding.severity == "warning":
                rows.append({"article": _title(ws), "kind": finding.kind.replace("_", " "),
                             "text": finding.text, "message": finding.message})
    return pd.DataFrame(rows, columns=["article", "kind", "text", "message"])


def _by_article(worksheets: Sequence[Worksheet]) -> dict[str, list[Worksheet]]:
    groups: dict[str, list[Worksheet]] = {}
    for ws in worksheets:
        groups.setdefault(_article_id(ws), []).append(ws)
    return groups


def _split_claims(group: Sequence[Worksheet]) -> set[str]:
    if len(group) < 2:
        return set()
    merged = merge_worksheets(group)
    return set(merged.loc[merged["agreement"] == "split", "claim_id"])


def agreement_table(worksheets: Sequence[Worksheet]) -> pd.DataFrame:
    """For every article checked by several worksheets: each pair of checkers' agreement
    (``verify.reports.team.pairwise_agreement``: claims both checked, percent, Cohen's kappa), with
    the ``article`` first. Empty when no article has two worksheets."""
    frames = []
    for group in _by_article(worksheets).values():
        if len(group) > 1:
            frame = pairwise_agreement(group)
            frame.insert(0, "article", _title(group[0]))
            frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["article", "pair", "first", "second", "both_checked",
                                     "agreed", "percent", "kappa"])
    return pd.concat(frames, ignore_index=True)


# --- exports ------------------------------------------------------------------------------------

def export_all(worksheets: Sequence[Worksheet], folder: str | os.PathLike, *,
               organization: str = "", report_url: str = "", bom: bool = True) -> pd.DataFrame:
    """Write each worksheet in every export format (``EXPORT_FORMATS``) into ``folder`` (made
    if missing): the editor CSV (``<name>.csv``, with a byte order mark for Excel unless
    ``bom`` is False), the HTML report (``<name>.html``) and ClaimReview JSON-LD
    (``<name>.claimreview.json``). ``organization`` heads the report and authors the
    ClaimReviews; ``report_url`` is where the report will be published. Returns one row per
    worksheet: ``worksheet``, a path per format (``csv``, ``html``, ``claimreview``) and
    ``reviews`` (how many ClaimReviews: one per checked claim)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, ws in zip(_names(worksheets), worksheets):
        stem = name.replace("/", "-")
        row: dict = {"worksheet": name}
        for fmt in EXPORT_FORMATS.values():
            path = folder / f"{stem}{fmt.suffix}"
            built = fmt.write(ws, path, bom=bom, organization=organization,
                              report_url=report_url)
            row[fmt.name] = str(path)
            if fmt.name == "claimreview":
                row["reviews"] = len(built)
        rows.append(row)
    return pd.DataFrame(rows, columns=["worksheet", *EXPORT_FORMATS, "reviews"])


# A file embedded in its download link (a data: address) up to this size: the link then works
# wherever the page is shown (JupyterLab, Voilà, a notebook exported to HTML, a copy mailed on),
# with no file server behind it. Larger files get only the link by path.
EMBED_LIMIT = 5_000_000

_TYPES = {".html": "text/html", ".csv": "text/csv", ".json": "application/ld+json"}


def file_links(files: pd.DataFrame | Iterable[str | os.PathLike], *,
               start: str | os.PathLike = ".") -> Html:
    """Links to ``files`` (paths, or the table ``export_all`` returns), two for each file:

    - *open*: the path relative to ``start`` (the notebook's folder), which JupyterLab opens in a
      tab when the file is under its root (``make lab`` serves the project root) and which works
      from the notebook exported to HTML beside it; a ``file://`` address when the file is on
      another drive. Left out under Voilà, which serves no such files.
    - *download*: the file itself in a ``data:`` address with its name (up to ``EMBED_LIMIT``
      bytes), which works anywhere, Voilà included.

    Paths and names are escaped."""
    if isinstance(files, pd.DataFrame):
        paths = [files.at[i, c] for i in files.index
                 for c in ("csv", "html", "claimreview") if c in files.columns]
    else:
        paths = list(files)
    base = Path(start).resolve()
    in_voila = os.environ.get("SERVER_SOFTWARE", "").lower().startswith("voila")
    items = []
    for path in map(Path, paths):
        links = [] if in_voila else [
            f'<a class="open" href="{_esc(_relative_href(path.resolve(), base))}" '
            f'target="_blank" rel="noopener">{_esc(path.name)}</a>']
        download = _download_href(path)
        if download:
            label = "download" if links else _esc(path.name)
            links.append(f'<a class="download" href="{download}" download="{_esc(path.name)}">'
                         f"{label}</a>")
        items.append(f"<li>{' · '.join(links) or _esc(path.name)} <code>{_esc(path)}</code></li>")
    return Html('<ul class="verify-files">' + "".join(items) + "</ul>")


def _relative_href(resolved: Path, base: Path) -> str:
    try:
        return quote(resolved.relative_to(base).as_posix())
    except ValueError:
        try:
            return quote(os.path.relpath(resolved, base).replace(os.sep, "/"))
        except ValueError:  # another drive on Windows
            return resolved.as_uri()


def _download_href(path: Path) -> str:
    """The file as a ``data:`` address, or "" when it is missing or over ``EMBED_LIMIT``."""
    try:
        if path.stat().st_size > EMBED_LIMIT:
            return ""
        data = path.read_bytes()
    except OSError:
        return ""
    kind = _TYPES.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


# --- the seed, for the demo and the training ----------------------------------------------------

def seed_worksheet(folder: str | os.PathLike, name: str = "seed", *,
                   sources: str | os.PathLike | None = None, checker: str = "") -> Worksheet:
    """The seed article's worksheet ``folder/claims/<name>.csv`` (resumed when it exists),
    its source registry a copy of ``sources`` (default: the checkout's demo registry,
    ``SEED_SOURCES``) in ``folder/sources``, copied once. ``sources`` itself is only read."""
    folder = Path(folder)
    registry = folder / "sources"
    if not registry.exists():
        origin = Path(sources) if sources else SEED_SOURCES
        if not (origin / "registry.csv").is_file():
            raise WorksheetError(f"{origin}: no source registry (registry.csv) there; give "
                                 "sources= the folder of one, e.g. the project's sources/",
                                 source=str(origin))
        shutil.copytree(origin, registry,
                        ignore=shutil.ignore_patterns("*.py", "*.lock", ".*", "__pycache__"))
    return Worksheet.open(folder / "claims" / f"{name}.csv", article=SEED_ARTICLE,
                          checker=checker)


DEMO_VERDICTS = {
    # (claim, words of its sentence): {checker: (verdict, rationale, sources noted)}
    ("più di 10.000 container", "La Russia ha ricevuto"): {
        "Anna Bianchi": ("mostly true", "The State Department counted more than 10,000 "
                         "containers since September 2023; South Korea said about 6,700.", ""),
        "Bruno Neri": ("true", "State Department fact sheet, February 2024.", ""),
    },
    ("24 anni", "esattamente 24 anni"): {
        "Anna Bianchi": ("false", "19 July 2000 to 19 June 2024 is 23 years 11 months, not "
                         "exactly 24 years (the article's own dates).", "the article's captions"),
        "Bruno Neri": ("false", "23 years 11 months by the captions' dates.",
                       "the article's captions"),
    },
    ("260.000 tonnellate", "La Russia ha ricevuto"): {
        "Anna Bianchi": ("unverifiable", "No public source gives 260,000 tonnes.", ""),
    },
    ("almeno 10 missili", "Un funzionario americano"): {
        "Bruno Neri": ("true", "The State Department: at least 10 North Korean missiles.", ""),
    },
}
"""The demo's verdicts: two checkers who agree on one claim, split on another, and each check
one the other did not (one of them with no source)."""

_DEMO_LINKS = {
    # (claim, words of its sentence): [(checker, words of the passage, stance)]
    ("più di 10.000 container", "La Russia ha ricevuto"): [
        ("Anna Bianchi", "more than 10,000 containers", "supports"),
        ("Anna Bianchi", "about 6,700 containers", "contradicts"),
        ("Bruno Neri", "at least 10,000 containers", "supports"),
    ],
    ("almeno 10 missili", "Un funzionario americano"): [
        ("Bruno Neri", "at least 10 cases", "supports"),
    ],
}


def demo_worksheets(folder: str | os.PathLike, *,
                    sources: str | os.PathLike | None = None) -> list[Path]:
    """Write a demo into ``folder``: two checkers' worksheets of the seed article
    (``claims/anna.csv``, ``claims/bruno.csv``) with the verdicts of DEMO_VERDICTS and a few
    evidence links to the demo registry's passages, and a copy of the registry (from
    ``sources``, default the checkout's) in ``folder/sources``. Returns the worksheets' paths.
    """
    paths = []
    for checker in ("Anna Bianchi", "Bruno Neri"):
        ws = seed_worksheet(folder, checker.split()[0].lower(), sources=sources, checker=checker)
        claims = {key: _demo_claim(ws, *key) for key in {*DEMO_VERDICTS, *_DEMO_LINKS}}
        for key, by_checker in DEMO_VERDICTS.items():
            if checker in by_checker:
                label, rationale, noted = by_checker[checker]
                ws.set_verdict(claims[key], label, rationale=rationale, sources=noted)
        for key, wanted in _DEMO_LINKS.items():
            passages = ws.suggest_evidence(claims[key], limit=20)
            for who, words, stance in wanted:
                if who == checker:
                    passage = next(p for p in passages if words in p.text)
                    ws.link_evidence(claims[key], passage, stance)
        paths.append(ws.path)
    return paths


def _demo_claim(ws: Worksheet, text: str, within: str) -> str:
    found = [c.claim_id for c in ws.claims if c.text == text and within in c.sentence]
    if len(found) != 1:  # the seed's extraction changed: say which demo claim went missing
        raise WorksheetError(f"the demo expects one claim '{text}' in a sentence with "
                             f"'{within}' of the seed article, found {len(found)}; update "
                             "verify.reports.review.DEMO_VERDICTS", source=str(ws.path))
    return found[0]
