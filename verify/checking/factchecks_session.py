"""The "Checked before" part of a checker's session, in plain Python: the past fact-checks that
may already check the claim the workbench shows, and one call to keep one as evidence.

    >>> checked = FactChecksSession(session)                            # doctest: +SKIP
    >>> checked.matches()[0].fact_check.rating                          # doctest: +SKIP
    'Mostly true'
    >>> checked.keep(checked.matches()[0], "context")                   # doctest: +SKIP
    'kept as evidence (context): Demo Fact Check (example data), “Mostly true”'

It follows ``session.current`` (the claim the workbench shows) and never imports ipywidgets.
Matching costs a few milliseconds per claim, so it is done for the claim shown, once (the
result is kept per claim until a match is kept as evidence), never for every claim at start.
The archive is the workspace's (``verify.evidence.factchecks.open_archive``: ``VERIFY_FACTCHECKS``, else
``<workspace>/factchecks/archive.sqlite``, the demo imported on first use) or ``archive``. A
missing, locked or corrupted archive never raises here: ``problem`` says what went wrong, in
words, and the workbench goes on. Text from the archive is untrusted: the HTML escapes it
(``verify.evidence.factchecks.show.match_html``) and links only an http(s) address.
"""

from __future__ import annotations

import html
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ..errors import VerifyError
from ..evidence.factchecks import match_claim, open_archive, record_match
from ..evidence.factchecks.recording import match_passage
from ..evidence.factchecks.show import match_html

MATCHES = 5
"""How many past fact-checks the workbench lists for a claim."""
ARCHIVE_WAIT_S = 1.0
"""How long to wait for an archive another process is writing (an import) before saying so:
the workbench must not freeze behind it."""
STANCES = ("context", "supports", "contradicts")
"""How a kept fact-check bears on the claim; "context" first: a past check of the same claim
tells the checker where to look, not yet whether this article is right."""

_PROBLEMS = (VerifyError, OSError, sqlite3.Error)
"""What a broken archive raises: FactCheckError (a VerifyError) from the archive, and, for a
file damaged after it was opened, sqlite3 or file errors."""


class Shown(NamedTuple):
    """The matches worked out for one claim."""

    claim_id: str
    matches: tuple
    problem: str


