"""The number grammar reads any text in time linear in its length (issue 9, section 2).

A run of numbers ("1 1 1 ...", "uno due uno due ...") used to cost the square of its length: the
phrase pattern matched the whole run at each of its numbers, whose reading used a few tokens
(5,000 x "1 " took 21 s; 100 KB of any of these shapes did not end in 8 s). Each shape is read
here at 10 KB and 100 KB in a child process, as one text (one sentence: the worst case), with
bounds that a loaded machine meets and a quadratic step cannot: 100 KB in under ``SECONDS``, and
the time from 10 KB to 100 KB grows less than ``GROWTH`` times (ten times is linear; a
quadratic step grows a hundred times). ``bench/bench_hostile.py`` has the precise figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 20.0  # a quadratic step takes minutes; a linear one 1-2 s, 7 s on a machine loaded 5 times over
GROWTH = 40.0
HANG_SECONDS = 120.0

# name -> the unit repeated to make the text
SHAPES = {
    "ones": "1 ",
    "grouped_thousands": "10 000 ",
    "hyphenated": "1-1 ",
    "number_words": "uno due ",
    "articles": "un un ",
    "suffixes": "10k ",
    "and_digits": "1 e ",
    "signs": "- 1 ",
    "scale_words": "mila ",
    "tabs": "1\t",
    "spoken_decimals": "virgola uno uno ",
    "and_words": "one and ",
    "tens_and": "venti e ",
    "fractions": "tre quarti ",
}

# The child: each shape at each size, read by find_mentions in both languages, one JSON line each.
CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from verify.grammar import find_mentions

find_mentions("Una riga con 10 parole.", "it")  # first-use work, off the clock
unit, lang = json.loads(sys.argv[2]), sys.argv[3]
for size in (10_000, 100_000):
    text = (unit * (size // len(unit) + 1))[:size]
    t0 = time.perf_counter()
    found = find_mentions(text, lang)
    print(json.dumps([size, time.perf_counter() - t0, len(found)]), flush=True)
"""


def seconds_by_size(unit: str, lang: str) -> dict[int, tuple[float, int]]:
    """{size: (seconds, mentions found)}; a size not reached within HANG_SECONDS is missing."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), json.dumps(unit), lang],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    assert proc.returncode in (0, -9), f"the child failed:\n{err}"
    return {size: (seconds, found) for size, seconds, found in map(json.loads, out.splitlines())}


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_run_of_numbers_is_read_in_linear_time(shape, lang):
    times = seconds_by_size(SHAPES[shape], lang)
    assert 100_000 in times, f"{shape} ({lang}): 100 KB not read within {HANG_SECONDS} s"
    (small, _), (big, found) = times[10_000], times[100_000]
    assert big < SECONDS, f"{shape} ({lang}): 100 KB took {big:.2f} s"
    assert big < GROWTH * max(small, 0.01), (
        f"{shape} ({lang}): 10 KB took {small:.3f} s, 100 KB {big:.2f} s: more than linear")


def test_every_number_of_a_long_run_is_found():
    """A window bounds the reading of a phrase, not what is found: each number of a run is a
    figure of its own, to the end of the run."""
    from verify.grammar import find_mentions

    for unit, per_unit in (("1 ", 1), ("uno due ", 2), ("10 000 ", 1), ("1-1 ", 2)):
        text = unit * 2_000
        found = find_mentions(text, "it")
        assert len(found) == 2_000 * per_unit, unit
        assert all(text[m.start:m.end] == m.text for m in found)
        assert found[-1].end == len(text.rstrip())


def test_a_long_number_in_words_is_read_whole():
    """The window grows for a number written out in words that is longer than it."""
    from verify.grammar import find_mentions

    words = ("two hundred thirty-four billion five hundred sixty-seven million eight hundred "
             "ninety thousand one hundred twenty-three")
    [mention] = find_mentions(f"The total was {words} dollars.", "en")
    assert mention.value == "234567890123"
    assert mention.text.startswith("two hundred") and mention.unit == "dollar"
