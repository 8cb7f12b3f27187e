"""The number grammar: every figure in an Italian or English text, with its unit and hedge.

    >>> [(m.text, m.kind, m.value, m.unit, m.qualifier) for m in find_mentions("più di 10.000 container")]
    [('più di 10.000 container', 'count', '10000', 'container', 'more_than')]
    >>> parse_number("duecentosessantamila", "it")
    260000

How it reads a text (each step is a small function below):

1. ``_candidates`` runs a few precompiled patterns over the whole text: full dates, times,
   decades, relative years ("lo scorso anno"), number phrases ("260.000", "due milioni",
   "twenty-four", "10k"), months alone, vague amounts ("migliaia").
2. A number phrase is read by ``_compose``, a small state machine over its words that keeps the
   longest prefix that is a well-formed number ("venti e trenta" is two numbers, not 50).
3. ``_figure`` looks around each number: a currency sign or hedge before it, a unit after it, a
   second number that makes a range ("tra 20 e 30"), a cue that makes it a year ("nel 2001").
4. Overlapping candidates are resolved by priority, then length; the survivors are sorted.

Conventions (documented in the report and the README): a number followed by a noun that is not in
``lexicon.UNITS`` is a ``count`` with an empty unit; a range has qualifier ``range`` and the kind
of its figure (money, duration...) or ``range`` when the figure is a bare number; ordinals that are
part of a name ("seconda guerra mondiale") and numbers inside identifiers ("COVID-19",
"Boeing 737") are returned with ``checkable=False`` and a note.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache

from . import lexicon as L
from .model import Mention, _make_mention

__all__ = ["find_mentions", "parse_number"]

_I = re.IGNORECASE


_alt = L.alternation
# Texts are lower-cased once (``lowered``) for the word patterns and cues that run over them
# without IGNORECASE; see "Searching lower-cased text" in ``verify.lexicon``.
_lowered, _caseless, _lower_case_twin = L.lowered, L.caseless, L.lower_case_twin


# --- Digits -------------------------------------------------------------------------------------
# Grouped forms first ("1.234.567", "1,234,567", "40 000"), then plain ones ("3,5", "1.5", "42").
# Built per language so that a language may read its decimal mark its own way.
_DECIMAL_MARK = {"it": "[.,]", "en": "[.,]"}
# Its letters are written in lower case (the pattern is case-insensitive: "k" is also "K"), so that
# the phrase pattern may also run case-sensitively over lower-cased text (see ``_numbers``).
_DIGITS_TEMPLATE = (
    r"(?<![\w.,])(?:[-−+]\s?)?(?:"
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d+)?(?!\d|[.,]\d)"
    r"|\d+/[1-9]\d*(?![\d/])|[½⅓⅔¼¾⅕⅙⅛]"
    r"|\d+(?:DEC\d+)?|[.,]\d+)"
    r"(?:e[-+]?\d+|\^[-+]*\d+|\s?[x×]\s?10\^[-+]?\d+)?"
    r"(?:(?:k|m|mm|b|bn|bln|t|tln|mln|mld|mil)(?![\w])|\s{1,2}(?:k|m)(?![\w'’]))?"
)
_SUFFIX_RE = re.compile(r"(?:k|K|M|m|MM|B|b|bn|bln|T|tln|mln|mld|mil)$")
# A lower-case "m" right after the digits: millions after a currency ("£300m"), else metres
# ("a 300m race", "8.848 m"); see ``_figure``.
_METRES_RE = re.compile(r"\d\s{0,2}m$")

# --- Words --------------------------------------------------------------------------------------
_IT_PIECES = {**{k: ("small", v) for k, v in L.IT_SMALL.items()},
              **{k: ("hundred", v) for k, v in L.IT_HUNDRED.items()},
              **{k: ("scale", v) for k, v in L.IT_SCALE.items()}}
_EN_WORDS = {**{k: ("small", v) for k, v in L.EN_SMALL.items()},
             **{k: ("hundred", v) for k, v in L.EN_HUNDRED.items()},
             **{k: ("scale", v) for k, v in L.EN_SCALE.items()},
             "mln": ("scale", 10**6), "mld": ("scale", 10**9), "mrd": ("scale", 10**9),
             "bn": ("scale", 10**9), "bln": ("scale", 10**9), "tln": ("scale", 10**12)}
_PIECE_ORDER = sorted(_IT_PIECES, key=len, reverse=True)

_IT_WORD = r"(?:%s)+" % _alt(_IT_PIECES)
# Any "-esimo" word: ``_italian_ordinal`` decides whether its stem is a number.
_IT_ORDINAL_WORD = r"[^\W\d_]+esim[oaie]|%s" % _alt(L.IT_ORDINALS)
_WORD_TOKEN = r"(?:%s|%s|%s|%s|%s|%s|%s)" % (
    _alt(_EN_WORDS), _alt(L.EN_ORDINALS), _alt(L.FRACTIONS), _alt(L.DOZEN), _IT_ORDINAL_WORD,
    _IT_WORD, r"un['’]?|una|uno|an?")
_TOKEN = r"(?:DIGITS|(?<![\w])%s(?![\w]))" % _WORD_TOKEN
_SEP = r"(?:\s*[-–]\s*|\s+(?:(?:and|e|&)\s+)?|\s*,\s+(?=(?:%s)\b))" % _alt(
    list(L.EN_SMALL) + list(L.EN_HUNDRED))
# Where a number phrase can start: a sign or decimal mark before a digit, a run of digits, a
# fraction sign, or a word that begins like a number word (its first three letters, or the whole
# word when it is shorter: "un", "a"), or an "-esimo" ordinal. The big phrase regex then runs at
# these few places per sentence instead of at every character.
_FIRST_WORDS = {w.split()[0].lower() for w in (
    list(_EN_WORDS) + list(L.EN_ORDINALS) + list(L.FRACTIONS) + list(L.DOZEN)
    + list(_IT_PIECES) + list(L.IT_ORDINALS) + ["un", "una", "uno", "a", "an"])}
# The positions are those that one scan for "a sign, mark, digits or fraction sign, or a word
# start" would find. Three scans find the same ones faster, each written so that the regex engine
# skips most characters (a pattern that opens with a character class is tried only at the
# characters of that class):
# - digits: that class first, then a lookbehind tells which alternative the character began;
# - words, over the lower-cased text (``_lowered``), in one scan with the cue words (``_scan``):
#   led by the non-letter before the word, so tried only there (the text's first word on its
#   own). A word is matched whole, so scanning words apart from digits changes no position,
#   except that a fraction sign inside a word ("tre½") is reported too, where the phrase regex
#   (a number needs a non-word character before it) finds nothing;
# - "-esimo" words, the one alternative that reads a whole word before deciding: only where
#   "esim" is in the text.
# (Its first class written by ``latin1_lead``: \d is a Unicode category, slow to test at each
# character. So are the other patterns below that open with \d or [\W\d_].)
_DIGIT_START_RE = re.compile(L.latin1_lead(r"[-−+.,\d½⅓⅔¼¾⅕⅙⅛]")
                             + r"(?:(?<=[-−+])\s?(?=[\d.,])|(?<=[.,])(?=\d)|(?<=\d)\d*|(?<=[½⅓⅔¼¾⅕⅙⅛]))")
_WORD = r"(?:(?:%s)[^\W\d_]*|(?:%s)(?![^\W\d_]))" % (
    _alt({w[:3] for w in _FIRST_WORDS if len(w) >= 3}),
    _alt({w for w in _FIRST_WORDS if len(w) < 3}))
_ESIMO_START = r"(?<![^\W\d_])[^\W\d_]+esim[oaie](?![^\W\d_])"
_ESIMO_START_LOW_RE = re.compile(_ESIMO_START)  # for lower-cased text (``_lowered``)
# (the text's first word, a word after a non-letter, an "-esimo" word) over the text as written,
# for the texts ``_lowered`` leaves as they are
_WORD_START_RES = (re.compile(_WORD, _I), re.compile(r"[\W\d_]" + _WORD, _I),
                   re.compile(_ESIMO_START, _I))


_PHRASE_RE, _PHRASE_LOW_RE, _TOKENIZE_RE = {}, {}, {}
for _lang, _mark in _DECIMAL_MARK.items():
    _digits = _DIGITS_TEMPLATE.replace("DEC", _mark)
    _token = _TOKEN.replace("DIGITS", _digits)
    _PHRASE_RE[_lang] = re.compile(r"%s(?:%s%s)*" % (_token, _SEP, _token), _I)
    _PHRASE_LOW_RE[_lang] = _lower_case_twin(_PHRASE_RE[_lang])  # for lower-cased text
    _TOKENIZE_RE[_lang] = re.compile(r"(?P<d>%s)|(?P<w>[^\W\d_]+['’]?)|(?P<amp>&)" % _digits, _I)


@lru_cache(maxsize=4096)
def _split_italian(word: str) -> tuple | None:
    """"duecentosessantamila" -> its pieces; None when the word is not made of number pieces."""
    if not word:
        return ()
    for piece in _PIECE_ORDER:
        if word.startswith(piece):
            rest = _split_italian(word[len(piece):])
            if rest is not None:
                return (_IT_PIECES[piece],) + rest
    return None


@lru_cache(maxsize=4096)
def _italian_ordinal(word: str) -> int | None:
    """"ventunesimo" -> 21: the -esimo stem read as a cardinal (its final vowel restored)."""
    if word in L.IT_ORDINALS:
        return L.IT_ORDINALS[word]
    m = _ESIMO_RE.fullmatch(word)
    if not m:
        return None
    for vowel in ("", "e", "i", "o", "a"):
        pieces = _split_italian(m.group(1) + vowel)
        if pieces:
            value, used, kind = _compose_atoms([[p] for p in pieces])
            if used == len(pieces) and kind == "number":
                return int(value)
    return None


# Small patterns of the hot paths, compiled once (``re.sub(pattern, ...)`` looks its pattern up
# in re's cache on every call).
_SPACE_RE = re.compile(r"\s")
_SPACES_RE = re.compile(r"\s+")
_TIMES_TEN_RE = re.compile(r"[x×]10\^")
_EXPONENT_RE = re.compile(r"[eE][-+]?\d+$")
_GROUPED_RE = {mark: re.compile(r"[-+]?\d{1,3}\%s\d{3}" % mark) for mark in ".,"}
_FOUR_DIGITS_RE = re.compile(r"\d{4}")
_TWO_TO_FOUR_DIGITS_RE = re.compile(r"\d{2,4}")
_LEADING_DIGITS_RE = re.compile(r"\d+")
_ESIMO_RE = re.compile(r"(.+?)esim[oaie]")
_MAY_CUE_RE = re.compile(r"(?:in|since|by|from|until|of|early|late|mid)\s+$", _I)

_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅙": 1 / 6, "⅛": 0.125}


def _digits_value(surface: str, lang: str) -> float | None:
    """ "10.000" (it) -> 10000, "3,5" (it) -> 3.5, "10,000" (en) -> 10000, "10k" -> 10000."""
    if surface.isdecimal():  # "2024": what the steps below give a plain run of digits
        return int(surface)
    s = _TIMES_TEN_RE.sub("e", _SPACE_RE.sub("", surface).replace("−", "-"))
    if s.lstrip("-+") in _VULGAR:
        return -_VULGAR[s[1:]] if s.startswith("-") else _VULGAR[s.lstrip("+")]
    if "/" in s:  # "3/4", "-4/5"
        num, _, den = s.partition("/")
        return int(num) / int(den) if num.lstrip("-+").isdigit() and den.isdigit() and int(den) else None
    scale = 1
    m = _SUFFIX_RE.search(s)
    if m and not s[: m.start()].endswith(("e", "E")):
        scale = L.SUFFIX_SCALE[m.group().lower()]
        s = s[: m.start()]
    power = None
    if "^" in s:
        s, _, p = s.partition("^")
        power = float(p.replace("--", "").replace("+", "") or 1)
    exp = ""
    m = _EXPONENT_RE.search(s)
    if m:
        s, exp = s[: m.start()], m.group()
    group, decimal = (".", ",") if lang == "it" else (",", ".")
    if "." in s and "," in s:  # both: the last one is the decimal separator
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if dec == "." else ".", "").replace(dec, ".")
    elif s.count(".") + s.count(",") > 1:
        s = s.replace(".", "").replace(",", "")
    elif group in s and _GROUPED_RE[group].fullmatch(s):
        s = s.replace(group, "")  # the language's grouping: "10.000" in it, "10,000" in en
    else:
        s = s.replace(",", ".")
    try:
        value = float(s + exp) if exp or "." in s else int(s)
    except ValueError:
        return None
    if power is not None:
        try:
            value = float(value) ** power
        except (OverflowError, ZeroDivisionError):
            return None
    return value * scale


def _atoms(token: str, lang: str) -> list | None:
    """One token of a phrase -> its atoms [(category, value)], or None if it is no number word."""
    low = token.lower()
    if low[:1].isdigit() or low[:1] in "-−+.," or low[:1] in _VULGAR:
        v = _digits_value(token, lang)
        if v is None:
            return None
        return [("numfrac" if "/" in low or low[-1:] in _VULGAR else "num", v)]
    if low in ("and", "e", "&"):
        return [("and", 0)]
    if low in _ARTICLES:
        return [("art", 1)]
    if low in L.HALF_WORDS:
        return [("half", 0.5)]
    if low in L.DOZEN:
        return [("dozens" if low in L.DOZENS else "dozen", 12)]
    if low in _EN_WORDS:
        return [_EN_WORDS[low]]
    if low in L.EN_ORDINALS:
        return [("fracord" if low in L.FRACTIONS else "ord", L.EN_ORDINALS[low])]
    if low in L.FRACTIONS:
        ordinal = L.IT_ORDINALS.get(low)
        return [("fracord" if ordinal else "frac", L.FRACTIONS[low])]
    pieces = _split_italian(low.rstrip("'’"))
    if pieces:
        return list(pieces)
    ordinal = _italian_ordinal(low)
    if ordinal:  # "ventunesimo": an ordinal alone, a denominator after a numerator
        return [("fracit" if low not in L.IT_ORDINALS else "ord", ordinal)]
    return None


def _compose_atoms(groups: list[list]) -> tuple[float, int, str]:
    """Read atoms grouped by surface token; return (value, tokens used, "number"|"ordinal").

    Keeps the longest prefix that forms one number: "twenty four" is 24, "twenty thirty" stops
    after "twenty". ``tokens used`` is 0 when no prefix is a number (a lone article "un").
    A fraction's numerator is the whole number before it ("centotrenta quinti" is 130/5), except
    after an "and" ("232 and a third" is 232 + 1/3; "cinque miliardi e tre quarti" counts the
    quarters in billions).
    """
    total, cur, last, last_scale = 0.0, 0.0, "start", float("inf")
    numer_from = 0.0  # ``cur`` where the current small number began (for "trecento e due dozzine")
    frac_scale = 1    # "cinque miliardi e tre quarti": the fraction counts in billions
    after_and = ""    # what came before "and": "scale", "hundred" or "small"
    and_base = None   # total + cur at an "and" after a complete small number
    hundred_done = False  # "3 hundred and 2 hundred" is two numbers
    before_ten = ""   # the state before a ten written alone: "one hundred thirty fifths" is 100/35
    frac = None       # (base, fraction) of the last fraction read: "a quarter million"
    provisional = False  # "three twenty": a number only if a denominator follows ("-firsts")
    # "cinque e tre quarti": a small number after "and" after a small number is a numerator;
    # without a fraction after it, "dieci e quindici" is two numbers (a range's), not 25.
    awaiting_fraction = False
    best = (0.0, 0, "number")
    for i, group in enumerate(groups):
        ok = True
        done = None
        for cat, v in group:
            if provisional and cat not in ("frac", "fracord"):
                ok = False
            elif cat == "art":
                ok = last in ("start", "and", "half")
                if last == "half":  # "half a million": the article only links the words
                    last = "halfart"
                else:
                    numer_from, cur, last = cur, cur + 1, "art"
            elif cat == "small":
                if v == 0:
                    ok = last == "start"
                    last = "unit"
                elif (last in ("art", "unit", "ten") and v >= 20 and v % 10 == 0 and len(group) == 1
                      and len(groups) > i + 1):
                    provisional, before_ten = True, last  # "a twenty-first", "three twenty-firsts"
                    numer_from, cur, last = cur, cur + v, "ten"
                elif last in ("start", "hundred", "scale", "and") or (last == "ten" and v < 10):
                    if last == "and" and after_and == "small":
                        awaiting_fraction = True
                    if last != "ten":
                        numer_from = cur
                    if v >= 20 and v % 10 == 0:
                        before_ten = last if len(group) == 1 else ""
                    cur += v
                    last = "ten" if v >= 20 and v % 10 == 0 else "unit"
                else:
                    ok = False
            elif cat in ("num", "numfrac"):
                if cat == "numfrac" and 0 < v < 1 and (
                        last == "num" or (last == "and" and after_and == "small")):
                    ok = float(cur).is_integer()  # "2 1/4", "-1 e 4/5": a mixed number
                    cur += -v if cur < 0 else v
                else:
                    ok = last == "start" or (last == "and" and after_and in ("scale", "hundred")) or (
                        last == "scale" and float(v).is_integer() and 0 < v < last_scale)
                    numer_from, cur = cur, cur + v
                last = "num"
            elif cat == "hundred":
                ok = (last in ("start", "art", "unit", "ten", "num", "scale") and not hundred_done
                      and (cur < 100 or last == "num"))
                cur, last, hundred_done = (cur or 1) * 100, "hundred", True
            elif cat == "scale":
                ok = v < last_scale and last not in ("and",) and not (last == "scale")
                if last in ("frac", "half", "barefrac") and frac:
                    base, part = frac  # "one billion and a half million", "five and a half million"
                    total = base + part * v if base >= v else (base + part) * v
                else:
                    total += (cur or 1) * v
                cur, last, last_scale, frac_scale, hundred_done = 0.0, "scale", v, 1, False
            elif cat == "suffix":  # "10 k": a scale letter that needs digits before it
                ok = last == "num"
                cur, last = cur * v, "scale"
            elif cat == "and":
                ok = last in ("hundred", "scale", "unit", "ten", "num", "frac")
                after_and = {"scale": "scale", "hundred": "hundred"}.get(last, "small")
                frac_scale = last_scale if last == "scale" else 1
                and_base = total + cur if after_and in ("small", "hundred") else None
                last = "and"
            elif cat == "half":
                if last in ("art", "unit") and cur - numer_from == 1:
                    awaiting_fraction = False
                    frac = (total + numer_from, 0.5)
                    cur = numer_from + 0.5 * frac_scale  # "a half", "and one half"
                elif last in ("start", "and"):
                    frac = (total + cur, 0.5)
                    numer_from = cur
                    cur += 0.5 * frac_scale
                else:
                    ok = False
                last = "half"
            elif cat in ("dozen", "dozens"):  # "dozens" alone is vague: no number here
                ok = last in ("start", "art", "unit", "ten", "num", "half", "halfart") and not (
                    cat == "dozens" and last == "start")
                cur = numer_from + ((cur - numer_from) or 1) * 12
                last = "dozen"
            elif cat == "fracit":
                if last == "start":
                    cat = "ord"
                elif last in ("art", "unit", "ten", "num", "hundred", "scale"):
                    frac, cur = _fraction(total, cur, v, and_base, frac_scale, after_and)
                    total, last, awaiting_fraction = 0.0, "frac", False
                else:
                    ok = False
            elif cat in ("frac", "fracord"):
                plural = cat == "frac"
                compound = (last == "ten" and v < 10 and before_ten in (
                    ("unit", "art", "ten", "hundred", "scale") if plural else ("unit", "art")))
                ok = compound or not provisional
                if compound:  # "three twenty-firsts", "one hundred thirty fifths": v is 21, 35
                    provisional = False
                    ten = cur - numer_from
                    cur, v = numer_from, ten + v
                    last = before_ten
                if cat == "fracord" and not compound and last in ("ten", "hundred", "scale", "start"):
                    cat = "ord"  # "twenty fifth", "one hundred twenty fifth": an ordinal
                elif v == 1 and not compound:
                    ok = False  # "firsts" only ends a compound denominator
                elif last in ("art", "unit", "ten", "num") or (plural and last in ("hundred", "scale")):
                    frac, cur = _fraction(total, cur, v, and_base, frac_scale, after_and)
                    total, last, awaiting_fraction = 0.0, "frac", False
                elif last == "start" and plural:  # "quarter million": only before a scale
                    frac, last = (0.0, 1 / v), "barefrac"
                else:
                    ok = False
            if cat == "ord":
                if last == "start":
                    cur = v
                elif last == "ten" and v < 10:
                    cur += v
                elif last in ("hundred", "scale", "and", "unit", "art") and v >= 100:
                    cur = (cur or 1) * v  # "two hundredth", "a trillionth"
                elif last in ("hundred", "scale", "and"):
                    cur += v
                else:
                    ok = False
                done = "ordinal"
            if not ok:
                break
        if not ok:
            break
        if done:
            best = (total + cur, i + 1, "ordinal")
            break
        if (last not in ("and", "art", "start", "halfart", "barefrac") and not provisional
                and not awaiting_fraction):
            best = (total + cur, i + 1, "number")
    return best


def _fraction(total, cur, den, and_base, frac_scale, after_and):
    """((base, fraction), value) once a denominator is read; see ``_compose_atoms`` for whose
    numerator it is. "and" joins a proper fraction ("cento e tre quarti" is 100 + 3/4) but not a
    larger one ("one hundred and thirty-two fifths" is 132/5)."""
    if after_and == "scale":
        base, part = total, cur / den
        return (base, part), base + part * frac_scale
    if and_base is not None and (after_and == "small" or total + cur - and_base < den):
        base, part = and_base, (total + cur - and_base) / den
        return (base, part), base + part
    return (0.0, (total + cur) / den), (total + cur) / den


def _compose(tokens: list[str], lang: str) -> tuple[float, int, str]:
    groups = []
    for tok in tokens:
        atoms = _atoms(tok, lang)
        if atoms is None:
            break
        groups.append(atoms)
    if len(groups) == 1 and len(groups[0]) == 1 and groups[0][0][0] in ("num", "small"):
        # One plain number ("24", "nove"), most phrases: what ``_compose_atoms`` gives it,
        # without setting up the states of a longer phrase.
        return 0.0 + groups[0][0][1], 1, "number"
    return _compose_atoms(groups)


def parse_number(text: str, lang: str = "it") -> float | int | None:
    """The value of a whole string that is one number ("tremila", "10.000", "2 million"), else None."""
    try:
        tokens = [m.group() for m in _TOKENIZE_RE["en" if lang == "en" else "it"].finditer(text.strip())]
        value, used, kind = _compose(tokens, lang)
        if not used or used != len(tokens):
            return None
        return int(value) if float(value).is_integer() else value
    except Exception:  # never raise on odd input: a checker's tool must not crash
        return None


def _fmt(value) -> str:
    """A plain decimal string: 10000, 0.2, -0.5 (no exponent, no trailing zeros)."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e12:  # most figures: what the steps below give
        return str(int(value))
    value = float(f"{value:.12g}")
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return format(Decimal(repr(value)), "f")


