"""Split an article into lines and type each one: headline, body, caption, or page noise.

Scraped news pages carry text that is not the article: the copying site's date, menu labels,
photo credits, injected "READ ..." links, "this story has been updated" footers. Claims must come
only from the headline, the body and the captions, so every line gets a type and, in ``why``, the
rule that gave it (a checker or trainer can see why a line was set aside).

    >>> page = "Mondo > Asia\\nPutin visita la Corea del Nord\\nDi Mario Rossi\\n"
    >>> [(b.kind, b.text) for b in split_blocks(page)]
    [('navigation', 'Mondo > Asia'), ('headline', 'Putin visita la Corea del Nord'), ('byline', 'Di Mario Rossi')]

How it works, in two passes:

1. ``_line_kind`` looks at each line on its own: markers ("READ", "Leggi anche:"), credit lists
   ("Stringer/Getty Images"), date-only lines, footer phrases, menu words. These rules are
   vocabulary and shapes, written as data below, in Italian and English together.
2. ``split_blocks`` then walks the lines in order and uses position: lines before the first
   body paragraph may be navigation, the headline or a byline; the line next to a photo credit
   is its caption; short lines listed under "Notizie correlate" at the end are related links.

Both languages' rules always apply (pages mix them: an Italian copy keeps "READ" and English
credits), so ``lang`` is accepted for symmetry with the other stages but not needed.
"""

from __future__ import annotations

import re

from ..lexicon import alternation, lower_case_twin, lowered
from ..records.model import Block, _filled
from .sentences import ABBREVIATIONS, last_word

_I = re.IGNORECASE

# Letters by case, for the Latin alphabets of Italian and English pages.
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"

# --- Vocabulary ----------------------------------------------------------------------------------

# Photo agencies and wire services seen in credits. A credit may also name unknown people
# ("Mario Rossi/Pool"): the slash-list shape below catches those.
PHOTO_AGENCIES = (
    "AP", "AFP", "Reuters", "Getty Images", "Getty", "Sputnik", "Pool", "ANSA", "Ansa", "EPA",
    "EPA-EFE", "EFE", "LaPresse", "Bloomberg", "Xinhua", "TASS", "ITAR-TASS", "Shutterstock",
    "Imago", "Alamy", "iStock", "Corbis", "Contrasto", "Fotogramma", "AGF", "IPA", "Ipa",
    "Agenzia Fotogramma", "Kontrolab", "Sintesi", "KCNA", "Yonhap", "NurPhoto", "SOPA Images",
    "Anadolu", "Anadolu Agency", "Stringer", "Handout", "dpa", "DPA", "ZUMA", "Zuma Press",
    "Sipa", "SIPA", "Abaca", "Polaris", "Redux", "Kremlin", "Pool Photo", "UPI", "AP Photo",
    "Mondadori Portfolio", "Rex", "Rex Features", "Wikimedia Commons", "Unsplash",
)
_AGENCY_SET = {a.lower() for a in PHOTO_AGENCIES}

# Outlets that sign articles but are not photo agencies: a lone line with one is a byline.
OUTLETS = (
    "CNN", "BBC", "BBC News", "Il Post", "Corriere della Sera", "la Repubblica", "Repubblica",
    "La Stampa", "Il Sole 24 Ore", "Rai News", "RaiNews", "Sky TG24", "TGcom24", "Adnkronos",
    "Agi", "AGI", "The Guardian", "The New York Times", "The Washington Post", "Politico",
    "Al Jazeera", "Euronews", "NPR", "Fox News", "CBS News", "NBC News", "ABC News", "Sky News",
    "Associated Press", "Redazione", "La Redazione", "Il Fatto Quotidiano", "Open",
)
_OUTLET_SET = {o.lower() for o in OUTLETS}

# Lowercase words allowed inside names and credit lists ("Stringer/AFP via Getty Images").
_NAME_PARTICLES = {
    "de", "di", "da", "del", "della", "dei", "van", "von", "der", "den", "la", "le", "du", "dos",
    "das", "bin", "al", "el", "y", "e", "and", "&", "via", "for", "per", "the", "of",
}

MONTHS = (
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre "
    "january february march april may june july august september october november december "
    "gen feb mar apr mag giu lug ago set ott nov dic jan jun jul aug sep sept oct dec"
).split()
WEEKDAYS = (
    "lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato "
    "domenica monday tuesday wednesday thursday friday saturday sunday "
    "lun mar mer gio ven sab dom mon tue tues wed thu thur thurs fri sat sun"
).split()
# Other words a date-only line may hold: "Updated 10:32 AM EDT, Wed June 19, 2024",
# "Pubblicato il 19 giugno 2024 alle ore 10:32", "Ultimo aggiornamento: ...".
_DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | set((
    "updated published posted last update il alle ore the at on of del di aggiornato "
    "pubblicato aggiornamento ultimo ultima modifica am pm a.m. p.m. edt est et bst gmt utc cet "
    "cest pdt pst cdt cst h hrs min fa ago minutes minuti hours ore "
    "year years day days week weeks month months anno anni giorno giorni settimane mesi"
).split())

