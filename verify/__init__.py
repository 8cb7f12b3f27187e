"""verify: a claim verification workbench for fact-checkers.

Load an article (file, pasted text or URL), separate its text from page noise, and list every
checkable claim: figures with their units and hedges, dates, quotes and factual statements.

    >>> from verify import load_article, extract_claims
    >>> claims = extract_claims(load_article(text="La Russia ha ricevuto più di 10.000 container."))
    >>> [(c.kind, c.value, c.unit, c.qualifier) for c in claims if c.kind == "count"]
    [('count', '10000', 'container', 'more_than')]
"""

import importlib
import logging

from .reports.formats import EXPORT_FORMATS as _EXPORT_FORMATS

# A library never configures logging; the application does.
logging.getLogger(__name__).addHandler(logging.NullHandler())

# Each public name and the module it lives in. The modules are imported on first use (PEP 562),
# so `import verify` and `verify numbers` start in a few tens of milliseconds instead of half a
# second spent importing pandas, numpy and ipywidgets that only some commands need.
_WHERE = {
    "load_article": "reading.articles", "SEED_ARTICLE": "reading.articles",
    "extract_claims": "reading.claims", "write_claims_csv": "reading.claims", "read_claims_csv": "reading.claims",
    "claims_csv": "reading.claims",
    "find_mentions": "numbers",
    "claims_table": "reading.tables", "blocks_table": "reading.tables",
    "Article": "records.model", "Block": "records.model", "Claim": "records.model", "Mention": "records.model",
    "Sentence": "records.model",
    "VerifyError": "errors", "ArticleError": "errors", "FetchError": "errors",
    "WorksheetError": "errors", "SourceError": "errors",
    "OutputError": "records.output",
    "Workbench": "ui.workbench", "open_workbench": "ui.workbench",
    "Worksheet": "checking.worksheet", "Verdict": "checking.worksheet", "DEFAULT_SCALE": "checking.scales",
    "VerdictConflict": "checking.worksheet",
    "load_scale": "checking.scales",
    "Source": "evidence.sources", "SourceRegistry": "evidence.sources",
    "Passage": "evidence.passages", "EvidenceLink": "evidence.links",
    "check_article": "checking.consistency", "Finding": "checking.consistency",
    **{f.function: f.module.removeprefix(f"{__name__}.") for f in _EXPORT_FORMATS.values()},
    "merge_worksheets": "reports.team", "pairwise_agreement": "reports.team", "disagreements": "reports.team",
    "score_against_key": "reports.team",
    "extract_many": "batch.run", "claims_frame": "batch.run",
}

__all__ = [
    "load_article", "extract_claims", "find_mentions", "claims_table", "blocks_table",
    "write_claims_csv", "read_claims_csv", "claims_csv", "SEED_ARTICLE",
    "Article", "Block", "Claim", "Mention", "Sentence",
    "VerifyError", "ArticleError", "FetchError", "WorksheetError", "SourceError",
    "VerdictConflict", "OutputError",
    "Workbench", "open_workbench",
    "Worksheet", "Verdict", "DEFAULT_SCALE", "load_scale",
    "Source", "SourceRegistry", "Passage", "EvidenceLink",
    "check_article", "Finding",
    *(f.function for f in _EXPORT_FORMATS.values()),  # export_csv, export_html, export_claimreview
    "merge_worksheets", "pairwise_agreement", "disagreements", "score_against_key",
    "extract_many", "claims_frame",
]


def __getattr__(name: str):
    """``verify.Worksheet`` and ``from verify import Worksheet``: import the module that holds
    the name the first time it is asked for, then keep the name here (later uses are plain
    attribute reads)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'verify' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
