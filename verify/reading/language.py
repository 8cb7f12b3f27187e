"""Tell Italian from English by counting each language's commonest short words.

    >>> detect_language("Il presidente ha detto che la visita è stata un successo.")
    'it'
    >>> detect_language("The president said that the visit was a success.")
    'en'

Only the first ``SAMPLE_CHARS`` characters are read: an article's opening is enough, and it keeps
the cost flat on a megabyte of text. A tie (no stopword of either language, or as many of each)
gives "it": the workbench is first for Italian newsrooms, and ``load_article(lang=...)`` lets the
caller say otherwise.
"""

from __future__ import annotations

import re

LANGUAGES = ("it", "en")
SAMPLE_CHARS = 20_000

# Short function words that are frequent in one language and rare in the other. Words that are
# both ("a", "in", "per" in Latin phrases, "come"/"come") are left out on purpose.
STOPWORDS = {
    "it": frozenset((
        "il lo la i gli le di da del della dei delle dello degli nel nella nei nelle al alla ai "
        "alle che è e ed non una uno un per con su sono era sia anche ma più come questo questa "
        "ha hanno ho essere stato stata dopo tra fra suo sua loro nostro se perché quando dove "
        "cui anni ancora già sulla sul dal dalla degli molto tutto tutti però"
    ).split()),
    "en": frozenset((
        "the of and to is that for with was were are on as by this from at be have has had it "
        "its an not but which who they their he she his her will would been said more than "
        "after about into there also or can over when what our we you"
    ).split()),
}

_WORD_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """ "it" or "en": the language with more stopwords in the text's opening (ties: "it")."""
    words = _WORD_RE.findall(text[:SAMPLE_CHARS].lower())
    # Counted by ``map`` over the words, not a Python loop: a few thousand look-ups per text.
    counts = {lang: sum(map(STOPWORDS[lang].__contains__, words)) for lang in LANGUAGES}
    return "en" if counts["en"] > counts["it"] else "it"