# Lines opening with one of these are links to other stories, not part of the article.
# Upper-case markers may be followed by any text ("READ  Il fallo..."); mixed-case single
# words need a colon ("Related: ...") so that a body sentence opening with "Related" is safe.
_RELATED_RE = re.compile(
    r"^(?:"
    r"(?:READ MORE|READ ALSO|ALSO READ|READ|LEGGI ANCHE|LEGGI|VEDI ANCHE|GUARDA ANCHE|GUARDA|"
    r"SEE ALSO|WATCH|RELATED|CORRELATO|CORRELATI|APPROFONDISCI|APPROFONDIMENTO)(?![\w'’])"
    r"|(?i:read more|read also|also read|leggi anche|vedi anche|guarda anche|see also|"
    r"potrebbe interessarti|ti potrebbe interessare|you may also like|more from)(?![\w'’])"
    r"|(?i:related|correlati|correlato|watch|guarda|approfondisci|leggi|read)\s*:"
    r")"
)
_URL_LINE_RE = re.compile(r"^(?:https?://|www\.)\S+$", _I)

# Footer phrases: end-of-story notes, rights, newsletter and share prompts, wire credits.
_CREDITS = "reporting and editing credits"
_FOOTER_RULES = [(re.compile(p, _I), why) for p, why in (
    (r"^(?:questa|la) (?:storia|notizia|pagina) è stata aggiornat[ao]", "an update note"),
    (r"^(?:questo|l') ?articolo è stato aggiornato", "an update note"),
    (r"^this (?:story|article|page) (?:has been|was|is being) updated", "an update note"),
    (r"riproduzione riservata|tutti i diritti (?:sono )?riservati|all rights reserved",
     "a rights notice"),
    (r"^(?:©|\(c\)|copyright)\s*(?:\d{4}|[^\n]{0,60}(?:rights|diritti))", "a copyright notice"),
    (r"^(?:iscriviti|registrati) (?:alla|alle|a)\b.*newsletter|^sign up\b.*newsletter"
     r"|^(?:subscribe|abbonati)\b", "a subscription prompt"),
    (r"^(?:condividi|share)(?: (?:this|questo|on|su|via)\b[^\n]{0,40})?:?$", "a share prompt"),
    (r"^(?:seguici|follow us|segui)\b.{0,40}(?:facebook|twitter|instagram|telegram|whatsapp|"
     r"social|x)\b", "a follow prompt"),
    (r"^(?:tag|tags|argomenti|topics)\s*:", "a list of tags"),
    # A wire story's last line: "Reporting by Jane Doe in Northfield; Editing by John Smith"
    # (only names may follow: see ``_credits_only``).
    (r"^(?:additional\s+)?(?:reporting|writing|editing|edited)\s+by\s", _CREDITS),
    (r"^our standards\s*:", "the publisher's standards note"),
    (r"^(?:you are receiving this|if you (?:no longer|do not) wish to receive|to unsubscribe\b|"
     r"unsubscribe\b|per non ricevere più|per cancellarti|ricevi questa (?:e-?mail|newsletter))",
     "a subscription notice"),
)]
# The rights notice may sit anywhere in the line, and a case-insensitive search through a long
# paragraph is slow: each of its matches holds one of these words in the lower-cased line (see
# "Searching lower-cased text" in ``verify.lexicon``), so a line without them is not searched.
_RIGHTS_NOTICE_WORDS = ("riservat", "rights reserved")

# A short line that heads a list of other stories at the end of a page.
_LIST_HEADING_RE = re.compile(
    r"^(?:deve leggere|da leggere|must read|da non perdere|don't miss|notizie correlate|"
    r"articoli correlati|related (?:news|articles|stories|content|coverage)|leggi anche|"
    r"potrebbe interessarti|ti potrebbe interessare|you may also like|more from [^\n]{1,30}|"
    r"altri articoli|più letti|most read|popular|top stories|ultime notizie|latest news)\s*:?$",
    _I,
)
# Every footer rule but the rights notice, and the list heading, are anchored at the line's
# start: their union, tried there only (the regex engine gives up after the first position),
# rules them all out in one call.
_ANCHORED_FOOTER_RE = re.compile("|".join(
    f"(?:{pattern.pattern})" for pattern in [p for p, _ in _FOOTER_RULES] + [_LIST_HEADING_RE]
    if pattern.pattern.startswith("^")), _I)
assert [why for p, why in _FOOTER_RULES if not p.pattern.startswith("^")] == ["a rights notice"], \
    "_footer_phrase tests one unanchored rule by its words: give a new one a test of its own"