class FactChecksSession:
    """Past fact-checks for the claim a ``Session`` has current."""

    def __init__(self, session, *, archive: str | Path | None = None, limit: int = MATCHES):
        self.session = session
        self.archive = archive
        """The archive's file; None: the workspace's (with the demo on first use)."""
        self.limit = limit
        self.status = ""
        """The outcome of the last "keep", in words ("kept as evidence (context): ...")."""
        self.ok = True
        self.problem = ""
        """Why past fact-checks cannot be shown for the current claim (the archive cannot be
        opened or read), in words; empty when they can."""
        self._shown: Shown | None = None

    @property
    def worksheet(self):
        return self.session.worksheet

    # --- the current claim's matches ------------------------------------------------------------

    def matches(self) -> list:
        """The past fact-checks of the current claim, best first (``verify.evidence.factchecks.Match``);
        empty when there is no claim or the archive cannot be read (then ``problem`` says
        why). Matched once per claim (a failure is tried again)."""
        claim = self.session.current
        if claim is None:
            self.problem = ""
            return []
        if self._shown is None or self._shown.claim_id != claim.claim_id:
            self._shown = self._match(claim)
        shown = self._shown
        if shown.problem:  # tried again next time: a lock is let go, a file put right
            self._shown = None
        self.problem = shown.problem
        return list(shown.matches)

    def _match(self, claim) -> Shown:
        article = getattr(self.worksheet, "article", None)
        lang = getattr(article, "lang", None)
        try:
            with open_archive(self.archive, create=self.archive is None,
                              timeout=ARCHIVE_WAIT_S) as archive:
                found = match_claim(archive, claim, lang, limit=self.limit)
        except _PROBLEMS as err:
            return Shown(claim.claim_id, (), _in_words("past fact-checks cannot be shown", err))
        return Shown(claim.claim_id, tuple(found), "")

    def can_keep(self) -> bool:
        """False when there is no current claim, or it is orphaned (its evidence is read-only)."""
        return self.session.current is not None and not self.session.is_orphaned()

    def kept_as(self, match, links: list | None = None) -> str:
        """The stance ``match`` is kept with as evidence of the current claim, or ""."""
        if links is None:
            links = self.linked()
        passage = match_passage(match)
        url = match.fact_check.url
        return next((link.stance for link in links
                     if link.passage == passage and (link.url or "") == (url or "")), "")

    def keep(self, match, stance: str = "context") -> str:
        """Keep ``match`` as a source (kind ``fact-check``) of the worksheet and link it to the
        current claim with ``stance``; return the outcome in words (also ``status``)."""
        claim = self.session.current
        if claim is None:
            return self._status("nothing to keep it for: select a claim first", ok=False)
        if self.session.is_orphaned():
            return self._status("not kept: this claim is orphaned (the article no longer has "
                                "it), so its evidence stays as it was saved", ok=False)
        if stance not in STANCES:
            return self._status(f"not kept: {stance!r} is no stance; choose one of "
                                f"{', '.join(STANCES)}", ok=False)
        try:
            record_match(self.worksheet, claim.claim_id, match, stance=stance,
                         checker=self.session.checker)
        except (VerifyError, OSError, ValueError) as err:
            return self._status(_in_words("not kept", err), ok=False)
        fc = match.fact_check
        what = ", ".join(part for part in (fc.author, f"“{fc.rating}”" if fc.rating else "")
                         if part) or fc.url or "the fact-check"
        return self._status(f"kept as evidence ({stance}): {_one_line(what, 90)} "
                            f"({datetime.now().strftime('%H:%M:%S')})")

    def forget_status(self) -> None:
        """Another claim is shown: the last keep's status was about the one before."""
        self.status, self.ok = "", True

    # --- HTML for the widgets ------------------------------------------------------------------

    def match_html(self, match, kept_as: str = "") -> str:
        """One match: its rating linked to the fact-check, publisher, date and language, the
        claim it reviewed, "same claim" or "related" with the score, the reasons (all escaped,
        by ``verify.evidence.factchecks.show``), and whether it is kept already."""
        kept = (f'<div class="factcheck-kept">kept as evidence ({html.escape(kept_as)})</div>'
                if kept_as else "")
        kind = "same" if match.same_claim else "related"
        return f'<div class="factcheck-{kind}">{match_html(match)}{kept}</div>'

    def empty_html(self) -> str:
        """What the part says when it lists no match."""
        if self.problem:
            return f'<p class="factchecks-problem">{html.escape(self.problem)}</p>'
        if self.session.current is None:
            return '<p class="factchecks-empty">No claim selected.</p>'
        return ('<p class="factchecks-empty">No past fact-check in the archive matches this '
                'claim.</p>')

    # --- internals -----------------------------------------------------------------------------

    def linked(self) -> list:
        """The current claim's evidence links (empty when none, or when they cannot be read:
        the evidence tab says why)."""
        claim = self.session.current
        if claim is None:
            return []
        try:
            return self.worksheet.evidence(claim.claim_id)
        except (VerifyError, OSError):
            return []  # the evidence tab says why it cannot be read

    def _status(self, text: str, *, ok: bool = True) -> str:
        self.status, self.ok = text, ok
        return text


def _in_words(what: str, err: Exception) -> str:
    """An error as one line: in words, never a traceback."""
    if isinstance(err, OSError) and err.strerror:
        where = f" ({err.filename})" if err.filename else ""
        message = f"{err.strerror}{where}"
    elif isinstance(err, sqlite3.Error):
        message = (f"the archive's file is damaged or not an archive ({err}); import the "
                   "fact-checks again into a new archive (verify factchecks import FILE "
                   "--archive NEW.sqlite) and point VERIFY_FACTCHECKS at it")
    else:
        message = str(err) or type(err).__name__
    return f"{what}: {' '.join(message.split())}"


def _one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"
