"""Past fact-checks: an offline archive of published fact-checks (ClaimReview), and for each
claim of an article, the ones that may already check it (docs/design.md, "Past fact-checks").

    from verify.evidence.factchecks import checked_before, open_archive, import_file, match_claims
    checked_before(ws.claims, "it")                   # [(claim, [Match, ...])], best first
    with open_archive() as archive:                   # factchecks/archive.sqlite in the workspace
        import_file("pagella.json", archive)          # -> ImportReport
        for claim, matches in match_claims(archive, ws.claims):
            matches[0].to_json()                      # url, rating, score, same_claim, reasons
    record_match(ws, claim.claim_id, matches[0])      # kept as a source and evidence of the claim

Modules, one concern each: ``records`` (a fact-check and its checks), ``reading`` (the file
formats), ``importing`` (into the archive), ``archive`` (SQLite, FTS5, schema migrations),
``folding`` (what two claims share, across languages), ``matching`` (the ranking), ``demo``
(the archive the seed ships with), ``checked`` (one call for notebooks), ``recording`` (a
match kept as a source and evidence), ``show`` (escaped HTML for a notebook), ``command`` (the command line's two subcommands).
"""

from .archive import SCHEMA_VERSION, Archive
from .checked import checked_before
from .demo import DEMO_ARCHIVE, default_archive_path, demo_archive, open_archive
from .importing import ImportReport, import_file, import_text
from .matching import Match, match_claim, match_claims, match_text
from .records import FactCheck, FactCheckError, Refusal
from .recording import FACT_CHECK_KIND, record_match