# Menu words and page furniture that are never part of an article.
_MENU_WORDS = {
    "home", "menu", "cerca", "search", "sections", "sezioni", "login", "accedi", "logout", "esci",
    "abbonati", "subscribe", "newsletter", "edizione", "edition", "live", "video", "foto",
    "photos", "podcast", "sport", "mondo", "world", "politica", "politics", "economia",
    "business", "cronaca", "esteri", "italia", "europa", "europe", "asia", "us", "tech",
    "cultura", "culture", "spettacoli", "opinioni", "opinion", "notizie principali",
    "top news", "ultim'ora", "breaking news", "pubblicità", "advertisement", "annuncio",
    "ad", "sponsored", "contenuto sponsorizzato", "skip to content", "vai al contenuto",
    "video ad feedback", "ad feedback",
}
_BREADCRUMB_RE = re.compile(r"\S\s*(?:>|›|»|/|\|)\s*\S")
# What ``_navigation`` strips from a line's ends before looking it up in ``_MENU_WORDS``.
_MENU_EDGES = " :|·•-"
# A line longer than the longest menu word, once its edges are stripped, is none: lower-casing
# never shortens a text and maps no other character to one of _MENU_EDGES (checked over all of
# Unicode), so it would still be longer after ``lower()``.
_MENU_WORD_MAX_LEN = max(map(len, _MENU_WORDS))
_BREADCRUMB_SEP_RE = re.compile(r"\s(?:>|›|»|\|)\s")

# --- Shapes --------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[\w’'.&-]+")
_GLUED_RE = re.compile(rf"[{_LOW}][{_UP}][{_LOW}]")
_SENTENCE_END_RE = re.compile(r"[.!?…][”\"’»)]*$")
_INNER_SENTENCE_RE = re.compile(rf"[.!?][”\"’»]?\s+[{_UP}“\"«]")

_CREDIT_LEAD_RE = re.compile(
    r"^\(?\s*(?:foto|photo|photograph|ph|credit|credits|crediti|image|immagine|fonte|source|"
    r"video)\s*(?:by|di|:|©)\s*\S", _I)
_COPYRIGHT_CREDIT_RE = re.compile(r"^(?:©|\(c\))\s*\S", _I)
_PHOTO_WORD_RE = re.compile(r"^(?:foto|photo|ph\.?)\s+(?=[A-ZÀ-Ý])", _I)
_TRAILING_CREDIT_RE = re.compile(r"\((?:foto|photo|credit|image|immagine)\b[^()]*\)\s*\.?$", _I)

_BYLINE_LEAD_RE = re.compile(r"^(?:di|by|a cura di|written by|reporting by)\s+(?=\S)", _I)
_NAME_WORD_RE = re.compile(rf"^(?:[{_UP}][\w’'.-]*|[{_UP}]\.)$")

# Caption cues: position words in brackets, "pictured", "nella foto".
_CAPTION_CUE_BRACKETED = (
    r"\((?:a destra|a sinistra|al centro|da sinistra|da destra|in alto|in basso|nella foto|"
    r"left|right|center|centre|second left|second right|l-r|r-l|l to r|from left|from right|"
    r"top|bottom|pictured|file)\)")
_CAPTION_CUE_PHRASE = (
    r"\b(?:pictured|nella foto|in foto|in this (?:photo|picture|image|handout|file)|"
    r"file photo|foto d'archivio|foto di archivio|handout photo)\b")
_CAPTION_CUE_RE = re.compile(f"{_CAPTION_CUE_BRACKETED}|{_CAPTION_CUE_PHRASE}", _I)
# Its two alternatives, each for lower-cased text: a line holds a cue when it holds either, and
# each is searched only where it may match (a bracket; one of _CAPTION_CUE_WORDS).
_CAPTION_CUE_BRACKETED_LOW_RE = lower_case_twin(re.compile(_CAPTION_CUE_BRACKETED, _I))
_CAPTION_CUE_PHRASE_LOW_RE = lower_case_twin(re.compile(_CAPTION_CUE_PHRASE, _I))


# Each phrase cue has one of these words: a line without them holds none.
_CAPTION_CUE_WORDS = ("pictured", "foto", "photo", "in this")


def _has_caption_cue(line: str, low: str | None) -> bool:
    """``_CAPTION_CUE_RE.search(line)``, faster: case-sensitively over ``low``, the lower-cased
    line (``lowered(line)``; see "Searching lower-cased text" in ``verify.lexicon``), one
    alternative at a time and only when it may be there."""
    if low is None or _CAPTION_CUE_BRACKETED_LOW_RE is None or _CAPTION_CUE_PHRASE_LOW_RE is None:
        return _CAPTION_CUE_RE.search(line) is not None
    if "(" in line and _CAPTION_CUE_BRACKETED_LOW_RE.search(low) is not None:
        return True
    return _holds_any(low, _CAPTION_CUE_WORDS) and _CAPTION_CUE_PHRASE_LOW_RE.search(low) is not None


