"""verify: a claim verification workbench for fact-checkers.

Load an article (file, pasted text or URL), separate its text from page noise, and list every
checkable claim: figures with their units and hedges, dates, quotes and factual statements.

    >>> from verify import load_article, extract_claims
    >>> claims = extract_claims(load_article(text="La Russia ha ricevuto più di 10.000 container."))
    >>> [(c.kind, c.value, c.unit, c.qualifier) for c in claims if c.kind == "count"]
    [('count', '10000', 'container', 'more_than')]
"""

import logging

from .articles import SEED_ARTICLE, load_article
from .claims import claims_csv, extract_claims, read_claims_csv, write_claims_csv
from .consistency import Finding, check_article
from .errors import ArticleError, FetchError, SourceError, VerifyError, WorksheetError
from .evidence import Passage
from .export import export_claimreview, export_csv, export_html
from .links import EvidenceLink
from .model import Article, Block, Claim, Mention, Sentence
from .numbers import find_mentions
from .output import OutputError
from .scales import load_scale
from .sources import Source, SourceRegistry
from .tables import blocks_table, claims_table
from .team import disagreements, merge_worksheets, pairwise_agreement, score_against_key
from .ui import Workbench, open_workbench
from .worksheet import DEFAULT_SCALE, Verdict, VerdictConflict, Worksheet

# A library never configures logging; the application does.
logging.getLogger(__name__).addHandler(logging.NullHandler())

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
    "export_csv", "export_html", "export_claimreview",
    "merge_worksheets", "pairwise_agreement", "disagreements", "score_against_key",
]
