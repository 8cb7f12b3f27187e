"""Score the number grammar on real news pages against a hand annotation (issue 9, section 3).

    python bench/news_eval.py                       # every page of $VERIFY_NEWS_EVAL (../newseval)
    python bench/news_eval.py /path/to/eval --split dev
    python bench/news_eval.py --split held --json    # figures only, for other tools
    python bench/news_eval.py --commit HEAD          # a clean copy of a commit, not the work tree

The evaluation folder holds no code and is never committed (the pages are other people's text):

- ``pages.csv``: ``name, lang, genre, split, url``; ``split`` is ``dev`` or ``held``.
- ``pages/<name>.txt``: the article text, UTF-8.
- ``gold/<name>.csv``: the figures a checker needs, written before the extractor was run on the
  page. Columns ``text, occurrence, kind, value, value_max, unit, qualifier, required, category``
  and optionally ``context, note``. ``text`` is the figure's exact surface; it is found at the
  ``occurrence``-th place (1 = first) of ``context`` when a context is given (the context holds
  the text), else of ``text`` itself. ``required`` 1 means a checker must see the figure, 0 that
  it is welcome but optional. Rows of kind ``none`` are surfaces that look like figures and are
  not (``Formula 1``, ``4x100m``, a score read as a range).

What is scored: the mentions of ``find_mentions(text, lang, year=, published=)`` over the whole
page, keeping only those marked checkable (the claims table is built from exactly those, sentence
by sentence, and passes the article's year and date that ``load_article`` reads from the page).

- A mention **matches** a gold figure when its span overlaps the gold surface's place and its
  value matches: equal numbers (ignoring a sign, and after converting between units of one
  dimension, as 306,1 miliardi di kWh and 306.1 TWh), equal dates (a date without its year,
  ``--08``, matches ``2024-08``), equal times; a gold range needs the same ``value_max``, and a
  gold single figure needs a mention that is not a range. Kind, unit and qualifier are not
  compared: that is the **lenient** score.
- The **strict** score also needs the qualifier, the sign, and for a quantity, money, percent or
  duration with a gold unit, a unit of the same dimension. A count's noun is not compared.
- Each gold figure takes at most one mention and each mention one figure.
- **Recall**: required gold figures matched / required gold figures.
- **Precision**: mentions that match a gold figure (required or optional) / all mentions. A mention
  on a ``none`` row, or on no row, is a false figure.

Misses, false figures and figures found only leniently are listed, grouped by the gold row's
category, for the dev pages only:
the held pages are the unseen test, and only their totals are printed.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify import load_article  # noqa: E402
from verify.errors import VerifyError  # noqa: E402
from verify.grammar import find_mentions  # noqa: E402

# The private pages live beside the checkout, never in it: VERIFY_NEWS_EVAL, else ../newseval.
DEFAULT_FOLDER = Path(os.environ.get("VERIFY_NEWS_EVAL") or ROOT.parent / "newseval")
GOLD_COLUMNS = ("text", "occurrence", "kind", "value", "value_max", "unit", "qualifier",
                "required", "category")
NOT_A_FIGURE = "none"
UNIT_CHECKED_KINDS = ("quantity", "money", "percent", "duration")
WINDOW = 45  # characters either side of a miss, to show the sentence fragment it is in

# Units of one dimension convert into each other, so "257 miliardi di kWh" and "257 TWh" agree.
# (dimension, factor to the dimension's base unit)
UNITS = {
    "second": ("time", 1), "minute": ("time", 60), "hour": ("time", 3600),
    "day": ("time", 86400), "week": ("time", 604800),
    "millimetre": ("length", 0.001), "centimetre": ("length", 0.01), "metre": ("length", 1),
    "kilometre": ("length", 1000),
    "watt hour": ("energy", 1), "kilowatt hour": ("energy", 1e3),
    "megawatt hour": ("energy", 1e6), "gigawatt hour": ("energy", 1e9),
    "terawatt hour": ("energy", 1e12),
    "watt": ("power", 1), "kilowatt": ("power", 1e3), "megawatt": ("power", 1e6),
    "gigawatt": ("power", 1e9),
    "cent": ("dollar", 0.01), "dollar": ("dollar", 1),
}


class GoldFileError(VerifyError):
    """A gold file or the page list cannot be used: the message names the file, row and fix."""


@dataclass(frozen=True)
class GoldFigure:
    """One row of a gold file, placed in its page."""
    row: int                 # as a spreadsheet shows it: the header is row 1
    text: str
    start: int
    end: int
    kind: str
    value: str
    value_max: str
    unit: str
    qualifier: str
    required: bool
    category: str

    @property
    def is_figure(self) -> bool:
        return self.kind != NOT_A_FIGURE


@dataclass(frozen=True)
class Page:
    name: str
    lang: str
    split: str
    text: str
    gold: tuple[GoldFigure, ...]


@dataclass
class PageScore:
    """What one page scored, and what went wrong on it."""
    name: str
    lang: str
    split: str
    required: int = 0
    found: int = 0
    found_strict: int = 0
    mentions: int = 0
    correct: int = 0
    correct_strict: int = 0
    misses: list[dict] = field(default_factory=list)
    false_figures: list[dict] = field(default_factory=list)
    loose: list[dict] = field(default_factory=list)  # found, but a wrong qualifier, sign or unit

    def figures(self) -> dict:
        return {"name": self.name, "lang": self.lang, "split": self.split,
                "required": self.required, "found": self.found,
                "found_strict": self.found_strict, "mentions": self.mentions,
                "correct": self.correct, "correct_strict": self.correct_strict,
                "recall": _ratio(self.found, self.required),
                "precision": _ratio(self.correct, self.mentions),
                "recall_strict": _ratio(self.found_strict, self.required),
                "precision_strict": _ratio(self.correct_strict, self.mentions)}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


# --- reading the evaluation folder ----------------------------------------------------------------

def read_pages(folder: Path) -> list[Page]:
    """Every page listed in ``folder/pages.csv``, with its text and placed gold figures."""
    listing = folder / "pages.csv"
    if not listing.is_file():
        raise GoldFileError(f"{listing}: no page list; write pages.csv with the columns "
                            "name, lang, split (dev or held).", source=str(listing))
    with open(listing, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pages = []
    for n, entry in enumerate(rows, start=2):
        missing = [c for c in ("name", "lang", "split") if not (entry.get(c) or "").strip()]
        if missing or entry["split"] not in ("dev", "held"):
            raise GoldFileError(f"{listing}, row {n}: needs name, lang and a split of dev or "
                                f"held (got {entry!r}).", source=str(listing))
        text = (folder / "pages" / f"{entry['name']}.txt").read_text(encoding="utf-8")
        gold = read_gold(folder / "gold" / f"{entry['name']}.csv", text)
        pages.append(Page(entry["name"], entry["lang"], entry["split"], text, tuple(gold)))
    return pages


def read_gold(path: Path, text: str) -> list[GoldFigure]:
    """The gold rows of ``path``, each placed in the page ``text``."""
    if not path.is_file():
        raise GoldFileError(f"{path}: no gold file for this page; write the figures first.",
                            source=str(path))
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        absent = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
        if absent:
            raise GoldFileError(f"{path}: missing column(s) {', '.join(absent)}.",
                                source=str(path))
        rows = [_gold_row(path, n, row, text) for n, row in enumerate(reader, start=2)]
    _check_no_overlap(path, rows)
    return rows


def _check_no_overlap(path: Path, rows: list[GoldFigure]) -> None:
    """Two figures at one place mean a row was placed at the wrong occurrence."""
    figures = sorted((g for g in rows if g.is_figure), key=lambda g: g.start)
    for a, b in zip(figures, figures[1:]):
        if b.start < a.end:
            a, b = sorted((a, b), key=lambda g: g.row)
            raise GoldFileError(f"{path}, rows {a.row} and {b.row}: {a.text!r} and {b.text!r} "
                                "cover the same characters; fix an occurrence or a context.",
                                source=str(path))


def _gold_row(path: Path, n: int, row: dict, text: str) -> GoldFigure:
    surface, context = row["text"], (row.get("context") or "").strip() or row["text"]
    try:
        occurrence = int(row["occurrence"] or 1)
        required = bool(int(row["required"] or 0))
    except ValueError:
        raise GoldFileError(f"{path}, row {n}: occurrence and required must be whole numbers "
                            f"(got {row['occurrence']!r}, {row['required']!r}).",
                            source=str(path)) from None
    if surface not in context:
        raise GoldFileError(f"{path}, row {n}: the context {context!r} does not hold the text "
                            f"{surface!r}.", source=str(path))
    at = _nth(text, context, occurrence)
    if at < 0:
        raise GoldFileError(f"{path}, row {n}: {context!r} does not occur {occurrence} time(s) "
                            "in the page; fix the text, context or occurrence.",
                            source=str(path))
    start = at + context.index(surface)
    if _cuts_a_number(text, start, start + len(surface)):
        raise GoldFileError(f"{path}, row {n}: {surface!r} is placed inside a longer number "
                            f"({_fragment(text, start, start + len(surface))}); give a context "
                            "that places it.", source=str(path))
    return GoldFigure(n, surface, start, start + len(surface), row["kind"].strip(),
                      row["value"].strip(), row["value_max"].strip(), row["unit"].strip(),
                      row["qualifier"].strip(), required, row["category"].strip() or "plain")


def _cuts_a_number(text: str, start: int, end: int) -> bool:
    """True when the surface starts or ends inside a number: "67,000" in "167,000", "5%" in
    "12,5%", "12" in "12.5"."""
    inside = text[start:end]
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    starts_inside = inside[:1].isdigit() and (before[-1:].isdigit() or (
        before[-1:] in (",", ".") and before[:1].isdigit()))
    ends_inside = inside[-1:].isdigit() and (after[:1].isdigit() or (
        after[:1] in (",", ".") and after[1:].isdigit()))
    return bool(starts_inside or ends_inside)


def _nth(text: str, needle: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(needle, at + 1)
        if at < 0:
            return -1
    return at


# --- matching a mention with a gold figure -----------------------------------------------------

def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _in_base(value: float, unit: str, other_unit: str) -> tuple[float, bool]:
    """``value`` in its dimension's base unit when both units share a dimension."""
    mine, theirs = UNITS.get(unit), UNITS.get(other_unit)
    if mine and theirs and mine[0] == theirs[0]:
        return value * mine[1], True
    return value, False