def _holds_any(low: str | None, words: tuple[str, ...]) -> bool:
    """Whether the lower-cased line ``low`` holds one of ``words``; True when there is no
    lower-cased line to look in (``lowered`` gave None), as the rule must then be tried."""
    if low is None:
        return True
    for word in words:  # a loop, not any(...): cheaper for a few words, on every line
        if word in low:
            return True
    return False


_FOUR_DIGITS_RE = re.compile(r"\d\d\d\d")  # \d{4}, spelt out: the engine then skips to digits
# A caption's usual ending: a date ("il 19 giugno 2024.", "on June 19, 2024.").
_CAPTION_DATE_END_RE = re.compile(
    rf"(?:\d{{1,2}}\s+(?:{alternation(MONTHS)})\s+\d{{4}}|(?:{alternation(MONTHS)})\.?\s+\d{{1,2}},?\s+\d{{4}})"
    r"(?:[,\s]+[\w’' ,.-]{0,60})?\.?$", _I)
_CAPTION_DATE_END_LOW_RE = lower_case_twin(_CAPTION_DATE_END_RE)  # for lower-cased text
# What every match of _CAPTION_DATE_END_RE holds: a month, then a number ("giugno 2024",
# "June 19"). Over lower-cased text this one opens with a letter and the engine skips to the
# months' first letters, several times faster than the whole pattern: a line without it is not
# searched further.
_MONTH_THEN_NUMBER_LOW_RE = lower_case_twin(
    re.compile(rf"(?:{alternation(MONTHS)})\.?\s+\d", _I))
# Present-tense verbs of captions ("partecipano", "shakes hands").
_CAPTION_VERBS = (
    "partecipa", "partecipano", "stringe", "stringono", "parla", "parlano", "arriva", "arrivano",
    "posa", "posano", "saluta", "salutano", "cammina", "camminano", "guarda", "guardano",
    "ascolta", "ascoltano", "incontra", "incontrano", "tiene", "tengono", "visita", "visitano",
    "assiste", "assistono", "si stringono", "partono", "gesticola",
    "attend", "attends", "shake", "shakes", "speak", "speaks", "arrive", "arrives", "walk",
    "walks", "wave", "waves", "look", "looks", "listen", "listens", "meet", "meets", "hold",
    "holds", "pose", "poses", "gesture", "gestures", "greet", "greets", "visit", "visits", "sit",
    "sits", "stand", "stands", "is seen", "are seen", "take part", "takes part")
_CAPTION_VERB_RE = re.compile(r"\b(?:%s)\b" % alternation(_CAPTION_VERBS), _I)
_CAPTION_VERB_LOW_RE = lower_case_twin(_CAPTION_VERB_RE)  # for lower-cased text

CAPTION_MAX_WORDS = 70     # a caption is one sentence; a longer line is a paragraph
SHORT_LINE_WORDS = 12      # footer prompts, list headings, credits are short
TOP_ZONE_LINES = 15        # navigation, headline and byline live in the first lines


def _words(line: str) -> list[str]:
    return _WORD_RE.findall(line)


class _Words:
    """A line's words (``_words``), found when a rule first asks for them: ``len(words)`` and
    iteration, as with the list. Most rules reject a body paragraph on cheaper evidence (its
    length in characters, a missing marker), so most paragraphs are never split into words,
    which was a fifth of the time of ``split_blocks``."""

    __slots__ = ("_line", "_list")

    def __init__(self, line: str):
        self._line = line
        self._list: list[str] | None = None

    def _found(self) -> list[str]:
        if self._list is None:
            self._list = _words(self._line)
        return self._list

    def __len__(self) -> int:
        return len(self._found())

    def __iter__(self):
        return iter(self._found())


def _ends_with_ellipsis(line: str) -> bool:
    """Whether ``line`` ends with "..." or "…", then only white space (told by string methods,
    where a regex anchored at the end would be tried at every character of the line)."""
    return line.rstrip().endswith(("...", "…"))


# --- Rules on one line ---------------------------------------------------------------------------
# Each rule takes the line and its words (a ``_Words``: found on first use, at most once per line;
# most rules count them), and some the lower-cased line (``lowered(line)``, once per line).
# Where a rule has a cheap test (the line's length in characters, a marker that must be there),
# it goes before counting the words: the tests are pure, so their order changes no result.

_NOT_A_NAME_RE = re.compile(r"[.!?;:]\s*$|\d{3,}")
_CREDIT_SLASH_RE = re.compile(r"\s*/\s*")


def _is_name_chunk(chunk: str) -> bool:
    """ "Gavriil Grigorov", "Getty Images", "ITAR-TASS", "AFP via Getty Images": capitalised
    words (or known particles), 1 to 5 of them, no sentence punctuation."""
    words = chunk.split()
    if not 1 <= len(words) <= 5 or _NOT_A_NAME_RE.search(chunk):
        return False
    if chunk.lower() in _AGENCY_SET:
        return True
    return all(
        _NAME_WORD_RE.match(w) or w.lower() in _NAME_PARTICLES or w.lower() in _AGENCY_SET
        for w in words
    ) and not all(w.lower() in _NAME_PARTICLES for w in words)


