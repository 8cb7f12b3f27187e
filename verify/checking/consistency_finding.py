"""A consistency finding: one inconsistency (or one check that passed) found in an article,
with its span, a message in words and the arithmetic. Every check of
``verify.checking.consistency`` gives these."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

FINDING_KINDS = (
    "weekday_mismatch", "weekday_checked", "dateline_mismatch", "duration_mismatch",
    "duration_checked", "quantity_conflict", "hedge_changed", "figure_differs",
)
SEVERITIES = ("warning", "info")
_BASE_KEYS = ("kind", "start", "end", "text", "message", "severity")


@dataclass(frozen=True)
class Finding:
    """One inconsistency (or one check that passed) found in an article."""

    kind: str
    """One of FINDING_KINDS."""
    start: int
    """Offset of the first character of the span the finding is about."""
    end: int
    """Offset just past the span."""
    text: str
    """``article.text[start:end]``: the words the finding is about."""
    message: str
    """What is wrong (or right), in English words that name the figures."""
    severity: str = "warning"
    """"warning" for an inconsistency, "info" for a check that passed."""
    detail: Mapping = field(default_factory=dict, hash=False)
    """Plain JSON values: ``arithmetic`` (the sum shown, "19 July 2000 → 19 June 2024 = 23
    years 11 months"), ``related`` (other spans: start, end, text, role) and kind-specific keys."""

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r}: use one of {', '.join(SEVERITIES)}")
        clash = set(self.detail) & set(_BASE_KEYS)
        if clash:
            raise ValueError(f"detail keys {sorted(clash)} would hide the finding's own fields")
        object.__setattr__(self, "detail", MappingProxyType(dict(self.detail)))

    def to_json(self) -> dict:
        """The `verify check` object: kind, start, end, message, then the rest and the detail."""
        out = {k: getattr(self, k) for k in ("kind", "start", "end", "message", "severity", "text")}
        out.update(self.detail)
        return out


def _span(start: int, end: int, text: str, role: str) -> dict:
    return {"start": start, "end": end, "text": text, "role": role}