# --- Context patterns ---------------------------------------------------------------------------
_HEDGE_OF = {h.lower(): q for q, hs in L.HEDGES.items() for h in hs} | L.HEDGE_SIGNS
_HEDGE_AFTER_OF = {h: q for q, hs in L.HEDGES_AFTER.items() for h in hs}
_HEDGE_AFTER_RE = re.compile(r"\s+(%s)(?![\w])" % _alt(_HEDGE_AFTER_OF), _I)
_CURRENCY_BEFORE_RE = re.compile(r"(US\$|[€$£¥]|USD|EUR|GBP|CHF)\s?$")
_SPACED_UNITS = {u: v for u, v in L.UNITS.items() if u not in L.TIGHT_UNITS or u in L.SPACED_ABBREVIATIONS}
_UNIT_TIGHT_RE = re.compile(r"(%s)(?![\w])" % _alt(L.TIGHT_UNITS), _I)
_UNIT_AFTER_RE = re.compile(
    r"(?:\s*-\s*|\s+|(?=[%%€°]))(?:(?:di|d['’]|of|de(?:i|gli|lle))\s+)?(%s)(?![\w])" % _alt(_SPACED_UNITS), _I)
_DECIMAL_WORD_RE = re.compile(r"\s+(?:point|punto|virgola)\s+(?=\w)", _I)
_SIGN_WORD_BEFORE_RE = re.compile(r"(?<![\w])(?:minus|negative)\s+$", _I)
# Words between two numbers that make them a ratio ("uno su tre", "one in five").
# Italian may name the counted noun between the two: "1 italiano su 4", "due famiglie su tre".
_RATIO_GAP_RE = {"it": re.compile(r"\s+(?:[^\W\d_]+\s+)?su\s+", _I),
                 "en": re.compile(r"\s+(?:over|out\s+of|in)\s+", _I)}