def _same_number(gold: str, found: str, gold_unit: str, found_unit: str) -> bool:
    a, b = _number(gold), _number(found)
    if a is None or b is None:
        return False
    a, _ = _in_base(abs(a), gold_unit, found_unit)
    b, _ = _in_base(abs(b), found_unit, gold_unit)
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


def _same_value(gold: str, found: str, gold_unit: str = "", found_unit: str = "") -> bool:
    if gold == found:
        return True
    if not gold or not found:
        return False
    if ":" in gold and ":" in found:  # a time of day, 9:05 against 09:05
        return gold.split(":") == [p.zfill(2) for p in found.split(":")]
    if "-" in gold[1:] or found.startswith("--"):  # a date; a mention without the year agrees
        return found.startswith("--") and gold.endswith(found[1:])
    return _same_number(gold, found, gold_unit, found_unit)


def matches(gold: GoldFigure, m) -> bool:
    """The lenient match: overlapping spans, the same value (and upper bound for a range)."""
    if not (m.start < gold.end and gold.start < m.end):
        return False
    if not _same_value(gold.value, m.value, gold.unit, m.unit):
        return False
    if gold.value_max:
        return _same_value(gold.value_max, m.value_max, gold.unit, m.unit)
    return not m.value_max


def matches_strictly(gold: GoldFigure, m) -> bool:
    """The strict match: also the qualifier, the sign and a unit of the same dimension."""
    if not matches(gold, m) or (m.qualifier or "exact") != gold.qualifier:
        return False
    if _number(gold.value) is None:  # a date or a time: one without its year is not strict
        return gold.value.startswith("--") == m.value.startswith("--")
    if gold.value.startswith("-") != m.value.startswith("-"):
        return False
    if gold.kind not in UNIT_CHECKED_KINDS or not gold.unit or gold.unit == m.unit:
        return True
    return _in_base(1.0, gold.unit, m.unit)[1]


