"""The block rules as a registry (verify.reading.block_rules): every reason a page's line gets
is a named rule's, and the calendar words of a date line come from the language packs."""

from __future__ import annotations

from verify.reading.articles import SEED_ARTICLE
from verify.reading.blocks import split_blocks

SEED = SEED_ARTICLE.read_text(encoding="utf-8")


def test_a_line_typed_by_itself_gets_a_registered_rules_reason():
    from verify.reading.block_captions import CAPTION_RULES
    from verify.reading.block_rules import LINE_RULES

    names = {rule.why: rule.kind for rule in (*LINE_RULES, *CAPTION_RULES)}
    page = ("READ Il vertice di Mosca\nhttps://example.com/a\nRiproduzione riservata\n"
            "Stringer/AFP via Getty Images\n19/06/2024\nHome\n" + SEED
            + "\nKim Jong Un (a destra) e Vladimir Putin durante la cerimonia a Pyongyang\n")
    typed = [b for b in split_blocks(page) if b.why in names]
    assert {b.kind for b in typed} >= {"related_link", "footer", "photo_credit", "dateline",
                                       "navigation", "caption"}
    assert all(names[b.why] == b.kind for b in typed)


def test_a_weekday_the_pack_lists_makes_a_date_line():
    # "lunedí" (acute accent) is in verify/lang/it/weekdays.csv, not in the old list of blocks.py
    page = "lunedí, 16 settembre 2024\nPutin visita la Corea del Nord per la prima volta\n"
    assert split_blocks(page)[0].kind == "dateline"
