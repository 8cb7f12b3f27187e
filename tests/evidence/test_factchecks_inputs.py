"""Past fact-checks: bad inputs (issue 12, "Bad input"). Each gives a ``FactCheckError`` that
names the file and says what to do, and loses nothing already imported.

Real files in a temporary folder, a real SQLite archive; the locks are real locks taken by a
second connection.
"""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from verify.errors import VerifyError
from verify.evidence.factchecks import Archive, FactCheckError, import_file, match_text
from verify.evidence.factchecks.show import match_html


def review(n: int | str = 1, claim: str = "North Korea sent 10,000 containers to Russia.") -> dict:
    return {"@type": "ClaimReview", "url": f"https://checks.example/{n}", "claimReviewed": claim,
            "reviewRating": {"alternateName": "False"}, "datePublished": "2024-03-01"}


@pytest.fixture
def archive(tmp_path):
    """An archive with one fact-check already in it: what must never be lost."""
    feed = tmp_path / "first.json"
    feed.write_text(json.dumps([review("kept")]), encoding="utf-8")
    with Archive.open(tmp_path / "archive.sqlite") as opened:
        assert import_file(feed, opened).imported == 1
        yield opened


def kept(archive) -> list[str]:
    return [s.fact_check.url for s in archive.all()]


def refused(path, archive, *parts: str) -> FactCheckError:
    with pytest.raises(FactCheckError) as err:
        import_file(path, archive)
    message = str(err.value)
    assert str(path) in message
    for part in parts:
        assert part in message, message
    assert isinstance(err.value, VerifyError)
    assert kept(archive) == ["https://checks.example/kept"]
    return err.value


def test_malformed_json_names_the_line_and_column(tmp_path, archive):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"@type": "ClaimReview",\n  "url": "https://x.example/1" "claimReviewed": 1}]')
    refused(bad, archive, "not valid JSON at line 2, column", "fix the file")
    assert [i["file"] for i in archive.imports()] == [str(tmp_path / "first.json")]


def test_json_without_any_claimreview_is_refused_whole(tmp_path, archive):
    for i, value in enumerate((42, {"@type": "NewsArticle"}, [], {"claimReviewed": "no type"})):
        path = tmp_path / f"none-{i}.json"
        path.write_text(json.dumps(value))
        refused(path, archive, "no ClaimReview in it")


def test_json_nested_too_deeply_is_refused_without_a_crash(tmp_path, archive):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    refused(path, archive)


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path, archive):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as file:
        file.truncate(200_000_000)  # sparse: no disk used, but the size a reader would see
    started = time.perf_counter()
    refused(huge, archive, "200 MB, more than the 100 MB", "split it")
    assert time.perf_counter() - started < 1.0


def test_binary_files_folders_and_other_encodings_are_refused(tmp_path, archive):
    png = tmp_path / "logo.json"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    refused(png, archive, "a PNG image")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("claim_reviewed,url\nPerché sì,https://x.example/1\n".encode("latin-1"))
    refused(latin, archive, "not UTF-8", "save it as UTF-8")
    refused(tmp_path, archive, "is a folder")
    refused(tmp_path / "missing.json", archive, "no such file")


def test_a_csv_without_the_needed_columns_is_refused_naming_them(tmp_path, archive):
    path = tmp_path / "feed.csv"
    path.write_text("claim,verdict\nSomething,False\n")
    refused(path, archive, "no claim_reviewed or url column", "the header has: claim, verdict")


def test_a_page_full_of_scripts_gives_only_its_claimreview_quickly(tmp_path, archive):
    noise = "<script>for (var i = 0; i < 9; i++) { document.write('<div>' + i) }</script>"
    page = ("<html><head>" + noise * 20_000 + '<script type="application/ld+json">'
            + json.dumps(review("page")) + "</script></head><body>" + noise * 20_000
            + "</body></html>")
    empty = tmp_path / "no-review.html"
    empty.write_text("<html><head>" + noise * 100 + "</head></html>")
    refused(empty, archive, "no <script type=\"application/ld+json\">")
    path = tmp_path / "page.html"
    path.write_text(page)
    started = time.perf_counter()
    report = import_file(path, archive)
    assert time.perf_counter() - started < 10
    assert report.imported == 1 and report.refused == []


