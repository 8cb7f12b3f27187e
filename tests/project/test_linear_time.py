"""Every stage of ``verify extract`` runs in time linear in its input, on hostile shapes too
(issue 9, section 2).

Each shape of the issue (``stage_timing.HOSTILE_SHAPES``: runs of "1 ", "10 000 ", "uno due ",
unclosed quotes, a 30,000-letter quoted word, table rows, election results, one sentence of
thousands of figures...) is written to a real file at 10 KB and at 100 KB, and a child process
runs the stages on it: ``load_article``, ``split_sentences``, ``find_mentions`` over the
sentences, ``extract_claims``. Each stage must take under ``limit(size)`` of processor time:
5 s per 100 KB and at least 1 s, generous where a linear stage takes a few tenths of a second
on 100 KB of these shapes. Processor time, not the wall clock, so that other work on a shared
machine does not fail the test; a stage still running after five times its limit (and 10 s)
on the wall clock is stopped, so a quadratic shape fails the suite in seconds instead of
stalling it.

The precise figures (each shape against 100 KB of ordinary news, and its growth from 10 KB to
100 KB) are ``bench/bench_hostile.py``'s.
"""

from __future__ import annotations

import pytest

from stage_timing import HOSTILE_SHAPES, STAGES, stage_seconds

SIZES = (10_000, 100_000)

# Cases still quadratic INSIDE the number grammar (verify/grammar/, being rebuilt), by test id
# ("shape-size"): their test is expected to fail, strictly, so that it turns red (XPASS) the
# day the grammar is fixed, and that id is then taken off this list.
QUADRATIC_IN_THE_GRAMMAR: set[str] = set()  # (A1: all ten grammar shapes pass since a9a0257)
GRAMMAR_FIX_PENDING = pytest.mark.xfail(
    strict=True, reason="quadratic in the number grammar: issue 9, being fixed")


# A stage is stopped when still running after this many times its limit, and 10 s, on the wall
# clock: a 2 s stage took 12 s of wall clock with ten processes on two cores.
HANG_FACTOR = 5


def limit(size: int) -> float:
    """Seconds a stage may take on ``size`` characters: 5 s per 100 KB, at least 1 s."""
    return max(1.0, 5.0 * size / 100_000)


def _case(shape: str, size: int):
    case = f"{shape}-{size // 1000}KB"
    return pytest.param(shape, size, id=case,
                        marks=GRAMMAR_FIX_PENDING if case in QUADRATIC_IN_THE_GRAMMAR else ())


CASES = [_case(shape, size) for shape in HOSTILE_SHAPES for size in SIZES]


@pytest.mark.parametrize("shape, size", CASES)
def test_every_stage_ends_in_time_on(tmp_path, shape, size):
    text = HOSTILE_SHAPES[shape][1](size)
    assert size * 0.75 <= len(text) <= size, len(text)  # whole lines: a little short
    seconds = stage_seconds(tmp_path, text, STAGES, stage_timeout=HANG_FACTOR * limit(size) + 10)
    slow = {stage: round(s, 2) for stage, s in seconds.items() if s >= limit(size)}
    assert not slow, f"{shape}: stages over {limit(size):.0f} s on {len(text):,} characters: {slow}"


def test_a_stage_past_its_limit_is_stopped_and_reported(tmp_path):
    # The guard itself: a stage past its limit is stopped at once and counts as the limit.
    # Thousands of figures take the grammar far more than a hundredth of a second.
    import time

    text = HOSTILE_SHAPES["figures_sentence"][1](100_000)
    t0 = time.monotonic()
    seconds = stage_seconds(tmp_path, text, ("load_article", "find_mentions", "extract_claims"),
                            stage_timeout=0.01)
    assert time.monotonic() - t0 < 30
    assert seconds["find_mentions"] == seconds["extract_claims"] == 0.01