_RANGE_OPEN_RE = re.compile(
    r"(?<![\w])(tra|fra|compres[oaie]\s+tra|between|from|da|dal|dai|dalle|dagli|dallo)\s+(?:(?:il|i|le|the)\s+)?$", _I)
_RANGE_GAP_OPEN_RE = re.compile(r"\s+(?:e|and|a|al|ai|alle|agli|to|fino\s+a|fino\s+al)\s+(?:(?:il|i|le|the)\s+)?$", _I)
_RANGE_GAP_RE = re.compile(r"\s*[-–—~]\s*|\s+(?:to|through)\s+", _I)
_ORDINAL_NAME_AFTER_RE = re.compile(r"\s+(?:%s)" % L.ORDINAL_NAMES_AFTER, _I)
_NOT_ORDINAL_AFTER_RE = re.compile(
    r"\s+(?:l['’]|il\b|lo\b|la\b|i\b|gli\b|le\b|me\b|noi\b|lui\b|lei\b|loro\b|quanto\b|cui\b|"
    r"di\b|del\b|della\b|dei\b|delle\b|dell['’]|degli\b|che\b|[A-Z])")
# "per la prima volta dopo 24 anni", "for the first time in 24 years": the duration is the claim.
_FIRST_TIME_AFTER_RE = re.compile(
    r"\s+(?:volta\s+(?:dopo|in|da)|time\s+(?:in|since))\s+[\w'’ ]{0,20}?\d", _I)

