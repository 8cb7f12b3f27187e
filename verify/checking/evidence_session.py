"""The evidence part of a checker's session, in plain Python: add sources, see the passages
suggested for the current claim, link them, and the HTML the workbench shows for each.

    >>> evidence = EvidenceSession(session)                              # doctest: +SKIP
    >>> evidence.add_source(text="The State Department said ...", title="fact sheet")  # doctest: +SKIP
    'added: fact sheet'
    >>> passage = evidence.suggestions()[0]                             # doctest: +SKIP
    >>> evidence.link(passage, "supports")                              # doctest: +SKIP
    'linked as supports: fact sheet'

It follows ``session.current`` (the claim the workbench shows) and never imports ipywidgets.
Every piece of source text, title, address and note is untrusted: it goes through
``html.escape`` before it is put into HTML, and an address becomes a link only when it is
http(s).
"""

from __future__ import annotations

import threading
from datetime import datetime
from urllib.parse import urlsplit

from ..errors import VerifyError
from ..evidence.links import EvidenceLink
from .session import _esc, _local_time, _not_done, _one_line
from ..records.disk import file_signature

SUGGESTIONS = 5
"""How many suggested passages the workbench shows for a claim."""

_AGREEMENT_WORDS = {"agrees": "agrees", "disagrees": "disagrees", "not_stated": "not stated"}


