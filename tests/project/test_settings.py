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


# --- the article and source limits, read when the work runs ----------------------------------------

def test_loading_an_article_from_a_url_follows_the_size_setting(http_server):
    from verify import load_article
    url = http_server.route("/article", PAGE)
    assert "ministro" in load_article(url).text
    with settings.using(fetch_max_bytes=100):
        with pytest.raises(FetchError, match="are refused"):
            load_article(url)
    with pytest.raises(FetchError, match="are refused"):  # an argument still wins
        load_article(url, max_bytes=100)


def test_loading_an_article_file_follows_the_size_setting(tmp_path):
    from verify import ArticleError, load_article
    article = tmp_path / "a.txt"
    article.write_text(SEED, encoding="utf-8")
    with settings.using(fetch_max_bytes=1_000):
        with pytest.raises(ArticleError, match="a.txt"):
            load_article(article)
    assert load_article(article).text == SEED


def test_shorter_passages_are_cut_from_a_source_already_read():
    from verify.evidence.passages import split_passages
    text = "The ministry said " + ", and ".join(
        f"convoy {n} carried shells across the border in the autumn" for n in range(12)) + "."
    before = split_passages(text)  # one sentence of 700 characters: cut at 600 by default
    assert max(end - start for start, end in before) > 300
    with settings.using(passage_max_chars=120):
        shorter = split_passages(text)
    assert max(end - start for start, end in shorter) <= 120
    assert len(shorter) > len(before)
    assert split_passages(text) == before


def test_the_searched_part_of_a_source_follows_its_setting(tmp_path):
    from verify.evidence.sources import SourceRegistry
    registry = SourceRegistry.open(tmp_path / "sources")
    text = "Il ministro ha parlato a lungo del convoglio. " * 40  # 1,840 characters
    with settings.using(passage_max_source_chars=1_000):
        source = registry.add_text(text, title="Long statement")
    assert "only its first 1,000 characters are searched" in source.message, source.message
    assert "only its first" not in registry.add_text(text + " Fine.", title="Again").message


def test_the_readme_lists_every_setting_with_its_default():
    from pathlib import Path
    import re
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|$", readme, re.M))
    assert table == {name: repr(value) for name, value, _ in settings.describe()}
