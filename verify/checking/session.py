"""The checking workflow over a worksheet, in plain Python: what the workbench widgets show and do.

A ``Session`` holds what a checker is looking at (the current claim, the list's filters and sort
order, edits not saved yet) and turns it into text and HTML. It never imports ipywidgets, so tests
drive it, and the widget handlers that call it, without a browser.

    >>> from verify import Worksheet
    >>> session = Session(Worksheet.open("claims/putin-kim-2024-it.csv"))   # doctest: +SKIP
    >>> session.select_text("più di 10.000 container")                      # doctest: +SKIP
    >>> session.save("true", rationale="UN panel report, p. 12", checker="Ada")   # doctest: +SKIP
    'saved 14:03:05'

Every piece of article text (sentences, paragraphs, claim texts) and of checker text (rationales,
names) goes through ``html.escape`` before it is put into HTML: an article is untrusted input.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Iterable

from . import place
from ..reading.claims import span_in_sentence
from .consistency import check_article, findings_by_claim
from .consistency_passages import passage_findings
from ..errors import VerifyError
from .verdicts import VerdictConflict
from ..records.model import NOT_CHECKED, Claim

ALL = ""
"""The "no filter" value of every filter."""

STATUSES = ("checked", "unchecked", "orphaned")
"""Status filter values. Orphaned: a saved verdict whose claim the extractor no longer finds."""

SORTS = ("position", "checkworthiness")
"""Sort orders of the claim list: article order, or most check-worthy first."""


@dataclass(frozen=True)
class Draft:
    """What the verdict controls hold for one claim, saved or not."""

    label: str = NOT_CHECKED
    rationale: str = ""
    sources: str = ""
    base: str | None = field(default=None, compare=False)
    """The version (``Worksheet.version``) of the saved verdict the controls showed when the
    checker began this draft: a save is refused if the claim changed since."""


@dataclass(frozen=True)
class ListEntry:
    """One line of the claim list."""

    claim_id: str
    label: str
    """The entry on one line (plain text): "✓ count · true · più di 10.000 container"; the
    mark is ✓ checked, · not checked, ! orphaned."""
    heading: str = ""
    """The entry's first line: mark, kind and verdict ("✓ count · true, unsaved")."""
    text: str = ""
    """The claim's words, whole (the entry's second line; wrapped, never cut)."""
    kind: str = ""
    status: str = ""
    """checked, unchecked or orphaned."""
    unsaved: bool = False
    """The claim has changes not saved yet (a draft kept until Save)."""


