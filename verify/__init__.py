"""verify: a claim verification workbench for fact-checkers.

Load an article (file, pasted text or URL), separate its text from page noise, and list every
checkable claim: figures with their units and hedges, dates, and factual statements.
"""

import logging

from .errors import ArticleError, FetchError, VerifyError
from .model import Article, Block, Claim, Mention, Sentence

# A library never configures logging; the application does.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article", "Block", "Claim", "Mention", "Sentence",
    "VerifyError", "ArticleError", "FetchError",
]
