"""Any text in, no exception out; every span indexes the article."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.reading.articles import load_article
from verify.reading.claims import claims_csv, extract_claims, read_claims_csv
from verify.errors import ArticleError

import io

# Text that looks like news often enough to reach the deep rules: words, figures, hedges,
# quotes, glued sentences, noise markers, and any other character now and then.
PIECES = st.sampled_from([
    "più di", "almeno", "circa", "10.000", "260.000", "3,5", "1.5", "2,000", "nove", "anni",
    "giorni", "tonnellate", "container", "missili", "%", "$", "€", "95", "billion", "mila",
    "19 giugno 2024", "June 19, 2024", "anni ’40", "1940s", "nel 1961, 2000 e 2001", "tra 20 e 30",
    "between", "and", "at least", "seconda", "guerra mondiale", "“", "”", "«", "»", '"', "'", "’",
    ".", ",", ";", ":", "?", "!", "...", "\n", "\n\n", "\r\n", " ", "READ ", "Getty Images",
    "/", "Putin", "ha detto", "said", "secondo", "2001Per", "UcrainaEntrambi", "-", "+", "=",
    "lunedì, Settembre 16, 2024", "Mr.", "Dott.", "U.S.", "a.m.", "\t", "\u00a0", "\u2028",
])
ARTICLE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE_TEXT, st.sampled_from(["it", "en", None]))
def test_any_text_gives_claims_that_index_it(text, lang):
    try:
        article = load_article(text=text, lang=lang)
    except ArticleError:
        return  # empty or otherwise unreadable text is refused with a message, not a crash
    claims = extract_claims(article)
    for c in claims:
        assert article.text[c.start:c.end] == c.text
        assert c.claim_id and c.article_id == article.article_id
    # The CSV round trip keeps every claim as it was.
    assert read_claims_csv(io.StringIO(claims_csv(claims))) == claims