# --- Words just before a number -----------------------------------------------------------------
# A hedge ("più di"), a year cue ("nel"), an article ("i due"): words that end the text before a
# number, then white space. ``re.search(r"(?<![\w])(?:words)\s+$", window)`` tries the words at
# each of the window's forty places; a pattern of the reversed words, matched at the start of the
# reversed window (``_words_before``), tries them once and finds the same words. When several end
# the window ("più di", "poco più di") it finds the longest, as the search's leftmost match is.

def _ending(words, *, space: str = r"\s+", flags=_I, whole: bool = True) -> re.Pattern:
    """The pattern ``_words_before`` matches: one of ``words`` reversed, after ``space``
    (the white space between them and the number), before a non-word character or the end
    (unless not ``whole``: a sign may follow a letter, "x>10")."""
    return re.compile(r"%s(%s)%s" % (space, _alt(w[::-1] for w in words), r"(?![\w])" if whole else ""),
                      flags)


def _words_before(ending: re.Pattern, text: str, start: int, span: int, back: str | None = None):
    """(the words, where they start) when ``ending`` finds them closing ``text[start-span:start]``.

    ``back``, when given, is ``_back(text, start)``, shared by the calls about one number: its
    first ``span`` characters are that window reversed, and the match is cut there."""
    if back is None:
        back = _before(text, start, span)[::-1]
    m = ending.match(back, 0, span)
    return (m.group(1)[::-1], start - m.end()) if m else None


_HEDGE_BEFORE = _ending([h for h in _HEDGE_OF if h not in L.HEDGE_SIGNS])
_HEDGE_SIGN_BEFORE = _ending(L.HEDGE_SIGNS, space=r"\s*", whole=False)
_YEAR_CUE_BEFORE = _ending(L.YEAR_CUES, space=r"\s*")
# "i due paesi", "tra i due", "the two leaders": a small number after a definite article or a
# possessive points back at people or things already named; it is not a figure to check.


def _words_of(alternation: str) -> list[str]:
    """The words of an alternation of plain words ("il|l['’]|per\\s+la"): a space for "\\s+",
    each apostrophe for "['’]"."""
    words = []
    for word in alternation.replace(r"\s+", " ").split("|"):
        words += [word.replace("['’]", q) for q in "'’"] if "['’]" in word else [word]
    assert all(re.fullmatch(r"[a-z'’ ]+", w) for w in words), words
    return words


# "la seconda", "his first": the determiner an ordinal needs ("secondo l'agenzia" has none).
_DETERMINER_BEFORE = _ending(_words_of(L.IT_ORDINAL_DETERMINERS) + [
    "di", "in", "a", "the", "his", "her", "its", "their", "our", "my", "for the"], space=r"\s*")
# "il suo primo insediamento", "his first term": an ordinal after a possessive names the thing.
_POSSESSIVE_BEFORE = _ending((
    "il suo", "la sua", "il loro", "la loro", "il mio", "la mia", "his", "her", "its", "their",
    "our", "my"))
_BACK_REFERENCE_BEFORE = _ending((
    "i", "gli", "le", "dei", "degli", "delle", "ai", "agli", "alle", "nei", "negli", "nelle",
    "coi", "sui", "sugli", "sulle", "tra i", "fra i", "entrambi i", "the", "both", "these",
    "those", "its", "their", "our", "his", "her", "my", "your"))
# "Boeing 737", "art. 5", "Covid-19", "F-16": a number that is part of a name or an identifier.
_NAME_WORDS = ("articolo", "article", "art.", "n.", "no.", "nr.", "numero", "number",
               "capitolo", "chapter", "versione", "version", "legge")  # also capitalised
_NAME_BEFORE = _ending((
    "Boeing", "Airbus", "Gara", "Game", "Partita", "Apollo", "Windows", "iPhone", "Formula",
    "Agenda", "Covid", "COVID", *_NAME_WORDS, *(w.capitalize() for w in _NAME_WORDS)),
    space=r"\s*-?\s*", flags=0)
# Figures that are names of days or fixed expressions: "9/11", "24/7", "50/50".
_EXPRESSIONS = frozenset(("9/11", "24/7", "50/50", "7/7", "11/9"))
# A letter and a hyphen ("F-16"); "\n?" because "$" matched before a final newline too.
_LETTER_HYPHEN_BEFORE_RE = re.compile(r"\n?-[A-Za-z]")
_WORD_NUMBER_RE = re.compile(r"[^\W\d]+(?:[-'’ ][^\W\d]+)*")
_EN_ONE_DETERMINER_RE = re.compile(r"(?<![\w])(?:the|this|that|which|each|every|any|no|some|another|no)\s+$", _I)
_WORLD_WAR_RE = re.compile(r"world\s+war\s+(?:i{1,3}|one|two)\b", _I)

# Full dates, numeric dates, months.
# Month names written out ("maggio", "May"), not abbreviated: a month alone must be one of them.
_MONTH_FULL_WORDS = [m for m in L.MONTHS
                     if len(m) > 4 or m in ("june", "july", "may", "march", "april")]
_MONTH_FULL = _alt(_MONTH_FULL_WORDS)
_MONTH_FULL_SET = frozenset(_MONTH_FULL_WORDS)
_MONTH_ANY = _alt(L.MONTHS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:°|º|st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2}|2100)(?!\d)"
_DATE_RE = re.compile(
    r"(?<![\w])(?:"
    r"(?P<d1>%(day)s)\s+(?:(?:di|of)\s+)?(?P<m1>%(mfull)s|(?:%(many)s)\.?)(?![\w])(?:,?\s+(?P<y1>%(year)s))?"
    r"|(?P<m2>%(mfull)s|(?:%(many)s)\.?)\s+(?P<d2>%(day)s)(?![\d])(?:,?\s+(?P<y2>%(year)s))?"
    r"|(?P<m3>%(mfull)s)\s+(?:(?:del|of)\s+)?(?P<y3>%(year)s)"
    r"|(?P<y4>%(year)s)-(?P<m4>0[1-9]|1[0-2])-(?P<d4>[0-2]\d|3[01])"
    r"|(?P<d5>[0-3]?\d)[/.](?P<m5>[01]?\d)[/.](?P<y5>%(year)s)"
    r")" % {"day": _DAY, "mfull": _MONTH_FULL, "many": _MONTH_ANY, "year": _YEAR}, _I)
_MONTH_ALONE_RE = re.compile(r"(?<![\w])(%s)(?![\w])" % _MONTH_FULL, _I)
# The same two, case-sensitive, for lower-cased text (``_lowered``); None if they cannot be.
_DATE_LOW_RE, _MONTH_ALONE_LOW_RE = _lower_case_twin(_DATE_RE), _lower_case_twin(_MONTH_ALONE_RE)
_TIME_RE = re.compile(
    r"(?<![\w.,:])(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<ap>[ap]\.m\.|[ap]m)(?![\w]))?"
    r"|(?P<h2>1[0-2]|0?[1-9])(?:[.:](?P<mi2>[0-5]\d))?\s*(?P<ap2>[ap]\.m\.|[ap]m(?![\w])))"
    r"|(?<=\balle\s)(?P<h3>[01]?\d|2[0-3])\.(?P<mi3>[0-5]\d)(?![\d])", _I)
_DECADE_RE = re.compile(
    r"(?<![\d]\s)(?<![\w])(?:"
    r"(?P<pre>anni|years)\s+['’‘]?(?P<yy>\d0)(?![\w])"
    r"|anni\s+(?P<yyyy>1\d{2}0|20\d0)(?![\w])"
    r"|anni\s+(?P<word>%s)(?![\w])"
    r"|(?P<full>1\d{2}0|20\d0)['’]?s(?![\w])"
    r"|['’‘](?P<short>\d0)['’]?s(?![\w])"
    r"|(?:the\s+)?(?P<eng>%s)(?![\w])"
    r")" % (_alt(k for k in L.DECADE_WORDS if not k.endswith("ies")),
            _alt(k for k in L.DECADE_WORDS if k.endswith("ies"))), _I)
_RELATIVE_RE = re.compile(r"(?<![\w])(%s)(?![\w])" % _alt(L.RELATIVE_YEARS), _I)
# Vague amounts: "migliaia di persone" (more than a thousand), "decine di migliaia" (more than
# ten thousand), "hundreds of millions of dollars"; approximate ones: "una decina di feriti"
# (about ten), "un centinaio" (about a hundred). The counted noun, currency, unit of time or
# measure after them is their unit ("decine di anni", "centinaia di chilometri").
_VAGUE_UNITS = [u for u, (_, k) in L.UNITS.items() if k in ("count", "money", "duration", "quantity")]
_VAGUE_RE = re.compile(
    r"(?<![\w])(?:(?P<vague>%s)(?![\w])(?:\s+(?:di|of)\s+(?P<times>%s)(?![\w]))?"
    r"|(?:(?:una|un)\s+)?(?P<approx>%s)(?![\w]))"
    r"(?:\s+(?:di|d['’]|of)\s*(?P<unit>%s)(?![\w]))?" % (
        _alt(L.VAGUE), _alt(L.VAGUE_SCALES), _alt(L.APPROXIMATE), _alt(_VAGUE_UNITS)), _I)


