"""Figures in words, for the consistency findings' messages: "more than 10,000 containers",
"'6.700 container' (6,700 containers)", and what a hedged figure allows ("about 10,000": within
a tenth either way), so that two figures are told apart from two that can both hold."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .consistency_calendar import _iso_date, _say_date

_QUALIFIER_WORDS = {"exact": "", "more_than": "more than", "at_least": "at least",
                    "about": "about", "less_than": "less than", "at_most": "at most"}
_PLURALS = {"person": "people", "percent": "percent", "euro": "euros", "yen": "yen", "won": "won"}


def _decimal(value: str) -> Decimal | None:
    try:
        d = Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        return None
    return d if d.is_finite() else None


def _fmt(d: Decimal, places: int | None = None) -> str:
    """10000 -> "10,000", 0.2 -> "0.2" (English grouping, no trailing zeros)."""
    if places is not None:
        # quantize needs every digit within the context's 28: leave huge values as they are
        d = d.quantize(Decimal(1).scaleb(-places)) if abs(d) < Decimal("1e20") else d
    s = f"{d:,f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _unit_words(unit: str, n: Decimal | None) -> str:
    if not unit or n == 1:
        return unit
    return _PLURALS.get(unit, unit if unit.endswith("s") else unit + "s")


def _quote(f) -> str:
    """The figure as written, and in English when that reads differently:
    "'6.700 container' (6,700 containers)"."""
    english = _say_figure(f)
    return f"'{f.text}'" if english.lower() == f.text.lower() else f"'{f.text}' ({english})"


def _say_qualifier(qualifier: str) -> str:
    """"'more than'", or "none" for an unhedged figure."""
    words = _QUALIFIER_WORDS.get(qualifier or "exact", qualifier)
    return f"'{words}'" if words else "none"


def _say_figure(f) -> str:
    """A figure in English: "more than 10,000 containers", "between 20 and 30 missiles"."""
    n = _decimal(f.value)
    if n is None:
        d = _iso_date(f.value)
        return _say_date(d) if d else f.value
    unit = _unit_words(f.unit, n if not f.value_max else None)
    if f.value_max and _decimal(f.value_max) is not None:
        return f"between {_fmt(n)} and {_fmt(_decimal(f.value_max))} {unit}".strip()
    hedge = _QUALIFIER_WORDS.get(f.qualifier or "exact", "")
    return " ".join(p for p in (hedge, _fmt(n), unit) if p)


def _interval(f):
    """The values a hedged figure allows: (low, low included, high, high included); a None
    bound is unbounded."""
    n = _decimal(f.value)
    q = f.qualifier or "exact"
    if f.value_max and _decimal(f.value_max) is not None:
        return n, True, _decimal(f.value_max), True
    if q in ("more_than", "at_least"):
        return n, q == "at_least", None, False
    if q in ("less_than", "at_most"):
        return None, False, n, q == "at_most"
    if q == "about":  # "about 10,000": within a tenth either way
        return n * Decimal("0.9"), True, n * Decimal("1.1"), True
    return n, True, n, True


def _overlap(a, b) -> bool:
    """Whether two figures' intervals share a value: whether both can hold."""
    lows = [(x, inc) for x, inc in ((a[0], a[1]), (b[0], b[1])) if x is not None]
    highs = [(x, inc) for x, inc in ((a[2], a[3]), (b[2], b[3])) if x is not None]
    if not lows or not highs:
        return True
    lo = max(x for x, _ in lows)
    hi = min(x for x, _ in highs)
    lo_inc = all(inc for x, inc in lows if x == lo)
    hi_inc = all(inc for x, inc in highs if x == hi)
    return lo < hi or (lo == hi and lo_inc and hi_inc)


def _same_figure(a, b) -> bool:
    if a.kind in ("date", "year", "decade", "time") or b.kind in ("date", "year", "decade", "time"):
        return a.value == b.value and a.value_max == b.value_max
    return (_decimal(a.value) == _decimal(b.value)
            and _decimal(a.value_max or a.value) == _decimal(b.value_max or b.value))
