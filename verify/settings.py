"""The limits a user may want to change, in one place: block thresholds, fetch limits, passage
limits. Each has a documented default; the stages read the current value each time they run.

    import verify.settings

    verify.settings.current().fetch_max_bytes          # 5000000
    verify.settings.configure(fetch_deadline=30)       # for the rest of the session
    with verify.settings.using(fetch_max_bytes=1_000_000):
        ...                                            # only inside the block
    verify.settings.reset()                            # every default back

``configure`` and ``using`` check every name and value before changing anything: an unknown
name, a value of the wrong type or out of range raises ``SettingsError`` naming the setting and
what it allows. A setting changes the whole process (the workbench's threads included): inside
``using``, every stage sees the new value, and when the block ends, even by an exception, the
value it replaced comes back. A keyword argument given to a function (``fetch(url,
max_bytes=...)``) still wins over the setting for that one call.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .errors import SettingsError


def _setting(default, minimum, doc: str):
    """A field with its default, the smallest value it allows and what it changes (read by
    ``describe`` and by the checks of ``configure``)."""
    return field(default=default, metadata={"minimum": minimum, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """Every setting with its value. Frozen: a stage that reads ``current()`` once sees one
    consistent set for its whole run, whatever another thread configures meanwhile."""

    # --- Reading: the block types of an article's lines (verify.reading.blocks) ---
    block_caption_max_words: int = _setting(70, 1, (
        "A line with more words is never typed a caption: a caption is one sentence, and a "
        "line of more than 70 words is a paragraph of the story."))
    block_credit_max_words: int = _setting(12, 1, (
        "A line with more words is never a photo credit: credits are short ('Stringer/AFP "
        "via Getty Images', 'Foto Ansa'), and a sentence that merely names an agency is "
        "longer."))
    block_top_lines: int = _setting(15, 0, (
        "How many lines at the top of the page may be navigation, the headline or a byline. "
        "Scraped pages put their menus and title in the first lines; further down, a short "
        "line is a subheading of the body, not the title."))

    # --- Reading: fetching a page (verify.reading.fetch) ---
    fetch_connect_timeout: float = _setting(5.0, 0.001, (
        "Seconds to wait for a server to accept the connection (and for the name lookup). A "
        "server that is up accepts at once; 5 s leaves room for a slow network."))
    fetch_read_timeout: float = _setting(20.0, 0.001, (
        "Seconds of silence allowed between two packets of an answer: a busy news site can "
        "take several seconds to start sending a page."))
    fetch_deadline: float = _setting(60.0, 0.001, (
        "Seconds a whole fetch may take, retries, redirects and a slow body included, so a "
        "server that trickles a byte a second cannot hold the notebook."))
    source_fetch_deadline: float = _setting(30.0, 0.001, (
        "Seconds a source's fetch may take in all (verify.evidence.sources). Shorter than an "
        "article's: a checker waits on it with the claim open, and can paste the text "
        "instead."))
    fetch_max_bytes: int = _setting(5_000_000, 1, (
        "An article file, or a page (after decompression), larger than this is refused "
        "without being read whole. "
        "News articles are well under 1 MB of HTML; 5 MB leaves room for heavy pages and "
        "keeps a 50 MB file or a compression bomb out of memory."))
    fetch_max_redirects: int = _setting(5, 0, (
        "How many redirects a fetch follows. A page seldom needs more than two or three "
        "(http -> https, short link -> article); more is usually a loop or a tracker chain."))
    fetch_retries: int = _setting(2, 0, (
        "How many times a server error (5xx) or a timeout is tried again; a 404 never is."))
    fetch_retry_pause: float = _setting(0.5, 0.0, (
        "Seconds before the first retry, doubled for each next one: enough for a "
        "momentary overload to pass, short enough not to keep a checker waiting."))

    # --- Sources and evidence: passages (verify.evidence.passages) ---
    passage_min_chars: int = _setting(60, 1, (
        "A source's sentence shorter than this is joined to the next one: 'Moscow denied it.' "
        "says little on its own."))
    passage_max_chars: int = _setting(600, 2, (
        "A passage longer than this is cut at white space: a checker reads a passage, not a "
        "page."))
    passage_max_source_chars: int = _setting(200_000, 1, (
        "How much of a source's text is searched for evidence: its first 200,000 characters "
        "(about 30,000 words, a long report). The rest stays in the snapshot unread, so a "
        "huge or hostile source cannot slow every claim."))
    passage_max_figures: int = _setting(24, 1, (
        "How many numbers of one passage the number grammar reads: a table, or a run of "
        "numbers built to be slow, costs a bounded time."))


DEFAULTS = Settings()
"""The defaults, as documented above (``describe()`` lists them)."""

_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
_LOCK = threading.Lock()  # configure and using may run in the workbench's threads
_current = DEFAULTS


def current() -> Settings:
    """The settings in force now. A stage reads them when it runs (not at import), so a
    change made by ``configure`` or ``using`` applies to the next call."""
    return _current


def configure(**changes) -> Settings:
    """Change settings for the rest of the session (until ``reset`` or another ``configure``);
    returns the new settings. SettingsError, and no change at all, when a name is unknown or a
    value is not allowed."""
    global _current
    with _LOCK:
        _current = _changed(_current, changes)
        return _current


@contextmanager
def using(**changes) -> Iterator[Settings]:
    """Change settings for the ``with`` block only: the settings it replaced come back when the
    block ends, even by an exception. Yields the settings in force inside."""
    global _current
    with _LOCK:
        before = _current
        _current = _changed(before, changes)
        inside = _current
    try:
        yield inside
    finally:
        with _LOCK:
            _current = before


def reset() -> Settings:
    """Every setting back to its default."""
    global _current
    with _LOCK:
        _current = DEFAULTS
        return _current


def describe() -> list[tuple[str, object, str]]:
    """(name, default, what it changes and why the default) for every setting, in order."""
    return [(name, f.default, f.metadata["doc"]) for name, f in _FIELDS.items()]


def _changed(settings: Settings, changes: dict) -> Settings:
    for name, value in changes.items():
        _check(name, value)
    return dataclasses.replace(settings, **changes)


def _check(name: str, value) -> None:
    """SettingsError unless ``name`` is a setting and ``value`` one it allows."""
    spec = _FIELDS.get(name)
    if spec is None:
        import difflib  # only for this message

        close = difflib.get_close_matches(name, _FIELDS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise SettingsError(f"there is no setting {name!r}: {hint}the settings are "
                            f"{', '.join(_FIELDS)} (see verify.settings.describe())",
                            setting=name)
    whole = isinstance(spec.default, int)
    # bool is an int to Python, but "fetch_retries=True" is a slip, not a count
    if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
        kind = "a whole number" if whole else "a number of seconds"
        raise SettingsError(f"setting {name}={value!r} is {type(value).__name__}: give {kind} "
                            f"(the default is {spec.default!r})", setting=name)
    minimum = spec.metadata["minimum"]
    if not (math.isfinite(value) and value >= minimum):  # NaN and infinity are out of range
        raise SettingsError(f"setting {name}={value!r} is out of range: give {minimum!r} or "
                            f"more (the default is {spec.default!r})", setting=name)