def test_a_duplicate_flood_imports_one_and_counts_the_rest(tmp_path, archive):
    path = tmp_path / "flood.json"
    path.write_text(json.dumps([review("flood")] * 50_000))
    started = time.perf_counter()
    report = import_file(path, archive)
    took = time.perf_counter() - started
    assert (report.imported, report.duplicates, report.refused_count) == (1, 49_999, 0)
    assert took < 20, f"{took:.1f} s for a duplicate flood: duplicates must be cheap"
    assert archive.count() == 2


def test_a_flood_of_invalid_records_lists_the_first_thousand_and_counts_all(tmp_path, archive):
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps([{"@type": "ClaimReview", "url": "ftp://x"}] * 5_000))
    report = import_file(path, archive)
    assert report.refused_count == 5_000 and len(report.refused) == 1_000
    assert "5000 refused as invalid" in report.line()


def test_a_script_in_a_claim_is_data_and_shown_escaped(tmp_path, archive):
    text = 'Vaccines hold chips <script>alert("x")</script> & 5G towers </script><!--'
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps([review("hostile", text)]))
    assert import_file(path, archive).imported == 1
    stored = next(s.fact_check for s in archive.all() if s.fact_check.url.endswith("hostile"))
    assert stored.claim_reviewed == text  # kept as data, exactly
    match = next(m for m in match_text(archive, "Vaccines hold chips and 5G towers", "en")
                 if m.fact_check.url.endswith("hostile"))
    shown = match_html(match)
    assert "<script" not in shown and "</script" not in shown and "<!--" not in shown
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in shown


def test_a_javascript_link_is_never_shown_as_a_link(tmp_path, archive):
    # An anchor from a project export is kept but is not a link; javascript: is refused on import.
    path = tmp_path / "anchor.json"
    path.write_text(json.dumps([{**review(), "url": "#claim-c-1"}]))
    import_file(path, archive)
    match = next(m for m in match_text(archive, "North Korea sent 10,000 containers", "en")
                 if m.fact_check.url == "#claim-c-1")
    assert "href" not in match_html(match)


def test_a_corrupted_archive_is_named_and_left_for_the_checker(tmp_path):
    path = tmp_path / "archive.sqlite"
    path.write_bytes(b"this is not a database, only some text " * 200)
    before = path.read_bytes()
    with pytest.raises(FactCheckError) as err:
        Archive.open(path)
    assert str(path) in str(err.value) and "move it away" in str(err.value)
    assert path.read_bytes() == before


def test_a_truncated_archive_is_refused_in_words(tmp_path, archive):
    feed = tmp_path / "many.json"
    feed.write_text(json.dumps([review(i, f"Claim number {i} about 2023.") for i in range(3000)]))
    import_file(feed, archive)
    archive.close()
    path = tmp_path / "archive.sqlite"
    data = path.read_bytes()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(data[: len(data) // 3])
    with pytest.raises(FactCheckError) as err:
        with Archive.open(broken) as opened:
            opened.all()
            match_text(opened, "Claim number 7 about 2023", "en")
    assert str(broken) in str(err.value)


def test_a_locked_archive_says_so_and_keeps_what_was_imported(tmp_path, archive):
    path = tmp_path / "archive.sqlite"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
    try:
        feed = tmp_path / "second.json"
        feed.write_text(json.dumps([review("second")]))
        with pytest.raises(FactCheckError) as err:
            with Archive.open(path, timeout=0.2) as second:
                import_file(feed, second)
        assert str(path) in str(err.value) and "locked by another process" in str(err.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert kept(archive) == ["https://checks.example/kept"]
    assert import_file(feed, archive).imported == 1


def test_an_archive_path_that_is_a_folder_or_cannot_be_made_is_refused(tmp_path):
    with pytest.raises(FactCheckError, match="is a folder"):
        Archive.open(tmp_path)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("a file, not a folder")
    with pytest.raises(FactCheckError) as err:
        Archive.open(a_file / "archive.sqlite")
    assert "cannot make the archive's folder" in str(err.value)
    assert str(a_file) in str(err.value)
