"""verify.settings: the limits a user may change, read by the stages at call time; overriding
one changes what a real fetch and a real page give, and bad names or values are clear errors."""

from __future__ import annotations

import pytest

import verify.settings as settings
from verify.errors import FetchError, VerifyError
from verify.reading.articles import SEED_ARTICLE
from verify.reading.blocks import split_blocks
from verify.reading.fetch import fetch
from verify.settings import SettingsError

SEED = SEED_ARTICLE.read_text(encoding="utf-8")
PAGE = "<html><body><p>" + "Il ministro ha parlato a lungo. " * 60 + "</p></body></html>"


@pytest.fixture(autouse=True)
def _defaults_after_each_test():
    yield
    settings.reset()


def test_the_defaults_are_the_documented_ones():
    assert settings.current() == settings.DEFAULTS
    names = [name for name, _, _ in settings.describe()]
    assert names == [f.name for f in settings.Settings.__dataclass_fields__.values()]
    assert all(doc for _, _, doc in settings.describe())


# --- fetch limits -------------------------------------------------------------------------------

def test_a_smaller_size_limit_refuses_a_page_that_was_fetched_before(http_server):
    url = http_server.route("/page", PAGE)
    size = len(fetch(url).body)
    with settings.using(fetch_max_bytes=size // 2):
        with pytest.raises(FetchError) as err:
            fetch(url)
    assert str(err.value).startswith(f"{url}: is 0.0 MB; pages over {size // 2 / 1e6:g} MB "
                                     "are refused"), str(err.value)
    assert len(fetch(url).body) == size  # the block is over: the default limit is back


def test_configure_holds_for_the_session_until_reset(http_server):
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/c")
    http_server.route("/c", PAGE)
    settings.configure(fetch_max_redirects=1)
    with pytest.raises(FetchError, match="more than 1 redirects"):
        fetch(http_server.url_for("/a"))
    with pytest.raises(FetchError, match="more than 1 redirects"):
        fetch(http_server.url_for("/a"))
    settings.reset()
    assert fetch(http_server.url_for("/a")).final_url == http_server.url_for("/c")


def test_an_argument_still_wins_over_the_setting(http_server):
    url = http_server.route("/page", PAGE)
    with settings.using(fetch_max_bytes=10):
        assert fetch(url, max_bytes=1_000_000).body.startswith(b"<html>")


# --- block thresholds ---------------------------------------------------------------------------

def _captions(text: str) -> dict[tuple[int, int], str]:
    return {(b.start, b.end): b.text for b in split_blocks(text) if b.kind == "caption"}


def test_a_lower_caption_limit_makes_a_long_caption_body():
    captions = _captions(SEED)
    assert captions, "the seed has captions"
    longest = max(captions.values(), key=lambda t: len(t.split()))
    limit = len(longest.split()) - 3  # fewer words than the caption has, by any count of words
    with settings.using(block_caption_max_words=limit):
        kinds = {b.text: b.kind for b in split_blocks(SEED)}
    assert kinds[longest] != "caption", kinds[longest]
    assert _captions(SEED) == captions  # and back after the block


def test_no_top_lines_means_no_headline():
    assert [b.kind for b in split_blocks(SEED)].count("headline") == 1
    with settings.using(block_top_lines=0):
        assert "headline" not in [b.kind for b in split_blocks(SEED)]


# --- errors -------------------------------------------------------------------------------------

def test_an_unknown_setting_is_named_with_the_ones_there_are():
    with pytest.raises(SettingsError) as err:
        settings.configure(fetch_timeout=5)
    message = str(err.value)
    assert "no setting 'fetch_timeout'" in message
    assert "fetch_connect_timeout" in message and "block_caption_max_words" in message
    assert err.value.setting == "fetch_timeout" and isinstance(err.value, VerifyError)
    assert settings.current() == settings.DEFAULTS


@pytest.mark.parametrize("name, value, says", [
    ("fetch_max_bytes", "5MB", "fetch_max_bytes='5MB' is str: give a whole number"),
    ("fetch_max_bytes", 2.5, "fetch_max_bytes=2.5 is float: give a whole number"),
    ("fetch_retries", True, "fetch_retries=True is bool: give a whole number"),
    ("fetch_deadline", "60", "fetch_deadline='60' is str: give a number of seconds"),
    ("fetch_max_bytes", 0, "fetch_max_bytes=0 is out of range: give 1 or more"),
    ("fetch_retries", -1, "fetch_retries=-1 is out of range: give 0 or more"),
    ("fetch_deadline", float("nan"), "fetch_deadline=nan is out of range"),
    ("fetch_deadline", float("inf"), "fetch_deadline=inf is out of range"),
])
def test_a_bad_value_names_the_setting_and_what_it_allows(name, value, says):
    with pytest.raises(SettingsError) as err:
        with settings.using(**{name: value}):
            pass
    assert says in str(err.value) and err.value.setting == name
    assert settings.current() == settings.DEFAULTS


def test_one_bad_value_changes_nothing():
    with pytest.raises(SettingsError):
        settings.configure(fetch_retries=5, fetch_max_bytes=-3)
    assert settings.current().fetch_retries == settings.DEFAULTS.fetch_retries


def test_a_whole_number_is_taken_for_seconds():
    assert settings.configure(fetch_deadline=5).fetch_deadline == 5


def test_using_restores_the_old_value_when_the_block_raises():
    settings.configure(fetch_retries=4)
    with pytest.raises(ZeroDivisionError):
        with settings.using(fetch_retries=0, block_top_lines=3) as inside:
            assert settings.current() is inside and inside.fetch_retries == 0
            1 / 0
    assert settings.current().fetch_retries == 4
    assert settings.current().block_top_lines == settings.DEFAULTS.block_top_lines