class EvidenceSession:
    """Sources and evidence links for the claim a ``Session`` has current."""

    def __init__(self, session, *, limit: int = SUGGESTIONS):
        self.session = session
        self.limit = limit
        """How many passages ``suggestions`` returns."""
        self.source_status = ""
        """The outcome of the last source added, in words ("added: <title>", or what failed)."""
        self.source_ok = True
        self.status = ""
        """The outcome of the last link or unlink, in words."""
        self.ok = True
        self.problem = ""
        """Why the evidence cannot be shown (a broken evidence CSV or registry), else empty."""
        self._suggested: tuple[tuple, list] = ((), [])
        self._lock = threading.RLock()  # a source is added from a background thread

    @property
    def worksheet(self):
        return self.session.worksheet

    # --- adding sources ---------------------------------------------------------------------------

    def add_source(self, url: str = "", text: str = "", title: str = "") -> str:
        """Fetch ``url``, or record the pasted ``text`` (from ``url`` when both are given);
        return the outcome in words (also ``source_status``). Never raises for what a checker
        can fix: a bad address, a failed fetch, an empty paste, a read-only folder."""
        url, text, title = (url or "").strip(), text or "", (title or "").strip()
        try:
            known = {s.source_id for s in self.worksheet.sources.sources}
            source = self.worksheet.add_source(url=url or None, text=text or None, title=title,
                                               added_by=self.session.checker)
        except (VerifyError, OSError, ValueError) as err:
            return self._source_status(_not_done("not added", err), ok=False)
        with self._lock:
            self._suggested = ((), [])
        if source.fetch_status == "failed":
            return self._source_status(
                f"not fetched (kept in the registry as failed): {_flat(source.message)}", ok=False)
        label = source_label(source)
        if label == "pasted text":
            label = f"pasted text “{_one_line(text, 50)}”"
        # what a checker should know about it (a redirect, a long text searched in part)
        said = f" ({_flat(source.message)})" if source.message else ""
        if source.source_id in known:  # the same passage from the same address: nothing new
            when = source.added_at[:10]
            by = f" by {source.added_by}" if source.added_by else ""
            return self._source_status(f"already there: {label} (added{by} on {when})")
        return self._source_status(f"added: {label}{said}")

    # --- the current claim's evidence --------------------------------------------------------------

    def can_link(self) -> bool:
        """False when there is no current claim, or it is orphaned (its links are read-only)."""
        return self.session.current is not None and not self.session.is_orphaned()

    def linked(self) -> list[EvidenceLink]:
        """The current claim's links (empty when none or when the evidence cannot be read:
        then ``problem`` says why)."""
        claim = self.session.current
        if claim is None:
            return []
        try:
            links = self.worksheet.evidence(claim.claim_id)
        except (VerifyError, OSError) as err:
            self.problem = _not_done("the evidence cannot be read", err)
            return []
        self.problem = ""
        return links

    def suggestions(self) -> list:
        """The passages suggested for the current claim, best first (``limit`` of them;
        ``verify.evidence.passages.Passage``). Worked out again only when the claim, the registry or the
        claim's linked sources changed."""
        claim = self.session.current
        if claim is None or not self.can_link():
            return []
        linked = tuple(sorted({link.source_id for link in self.linked()}))
        try:
            key = (claim.claim_id, file_signature(self.worksheet.sources.path), linked)
            with self._lock:
                if self._suggested[0] == key:
                    return list(self._suggested[1])
            passages = self.worksheet.suggest_evidence(claim.claim_id, limit=self.limit)
        except (VerifyError, OSError) as err:
            self.problem = _not_done("no suggestions", err)
            return []
        with self._lock:
            self._suggested = (key, passages)
        return list(passages)

    def link(self, passage, stance: str) -> str:
        """Link ``passage`` to the current claim with ``stance``; return the outcome in words
        (also ``status``)."""
        claim = self.session.current
        if claim is None:
            return self._status("nothing to link to: select a claim first", ok=False)
        if self.session.is_orphaned():
            return self._status("not linked: this claim is orphaned (the article no longer has "
                                "it), so its evidence stays as it was saved", ok=False)
        try:
            link = self.worksheet.link_evidence(claim.claim_id, passage, stance,
                                                checker=self.session.checker)
        except (VerifyError, OSError, ValueError) as err:
            return self._status(_not_done("not linked", err), ok=False)
        return self._status(f"linked as {link.stance}: {self._label_of(link)} "
                            f"({datetime.now().strftime('%H:%M:%S')})")

    def unlink(self, link_id: str) -> str:
        """Remove the link ``link_id``; return the outcome in words (also ``status``)."""
        if self.session.is_orphaned():
            return self._status("not unlinked: this claim is orphaned, so its evidence stays as "
                                "it was saved", ok=False)
        try:
            link = self.worksheet.unlink_evidence(link_id, checker=self.session.checker)
        except (VerifyError, OSError) as err:
            return self._status(_not_done("not unlinked", err), ok=False)
        return self._status(f"unlinked: {self._label_of(link)} "
                            f"({datetime.now().strftime('%H:%M:%S')})")

    def link_of(self, passage, links: list[EvidenceLink] | None = None) -> EvidenceLink | None:
        """The current claim's link to exactly ``passage``, if there is one."""
        links = self.linked() if links is None else links
        return next((link for link in links if link.source_id == passage.source_id
                     and (link.start, link.end) == (passage.start, passage.end)), None)

    # --- HTML for the widgets ----------------------------------------------------------------------

    def suggestion_html(self, passage, link: EvidenceLink | None = None) -> str:
        """One suggested passage: its source, agreement and score, then its text with the
        figure that decided the agreement marked."""
        linked = (f' · <span class="evidence-linked-as">linked as {_esc(link.stance)}</span>'
                  if link is not None else "")
        head = (f'<div class="evidence-head">{_agreement_html(passage.agreement)} '
                f'{self._source_html(passage.source_id)} · score {passage.score:.0f}{linked}</div>')
        start, end = _figure_span(passage)
        reasons = ", ".join(getattr(passage, "reasons", ()) or ())
        why = f'<div class="evidence-reasons">{_esc(reasons)}</div>' if reasons else ""
        return (f'{head}<div class="evidence-passage">{_marked(passage.text, start, end)}</div>'
                f'{why}')

    def link_html(self, link: EvidenceLink) -> str:
        """One linked passage: stance, agreement, source, who and when, the passage, the note."""
        orphaned = ('<span class="claim-orphaned">orphaned</span> ' if link.orphaned else "")
        source = self._source_html(link.source_id, fallback=link)
        who = f" · by {_esc(link.checker)}" if link.checker else ""
        when = (f" on {_esc(_local_time(link.linked_at, with_date=True))}"
                if link.linked_at else "")
        note = f'<div class="evidence-note">{_esc(link.note)}</div>' if link.note else ""
        return (f'<div class="evidence-head">{orphaned}'
                f'<span class="stance stance-{_esc(link.stance)}">{_esc(link.stance)}</span> '
                f'{_agreement_html(link.agreement)} {source}{who}{when}</div>'
                f'<div class="evidence-passage">{_esc(link.passage)}</div>{note}')

    def empty_html(self, what: str) -> str:
        """What the linked list or the suggestions say when they are empty."""
        if self.problem:
            return f'<p class="evidence-problem">{_esc(self.problem)}</p>'
        if self.session.current is None:
            return '<p class="evidence-empty">No claim selected.</p>'
        if what == "linked":
            return '<p class="evidence-empty">No evidence linked to this claim yet.</p>'
        if self.session.is_orphaned():
            return ('<p class="evidence-empty">This claim is orphaned: its evidence is kept as it '
                    'was saved, and no passage is suggested.</p>')
        return ('<p class="evidence-empty">No passage of the registry\'s sources bears on this '
                'claim: add a source above (its address, or its text pasted).</p>')

    # --- internals ---------------------------------------------------------------------------------

    def _source_html(self, source_id: str, fallback: EvidenceLink | None = None) -> str:
        """The source's title (or publisher, or address), its publisher, and a link to it."""
        try:
            source = self.worksheet.sources.get(source_id)
        except (VerifyError, OSError):
            source = fallback  # gone from the registry: the link remembers what it was
        if source is None:
            return f'<span class="evidence-source">{_esc(source_id)}</span>'
        label = source_label(source)
        publisher = source.publisher if source.publisher and source.publisher != label else ""
        parts = [f'<b class="evidence-source">{_esc(_one_line(label, 80))}</b>']
        if publisher:
            parts.append(_esc(publisher))
        if _is_web(source.url):
            parts.append(f'<a href="{_esc(source.url)}" target="_blank" '
                         f'rel="noopener noreferrer">{_esc(urlsplit(source.url).hostname or "")}'
                         '</a>')
        return " · ".join(parts)

    def _label_of(self, link: EvidenceLink) -> str:
        try:
            return source_label(self.worksheet.sources.get(link.source_id))
        except (VerifyError, OSError):
            return source_label(link)

    def _source_status(self, text: str, *, ok: bool = True) -> str:
        self.source_status, self.source_ok = text, ok
        return text

    def _status(self, text: str, *, ok: bool = True) -> str:
        self.status, self.ok = text, ok
        return text