class Session:
    """A checker's pass over one worksheet: current claim, filters, sort, drafts, save status."""

    def __init__(self, worksheet, *, checker: str = ""):
        self.worksheet = worksheet
        # After a kernel restart the name would be gone: VERIFY_CHECKER set once in the shell
        # (or the environment JupyterLab starts from) fills it in every time.
        # Or the name this user gave last time, remembered beside the worksheets (verify.checking.place).
        self._place = place.remembered(worksheet.path)
        self.checker = (checker or getattr(worksheet, "checker", "")
                        or os.environ.get("VERIFY_CHECKER", "").strip()
                        or self._place.get("checker", ""))
        """The checker's name, saved with every verdict."""
        self.kind = ALL
        self.block = ALL
        self.status = ALL
        self.sort = SORTS[0]
        self.save_status = ""
        """The outcome of the last save or undo, in words ("saved 14:03:05", or what failed)."""
        self.save_ok = True
        """False when the last save or undo failed."""
        self.current_id: str | None = None
        self._drafts: dict[str, Draft] = {}
        self._findings = None  # the article's consistency findings, worked out on first use
        self._read_worksheet()
        if self._place.get("claim") in self._by_id:  # where this checker was before a restart
            self.current_id = self._place["claim"]
        self._reselect()

    # --- what the list holds -------------------------------------------------------------------

    def all_claims(self) -> list[Claim]:
        """The worksheet's claims in article order, then the orphaned ones."""
        return list(self._claims)

    def visible(self) -> list[Claim]:
        """The claims that pass the filters, in the chosen order."""
        return [c for c in self._ordered() if self._passes(c)]

    def entries(self) -> list[ListEntry]:
        """The claim list's lines, for the visible claims."""
        return [self._entry(c) for c in self.visible()]

    def kinds(self) -> list[str]:
        """The claim kinds present in the worksheet, for the kind filter."""
        return _unique(c.kind for c in self._claims)

    def blocks(self) -> list[str]:
        """The block types present in the worksheet (body, caption, headline...)."""
        return _unique(c.block for c in self._claims)

    def set_filters(self, *, kind: str | None = None, block: str | None = None,
                    status: str | None = None, sort: str | None = None) -> None:
        """Change any filter or the sort order (None leaves it as it is).

        The current claim stays when it is still listed, else the first listed claim becomes
        current.
        """
        if status not in (None, ALL) and status not in STATUSES:
            raise ValueError(f"unknown status filter {status!r}: use one of {', '.join(STATUSES)}")
        if sort is not None and sort not in SORTS:
            raise ValueError(f"unknown sort order {sort!r}: use one of {', '.join(SORTS)}")
        if kind is not None:
            self.kind = kind
        if block is not None:
            self.block = block
        if status is not None:
            self.status = status
        if sort is not None:
            self.sort = sort
        self._reselect()

    # --- the current claim, and moving between claims -----------------------------------------

    @property
    def current(self) -> Claim | None:
        return self._by_id.get(self.current_id) if self.current_id else None

    def select(self, claim_id: str | None) -> Claim | None:
        """Make ``claim_id`` the current claim (None: no claim)."""
        if claim_id is not None and claim_id not in self._by_id:
            raise KeyError(f"no claim {claim_id!r} in {self.worksheet.path}")
        self.current_id = claim_id
        place.remember(self.worksheet.path, claim_id=claim_id)
        return self.current

    def select_text(self, text: str) -> Claim:
        """Select the first listed claim whose text is ``text`` (for demos and tests)."""
        for claim in self.visible():
            if claim.text == text:
                return self.select(claim.claim_id)
        raise KeyError(f"no listed claim has the text {text!r}; check the filters")

    def next(self) -> Claim | None:
        """The next listed claim (stays on the last one)."""
        return self._step(+1)

    def previous(self) -> Claim | None:
        """The previous listed claim (stays on the first one)."""
        return self._step(-1)

    def next_unchecked(self) -> Claim | None:
        """The next listed claim without a verdict, wrapping around to the top.

        Stays put and returns None when every listed claim other than the current one is checked.
        """
        ids = self._route()
        here = ids.index(self.current_id) if self.current_id in ids else -1
        for offset in range(1, len(ids) + 1):
            claim_id = ids[(here + offset) % len(ids)]
            if claim_id != self.current_id and self._status_of(claim_id) == "unchecked":
                return self.select(claim_id)
        return None

    # --- verdicts, drafts and saving ------------------------------------------------------------

    def verdict(self, claim_id: str):
        """The saved verdict of a claim, orphaned ones included, or None when not checked."""
        if claim_id in self._orphans:
            return self._orphans[claim_id]
        return self.worksheet.verdict(claim_id)

    def is_orphaned(self, claim_id: str | None = None) -> bool:
        return (claim_id or self.current_id) in self._orphans

    def draft(self, claim_id: str | None = None) -> Draft:
        """What the verdict controls should hold: unsaved edits, else the saved verdict."""
        claim_id = claim_id or self.current_id
        return self._drafts.get(claim_id) or self._saved_draft(claim_id)

    def edit(self, **changes: str) -> Draft:
        """Record a change to the current claim's ``label``, ``rationale`` or ``sources``.

        Kept per claim until saved, so moving to another claim and back loses nothing typed.
        """
        if self.current_id is None:
            return Draft()
        draft = replace(self.draft(), **changes)
        if draft == self._saved_draft(self.current_id):
            self._drafts.pop(self.current_id, None)
        else:
            self._drafts[self.current_id] = draft
        return draft

    def has_unsaved_changes(self, claim_id: str | None = None) -> bool:
        return (claim_id or self.current_id) in self._drafts

    def unsaved_note(self, left: str | None) -> str:
        """After moving from claim ``left`` to the current one: what happened to unsaved changes,
        in words ("" when there were none). Nothing is dropped: a draft stays with its claim
        until saved, and the list marks it "unsaved"."""
        if left and left != self.current_id and left in self._drafts:
            claim = self._by_id.get(left)
            what = f"“{_one_line(claim.text, 40)}”" if claim else "the last claim"
            return (f"your unsaved changes to {what} are kept (marked 'unsaved' in the list): "
                    "go back to it and Save")
        if self.current_id in self._drafts:
            return "unsaved changes, kept from before: Save to keep them"
        return ""

    def save(self, label: str | None = None, *, rationale: str | None = None,
             checker: str | None = None, sources: str | None = None,
             base: str | None = None) -> str:
        """Save the current claim's verdict; return the status in words (also ``save_status``).

        What is left out comes from the draft, ``base`` too: the version of the verdict the
        controls showed when the draft began (the widgets pass the one they showed). A problem
        the checker can act on (a read-only folder, another checker's change, a bad label)
        never raises: the status says it. When another checker changed the claim since the
        draft began, the save is refused and the draft kept, now based on their verdict: a
        second save, made having read it, replaces it.
        """
        claim = self.current
        if claim is None:
            return self._status("nothing to save: select a claim first", ok=False)
        if self.is_orphaned(claim.claim_id):
            return self._status("not saved: this claim is orphaned (the article no longer has "
                                "it), so its verdict stays as it was saved", ok=False)
        if checker is not None:
            self.checker = checker
        draft = self.draft()
        if not self.checker.strip():
            # a verdict must say who set it; asked once, the name is remembered (verify.checking.place)
            self._drafts[claim.claim_id] = draft
            return self._status("not saved: type your name in 'checker' first; it goes with "
                                "every verdict and is remembered for next time", ok=False)
        draft = Draft(label=draft.label if label is None else label,
                      rationale=draft.rationale if rationale is None else rationale,
                      sources=draft.sources if sources is None else sources,
                      base=draft.base if base is None else base)
        try:
            saved = self.worksheet.set_verdict(claim.claim_id, draft.label,
                                               rationale=draft.rationale, checker=self.checker,
                                               sources=draft.sources, base=draft.base)
        except VerdictConflict as err:
            self._read_worksheet()  # the worksheet took in their verdict: the panel shows it
            # Kept, and now based on what the checker is shown: Save again replaces it.
            self._drafts[claim.claim_id] = replace(
                draft, base=self.worksheet.version(claim.claim_id))
            return self._status(_conflict_text(err, claim), ok=False)
        except (VerifyError, OSError, ValueError) as err:
            # Keep the draft: the checker's words must survive a failed save.
            self._drafts[claim.claim_id] = draft
            self._read_worksheet()  # a conflict reloads the worksheet: show what is on disk
            return self._status(_not_done("not saved", err), ok=False)
        self._drafts.pop(claim.claim_id, None)
        self._read_worksheet()
        place.remember(self.worksheet.path, checker=self.checker, claim_id=claim.claim_id)
        return self._status(f"saved {_local_time(saved.checked_at)}")

    def undo(self) -> str:
        """Undo the worksheet's last verdict change; return the status in words."""
        try:
            entry = self.worksheet.undo()
        except (VerifyError, OSError) as err:
            return self._status(_not_done("not undone", err), ok=False)
        claim_id = entry.get("claim_id", "")
        self._drafts.pop(claim_id, None)
        self._read_worksheet()
        claim = self._by_id.get(claim_id)
        what = f"“{_one_line(claim.text, 40)}”" if claim else f"claim {claim_id}"
        old = entry.get("old_label") or NOT_CHECKED
        return self._status(f"undone: {what} is back to {old} "
                            f"({datetime.now().strftime('%H:%M:%S')})")

    def reload(self) -> None:
        """Read the worksheet again from disk (another checker's saves, a hand edit)."""
        self.worksheet.reload()
        self._read_worksheet()
        self._reselect()

    # --- text and HTML for the widgets ---------------------------------------------------------

    def progress_text(self) -> str:
        """'12 of 31 checked' over the article's claims, and how many are listed when filtered."""
        checked, total = self.worksheet.progress()
        text = f"{checked} of {total} checked"
        listed = len(self.visible())
        if listed != len(self._claims):
            text += f" · {listed} listed"
        if self._drafts:
            text += f" · {len(self._drafts)} unsaved"
        return text

    def position_text(self) -> str:
        """'claim 3 of 12' within the list."""
        ids = [c.claim_id for c in self.visible()]
        if self.current_id not in ids:
            return "not in the list" if self.current_id else "no claim selected"
        return f"claim {ids.index(self.current_id) + 1} of {len(ids)}"

    def claim_html(self) -> str:
        """The current claim's panel: its sentence with the claim marked, how its figure was
        read, why it is check-worthy, the paragraph around it; its saved verdict first."""
        claim = self.current
        if claim is None:
            return '<p class="claim-empty">No claim matches the filters.</p>'
        article = self.worksheet.article
        sentence = highlight(claim.sentence,
                             *span_in_sentence(claim, article.text if article else None))
        parts = [
            _ORPHAN_NOTICE if self.is_orphaned(claim.claim_id) else "",
            f'<div class="claim-title">{_esc(claim.text)}</div>',
            f'<div class="claim-meta">{_esc(claim.kind)} · {_esc(claim.block)} · '
            f'{_esc(self.position_text())} · <code>{_esc(claim.claim_id)}</code></div>',
            # where the eye is, above the fold: the checker reads what is saved before the rest
            self._saved_html(claim),
            f'<h4>Sentence</h4><p class="claim-sentence">{sentence}</p>',
            _reading_html(claim),
            _reasons_html(claim),
            self._flags_html(claim),
            self._paragraph_html(claim),
        ]
        return "\n".join(p for p in parts if p)

    def saved_html(self) -> str:
        """The current claim's saved verdict in one line, for beside the verdict controls:
        where the eye is when saving ("Saved verdict: mostly true by Ada on 2026-12-03 14:03")."""
        claim = self.current
        if claim is None:
            return ""
        return self._saved_html(claim, with_rationale=False)

    # --- internals -----------------------------------------------------------------------------

    def _read_worksheet(self) -> None:
        """Cache the worksheet's claims and orphans: the list re-renders after every event, and
        ``ws.orphans`` rebuilds its records on each call."""
        orphans = list(getattr(self.worksheet, "orphans", ()))
        self._orphans = {v.claim_id: v for v in orphans}
        self._claims = list(self.worksheet.claims) + [
            v.claim or Claim(claim_id=v.claim_id, article_id="", kind="", text="", start=0, end=0)
            for v in orphans]
        self._by_id = {c.claim_id: c for c in self._claims}

    def _ordered(self) -> list[Claim]:
        claims = list(self._claims)
        if self.sort == "checkworthiness":
            claims.sort(key=lambda c: -c.checkworthiness)  # stable: ties keep article order
        return claims

    def _route(self) -> list[str]:
        """The ids previous/next step through: the listed claims and the current one.

        A claim saved under the "unchecked" filter leaves the list; "next" must still go on
        from where it was, not jump back to the top.
        """
        return [c.claim_id for c in self._ordered()
                if c.claim_id == self.current_id or self._passes(c)]

    def _step(self, delta: int) -> Claim | None:
        ids = self._route()
        if not ids:
            return None
        if self.current_id not in ids:
            return self.select(ids[0])
        index = min(max(ids.index(self.current_id) + delta, 0), len(ids) - 1)
        return self.select(ids[index])

    def _reselect(self) -> None:
        """Keep the current claim if it is listed, else take the first listed one."""
        ids = [c.claim_id for c in self.visible()]
        if self.current_id not in ids:
            self.current_id = ids[0] if ids else None

    def _passes(self, claim: Claim) -> bool:
        return ((not self.kind or claim.kind == self.kind)
                and (not self.block or claim.block == self.block)
                and (not self.status or self._status_of(claim.claim_id) == self.status))

    def _status_of(self, claim_id: str) -> str:
        if claim_id in self._orphans:
            return "orphaned"
        return "unchecked" if self.worksheet.verdict(claim_id) is None else "checked"

    def _entry(self, claim: Claim) -> ListEntry:
        verdict = self.verdict(claim.claim_id)
        label = verdict.label if verdict is not None else NOT_CHECKED
        mark = "✓" if verdict is not None else "·"
        if claim.claim_id in self._orphans:
            mark, label = "!", f"{label}, orphaned"
        draft = self._drafts.get(claim.claim_id)
        if draft is not None:   # what the checker chose, not saved yet
            label += f" → {draft.label}, unsaved" if draft.label != label else ", unsaved"
        # Kind and verdict first: a long claim is cut at the list's right edge, not its status.
        heading = f"{mark} {claim.kind} · {label}"
        return ListEntry(claim.claim_id, f"{heading} · {_one_line(claim.text, 90)}",
                         heading=heading, text=" ".join(claim.text.split()), kind=claim.kind,
                         status=self._status_of(claim.claim_id),
                         unsaved=claim.claim_id in self._drafts)

    def _saved_draft(self, claim_id: str | None) -> Draft:
        saved = self.verdict(claim_id) if claim_id else None
        base = self.worksheet.version(claim_id) if claim_id else None
        if saved is None:
            return Draft(base=base)
        return Draft(label=saved.label, rationale=saved.rationale, sources=saved.sources,
                     base=base)

    def _paragraph_html(self, claim: Claim) -> str:
        if self.is_orphaned(claim.claim_id):
            return ""  # its offsets index an older text of the article
        article = self.worksheet.article
        if article is None:
            return ('<h4>Paragraph</h4><p class="claim-missing">The article text is not saved '
                    'with this worksheet, so only the sentence is shown.</p>')
        block = next((b for b in article.blocks if b.start <= claim.start < b.end), None)
        if block is None:
            return ""
        text = article.text[block.start:block.end]
        if text.strip() == claim.sentence.strip():
            return ""  # a one-sentence paragraph (a headline): the sentence says it all
        start, end = claim.start - block.start, claim.end - block.start
        if text[start:end] != claim.text:
            start = end = -1  # the article changed under the claim: show it unmarked
        return (f'<h4>Paragraph ({_esc(block.kind)})</h4>'
                f'<p class="claim-paragraph">{highlight(text, start, end)}</p>')

    def _flags_html(self, claim: Claim) -> str:
        """What a careful checker would flag about the claim: the article's own inconsistencies
        ("esattamente 24 anni" against its own dates) and what differs from linked passages."""
        if self.is_orphaned(claim.claim_id):
            return ""
        own, related = self._article_findings()
        article = self.worksheet.article
        year = article.year if article is not None else None
        flags = list(own.get(claim.claim_id, ())) + list(related.get(claim.claim_id, ()))
        evidence = getattr(self.worksheet, "evidence", None)
        try:
            links = evidence(claim.claim_id) if evidence is not None else []
        except VerifyError:
            links = []  # a broken evidence file is reported in the Evidence tab
        for link in links:
            flags += passage_findings(claim, link.passage, year=year)
        if not flags:
            return ""
        items = "".join(
            f'<li><b>{_esc(f.kind.replace("_", " "))}</b>: {_esc(f.message)}'
            + (f'<br><code>{_esc(f.detail.get("arithmetic"))}</code>'
               if f.detail.get("arithmetic") and str(f.detail.get("arithmetic")) not in f.message
               else "")
            + "</li>" for f in flags)
        return f'<h4>Flags</h4><ul class="claim-flags">{items}</ul>'

    def _article_findings(self):
        """The article's consistency findings by claim, worked out once per session."""
        if self._findings is None:
            article = self.worksheet.article
            findings = check_article(article, self.worksheet.claims) if article is not None else []
            own, related, _ = findings_by_claim(findings, self.worksheet.claims)
            self._findings = (own, related)
        return self._findings

    def _saved_html(self, claim: Claim, *, with_rationale: bool = True) -> str:
        verdict = self.verdict(claim.claim_id)
        if verdict is None:
            return '<p class="claim-saved claim-unchecked">Saved verdict: none yet.</p>'
        who = f" by {_esc(verdict.checker)}" if verdict.checker else ""
        when = (f" on {_esc(_local_time(verdict.checked_at, with_date=True))}"
                if verdict.checked_at else "")
        parts = [f'<p class="claim-saved">Saved verdict: <b>{_esc(verdict.label)}</b>'
                 f'{who}{when}</p>']
        if verdict.rationale and with_rationale:
            parts.append(f'<p class="claim-rationale">{_esc(verdict.rationale)}</p>')
        return "".join(parts)

    def _status(self, text: str, *, ok: bool = True) -> str:
        self.save_status, self.save_ok = text, ok
        return text


