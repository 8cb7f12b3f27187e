"""The words and shapes the block rules look for (``verify.reading.block_rules``): photo
agencies, outlets, menu words, footer phrases, markers of links to other stories, date words, and
the regular expressions built from them. Italian and English together: pages mix the two (an
Italian copy keeps "READ" and English credits), so every rule applies to every page.

Months and weekdays come from the language packs (``verify/lang/*/months.csv``,
``weekdays.csv``), the one home of the calendar's words; only the short weekday forms a date
line may use ("Wed June 19") are listed here.
"""

from __future__ import annotations

import re

from .. import lang
from ..grammar.lexicon import MONTHS as _PACK_MONTHS

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
AGENCY_SET = {a.lower() for a in PHOTO_AGENCIES}

# Outlets that sign articles but are not photo agencies: a lone line with one is a byline.
OUTLETS = (
    "CNN", "BBC", "BBC News", "Il Post", "Corriere della Sera", "la Repubblica", "Repubblica",
    "La Stampa", "Il Sole 24 Ore", "Rai News", "RaiNews", "Sky TG24", "TGcom24", "Adnkronos",
    "Agi", "AGI", "The Guardian", "The New York Times", "The Washington Post", "Politico",
    "Al Jazeera", "Euronews", "NPR", "Fox News", "CBS News", "NBC News", "ABC News", "Sky News",
    "Associated Press", "Redazione", "La Redazione", "Il Fatto Quotidiano", "Open",
)
OUTLET_SET = {o.lower() for o in OUTLETS}

# Lowercase words allowed inside names and credit lists ("Stringer/AFP via Getty Images").
NAME_PARTICLES = {
    "de", "di", "da", "del", "della", "dei", "van", "von", "der", "den", "la", "le", "du", "dos",
    "das", "bin", "al", "el", "y", "e", "and", "&", "via", "for", "per", "the", "of",
}

# Months, full and short ("giugno", "June", "giu", "Sept"), in both languages.
MONTHS = frozenset(_PACK_MONTHS)
# Weekday names from the packs, and the short forms of a date line ("lun", "Wed", "Thurs").
WEEKDAYS = frozenset(word for code in ("it", "en") for word in lang.pack(code).weekdays) | set((
    "lun mar mer gio ven sab dom mon tue tues wed thu thur thurs fri sat sun"
).split())
# Other words a date-only line may hold: "Updated 10:32 AM EDT, Wed June 19, 2024",
# "Pubblicato il 19 giugno 2024 alle ore 10:32", "Ultimo aggiornamento: ...".
DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | set((
    "updated published posted last update il alle ore the at on of del di aggiornato "
    "pubblicato aggiornamento ultimo ultima modifica am pm a.m. p.m. edt est et bst gmt utc cet "
    "cest pdt pst cdt cst h hrs min fa ago minutes minuti hours ore "
    "year years day days week weeks month months anno anni giorno giorni settimane mesi"
).split())

# Lines opening with one of these are links to other stories, not part of the article.
# Upper-case markers may be followed by any text ("READ  Il fallo..."); mixed-case single
# words need a colon ("Related: ...") so that a body sentence opening with "Related" is safe.
RELATED_RE = re.compile(
    r"^(?:"
    r"(?:READ MORE|READ ALSO|ALSO READ|READ|LEGGI ANCHE|LEGGI|VEDI ANCHE|GUARDA ANCHE|GUARDA|"
    r"SEE ALSO|WATCH|RELATED|CORRELATO|CORRELATI|APPROFONDISCI|APPROFONDIMENTO)(?![\w'’])"
    r"|(?i:read more|read also|also read|leggi anche|vedi anche|guarda anche|see also|"
    r"potrebbe interessarti|ti potrebbe interessare|you may also like|more from)(?![\w'’])"
    r"|(?i:related|correlati|correlato|watch|guarda|approfondisci|leggi|read)\s*:"
    r")"
)
URL_LINE_RE = re.compile(r"^(?:https?://|www\.)\S+$", _I)

# The rights notice may sit anywhere in the line, and a case-insensitive search through a long
# paragraph is slow: each of its matches holds one of these words in the lower-cased line (see
# "Searching lower-cased text" in ``verify.grammar.lexicon``), so a line without them is not searched.
RIGHTS_NOTICE_WORDS = ("riservat", "rights reserved")

# A short line that heads a list of other stories at the end of a page.
LIST_HEADING_RE = re.compile(
    r"^(?:deve leggere|da leggere|must read|da non perdere|don't miss|notizie correlate|"
    r"articoli correlati|related (?:news|articles|stories|content|coverage)|leggi anche|"
    r"potrebbe interessarti|ti potrebbe interessare|you may also like|more from [^\n]{1,30}|"
    r"altri articoli|più letti|most read|popular|top stories|ultime notizie|latest news)\s*:?$",
    _I,
)
# Menu words and page furniture that are never part of an article.
MENU_WORDS = {
    "home", "menu", "cerca", "search", "sections", "sezioni", "login", "accedi", "logout", "esci",
    "abbonati", "subscribe", "newsletter", "edizione", "edition", "live", "video", "foto",
    "photos", "podcast", "sport", "mondo", "world", "politica", "politics", "economia",
    "business", "cronaca", "esteri", "italia", "europa", "europe", "asia", "us", "tech",
    "cultura", "culture", "spettacoli", "opinioni", "opinion", "notizie principali",
    "top news", "ultim'ora", "breaking news", "pubblicità", "advertisement", "annuncio",
    "ad", "sponsored", "contenuto sponsorizzato", "skip to content", "vai al contenuto",
    "video ad feedback", "ad feedback",
}
# What the menu-word rule strips from a line's ends before looking it up in ``MENU_WORDS``.
MENU_EDGES = " :|·•-"
# A line longer than the longest menu word, once its edges are stripped, is none: lower-casing
# never shortens a text and maps no other character to one of MENU_EDGES (checked over all of
# Unicode), so it would still be longer after ``lower()``.
MENU_WORD_MAX_LEN = max(map(len, MENU_WORDS))
BREADCRUMB_SEP_RE = re.compile(r"\s(?:>|›|»|\|)\s")

