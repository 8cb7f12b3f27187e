"""The number grammar: every figure in an Italian or English text, with its unit and hedge.

    >>> [(m.text, m.kind, m.value, m.unit, m.qualifier) for m in find_mentions("più di 10.000 container")]
    [('più di 10.000 container', 'count', '10000', 'container', 'more_than')]
    >>> parse_number("duecentosessantamila", "it")
    260000

The modules, in the order a text goes through them:

- ``prefilter``: the first look at a text (where a number phrase may start, which cue words are
  there, which readers to run), generated from the language data;
- ``tokens``: the digits, number words and separators a number phrase is made of;
- ``compose``: composing a number from its tokens (``parse_number``);
- ``context``: hedges, units, ranges, ratios, ordinals, names that are not figures;
- ``calendar``: dates, months, times, decades, relative years, vague amounts;
- ``candidates``: the number phrases, all candidates, the overlaps settled (``find_mentions``);
- ``types``: the named records passed between them.

The words come from ``verify.grammar.lexicon``.
"""

from __future__ import annotations

from ..records.model import Mention
from .candidates import find_mentions
from .compose import parse_number
from .pattern_cache import save as _save_patterns

_save_patterns()  # the patterns its modules compiled, for the next start (see pattern_cache)