# --- Cues ---------------------------------------------------------------------------------------
# Most sentences have no date, decade, time or vague amount, yet each of those patterns costs a
# scan of the whole sentence. So a pattern runs only over a text that holds one of its cues: a
# cue is something every match of the pattern contains, so where none is, the pattern would find
# nothing. Two kinds of cues:
# - words ("maggio", "anni", "migliaia"). Every word-table pattern below has its words whole: after
#   a non-word character (``(?<![\w])``, ``\s+``) or the start of the text, and before a
#   non-word character, white space or a period ("giu."). So a text can only match if one of the
#   pattern's cue words is there as a whole word. One scan of the lower-cased text (``_lowered``)
#   that tries only the places after a non-letter finds them all at once (``_scan``). The cue
#   words come from the word tables, so a new row needs no change here;
# - for the patterns of digits, a small pattern (one character class first: the engine jumps
#   from digit to digit).


def _cue_words(phrases, common=()) -> list[str]:
    """A cue word for each of ``phrases``, one of its words: the first that is one of ``common``
    ("year" for "last year"), else its longest ("scorso" for "lo scorso anno")."""
    cues = []
    for phrase in phrases:
        words = phrase.lower().split()
        cues.append(next((w for w in words if w in common), max(words, key=len)))
    return cues


# Each family's cue words.
_CUE_WORDS = {
    "month": _MONTH_FULL_WORDS,  # a month alone: its name written out
    "date": list(L.MONTHS),  # a date with a month's name or abbreviation ("19 giu 2024")
    "decade": [k for k in L.DECADE_WORDS if k.endswith("ies")] + ["anni", "years"],
    "relative": _cue_words(L.RELATIVE_YEARS, common=("year",)),
    "vague": list(L.VAGUE) + list(L.APPROXIMATE),
    "time": ["alle"],  # "alle 10.30"; other times have a colon or "am"/"pm" (see below)
}
_ALL_CUED = frozenset(_CUE_WORDS)
# The scan reports the longest cue word at a place ("settembre"); the cue words it starts with
# may be there too ("set", for dates): for each, (family, its length).
_CUED_BY = {w: tuple({(f, len(c)) for f, cues in _CUE_WORDS.items()
                      for c in cues if w.startswith(c)})
            for words in _CUE_WORDS.values() for w in words}


# --- A first look at each text ------------------------------------------------------------------
# One scan of the lower-cased text finds both the cue words and the words where a number phrase
# may start: at each place after a non-letter (and at the text's start), the longest cue word
# there, if any, and whether a number-like word (``_WORD``) is there.
# ``_WORD`` is either a word that begins with one of a set of three-letter prefixes (``_PREFIXES``)
# or a short word alone (``_SHORT_WORDS``: "un", "a"). So one alternation is enough: a short
# word alone, or else the longest of the cue words and prefixes there (``_look_up`` tells what it
# is: the longest cue word it begins with, if any, and whether its first three letters are a
# prefix). The longest cue word at the place is the one that it begins with (a longer one would
# have been found instead), and a prefix is there whenever something at least three letters long
# is found (else the prefix would have been). The long alternation is only looked at, not read
# past, and a short word is letters only, so the next match starts no later than the next
# non-letter: no place after a non-letter is skipped.
# Every cue word and number-like word starts with one of a few letters: a position followed by
# none of them is given up at one test, before the alternations are tried.
_PREFIXES = frozenset(w[:3] for w in _FIRST_WORDS if len(w) >= 3)
_SHORT_WORDS = frozenset(w for w in _FIRST_WORDS if len(w) < 3)
assert _WORD == r"(?:(?:%s)[^\W\d_]*|(?:%s)(?![^\W\d_]))" % (_alt(_PREFIXES), _alt(_SHORT_WORDS))
# A short word alone is no cue word, nor the start of one (else the scan would miss that cue).
assert not any(c.startswith(w) and not c[len(w):len(w) + 1].isalpha()
               for c in _CUED_BY for w in _SHORT_WORDS)
_LOOK_FIRST = "[%s]" % "".join(sorted({re.escape(w[0]) for w in [*_CUED_BY, *_FIRST_WORDS]}))
_LOOK = r"(?=%s)(?:(?P<short>%s)(?![^\W\d_])|(?=(?P<long>%s)))" % (
    _LOOK_FIRST, _alt(_SHORT_WORDS), _alt({*_CUED_BY, *_PREFIXES}))
# For each thing the long alternation finds: (the longest cue word it begins with or None,
# whether it makes a number-like word: its first three letters are a prefix).
_look_up = {found: (max((c for c in _CUED_BY if found.startswith(c)), key=len, default=None),
                    len(found) >= 3 and found[:3] in _PREFIXES)
            for found in {*_CUED_BY, *_PREFIXES}}
if _caseless(_CUED_BY) and _caseless(_FIRST_WORDS):
    _LOOK_RE = re.compile(L.latin1_lead(r"[\W\d_]") + _LOOK)
else:  # a word that cannot be looked for in lower-cased text: ``_scan`` takes the slow way
    _LOOK_RE = None


def _scan(text: str):
    """A first look at ``text``: (low, cued, has_digits, starts, cue_at).

    ``low`` is ``_lowered(text)``; ``cued`` the families of ``_CUE_WORDS`` with a cue word in the
    text, whole (all of them when it cannot tell); ``starts`` the positions where ``_PHRASE_RE``
    may match, in order (a superset: it decides); ``cue_at`` where the cue words are (None when
    it cannot tell).
    """
    low = _lowered(text)
    starts = [m.start() for m in _DIGIT_START_RE.finditer(text)]
    # Each run of digits begins one of these matches (a sign or mark before it is one of its own).
    has_digits = bool(starts) and any(text[at].isdecimal() for at in starts)
    if low is None or _LOOK_RE is None:
        first, after_separator, esimo = _WORD_START_RES
        if first.match(text):
            starts.append(0)
        starts += [m.start() + 1 for m in after_separator.finditer(text)]
        starts += [m.start() for m in esimo.finditer(text)]
        return low, _ALL_CUED, has_digits, sorted(set(starts)), None
    hits = []  # (where, the longest cue word there)
    words = []  # where a number-like word is
    # After a space put before the text, the text's first word is after a non-letter too: its
    # place in the text is where the space matched.
    for m in _LOOK_RE.finditer(" " + low):
        at = m.start()
        short, found = m.group("short", "long")
        if short:
            words.append(at)
            continue
        cue, word = _look_up[found]
        if cue:
            hits.append((at, cue))
        if word:
            words.append(at)
    # The digits' places and the words' are apart (a word starts with a letter), and each list
    # is in order: one merge, without a set, unless "-esimo" words may repeat a word's place.
    if "esim" in low:
        starts = sorted({*starts, *words, *(m.start() for m in _ESIMO_START_LOW_RE.finditer(low))})
    elif starts and words:
        starts = sorted(starts + words)
    elif words:
        starts = words
    cued = set()
    for at, cue in hits:
        for family, n in _CUED_BY[cue]:
            if not low[at + n:at + n + 1].isalpha():  # the cue word ends where the word does
                cued.add(family)
    return low, cued, has_digits, starts, [at for at, _ in hits]


_NUMERIC_DATE_CUE_RE = re.compile(r"\d(?:-\d|[/.]\d\d?[/.]\d)")  # "2024-06-19", "19/06/2024"
_TIME_CUE_RE = re.compile(r"\d\s*[ap]\.?m", _I)  # "10 pm", "10.30 a.m."
_DIGIT_ORDINAL_CUE_RE = re.compile(r"\d[°ºªsnrtem]", _I)  # "3°", "21st", "5th", "15esimo", "2nd"
_DECADE_CUE_RE = re.compile(r"\d['’]?s", _I)  # "1980s", "’80s"
# Any of the four cues above: most texts with digits have none, and one search for all four costs
# what a search for one does.
_DIGIT_CUES_RE = re.compile(r"\d(?:-\d|[/.]\d\d?[/.]\d|\s*[ap]\.?m|[°ºªsnrtem]|['’]?s)", _I)
# A decade in words: "anni" or "years" then what a decade needs after them ("anni ’40", "anni
# quaranta"), or "the forties". "anni" alone ("24 anni") is in many sentences without one, and
# ``_DECADE_RE`` costs ten times this search; over lower-cased text (``_lowered``).
_DECADE_WORDS_CUE_LOW_RE = re.compile(r"(?:anni|years)\s+(?:['’‘]?\d0|1\d\d0|20\d0|%s)(?![\w])|(?:%s)(?![\w])" % (
    _alt(k for k in L.DECADE_WORDS if not k.endswith("ies")),
    _alt(k for k in L.DECADE_WORDS if k.endswith("ies"))))