# --- Shapes --------------------------------------------------------------------------------------

WORD_RE = re.compile(r"[\w’'.&-]+")
GLUED_RE = re.compile(rf"[{_LOW}][{_UP}][{_LOW}]")
SENTENCE_END_RE = re.compile(r"[.!?…][”\"’»)]*$")
INNER_SENTENCE_RE = re.compile(rf"[.!?][”\"’»]?\s+[{_UP}“\"«]")

CREDIT_LEAD_RE = re.compile(
    r"^\(?\s*(?:foto|photo|photograph|ph|credit|credits|crediti|image|immagine|fonte|source|"
    r"video)\s*(?:by|di|:|©)\s*\S", _I)
COPYRIGHT_CREDIT_RE = re.compile(r"^(?:©|\(c\))\s*\S", _I)
PHOTO_WORD_RE = re.compile(r"^(?:foto|photo|ph\.?)\s+(?=[A-ZÀ-Ý])", _I)
TRAILING_CREDIT_RE = re.compile(r"\((?:foto|photo|credit|image|immagine)\b[^()]*\)\s*\.?$", _I)

BYLINE_LEAD_RE = re.compile(r"^(?:di|by|a cura di|written by|reporting by)\s+(?=\S)", _I)
NAME_WORD_RE = re.compile(rf"^(?:[{_UP}][\w’'.-]*|[{_UP}]\.)$")

# A paragraph that opens with the agency's dateline: "LOS ANGELES — ", "KABUL (Reuters) - ",
# "ROMA, 14 OTT - ", "(ANSA) - ROMA, 11 MAR - ", "Milano, 23 mag. (LaPresse) – ".
DATELINE_LEAD_RE = re.compile(
    rf"^(?:[{_UP}][{_UP}'’ .,-]{{2,40}}"
    rf"|(?:\(\w+\)\s*[-–—]\s*)?[{_UP}][\w'’.]+(?:\s+[{_UP}][\w'’.]+){{0,3}},\s*\d{{1,2}}\s+[^\W\d_]{{3,}}\.?)"
    r"(?:\s*\([^)]{1,30}\))?\s*[—–-]\s")
# A caption's last sentence may be its photo credit: "... March 3, 2023. REUTERS/Jane Roe".
LAST_SENTENCE_RE = re.compile(r"[.!?]\s+([^.!?]{2,60})$")

# A character ``str.isdigit`` holds to be a digit: ``\d`` and the other digits (superscripts,
# circled digits...; checked over all of Unicode by the tests), which a token of DATE_TOKEN_RE
# may open with, so that a line without one has no day or year.
DIGIT_RE = re.compile(
    "[\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089"
    "\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e"
    "\u2780-\u2788\u278a-\u2792\U00010a40-\U00010a43\U00010e60-\U00010e68"
    "\U00011052-\U0001105a\U0001f100-\U0001f10a]")
DATE_TOKEN_RE = re.compile(r"[^\W\d_]+\.?[^\W\d_]*\.?|\d+(?:st|nd|rd|th)?\b|\d+")
# The place an agency dateline opens with, in capitals: "GENOVA, 14 ottobre 2024, 18:32".
DATELINE_PLACE_RE = re.compile(rf"^[{_UP}][{_UP}'’ .-]{{1,30}},\s*")
NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")

# The words a credits line may hold besides names ("Reporting by X in Rome; Editing by Y").
CREDIT_WORDS = frozenset(
    "additional reporting writing editing edited by and in from with for the of".split())
CREDIT_WORD_RE = re.compile(r"[\w’'.-]+")

# "2 Min Read", "Tempo di lettura: 3 minuti", "Reading time: 4 minutes", "Lettura 5 min".
READING_TIME_RE = re.compile(
    r"^(?:\d+\s*(?:min|mins|minutes?|minuti)\.?\s*(?:read|di lettura)"
    r"|(?:tempo di lettura|lettura|reading time|read time)\s*:?\s*\d+\s*(?:min|mins|minutes?|minuti)\.?)$", _I)


def holds_any(low: str | None, words: tuple[str, ...]) -> bool:
    """Whether the lower-cased line ``low`` holds one of ``words``; True when there is no
    lower-cased line to look in (``lowered`` gave None), as the rule must then be tried."""
    if low is None:
        return True
    for word in words:  # a loop, not any(...): cheaper for a few words, on every line
        if word in low:
            return True
    return False


def ends_with_ellipsis(line: str) -> bool:
    """Whether ``line`` ends with "..." or "…", then only white space (told by string methods,
    where a regex anchored at the end would be tried at every character of the line)."""
    return line.rstrip().endswith(("...", "…"))