# --- scoring -------------------------------------------------------------------------------

def article_date(text: str, lang: str) -> dict:
    """The article's year and date as the claims table passes them to the grammar: read by
    ``load_article`` from the page itself (a dateline), for "lo scorso anno", "Friday, Oct. 7"."""
    article = load_article(text=text, lang=lang)
    accepted = inspect.signature(find_mentions).parameters
    found = {"year": article.year, "published": getattr(article, "published", "")}
    return {k: v for k, v in found.items() if k in accepted and v}


def score_page(page: Page) -> PageScore:
    mentions = [m for m in find_mentions(page.text, page.lang, **article_date(page.text, page.lang))
                if m.checkable]
    result = PageScore(page.name, page.lang, page.split, mentions=len(mentions))
    figures = [g for g in page.gold if g.is_figure]
    taken: dict[int, GoldFigure] = {}  # mention index -> the gold figure it matched
    # Strict pairs first, so a figure read right is not counted against a loose neighbour.
    for strict in (True, False):
        for g in figures:
            if g in taken.values():
                continue
            for i, m in enumerate(mentions):
                if i not in taken and (matches_strictly(g, m) if strict else matches(g, m)):
                    taken[i] = g
                    break
    for g in figures:
        if not g.required:
            continue
        result.required += 1
        pair = [i for i, f in taken.items() if f is g]
        if pair:
            result.found += 1
            strict = matches_strictly(g, mentions[pair[0]])
            result.found_strict += strict
            if not strict:
                result.loose.append(_miss(page, g, [mentions[pair[0]]]))
        else:
            result.misses.append(_miss(page, g, mentions))
    for i, m in enumerate(mentions):
        if i in taken:
            result.correct += 1
            result.correct_strict += matches_strictly(taken[i], m)
        else:
            result.false_figures.append(_false_figure(page, m))
    return result


