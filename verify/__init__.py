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

# The public API is ``__all__`` (and the command line); everything under the subpackages is
# internal and may move. Each public name and the module it lives in, by stage (docs/design.md).
# The modules are imported on first use (PEP 562), so `import verify` and `verify numbers` start in
# a few tens of milliseconds instead of half a second spent importing pandas, numpy and ipywidgets
# that only some commands need.
_WHERE = {
    # the records every stage passes on
    "Article": "records.model", "Block": "records.model", "Sentence": "records.model",
    "Mention": "records.model", "Claim": "records.model",
    # where a user's work lives
    "claims_folder": "records.workspace", "out_folder": "records.workspace",
    "DEMO_SOURCES": "records.workspace",
    # 1. reading an article
    "load_article": "reading.articles", "SEED_ARTICLE": "reading.articles",
    "find_mentions": "grammar",
    "extract_claims": "reading.claims", "span_in_sentence": "reading.claims",
    "write_claims_csv": "reading.claims", "read_claims_csv": "reading.claims", "claims_csv": "reading.claims",
    "claims_table": "reading.tables", "blocks_table": "reading.tables",
    # 2. checking it
    "Worksheet": "checking.worksheet", "Verdict": "checking.verdicts",
    "VerdictConflict": "checking.verdicts", "DEFAULT_SCALE": "checking.scales",
    "load_scale": "checking.scales", "SCALES": "checking.scales",
    "check_article": "checking.consistency", "Finding": "checking.consistency_finding",
    # 3. sources and evidence
    "Source": "evidence.sources", "SourceRegistry": "evidence.sources",
    "Passage": "evidence.passages", "EvidenceLink": "evidence.links",
    "checked_before": "evidence.factchecks", "record_match": "evidence.factchecks",
    "demo_archive": "evidence.factchecks",
    # 4. reports for editors and trainers
    # export_csv, export_html, export_claimreview: one per format of the formats table
    **{f.function: f.module.removeprefix(f"{__name__}.") for f in _EXPORT_FORMATS.values()},
    "editor_rows": "reports.export",
    "find_worksheets": "reports.review", "open_worksheets": "reports.review",
    "summary_table": "reports.review", "verdict_counts": "reports.review", "verdict_chart": "reports.review",
    "needs_attention": "reports.review", "article_warnings": "reports.review",
    "checked_elsewhere": "reports.review", "agreement_table": "reports.review",
    "export_all": "reports.review", "file_links": "reports.review", "readable": "reports.review",
    "seed_worksheet": "reports.review", "demo_worksheets": "reports.review",
    "merge_worksheets": "reports.team", "pairwise_agreement": "reports.team", "disagreements": "reports.team",
    "score_against_key": "reports.team",
    # the workbench and the app
    "Workbench": "ui.workbench", "open_workbench": "ui.workbench", "checker_app": "ui.app",
    # many articles
    "extract_many": "batch.run", "claims_frame": "batch.run",
    "dask_extract": "batch.dask_path", "claims_bag": "batch.dask_path",
    # errors: every bad input is one of these, naming the file, row, column or value
    "VerifyError": "errors", "ArticleError": "errors", "FetchError": "errors",
    "WorksheetError": "errors", "SourceError": "errors",
    "LanguagePackError": "errors", "UnknownLanguageError": "errors",
    "OutputError": "records.output", "ExportError": "errors", "ScaleError": "errors",
    "Problem": "errors", "SettingsError": "errors",
}

__all__ = list(_WHERE)


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