# --- Candidates ---------------------------------------------------------------------------------
# Each candidate is (priority, start, end, Mention); lower priority wins an overlap.

def _mention(text, start, end, kind, value, **kw) -> Mention:
    return _make_mention(text[start:end], start, end, kind, value, **kw)


def _found(pattern: re.Pattern, subject: str, places: list[int] | None):
    """What ``pattern.finditer(subject)`` finds, tried only at ``places`` (in order) when there
    are some. A date or a month alone starts at a run of digits or a month's name, after a
    non-word character: where ``_scan`` found a number's start or a cue word. Its pattern opens with that look-behind, which
    the regex engine cannot skip ahead on, so trying it at a handful of places is several times
    faster than letting ``finditer`` try it at every character."""
    if places is None:
        yield from pattern.finditer(subject)
        return
    end = 0
    for at in places:
        if at >= end:  # as finditer: the next match starts where the last one ended
            m = pattern.match(subject, at)
            if m:
                end = m.end()
                yield m


# A news agency's dateline opening a paragraph: "ROMA, 14 OTT - ", "(ANSA) - ROMA, 11 MAR - ",
# "Milano, 23 mag. (LaPresse) – ": the place before the date, a dash (or the agency) after.
_AGENCY_PLACE_RE = re.compile(
    r"(?:\(\w+\)\s*[-–—]\s*)?[A-ZÀ-Ý][\w'’.]+(?:\s+[A-ZÀ-Ý][\w'’.]+){0,3},\s*$")
_AGENCY_DATE_END_RE = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?[-–—]\s")


def _dates(text: str, low: str | None, places: list[int] | None):
    # Over the lower-cased text when there is one (``low``: the same matches, found faster); the
    # month's name is read from the text as written, where its capital matters ("March").
    dates, subject = (_DATE_LOW_RE, low) if low is not None and _DATE_LOW_RE else (_DATE_RE, text)
    for m in _found(dates, subject, places):
        g = m.groupdict()
        day = g["d1"] or g["d2"] or g["d4"] or g["d5"]
        which = next((k for k in ("m1", "m2", "m3") if g[k]), None)
        month_word = text[m.start(which):m.end(which)] if which else None
        year = g["y1"] or g["y2"] or g["y3"] or g["y4"] or g["y5"]
        if month_word:
            key = month_word.lower().rstrip(".")
            if key in L.ENGLISH_MONTH_WORDS and not month_word[0].isupper():
                continue
            if (which == "m2" and key not in _MONTH_FULL_SET and not month_word.endswith(".")
                    and not month_word[0].isupper()):
                continue  # "Jul 22", "Sept 16" as datelines write them; not "il mar 3 volte"
            month = L.MONTHS.get(key)
        else:
            month = int(g["m4"] or g["m5"])
        if not month or not 1 <= month <= 12:
            continue
        d = int(_LEADING_DIGITS_RE.match(day).group()) if day else None
        if d is not None and not 1 <= d <= 31:
            continue
        value = (year or "-") + f"-{month:02d}" + (f"-{d:02d}" if d else "")
        if _AGENCY_PLACE_RE.match(text, 0, m.start()) and _AGENCY_DATE_END_RE.match(text, m.end()):
            # "ROMA, 14 OTT - Un vasto incendio...": the agency's dateline, not a claim
            yield (0, m.start(), m.end(), _mention(
                text, m.start(), m.end(), "date", value, checkable=False,
                note="the news agency's dateline: " + text[:m.end()].strip()))
            continue
        yield (0, m.start(), m.end(), _mention(text, m.start(), m.end(), "date", value))


def _months(text: str, low: str | None, places: list[int] | None):
    # As in ``_dates``: over ``low`` when there is one, the word as written, at ``places``.
    months, subject = ((_MONTH_ALONE_LOW_RE, low) if low is not None and _MONTH_ALONE_LOW_RE
                       else (_MONTH_ALONE_RE, text))
    for m in _found(months, subject, places):
        word = text[m.start(1):m.end(1)]
        if word.lower() in L.ENGLISH_MONTH_WORDS and not word[0].isupper():
            continue
        if word == "May" and not _MAY_CUE_RE.search(text[max(0, m.start() - 8):m.start()]):
            continue
        value = f"--{L.MONTHS[word.lower()]:02d}"
        yield (5, m.start(), m.end(), _mention(text, m.start(), m.end(), "date", value))


def _times(text: str):
    for m in _TIME_RE.finditer(text):
        h = m.group("h") or m.group("h2") or m.group("h3")
        mi = m.group("mi") or m.group("mi2") or m.group("mi3") or "00"
        ap = (m.group("ap") or m.group("ap2") or "").lower()
        hour = int(h)
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
        yield (1, m.start(), m.end(), _mention(text, m.start(), m.end(), "time", f"{hour:02d}:{mi}"))


def _decades(text: str):
    for m in _DECADE_RE.finditer(text):
        g = m.groupdict()
        if g["yy"] or g["short"]:
            yy = int(g["yy"] or g["short"])
            value = (2000 if yy < 20 else 1900) + yy
        elif g["yyyy"] or g["full"]:
            value = int(g["yyyy"] or g["full"])
        else:
            value = L.DECADE_WORDS[(g["word"] or g["eng"]).lower()]
        yield (1, m.start(), m.end(), _mention(text, m.start(), m.end(), "decade", str(value)))


def _relative_years(text: str, year):
    if year is None:
        return
    for m in _RELATIVE_RE.finditer(text):
        offset = L.RELATIVE_YEARS[m.group(1).lower().replace("  ", " ")] if m.group(1).lower() in L.RELATIVE_YEARS else None
        if offset is None:
            offset = L.RELATIVE_YEARS.get(_SPACES_RE.sub(" ", m.group(1).lower()), 0)
        yield (1, m.start(), m.end(), _mention(text, m.start(), m.end(), "year", str(year + offset),
                                              note="relative to the article's year"))


def _vague(text: str):
    for m in _VAGUE_RE.finditer(text):
        vague, times, approx, unit = m.group("vague", "times", "approx", "unit")
        unit, kind = L.UNITS[unit.lower()] if unit else ("", "count")
        if approx:
            value, qualifier = L.APPROXIMATE[approx.lower()], "about"
        else:
            value, qualifier = L.VAGUE[vague.lower()], "more_than"
            value *= L.VAGUE[times.lower()] if times else 1
        yield (6, m.start(), m.end(), _mention(text, m.start(), m.end(), kind, str(value),
                                              unit=unit, qualifier=qualifier))


# The words ``_atoms`` reads as an article, which stands for 1 only before a scale or a fraction.
_ARTICLES = frozenset(("un", "una", "un'", "un’", "a", "an"))


# A phrase that starts with an article ("un", "una", "a", "an": a third of the places where a
# phrase may start) goes on only if a separator and a second token follow it. Every token is one
# word or a number (the tables' words are letters only; see the assertion), so the first token is
# the article (or "un'"); the second starts where a phrase may start, so at one of the next
# places of ``starts`` (which holds every place where the phrase pattern matches); and all between them is the rest of the article and a separator
# (``_SEP``): white space, "-", "–", ",", "&", "and", "e", or the apostrophe of "un'". So when the
# text up to the next place holds any other character, or there is no next place, the phrase
# is the article alone (or no match) and nothing is to be read there.
_ARTICLE_THEN_SEPARATOR_LOW_RE = re.compile(r"(?:una?|an?)(?![^\W\d_])[\s\-–,&'’ande]*")
assert all(re.fullmatch(r"[^\W\d_]+", w) for w in [
    *_EN_WORDS, *L.EN_ORDINALS, *L.FRACTIONS, *L.DOZEN, *L.IT_ORDINALS, *_IT_PIECES])


def _article_alone(low: str, starts: list[int], k: int) -> bool:
    """Whether the phrase that may start at ``starts[k]`` of the lower-cased text is sure to be an
    article alone or nothing: an article there, and no separator up to the next place."""
    if k + 1 == len(starts):
        return _ARTICLE_THEN_SEPARATOR_LOW_RE.match(low, starts[k]) is not None
    nxt = starts[k + 1]
    m = _ARTICLE_THEN_SEPARATOR_LOW_RE.match(low, starts[k], nxt)
    return m is not None and m.end() < nxt


