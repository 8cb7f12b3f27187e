"""``lexicon.latin1_lead`` rewrites the character class that opens a pattern into one the regex
engine tests faster. It must match exactly the characters the class does, over all of Unicode,
for the classes the grammar and the claim cues open their patterns with."""

from __future__ import annotations

import re
import sys

import pytest

from verify.grammar.lexicon import latin1_lead

CLASSES = [
    (r"[^\w ]", False),  # reading.claims: a cue after a mark other than a space
    (r"[-−+.,\d½⅓⅔¼¾⅕⅙⅛]", False),  # prefilter: where a figure in digits may start
    (r"[\W\d_]", True),  # prefilter: the character before a word
    (r"\d", False),
]


@pytest.mark.parametrize("char_class,costly", CLASSES)
def test_the_lead_matches_what_the_class_matches(char_class, costly):
    lead = re.compile(latin1_lead(char_class, costly=costly))
    plain = re.compile(char_class)
    differ = [hex(c) for c in range(sys.maxunicode + 1)
              if (lead.fullmatch(chr(c)) is None) != (plain.fullmatch(chr(c)) is None)]
    assert differ == []


def test_the_lead_opens_a_pattern_as_the_class_does():
    text = "l'ultimo, (secondo) 3,5 e ½ — «più» 10.000"
    for char_class, costly in CLASSES:
        lead = re.compile(latin1_lead(char_class, costly=costly) + r"\w")
        plain = re.compile(char_class + r"\w")
        assert [m.span() for m in lead.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert lead.findall(text)  # each class opens at least one of these