def highlight(text: str, start: int, end: int) -> str:
    """``text`` escaped for HTML, with ``text[start:end]`` in a ``<mark>`` (none when start < 0).

    The pieces are escaped one by one, so the mark never cuts an entity such as ``&amp;`` in two.
    """
    if start < 0 or end <= start:
        return _esc(text)
    return (f'{_esc(text[:start])}<mark class="claim-span">{_esc(text[start:end])}</mark>'
            f'{_esc(text[end:])}')


_ORPHAN_NOTICE = ('<p class="claim-orphaned">Orphaned: the article, as extracted now, no longer '
                  'has this claim. Its verdict is kept as it was saved.</p>')


def _reading_html(claim: Claim) -> str:
    """How the figure was read: its normalized value, unit and qualifier (and any note)."""
    if not (claim.value or claim.unit):
        return ""
    value = claim.value + (f" to {claim.value_max}" if claim.value_max else "")
    parts = [("value", value), ("unit", claim.unit or "none"),
             ("qualifier", claim.qualifier or "exact")]
    reading = " · ".join(f"{name} <b>{_esc(v)}</b>" for name, v in parts)
    note = f'<p class="claim-note">{_esc(claim.note)}</p>' if claim.note else ""
    return f'<h4>Read as</h4><p class="claim-reading">{reading}</p>{note}'