def _numbers(text: str, lang: str, low: str | None, starts: list[int]):
    """Number phrases, each read into the longest well-formed number, with its context.

    ``low`` and ``starts`` are those of ``_scan(text)``."""
    figures = []  # (start, end, value, kind, the unit after it) of each number read
    pos = 0
    # Over the lower-cased text when there is one: the same matches, found faster.
    phrase_re, subject = _PHRASE_RE[lang], text
    if low is not None and _PHRASE_LOW_RE[lang] is not None:
        phrase_re, subject = _PHRASE_LOW_RE[lang], low
    for k, at in enumerate(starts):
        if at < pos:
            continue
        if subject is low and low[at] in "ua" and _article_alone(low, starts, k):
            continue  # what the phrase pattern and the test below would say, five times faster
        m = phrase_re.match(subject, at)
        if not m:
            continue
        phrase = text[at:m.end()]
        if phrase.lower() in _ARTICLES:
            # An article alone ("un", "a": half the phrases of a text) is no number: what
            # ``_compose`` would say, at the cost of a dictionary look-up.
            pos = at + len(phrase)
            continue
        words, first, ends = _tokens(phrase, lang)
        value, used, kind = _compose(words, lang)
        if not used:
            pos = at + max(1, ends[0] if ends else 1)
            continue
        start, end = at + first, at + ends[used - 1]
        if kind == "number":
            value, end = _decimal_words(text, end, lang, value)
            sign = _SIGN_WORD_BEFORE_RE.search(_before(text, start, 12)) if lang == "en" else None
            if sign and value > 0 and text[start] not in "+-−":  # "minus 5 degrees"
                start, value = start - len(sign.group()), -value
        after = _unit_after(text, end)  # "3,5 per cento": "cento" is the unit's, not a number
        figures.append((start, end, value, kind, after))
        pos = max(after[2] if after and kind == "number" else end, at + ends[used - 1])
    i = 0
    while i < len(figures):
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        cand = None
        if nxt and figures[i][3] == nxt[3] == "number":
            cand = _ratio(text, lang, figures[i], nxt) or _range(text, figures[i], nxt)
        if cand:
            i += 2
        else:
            cand = _figure(text, lang, figures[i])
            i += 1
        if cand:
            yield cand


def _tokens(phrase: str, lang: str) -> tuple[list[str], int, list[int]]:
    """The tokens of a number phrase: (their texts, where the first starts, where each ends)."""
    if phrase.isdecimal() or phrase.isalpha():
        # Most phrases, "2024" or "tre": one token, the whole phrase, as the tokenizer reads a run
        # of digits (its plain-number alternative) or of letters (its word alternative).
        return [phrase], 0, [len(phrase)]
    toks = list(_TOKENIZE_RE[lang].finditer(phrase))
    return [t.group() for t in toks], toks[0].start() if toks else 0, [t.end() for t in toks]


def _decimal_words(text: str, end: int, lang: str, value):
    """"duecento virgola settantuno", "five point zero three": the spoken decimal digits after a
    number, each word giving its own digits. Returns (value, end), unchanged when there are none."""
    m = _DECIMAL_WORD_RE.match(text, end)
    if not m or not float(value).is_integer():
        return value, end
    digits, after_ten, pos = "", False, m.end()
    for tok in _TOKENIZE_RE[lang].finditer(text, pos, pos + 60):
        if text[pos:tok.start()].strip() not in ("", "-"):
            break
        atoms = _atoms(tok.group(), lang)
        if not atoms or any(c not in ("small", "num") or v < 0 or not float(v).is_integer()
                            for c, v in atoms):
            break
        piece = str(int(sum(v for _, v in atoms)))
        if after_ten and len(piece) == 1:
            digits = digits[:-1] + piece  # "seventy-one" is 71, not 701
        else:
            digits += piece
        after_ten = len(piece) == 2 and piece.endswith("0")
        pos = end = tok.end()
    if not digits:
        return value, end
    fraction = float("0." + digits)
    return (value - fraction if value < 0 else value + fraction), end


def _ratio(text: str, lang: str, a, b):
    """"uno su tre", "one in five", "2 out of 3", "quasi 1 italiano su 4": a ratio, read as
    the fraction a/b, with the hedge before it."""
    if not _RATIO_GAP_RE[lang].fullmatch(text, a[1], b[0]) or not b[2] or not abs(a[2]) <= b[2]:
        return None
    if _FOUR_DIGITS_RE.fullmatch(text[b[0]:b[1]]):
        return None  # "3 in 2019": a year
    after = b[4]
    if after and after[1] != "count":
        return None  # "5 over 10 years", "1 in 10 minutes"
    qualifier, start = _hedge_before(text, a[0])
    end = b[1]
    return (3, start, end, _make_mention(
        text=text[start:end], start=start, end=end, kind="count", value=_fmt(a[2] / b[2]),
        qualifier=qualifier, number_start=a[0] if a[0] != start else -1,
        note="a ratio: " + text[a[0]:end]))


def _unit_after(text: str, end: int):
    """The unit written right after a number: ("tonne", "quantity", new end) or None."""
    m = _UNIT_TIGHT_RE.match(text, end) or _UNIT_AFTER_RE.match(text, end)
    if not m:
        return None
    unit, kind = L.UNITS.get(_SPACES_RE.sub(" ", m.group(1).lower()), (None, None))
    return (unit, kind, m.end()) if unit else None


def _before(text: str, start: int, span: int = 40) -> str:
    return text[max(0, start - span):start]


def _back(text: str, start: int) -> str:
    """The 40 characters before ``start``, reversed: the window of ``_words_before``'s longest
    look back (see ``back`` there)."""
    return text[max(0, start - 40):start][::-1]


# The last character of each currency of ``_CURRENCY_BEFORE_RE``: it ends one of the last three
# characters before the number (then an optional space, then the end or a final newline).
_CURRENCY_LAST = frozenset("$€£¥DRPF")
assert _CURRENCY_BEFORE_RE.pattern == r"(US\$|[€$£¥]|USD|EUR|GBP|CHF)\s?$"


def _currency_before(text: str, start: int):
    if _CURRENCY_LAST.isdisjoint(text[max(0, start - 3):start]):
        return None  # most numbers: a test of three characters instead of a search
    m = _CURRENCY_BEFORE_RE.search(_before(text, start, 5))
    if not m:
        return None
    return L.CURRENCY_SYMBOLS[m.group(1).lower()], start - (len(m.group()))


def _hedge_before(text: str, start: int, back: str | None = None):
    found = _words_before(_HEDGE_BEFORE, text, start, 40, back) or _words_before(
        _HEDGE_SIGN_BEFORE, text, start, 6, back)
    if not found:
        return "exact", start
    return _HEDGE_OF[_SPACES_RE.sub(" ", found[0].lower())], found[1]


def _name_before(text: str, start: int, back: str | None = None) -> bool:
    """Whether the number at ``start`` is part of a name or identifier by what precedes it."""
    if back is None:
        back = _back(text, start)
    return bool(_LETTER_HYPHEN_BEFORE_RE.match(back, 0, 20)
                or _words_before(_NAME_BEFORE, text, start, 20, back))


def _figure(text: str, lang: str, fig):
    start, end, value, kind, after = fig
    surface = text[start:end]
    if kind == "ordinal":
        return _ordinal(text, lang, start, end, value)
    low = surface.lower()
    if lang == "en" and low == "one" and _EN_ONE_DETERMINER_RE.search(_before(text, start, 12)):
        return None  # "which one", "the one": a pronoun
    unit, ukind, mend, mstart = "", "count", end, start
    cur = _currency_before(text, start)
    if cur:
        unit, ukind, mstart = cur[0], "money", cur[1]
    elif not after and _METRES_RE.search(surface):  # read as millions: metres, without a
        value, unit, ukind = value / 10**6, "metre", "quantity"  # currency or a counted noun
    if after and (not cur or after[1] == "money" or after[1] == "percent"):
        if not cur or after[0] == unit:
            unit, ukind, mend = after[0], after[1], after[2]
    checkable, note = True, ""
    back = _back(text, start)  # for the looks back below
    is_year = (not unit and _FOUR_DIGITS_RE.fullmatch(surface) and 1000 <= value <= 2100
               and (_words_before(_YEAR_CUE_BEFORE, text, start, 24, back) or value >= 1900))
    if is_year:
        ukind = "year"
    elif surface in _EXPRESSIONS:
        checkable, note = False, "a name or an expression, not a figure: " + surface
    elif _name_before(text, start, back) and not unit:
        checkable, note = False, "part of a name or identifier: " + text[max(0, start - 12):end].strip()
    elif _WORD_NUMBER_RE.fullmatch(surface) and not cur:
        if value == 1 and not unit:
            checkable, note = False, "'%s' used as an article or pronoun" % surface
        elif value <= 10 and _words_before(_BACK_REFERENCE_BEFORE, text, start, 16, back):
            checkable, note = False, "refers back to things already named: " + text[max(0, start - 8):end].strip()
    qualifier, hstart = ("exact", mstart) if is_year else _hedge_before(
        text, mstart, back if mstart == start else None)
    after_hedge = _HEDGE_AFTER_RE.match(text, mend)
    if after_hedge and qualifier == "exact" and not is_year:  # "200 or more"
        qualifier = _HEDGE_AFTER_OF[_SPACES_RE.sub(" ", after_hedge.group(1).lower())]
        mend = after_hedge.end()
    return (3, hstart, mend, _make_mention(
        text=text[hstart:mend], start=hstart, end=mend, kind=ukind, value=_fmt(value), unit=unit,
        qualifier=qualifier, number_start=start if start != hstart else -1,
        number_end=end if end != mend else -1, checkable=checkable, note=note))