def _photo_credit(line: str, words: _Words) -> str:
    """The credit rule that matches ``line``, or ""."""
    if len(line) > 120:
        return ""
    # The rules first, the word count (at most SHORT_LINE_WORDS) last: most short lines match
    # no rule, and counting their words was a third of the time of typing a page of short lines.
    why = _credit_rule(line, words)
    if why and len(words) <= SHORT_LINE_WORDS:
        return why
    return ""


def _credit_rule(line: str, words: _Words) -> str:
    if _CREDIT_LEAD_RE.match(line):
        return "photo credit: starts with Foto/Photo/Credit"
    lead = _PHOTO_WORD_RE.match(line)
    if lead and _is_name_chunk(line[lead.end():]):
        return "photo credit: Foto/Photo and a name ('Foto Ansa')"
    if _COPYRIGHT_CREDIT_RE.match(line) and len(words) <= 6:
        return "photo credit: © and a name"
    if line.lower().rstrip(".") in _AGENCY_SET:
        return "photo credit: a photo agency's name alone"
    if "/" not in line:  # one part only: no list
        return ""
    parts = [p.strip() for p in _CREDIT_SLASH_RE.split(line)]
    if len(parts) >= 2 and all(_is_name_chunk(p) for p in parts):
        if any(p.lower() in _AGENCY_SET or w.lower() in _AGENCY_SET
               for p in parts for w in [p.split()[-1]]):
            return "photo credit: names and agencies separated by '/'"
        # Unknown names only: accept "Name Surname/Org" shapes, not two lone words ("Si/No").
        if any(len(p.split()) >= 2 for p in parts) or all(p.isupper() for p in parts):
            return "photo credit: 'Name Surname/Organisation' list"
    return ""


# A character ``str.isdigit`` holds to be a digit: ``\d`` and the other digits (superscripts,
# circled digits...; checked over all of Unicode by the tests), which a token of _DATE_TOKEN_RE
# may open with, so that a line without one has no day or year.
_DIGIT_RE = re.compile(
    "[\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089"
    "\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e"
    "\u2780-\u2788\u278a-\u2792\U00010a40-\U00010a43\U00010e60-\U00010e68"
    "\U00011052-\U0001105a\U0001f100-\U0001f10a]")
_DATE_TOKEN_RE = re.compile(r"[^\W\d_]+\.?[^\W\d_]*\.?|\d+(?:st|nd|rd|th)?\b|\d+")
# The place an agency dateline opens with, in capitals: "GENOVA, 14 ottobre 2024, 18:32".
_DATELINE_PLACE_RE = re.compile(rf"^[{_UP}][{_UP}'’ .-]{{1,30}},\s*")
_NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")


def _is_dateline(line: str) -> bool:
    """A short line that is mostly a date: "lunedì, Settembre 16, 2024", "Updated 10:32 AM EDT,
    Wed June 19, 2024", "16/09/2024"."""
    # A date has a day or a year: a line without a digit is none (most short lines).
    if len(line) > 80 or _DIGIT_RE.search(line) is None:
        return False
    place = _DATELINE_PLACE_RE.match(line)
    if place:
        line = line[place.end():]
    tokens = _DATE_TOKEN_RE.findall(line.lower())
    if not tokens:
        return False
    has_day_or_year = any(t[0].isdigit() for t in tokens)  # "16", "2024", "14th"
    has_month = any(t.rstrip(".") in MONTHS for t in tokens)
    numeric_date = _NUMERIC_DATE_RE.search(line)
    if not (has_day_or_year and (has_month or numeric_date)):
        return False
    return all(t[0].isdigit() or t.rstrip(".") in _DATE_WORDS or t in _DATE_WORDS for t in tokens)


def _footer(line: str, words: _Words, low: str | None) -> str:
    # The phrases first, the word count (at most 25) last: few lines match a phrase.
    why = _footer_phrase(line, low)
    if why and len(words) <= 25:
        return why
    return ""


# The words a credits line may hold besides names ("Reporting by X in Rome; Editing by Y").
_CREDIT_WORDS = frozenset(
    "additional reporting writing editing edited by and in from with for the of".split())


_CREDIT_WORD_RE = re.compile(r"[\w’'.-]+")


def _credits_only(line: str) -> bool:
    """Whether ``line`` is only roles, "by" and capitalised names and places: "Reporting by the
    BBC showed that..." is a sentence of the story, not its credits."""
    words = _CREDIT_WORD_RE.findall(line)
    return not any(c.isdigit() for c in line) and all(
        w[0].isupper() or w.lower() in _CREDIT_WORDS for w in words)