def _fragment(text: str, start: int, end: int) -> str:
    left, right = max(0, start - WINDOW), min(len(text), end + WINDOW)
    return " ".join((text[left:start] + "[" + text[start:end] + "]" + text[end:right]).split())


def _describe(m) -> str:
    bound = f"..{m.value_max}" if m.value_max else ""
    return f"{m.kind} {m.value}{bound} {m.unit} {m.qualifier}".replace("  ", " ").strip()


def _miss(page: Page, g: GoldFigure, mentions) -> dict:
    near = [_describe(m) + f" on {m.text!r}" for m in mentions
            if m.start < g.end and g.start < m.end]
    return {"page": page.name, "category": g.category, "text": g.text,
            "expected": f"{g.kind} {g.value}{'..' + g.value_max if g.value_max else ''} "
                        f"{g.unit} {g.qualifier}".replace("  ", " ").strip(),
            "got": "; ".join(near) or "nothing",
            "fragment": _fragment(page.text, g.start, g.end)}


def _false_figure(page: Page, m) -> dict:
    over = [g for g in page.gold if m.start < g.end and g.start < m.end]
    none = [g for g in over if not g.is_figure]
    if none:
        category = f"not a figure: {none[0].category}"
    elif over:
        category = f"wrong reading: {over[0].category}"
    else:
        category = "unannotated"
    return {"page": page.name, "category": category, "text": m.text, "got": _describe(m),
            "fragment": _fragment(page.text, m.start, m.end)}


def total(scores: list[PageScore], name: str) -> dict:
    summed = PageScore(name, "", "")
    for s in scores:
        for attr in ("required", "found", "found_strict", "mentions", "correct",
                     "correct_strict"):
            setattr(summed, attr, getattr(summed, attr) + getattr(s, attr))
    figures = summed.figures()
    figures["pages"] = len(scores)
    return figures