# A scale word or letters ending a number ("3 milioni", "1.5 billion", "3bn").
_SCALE_END_RE = re.compile(r"(?<![^\W\d_])(%s)$" % _alt([*L.IT_SCALE, *L.EN_SCALE, *L.SUFFIX_SCALE]), _I)


_HYPHEN_CHAIN_RE = re.compile(r"-\d")  # a third group of digits after the range's second
_HYPHEN_CHAIN_BEFORE_RE = re.compile(r"\d-$")  # ... or a first one before its first


def _shared_scale(text: str, a, b):
    """The value of ``a`` read with the scale written once after ``b``: "tra 2 e 3 milioni",
    "2,5-3 milioni", "between 1 and 1.5 billion" (2 million, 2.5 million, 1 billion), when
    ``a`` has no scale of its own and is no larger than ``b``'s number before its scale.
    Otherwise ``a``'s value ("tra 500 e 3 milioni" starts at 500)."""
    scale = _SCALE_END_RE.search(text, b[0], b[1])
    if not scale or _SCALE_END_RE.search(text, a[0], a[1]):
        return a[2]
    factor = L.IT_SCALE.get(scale.group(1).lower()) or L.EN_SCALE.get(scale.group(1).lower()) \
        or L.SUFFIX_SCALE[scale.group(1).lower()]
    return a[2] * factor if 0 < a[2] <= b[2] / factor else a[2]


def _range(text: str, a, b):
    """"tra 20 e 30", "between 20 and 30", "dal 2000 al 2005", "20-30 anni" -> one range mention."""
    gap = text[a[1]:b[0]]
    opener = _RANGE_OPEN_RE.search(_before(text, a[0], 30))
    if _RANGE_GAP_RE.fullmatch(gap):
        if ("-" in gap and _FOUR_DIGITS_RE.fullmatch(text[a[0]:a[1]])
                and not _TWO_TO_FOUR_DIGITS_RE.fullmatch(text[b[0]:b[1]])):
            return None
    elif not (opener and _RANGE_GAP_OPEN_RE.search(gap) and len(gap) < 20):
        return None
    if b[2] < a[2] and not ("-" in gap and b[1] - b[0] == 2):
        return None
    if "-" in gap and (text[a[0]] == "+" or b[2] == a[2] or _HYPHEN_CHAIN_RE.match(text, b[1])
                       or _HYPHEN_CHAIN_BEFORE_RE.search(text, 0, a[0])):
        return None  # "+1-222-2222", "06-1234-5678": a telephone number; "2222-2222" no range
    lo, hi = _shared_scale(text, a, b), b[2]
    if "-" in gap and b[1] - b[0] == 2 and a[1] - a[0] == 4 and hi < lo:  # "2013-14"
        hi = int(str(int(lo))[:2] + text[b[0]:b[1]])
        if hi <= lo:
            return None  # "1995-01": a year and its month
    start = opener.start() + max(0, a[0] - 30) if opener else a[0]
    unit, kind, end = "", "range", b[1]
    cur = _currency_before(text, a[0])
    after = b[4]
    if cur:
        unit, kind = cur[0], "money"
        if not opener:
            start = cur[1]
    elif after:
        unit, kind, end = after
    elif _FOUR_DIGITS_RE.fullmatch(text[a[0]:a[1]]) and 1000 <= lo <= 2100 and 1000 <= hi <= 2100:
        kind = "year"
    a_unit = a[4]  # "44 mg to 50 mg": the unit written twice
    if a_unit and not after:
        return None
    return (3, start, end, _make_mention(
        text=text[start:end], start=start, end=end, kind=kind, value=_fmt(lo), value_max=_fmt(hi),
        unit=unit, qualifier="range", number_start=a[0] if a[0] != start else -1,
        number_end=b[1] if b[1] != end else -1))


def _ordinal(text: str, lang: str, start: int, end: int, value):
    word = text[start:end].lower()
    if word in L.IT_ORDINALS and lang == "it" or word in ("prima", "secondo", "seconda", "primo"):
        if not _words_before(_DETERMINER_BEFORE, text, start, 14):
            return None  # "secondo l'agenzia" (according to), "Prima dei colloqui" (before)
        if word in ("secondo", "prima") and _NOT_ORDINAL_AFTER_RE.match(text, end):
            return None
    checkable, note = True, ""
    if _ORDINAL_NAME_AFTER_RE.match(text, end):
        checkable, note = False, "part of a name: " + text[start:end + 20].split(".")[0].strip()
    elif _words_before(_POSSESSIVE_BEFORE, text, start, 14):
        checkable, note = False, "names the thing, after a possessive: " + text[max(0, start - 8):end + 12].strip()
    elif _FIRST_TIME_AFTER_RE.match(text, end):
        checkable, note = False, "part of 'first time in N years': the duration after it is the claim"
    return (4, start, end, _make_mention(text=text[start:end], start=start, end=end, kind="ordinal",
                                   value=_fmt(value), checkable=checkable, note=note))


_DIGIT_ORDINAL_RE = re.compile(
    r"(?<![\w.,])(\d+)(?:°|º|ª|st|nd|rd|th|esim[oaie]|mo|ma)(?![\w])", _I)


def _digit_ordinals(text: str):
    for m in _DIGIT_ORDINAL_RE.finditer(text):
        s, e = m.span()
        checkable, note = True, ""
        if _ORDINAL_NAME_AFTER_RE.match(text, e) or text[e:e + 1] == "-":
            checkable, note = False, "part of a name: " + text[s:e + 20].strip()
        yield (2, s, e, _make_mention(text=text[s:e], start=s, end=e, kind="ordinal",
                                value=m.group(1).lstrip("0") or "0", checkable=checkable, note=note))


def _world_war(text: str):
    for m in _WORLD_WAR_RE.finditer(text):
        yield (0, m.start(), m.end(), _make_mention(text=m.group(), start=m.start(), end=m.end(),
                                              kind="ordinal", value="2" if m.group().lower().endswith(("ii", "two")) and not m.group().lower().endswith("iii") else ("3" if m.group().lower().endswith("iii") else "1"),
                                              checkable=False, note="part of a name: " + m.group()))


def _candidates(text: str, lang: str, year):
    # Each pattern runs only where its cues are (see "Cues"); the order of the candidates, which
    # breaks ties between equal ones, is that of the patterns, whichever of them run.
    low, cued, has_digits, starts, cue_at = _scan(text)
    # Where a date or a month may start (see ``_found``), when one of them is looked for.
    places = None if cue_at is None or not ("date" in cued or "month" in cued or has_digits) \
        else sorted({*starts, *cue_at})
    if low is None or "world" in low:
        yield from _world_war(text)
    # Dates, times and digit ordinals are written with digits: most sentences have none.
    digit_cues = has_digits and _DIGIT_CUES_RE.search(text) is not None
    if has_digits:
        if "date" in cued or digit_cues and _NUMERIC_DATE_CUE_RE.search(text):
            yield from _dates(text, low, places)
        if "time" in cued or ":" in text or digit_cues and _TIME_CUE_RE.search(text):
            yield from _times(text)
        if digit_cues and _DIGIT_ORDINAL_CUE_RE.search(text):
            yield from _digit_ordinals(text)
    if ("decade" in cued and (low is None or _DECADE_WORDS_CUE_LOW_RE.search(low))) or (
            digit_cues and _DECADE_CUE_RE.search(text)):
        yield from _decades(text)
    if year is not None and "relative" in cued:
        yield from _relative_years(text, year)
    yield from _numbers(text, lang, low, starts)
    if "month" in cued:
        yield from _months(text, low, places)
    if "vague" in cued:
        yield from _vague(text)


def _rank(candidate) -> tuple:
    """Which of two overlapping candidates wins: the lower priority, then the longer, then the
    first (a stable sort keeps the order of ``_candidates`` between equal ones)."""
    priority, start, end, _ = candidate
    return priority, start - end, start


def find_mentions(text: str, lang: str = "it", *, year: int | None = None) -> list[Mention]:
    """Every number mention in ``text``, sorted by start and non-overlapping.

    ``lang`` is "it" or "en" (it decides "10.000" vs "10,000"); ``year`` is the article's year,
    used only for "lo scorso anno" / "last year". Never raises: on an internal error the
    mentions found so far are returned.
    """
    if not isinstance(text, str) or not text:
        return []
    if lang != "it" or type(lang) is not str:
        lang = "en" if str(lang).lower().startswith("en") else "it"
    try:
        cands = list(_candidates(text, lang, year))
    except Exception:  # a grammar bug must not stop a checker's session
        return []
    if len(cands) > 1:  # most texts have none or one
        cands.sort(key=_rank)
    starts, ends, kept = [], [], []
    for _, s, e, mention in cands:
        if s >= e:
            continue
        i = bisect_left(starts, s)
        if i > 0 and ends[i - 1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        kept.insert(i, mention)
    return kept