def _footer_phrase(line: str, low: str | None) -> str:
    # The rules are tried in order only when one may match: an anchored one (their union) or
    # the rights notice (one of its words is in the line).
    if not (_ANCHORED_FOOTER_RE.search(line) or _holds_any(low, _RIGHTS_NOTICE_WORDS)):
        return ""
    for pattern, why in _FOOTER_RULES:
        if pattern.search(line) and (why != _CREDITS or _credits_only(line)):
            return f"footer: {why}"
    if _LIST_HEADING_RE.match(line) and not _RELATED_RE.match(line):
        return "footer: heads a list of other stories"
    return ""


# "2 Min Read", "Tempo di lettura: 3 minuti", "Reading time: 4 minutes", "Lettura 5 min".
_READING_TIME_RE = re.compile(
    r"^(?:\d+\s*(?:min|mins|minutes?|minuti)\.?\s*(?:read|di lettura)"
    r"|(?:tempo di lettura|lettura|reading time|read time)\s*:?\s*\d+\s*(?:min|mins|minutes?|minuti)\.?)$", _I)


def _navigation(line: str, words: _Words) -> str:
    if (len(line.strip(_MENU_EDGES)) <= _MENU_WORD_MAX_LEN
            and line.lower().strip(_MENU_EDGES) in _MENU_WORDS):
        return "navigation: menu or section word"
    # A row of menu words opens with one (tested first: the line's first word only).
    first = _WORD_RE.search(line)
    if (first and first.group().lower() in _MENU_WORDS
            and len(words) <= 8 and all(w.lower() in _MENU_WORDS for w in words) and len(words) > 1):
        return "navigation: a row of menu words"
    if (_has_breadcrumb_separator(line)
            and len(words) <= 8 and not _SENTENCE_END_RE.search(line)):
        return "navigation: breadcrumb (parts separated by '>')"
    if _ends_with_ellipsis(line) and _GLUED_RE.search(line[:40]) and len(words) <= 30:
        return "navigation: section label glued to a teaser ending in '...'"
    if len(line) <= 40 and _READING_TIME_RE.match(line):
        return "navigation: the story's reading time"
    return ""


def _has_breadcrumb_separator(line: str) -> bool:
    """``_BREADCRUMB_SEP_RE.search(line)``, searched only when the line holds one of its marks."""
    return (">" in line or "›" in line or "»" in line or "|" in line) \
        and _BREADCRUMB_SEP_RE.search(line) is not None


def _line_kind(line: str, words: _Words, low: str | None) -> tuple[str, str]:
    """(kind, why) from the line alone, or ("", "") when its place in the page must decide."""
    if _RELATED_RE.match(line):
        return "related_link", "related link: starts with a marker (READ, Leggi anche, Related:)"
    if _URL_LINE_RE.match(line):
        return "related_link", "related link: a bare web address"
    why = _footer(line, words, low)
    if why:
        return "footer", why
    why = _photo_credit(line, words)
    if why:
        return "photo_credit", why
    if _is_dateline(line):
        return "dateline", "dateline: a short line that is a date"
    why = _navigation(line, words)
    if why:
        return "navigation", why
    return "", ""


# What separates the names of a byline, with the white space around it. The white space before
# a separator is matched only from the start of its run (the look-behind; possessive, as a
# separator never starts with white space): matched from each of its characters, a long run of
# spaces without a separator was read again from each one, quadratic (minutes for 100 KB). A
# match cannot start inside a run anyway: the leftmost search starts at the run's start, or
# after a match, which takes all the white space after its separator.
_BYLINE_SEP_RE = re.compile(r"(?:(?<!\s)\s++)?(?:,|\band\b|\be\b|\||—|–)\s*")


def _byline(line: str, words: _Words, *, generic: bool) -> str:
    """ "Di Mario Rossi", "By Jane Doe, CNN", "CNN"; with ``generic``, any 1-4 capitalised
    words without a verb ("Mario Rossi"), which is only safe near the top."""
    if _SENTENCE_END_RE.search(line) or len(words) > 10:
        return ""
    if line.lower() in _OUTLET_SET:
        return "byline: an outlet's name"
    names = _BYLINE_SEP_RE.split(line)
    names = [n for n in names if n]
    if _BYLINE_LEAD_RE.match(line):
        rest = _BYLINE_LEAD_RE.sub("", line, count=1)
        parts = [n for n in _BYLINE_SEP_RE.split(rest) if n]
        if parts and all(_is_name_chunk(p) or p.lower() in _OUTLET_SET for p in parts):
            return "byline: 'Di/By' and names"
        return ""
    if generic and names and all(
        (_is_name_chunk(n) and len(n.split()) <= 4) or n.lower() in _OUTLET_SET for n in names
    ):
        return "byline: a few capitalised words without a verb near the top"
    return ""


def _caption_like(line: str, words: _Words, low: str | None) -> str:
    """Why ``line`` reads as a photo caption by its own words, or ""."""
    # The cues first, the word count (3 to CAPTION_MAX_WORDS) last: most paragraphs have no cue.
    why = _caption_cue(line, low)
    if why and 3 <= len(words) <= CAPTION_MAX_WORDS:
        return why
    return ""


