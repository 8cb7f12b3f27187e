"""``verify factchecks import`` and ``verify factchecks match`` (docs/design.md, "Past
fact-checks"): what ``verify.cli`` runs, apart from its argument parsing.

Exit status of ``import``: 0 when every record of every file was imported or a duplicate; 3
when some records were refused (each listed on standard error with its reason); 1 when a file
was refused whole (the other files are still imported).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from ..errors import VerifyError
from ..evidence.factchecks.demo import open_archive
from ..evidence.factchecks.importing import import_file
from ..evidence.factchecks.matching import match_claims

EXIT_OK, EXIT_ERROR, EXIT_SOME_REFUSED = 0, 1, 3

# The markup characters as JSON escapes: the line stays valid JSON (``json.loads`` reads back
# the same text) and a fact-check's "<script>" cannot act as markup wherever the line is shown.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
           "\u2029": "\\u2029"}


def json_line(value: object) -> str:
    """``value`` as one line of JSON, UTF-8 kept, ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return text.translate(str.maketrans(_UNSAFE))


def run_import(files: list[str], archive_path: str | None, say: Callable[[str], None]) -> int:
    status = EXIT_OK
    with open_archive(archive_path) as archive:
        for name in files:
            try:
                report = import_file(name, archive)
            except VerifyError as err:
                say(f"error: {err}")
                status = EXIT_ERROR
                continue
            print(report.line(), flush=True)
            for refusal in report.refused:
                say(f"refused: {refusal.where}: {refusal.reason}")
            if report.refused_count > len(report.refused):
                say(f"refused: {report.refused_count - len(report.refused)} more records "
                    "not listed")
            if report.refused_count and status == EXIT_OK:
                status = EXIT_SOME_REFUSED
        say(f"{archive.count()} fact-checks in {archive.path}")
    return status


def run_match(source: str, archive_path: str | None, limit: int, load_article) -> int:
    """Print one JSON line per claim of ``source`` (an article, or a worksheet CSV) that has
    matches. ``load_article`` is the command line's article loader (its warnings, its limits)."""
    claims, lang = _claims(source, load_article)
    with open_archive(archive_path, create=archive_path is None) as archive:
        for claim, matches in match_claims(archive, claims, lang, limit=limit):
            if matches:
                print(json_line({"claim_id": claim.claim_id, "text": claim.text,
                                 "start": claim.start, "end": claim.end,
                                 "matches": [m.to_json() for m in matches]}), flush=True)
    return EXIT_OK


def _claims(source: str, load_article):
    if source.lower().endswith(".csv") and Path(source).exists():
        from ..checking.worksheet import Worksheet

        ws = Worksheet.open(source, read_only=True)
        article = ws.article
        return ws.claims, (article.lang if article is not None else None)
    from ..reading.claims import extract_claims

    article = load_article(source)
    return extract_claims(article), article.lang
