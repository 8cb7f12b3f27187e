"""One call for notebooks and the workbench: which claims were checked before, in the
workspace's archive (or another), the archive opened and closed for the caller.

    from verify.evidence.factchecks import checked_before
    for claim, matches in checked_before(ws.claims, lang="it"):
        print(claim.text, matches[0].fact_check.url, matches[0].same_claim)
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ...records.model import Claim
from .demo import open_archive
from .matching import Match, match_claims


def checked_before(claims: Iterable[Claim], lang: str | None = None, *,
                   archive: str | Path | None = None, limit: int = 5,
                   same_claim_only: bool = False) -> list[tuple[Claim, list[Match]]]:
    """The claims that have matches in the archive (default: the workspace's, with the demo
    on first use), each with its matches best first; with ``same_claim_only``, only the
    matches judged the same claim, and only the claims that have one."""
    with open_archive(archive, create=archive is None) as opened:
        found = match_claims(opened, claims, lang, limit=limit)
    if same_claim_only:
        found = [(claim, [m for m in matches if m.same_claim]) for claim, matches in found]
    return [(claim, matches) for claim, matches in found if matches]