# A caption's last sentence may be its photo credit: "... March 3, 2023. REUTERS/Jane Roe".
_LAST_SENTENCE_RE = re.compile(r"[.!?]\s+([^.!?]{2,60})$")


def _caption_cue(line: str, low: str | None) -> str:
    if _TRAILING_CREDIT_RE.search(line):
        return "caption: ends with a (Foto: ...) credit"
    if "/" in line[-60:]:
        last = _LAST_SENTENCE_RE.search(line)
        if last and _photo_credit(last.group(1), _Words(last.group(1))):
            return "caption: ends with a photo credit (AGENCY/Name)"
    if _has_caption_cue(line, low):
        return "caption: a position cue such as '(a destra)' or 'pictured'"
    # The date and what follows it fit in the line's last 120 characters; searching only there
    # keeps this regex from being tried at every position of every paragraph. The cheap tests
    # go first: the date ends with a year (4 digits near the end: rare in a paragraph), and a
    # paragraph of several sentences is no caption.
    end = line[-120:]
    if (_FOUR_DIGITS_RE.search(end) and not _INNER_SENTENCE_RE.search(line)
            and _ends_with_date(end, low) and _has_caption_verb(line, low)):
        return "caption: one present-tense sentence ending with a place and date"
    return ""


def _ends_with_date(end: str, low: str | None) -> bool:
    """``_CAPTION_DATE_END_RE.search(end)``, where ``end`` is the line's last 120 characters,
    faster: over the same characters of ``low``, the lower-cased line, and only when a month
    and a number are there. The twin patterns hold no look-behind, so a search from the
    offset of ``end`` sees what a search of ``end`` sees. (Lower-casing a part of a text can
    differ from the same part of the lower-cased text only by a "ς" for a "σ": both are word
    letters, which is all these patterns ask of them.)"""
    if low is None or _CAPTION_DATE_END_LOW_RE is None or _MONTH_THEN_NUMBER_LOW_RE is None:
        return _CAPTION_DATE_END_RE.search(end) is not None
    offset = len(low) - len(end)
    return (_MONTH_THEN_NUMBER_LOW_RE.search(low, offset) is not None
            and _CAPTION_DATE_END_LOW_RE.search(low, offset) is not None)


def _has_caption_verb(line: str, low: str | None) -> bool:
    """``_CAPTION_VERB_RE.search(line)``, over the lower-cased line when there is one."""
    if low is None or _CAPTION_VERB_LOW_RE is None:
        return _CAPTION_VERB_RE.search(line) is not None
    return _CAPTION_VERB_LOW_RE.search(low) is not None


# A paragraph that opens with the agency's dateline: "LOS ANGELES — ", "KABUL (Reuters) - ",
# "ROMA, 14 OTT - ", "(ANSA) - ROMA, 11 MAR - ", "Milano, 23 mag. (LaPresse) – ".
_DATELINE_LEAD_RE = re.compile(
    rf"^(?:[{_UP}][{_UP}'’ .,-]{{2,40}}"
    rf"|(?:\(\w+\)\s*[-–—]\s*)?[{_UP}][\w'’.]+(?:\s+[{_UP}][\w'’.]+){{0,3}},\s*\d{{1,2}}\s+[^\W\d_]{{3,}}\.?)"
    r"(?:\s*\([^)]{1,30}\))?\s*[—–-]\s")


def _is_headline_like(line: str, words: _Words) -> bool:
    """A substantial line that could be a title: some words, one sentence at most ("Colo." in
    "Some Colo. Storm Victims" is an abbreviation), not a paragraph opening with a dateline."""
    if not 3 <= len(words) <= 40:  # first: a long line's words are not looked at one by one
        return False
    return (len(words) >= 5 or any(w[:1].islower() for w in words)) \
        and not _inner_sentence_end(line) and not _DATELINE_LEAD_RE.match(line)


def _inner_sentence_end(line: str) -> bool:
    """Whether a sentence ends inside ``line``: ``_INNER_SENTENCE_RE``, except after an
    abbreviation (``sentences.ABBREVIATIONS``: "Gen.", "Colo.")."""
    for m in _INNER_SENTENCE_RE.finditer(line):
        before = last_word(line, m.start())  # the word before the mark, not a copy of the line
        if not before or line[m.start()] != "." or before.lower().lstrip("(“\"«") not in ABBREVIATIONS:
            return True
    return False


# --- The page ------------------------------------------------------------------------------------