def source_label(source) -> str:
    """What a checker calls a source: its title, else its publisher, else its address's host,
    else "pasted text" (a Source or an EvidenceLink)."""
    title = " ".join((getattr(source, "title", "") or "").split())
    if title:
        return title
    if getattr(source, "publisher", ""):
        return source.publisher
    url = getattr(source, "url", "") or ""
    return (urlsplit(url).hostname or url) if url else "pasted text"


def _agreement_html(agreement: str) -> str:
    label = agreement if agreement in _AGREEMENT_WORDS else "not_stated"
    return (f'<span class="agreement agreement-{label}">'
            f'{_AGREEMENT_WORDS[label]}</span>')


def _figure_span(passage) -> tuple[int, int]:
    """The offsets in ``passage.text`` of the figure that decided its agreement, or (-1, -1)."""
    figure = getattr(passage, "figure", None)
    if figure is None or not figure.text:
        return -1, -1
    start = figure.start - passage.start  # the figure's offsets index the source's text
    if passage.text[start:start + len(figure.text)] != figure.text:
        start = passage.text.find(figure.text)
    return (start, start + len(figure.text)) if start >= 0 else (-1, -1)


def _marked(text: str, start: int, end: int) -> str:
    """``text`` escaped, with ``text[start:end]`` in a ``<mark>``; the pieces are escaped one by
    one so the mark never cuts an entity in two."""
    if start < 0 or end <= start:
        return _esc(text)
    return (f'{_esc(text[:start])}<mark class="evidence-figure">{_esc(text[start:end])}</mark>'
            f'{_esc(text[end:])}')


def _is_web(url: str) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _flat(text: str) -> str:
    return " ".join((text or "").split())
