"""The sources and evidence of a worksheet: the project's source registry (``ws.sources``),
sources added by address or pasted text, passages suggested for a claim, and the evidence
links between a claim and a passage, saved in ``<stem>.evidence.csv`` (see
``verify.evidence.links``).

``_SourcesAndEvidence`` is a part of ``verify.checking.worksheet.Worksheet``: its methods are
the worksheet's, ``ws.add_source(...)``, ``ws.link_evidence(...)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..errors import SourceError, WorksheetError
from ..evidence import links
from ..evidence.links import EvidenceLink
from ..evidence.passages import Passage, suggest
from ..evidence.sources import Source, SourceRegistry, text_argument
from .verdicts import _now, _require_text


class _SourcesAndEvidence:
    """The Worksheet's methods for sources and evidence links."""

    @property
    def sources(self) -> SourceRegistry:
        """The project's source registry (``verify.evidence.sources.SourceRegistry``) in
        ``sources_folder``: every source a checker added, fetched or pasted."""
        if self._registry is None:
            self._registry = SourceRegistry.open(self.sources_folder)
        return self._registry

    def add_source(self, url: str | None = None, text: str | None = None, title: str = "",
                   publisher: str = "", published: str = "", kind: str = "",
                   note: str = "", *, added_by: str = "") -> Source:
        """Fetch the page at ``url``, or record ``text`` a checker pasted (from ``url`` when
        both are given), in the registry; returns the saved Source.

        A failed fetch does not raise: the Source has ``fetch_status`` "failed" and the problem
        in ``message``; the fetch is bounded by the registry's deadline. SourceError for bad
        arguments (neither url nor text, an address that is not http(s), a bad date or kind).
        ``added_by`` defaults to ``ws.checker``.
        """
        self._refuse_if_read_only()
        url, text = text_argument("url", url), text_argument("text", text)  # 123: SourceError
        if not (text or "").strip() and not (url or "").strip():
            raise SourceError("give the source's address (url=...) or paste its text (text=...)")
        # A registry of its own: the workbench fetches in a background thread while the
        # notebook may be reading ws.sources; the shared one re-reads the file when it changed.
        registry = SourceRegistry.open(self.sources.folder, deadline=self.sources.deadline)
        added_by = added_by or self.checker
        _require_text(added_by=added_by)
        meta = dict(title=title, publisher=publisher, published=published, kind=kind,
                    note=note, added_by=added_by)
        if (text or "").strip():
            source = registry.add_text(text, url=url or "", **meta)
        else:
            source = registry.add_url(url, **meta)
        with self._locked() as lock:
            self._settle_log(lock)
            self._log({"action": "add_source", "claim_id": "", "checker": added_by,
                       "source_id": source.source_id, "url": source.url,
                       "fetch_status": source.fetch_status, "message": source.message},
                      saved=True)
        return source

    def suggest_evidence(self, claim_id: str, limit: int = 5, *,
                         source_ids: Sequence[str] | None = None) -> list[Passage]:
        """The passages of the registry's sources that bear most on the claim, best first
        (``verify.evidence.passages.Passage``: .source_id, .text, .start, .end, .score, .agreement).

        Only from ``source_ids`` when given. Else, when the claim has links, the passages of
        its linked sources come first, then the best of the other sources; without links,
        the best of every source that has text.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise WorksheetError(f"limit={limit!r}: give how many passages to suggest as a whole "
                                 "number, 0 or more (e.g. limit=5)")
        claim = self.claim(claim_id)
        texts = self._texts(source_ids)
        linked = {link.source_id for link in self.evidence(claim_id)}
        if source_ids is not None or not linked:
            return suggest(claim, texts, limit=limit)
        first = suggest(claim, [t for t in texts if t[0] in linked], limit=limit)
        rest = suggest(claim, [t for t in texts if t[0] not in linked], limit=limit - len(first))
        return first + rest

    def link_evidence(self, claim_id: str, passage, stance: str, *, checker: str = "",
                      note: str = "") -> EvidenceLink:
        """Link ``passage`` (a Passage from ``suggest_evidence``, or a dict with source_id,
        text, start and end) to the claim as evidence that ``stance`` ("supports",
        "contradicts", "context") it, and save it before returning.

        Linking the same passage to the same claim again changes its stance and note (one
        link per passage and claim). The passage must be in its source's text.
        """
        checker = checker or self.checker
        _require_text(checker=checker, note=note)
        claim = self.claim(claim_id)  # unknown ids raise here
        link = links.new_link(claim, passage, stance, self.sources, checker=checker,
                              note=note, now=_now())
        with self._locked() as lock:
            self._settle_log(lock)
            old = self._evidence.rows().get(link.link_id)
            entry = {"action": "link", "claim_id": claim_id, "checker": checker,
                     "link": link.to_row()}
            if old is not None:
                entry["old_stance"], entry["old_note"] = old["stance"], old["note"]
            self._write_ahead(entry, lambda: self._evidence.put(link))
        return link

    def evidence(self, claim_id: str | None = None) -> list[EvidenceLink]:
        """The saved evidence links, in the order they were made: the claim's, or every link
        when ``claim_id`` is None. A link whose claim the article no longer has is kept, with
        ``orphaned`` True. Raises WorksheetError when the evidence CSV was broken by hand."""
        rows = self._evidence.rows().values()
        current = self._claim_by_id
        return [EvidenceLink.from_row(row, orphaned=row["claim_id"] not in current)
                for row in rows if claim_id is None or row["claim_id"] == claim_id]

    def unlink_evidence(self, link_id: str, *, checker: str = "") -> EvidenceLink:
        """Remove the link ``link_id`` (saved before returning; the audit log keeps its row,
        with ``checker``, default ``ws.checker``); returns the removed link."""
        checker = checker or self.checker
        _require_text(checker=checker)
        with self._locked() as lock:
            self._settle_log(lock)
            row = self._evidence.rows().get(link_id)
            if row is None:
                return self._evidence.remove(link_id)  # raises: no such link
            old = EvidenceLink.from_row(row)
            entry = {"action": "unlink", "claim_id": old.claim_id, "checker": checker,
                     "link": old.to_row()}
            self._write_ahead(entry, lambda: self._evidence.remove(link_id))
        return old

    @property
    def evidence_path(self) -> Path:
        """The evidence CSV: ``<stem>.evidence.csv`` beside the worksheet."""
        return self._evidence.path

    def _texts(self, source_ids: Sequence[str] | None) -> list[tuple[str, str]]:
        return links.source_texts(self.sources, source_ids, self._source_texts)

    def _linked_claim_ids(self) -> set[str]:
        """The claims that have evidence links; every claim of the worksheet when the evidence
        CSV cannot be read (a re-extraction then keeps every vanished claim, as an orphan)."""
        try:
            return self._evidence.claim_ids()
        except WorksheetError:
            return set(self._table.rows)
