"""A new extraction of a worksheet's article: which worksheet holds an article (also one an
earlier version of ``verify`` named otherwise), whether a text given is the article a worksheet
holds or another one (``same_article``), and how the fresh claims are merged with the
checker's work (``merge_extraction``): verdicts stay with their claims, and a verdict whose
claim is gone is kept as an orphan.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Collection, Iterable

from ..errors import VerifyError, WorksheetError
from ..reading.articles import earlier_article_ids, load_article
from ..records import store
from ..records.model import CLAIM_BLOCKS, Article, Claim
from ..records.store import CHECKER_COLUMNS, ORPHANED, Table
from ..records.model import NOT_CHECKED
from .verdicts import _short, scale_labels
from .worksheet_files import _read_meta

def _load(article: str | Path | Article | None, lang: str | None) -> Article | None:
    if article is None or isinstance(article, Article):
        return article
    return load_article(article, lang=lang)


# --- which article a worksheet holds --------------------------------------------------------------

_WORD = re.compile(r"\w+")


def worksheet_path_for(folder: str | Path, article: Article) -> Path:
    """``<folder>/<article_id>.csv``, or the worksheet an earlier version of ``verify`` saved
    this article under (``verify.reading.articles.earlier_article_ids``) when only that one exists and
    holds this same article: after an upgrade the checker's verdicts are found, not hidden."""
    folder = Path(folder)
    path = folder / f"{article.article_id}.csv"
    if path.exists():
        return path
    for earlier in earlier_article_ids(article):
        candidate = folder / f"{earlier}.csv"
        if candidate.is_file() and _holds(candidate, article):
            return candidate
    return path


def _holds(path: Path, article: Article) -> bool:
    """Whether the worksheet at ``path`` holds ``article`` (read only, nothing written)."""
    try:
        table = store.read_worksheet(path, scale_labels(_read_meta(path).get("scale")))
        held = _read_meta(path).get("article")
    except (VerifyError, OSError):
        return False  # a broken file is not taken over; the new path is used
    held = held if isinstance(held, dict) else {}
    if held.get("text") == article.text:
        return True
    rows = [row for row in table.rows.values() if row[ORPHANED] != "yes"]
    held_text = held.get("text") if isinstance(held.get("text"), str) else ""
    return bool(rows) and same_article(dict.fromkeys(r["sentence"] for r in rows), held_text,
                                       article)


def same_article(held_sentences: Iterable[str], held_text: str, article: Article, *,
                 share: float = 0.5) -> bool:
    """Whether ``article`` is the one a worksheet holds (its claims' sentences
    ``held_sentences``, its saved text ``held_text``, "" when the sidecar is gone): the same
    article, perhaps corrected, updated, cut or re-scraped, not another one.

    Runs of three words are compared. The same article when at least ``share`` of the held
    sentences' runs are in the new text (it kept most of what was checked; a paragraph added
    does not matter), or at least ``share`` of the runs of the new article's own text (headline,
    body, captions) are in the held text (it was cut). Claims and the article's own text, not
    whole pages: two stories of one site share menus and footers, which give no claims and are
    no body, so they do not look alike. A corrected typo changes three runs.
    """
    held = _word_runs(" \n ".join(held_sentences))
    if not held:
        return True  # no claim to tell them apart by: nothing of the worksheet's to protect
    if _share_in(held, _word_runs(article.text)) >= share:
        return True
    body = _word_runs(" \n ".join(article.text[b.start:b.end] for b in article.blocks
                                  if b.kind in CLAIM_BLOCKS))
    return bool(body) and _share_in(body, _word_runs(held_text) or held) >= share


def _share_in(runs: set, other: set) -> float:
    return len(runs & other) / len(runs)


def _word_runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:]))


def _refuse_another_article(path: Path, table: Table, held: dict | None,
                            article: Article) -> None:
    """Refuse (WorksheetError, nothing written) to take ``article`` into a worksheet that holds
    another one. The same text, or the same article corrected (``same_article``), is taken in,
    also under another id (a file renamed; a pasted text's id from an older version)."""
    rows = [row for row in table.rows.values() if row[ORPHANED] != "yes"]
    if not rows:
        return
    held = held if isinstance(held, dict) else {}
    if held.get("text") == article.text:
        return
    sentences = dict.fromkeys(row["sentence"] for row in rows)
    held_text = held.get("text") if isinstance(held.get("text"), str) else ""
    if same_article(sentences, held_text, article):
        return
    held_id = held.get("article_id") or rows[0]["article_id"]
    held_title = held.get("title") or _short(next(iter(sentences)))
    why = (" — the same id, as both come from the same file name or first lines" if
           held_id == article.article_id else "")
    raise WorksheetError(
        f"{path}: this worksheet is for the article '{held_id}' (\"{_short(held_title)}\"), "
        f"and the article given is another one: '{article.article_id}' "
        f"(\"{_short(article.title) or '(no title)'}\"){why}: the two texts have too little in "
        "common to be one article corrected. Nothing was changed. To check that article, give another "
        f"path, or the folder {path.parent} so its worksheet is named after it; to make this "
        "worksheet follow it anyway, pass replace_article=True (verdicts whose claims it lacks "
        "are kept as orphans).", source=str(path))

# --- merging a new extraction ---------------------------------------------------------------------

def merge_extraction(table: Table, claims: list[Claim], *, linked: Collection[str] = ()
                     ) -> tuple[Table, list[str], list[str]]:
    """The worksheet's rows for a new extraction: ``claims`` in article order, each with the
    checker's cells of the row with its claim_id, then the rows whose claim is gone but which
    hold a checker's work (a verdict, a note, a hand-added cell, or evidence links: the ids in
    ``linked``), marked orphaned. Returns (table, added ids, newly orphaned ids)."""
    old = table.rows
    rows: dict[str, dict[str, str]] = {}
    added = []
    for claim in claims:
        previous = old.get(claim.claim_id)
        if previous is None:
            added.append(claim.claim_id)
        row = dict(previous) if previous else store.blank_row(table.header)
        row.update(claim.to_row())
        row[ORPHANED] = ""
        rows[claim.claim_id] = row
    orphaned = []
    for claim_id, row in old.items():
        if claim_id in rows or not (claim_id in linked
                                    or _holds_work(row, table.extra_columns)):
            continue  # a row with no verdict, note or extra cell was only extractor output
        if row[ORPHANED] != "yes":
            orphaned.append(claim_id)
        rows[claim_id] = {**row, ORPHANED: "yes"}
    return Table(table.header, rows), added, orphaned


def _holds_work(row: dict[str, str], extra_columns: list[str]) -> bool:
    if row["verdict"] not in ("", NOT_CHECKED):
        return True
    return any(row[c] for c in CHECKER_COLUMNS[1:]) or any(row[c] for c in extra_columns)