def _lines(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """(start, end) of each non-empty line, without surrounding white space, and the line.

    A line ends at "\r" or "\n". Made "\n" both, the text is cut with ``str.split``, which is
    several times cheaper than a regex walking every character; "\r" and "\n" are one character
    each, so the pieces keep their offsets."""
    spans, lines = [], []
    start = 0
    for piece in text.replace("\r", "\n").split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = 0 if len(stripped) == len(piece) else len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
            lines.append(stripped)
        start += len(piece) + 1
    return spans, lines


def split_blocks(text: str, lang: str = "it") -> list[Block]:
    """Every non-empty line of ``text`` as a Block with its type and the rule that gave it.

    ``text[b.start:b.end] == b.text`` for every block. ``lang`` is not needed: the rules of both
    languages apply to every page (see the module's notes).
    """
    spans, lines = _lines(text)
    words: list[_Words] = []
    lows: list[str | None] = []
    kinds: list = []  # (kind, why) per line, replaced by the passes below
    # The rules on one line are pure: a line that comes again (a feed's separators, a table's
    # rows, a list of short items) is looked at once, and shares its words and lower case.
    seen: dict[str, tuple[_Words, str | None, tuple[str, str]]] = {}
    for line in lines:
        known = seen.get(line)
        if known is None:
            line_words, low = _Words(line), lowered(line)
            known = seen[line] = (line_words, low, _line_kind(line, line_words, low))
        words.append(known[0])
        lows.append(known[1])
        kinds.append(known[2])  # shared: the passes below replace a line's pair, never change it

    _top_of_page(lines, words, lows, kinds)
    _captions(lines, words, lows, kinds)
    _end_of_page(lines, words, kinds)

    blocks = []
    for (start, end), line, (kind, why) in zip(spans, lines, kinds):
        if not kind:
            kind, why = "body", "body: none of the noise rules matched"
        blocks.append(_filled(Block, {"kind": kind, "start": start, "end": end, "text": line,
                                      "why": why}))  # Block(...), quicker
    return blocks


def _top_of_page(lines, words, lows, kinds) -> None:
    """Before the first body paragraph: navigation, then one headline, then bylines (and the
    headline again, as wire pages repeat it under the dateline)."""
    headline_seen = False
    for i, line in enumerate(lines[:TOP_ZONE_LINES]):
        if kinds[i][0]:
            continue
        if headline_seen and line == headline:
            kinds[i] = ["navigation", "navigation: the headline repeated"]
            continue
        if not headline_seen:
            why = _byline(line, words[i], generic=False)
            if why:
                kinds[i] = ["byline", why]
            elif _ends_with_ellipsis(line):
                kinds[i] = ["navigation", "navigation: a teaser ending in '...' before the headline"]
            elif _is_headline_like(line, words[i]) and not _caption_like(line, words[i], lows[i]):
                kinds[i] = ["headline", "headline: the first sentence-like line of the page"]
                headline_seen, headline = True, line
            elif len(words[i]) <= 3 and not _SENTENCE_END_RE.search(line):
                kinds[i] = ["navigation", "navigation: a short label before the headline"]
            else:
                return  # the page opens with a paragraph: no headline to find
        else:
            why = _byline(line, words[i], generic=True)
            if not why:
                return  # the first body paragraph ends the top of the page
            kinds[i] = ["byline", why]


def _captions(lines, words, lows, kinds) -> None:
    """A photo credit's caption is the line after it (or before it, when that one reads as a
    caption and the one after does not); elsewhere, lines that read as captions on their own."""
    for i, (kind, _) in enumerate(kinds):
        if kind != "photo_credit":
            continue
        after = i + 1 if i + 1 < len(lines) and kinds[i + 1][0] in ("", "body") else None
        before = i - 1 if i > 0 and kinds[i - 1][0] in ("", "body") else None
        if before is not None and (after is None or (
                _caption_like(lines[before], words[before], lows[before])
                and not _caption_like(lines[after], words[after], lows[after]))):
            pick, where = before, "before"
        elif after is not None:
            pick, where = after, "after"
        else:
            continue
        if len(words[pick]) <= CAPTION_MAX_WORDS and not _DATELINE_LEAD_RE.match(lines[pick]):
            kinds[pick] = ["caption", f"caption: the line {where} a photo credit"]
    seen: dict[str, str] = {}  # each distinct line's answer, as in split_blocks
    for i, line in enumerate(lines):
        if not kinds[i][0]:
            why = seen.get(line)
            if why is None:
                why = seen[line] = _caption_like(line, words[i], lows[i])
            if why:
                kinds[i] = ["caption", why]


def _end_of_page(lines, words, kinds) -> None:
    """Short lines under a list heading ("Notizie correlate") or after the story's footer are
    more of the page's furniture: related links or footer."""
    in_tail = False
    for i, line in enumerate(lines):
        kind = kinds[i][0]
        if kind == "footer":
            in_tail = True
            continue
        if in_tail and kind in ("", "body"):
            if len(words[i]) > 30 or _INNER_SENTENCE_RE.search(line):
                in_tail = False  # a paragraph: the article goes on
            elif len(words[i]) >= 4:
                kinds[i] = ["related_link", "related link: listed after the story's footer"]
            else:
                kinds[i] = ["footer", "footer: a short line after the story's footer"]
