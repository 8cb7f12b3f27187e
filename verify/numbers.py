"""The number grammar's old address: ``verify.grammar`` holds it now (see its modules).

    >>> [(m.text, m.kind, m.value) for m in find_mentions("più di 10.000 container")]
    [('più di 10.000 container', 'count', '10000')]

Kept so that ``from verify.numbers import find_mentions, parse_number`` goes on working.
"""

from __future__ import annotations

from .grammar import Mention, find_mentions, parse_number