def evaluate(folder: Path, split: str = "all") -> dict:
    """Every figure of the run: per page, totals, and the dev pages' misses and false figures."""
    pages = [p for p in read_pages(folder) if split in ("all", p.split)]
    scores = [score_page(p) for p in pages]
    report = {
        "scored": "find_mentions(text, lang, year, published) over the whole page, checkable "
                  "mentions only; year and published as load_article reads them",
        "split": split,
        "pages": [s.figures() for s in scores],
        "total": total(scores, "total"),
        "italian": total([s for s in scores if s.lang == "it"], "italian"),
        "english": total([s for s in scores if s.lang == "en"], "english"),
        "dev": total([s for s in scores if s.split == "dev"], "dev"),
        "held": total([s for s in scores if s.split == "held"], "held"),
    }
    dev = [s for s in scores if s.split == "dev"]
    report["misses"] = [m for s in dev for m in s.misses]
    report["false_figures"] = [f for s in dev for f in s.false_figures]
    report["loose"] = [f for s in dev for f in s.loose]
    return report


# --- printing ------------------------------------------------------------------------------

def _line(f: dict) -> str:
    return (f"{f['name']:<30} {f.get('lang', ''):<3} {f.get('split', ''):<5} "
            f"recall {f['recall']:.3f} ({f['found']}/{f['required']})  "
            f"precision {f['precision']:.3f} ({f['correct']}/{f['mentions']})  "
            f"strict {f['recall_strict']:.3f}/{f['precision_strict']:.3f}")


def _grouped(items: list[dict], title: str) -> list[str]:
    counts = Counter(i["category"] for i in items)
    lines = [f"\n{title} (dev pages only): {len(items)}"]
    for category, n in counts.most_common():
        lines.append(f"  {category}: {n}")
        for i in items:
            if i["category"] == category:
                want = f" want {i['expected']};" if "expected" in i else ""
                lines.append(f"    {i['page']}: {i['text']!r}:{want} got {i['got']} | "
                             f"{i['fragment']}")
    return lines


def render(report: dict) -> str:
    lines = [f"scored: {report['scored']}; split: {report['split']}"
             + (f"; commit {report['commit']}" if "commit" in report else " (working tree)"),
             "strict = recall/precision with qualifier, sign and unit", ""]
    lines += [_line(p) for p in report["pages"]]
    lines.append("")
    for key in ("total", "italian", "english", "dev", "held"):
        if report[key]["pages"]:
            lines.append(_line(report[key]))
    lines += _grouped(report["misses"], "Misses by category")
    lines += _grouped(report["false_figures"], "False figures by category")
    lines += _grouped(report["loose"], "Found, but not strictly (qualifier, sign or unit)")
    return "\n".join(lines)


def evaluate_commit(commit: str, folder: Path, split: str) -> dict:
    """The report of ``commit``'s grammar, read from a clean copy of that commit (the working
    tree may hold other engineers' unfinished edits)."""
    with tempfile.TemporaryDirectory(prefix="news-eval-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit],
                                 capture_output=True, check=False)
        if archive.returncode:
            raise GoldFileError(f"git archive {commit}: {archive.stderr.decode().strip()}; "
                                "give a commit of this repository.")
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        shutil.copy(Path(__file__), Path(tmp) / "bench" / "news_eval.py")
        run = subprocess.run([sys.executable, str(Path(tmp) / "bench" / "news_eval.py"),
                              str(folder), "--split", split, "--json"],
                             capture_output=True, text=True, check=False, cwd=tmp)
        if run.returncode:
            raise GoldFileError(f"commit {commit}: the evaluation failed: {run.stderr.strip()}")
        report = json.loads(run.stdout)
    report["commit"] = commit
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER,
                        help="a folder with pages.csv, pages/ and gold/ (default %(default)s)")
    parser.add_argument("--split", choices=("dev", "held", "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--commit", help="score this commit's grammar (a clean copy of it), "
                                         "not the working tree")
    args = parser.parse_args(argv)
    try:
        if args.commit:
            report = evaluate_commit(args.commit, args.folder.resolve(), args.split)
        else:
            report = evaluate(args.folder, args.split)
    except (VerifyError, OSError) as err:
        print(f"news_eval: {err}", file=sys.stderr)
        return 2
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