def _reasons_html(claim: Claim) -> str:
    reasons = ", ".join(_esc(r) for r in claim.reasons) or "none"
    return (f'<h4>Check-worthiness</h4><p class="claim-reasons">'
            f'{claim.checkworthiness:.2f}: {reasons}</p>')


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _unique(values: Iterable[str]) -> list[str]:
    return sorted({v for v in values if v})


def _not_done(what: str, err: Exception) -> str:
    """An error as one line for the status label: in words, never a traceback."""
    if isinstance(err, OSError) and err.strerror:
        where = f" ({err.filename})" if err.filename else ""
        message = f"{err.strerror}{where}; check that the worksheet's folder is writable"
    else:
        message = str(err) or type(err).__name__
    message = " ".join(message.split())  # a label shows one line
    # The worksheet's own messages may already start with "Not saved:".
    if message.casefold().startswith(what.casefold()):
        return message
    return f"{what}: {message}"


_ISO_TIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")


def _conflict_text(err: VerdictConflict, claim: Claim) -> str:
    """A refused save in the checker's words: who changed the claim, to what and when, and
    that their draft is kept."""
    theirs = err.theirs
    rationale = f" (“{_one_line(theirs.rationale, 60)}”)" if theirs.rationale else ""
    # "at 2026-12-03T10:35:00Z" is for the log; a checker on deadline reads local time
    who = _ISO_TIME_RE.sub(lambda m: _local_time(m.group(0), with_date=True), err.changed_by)
    return (f"Not saved: “{_one_line(claim.text, 40)}” was changed {who} to "
            f"'{theirs.label}'{rationale} since you began your draft, which is kept: "
            "read their verdict above, then Save again to replace it with yours.")


def _local_time(iso: str, *, with_date: bool = False) -> str:
    """An ISO 8601 UTC time ("2026-11-29T10:03:05Z") as local "14:03:05" (now when unreadable)."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        moment = datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M:%S")
