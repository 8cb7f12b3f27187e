"""The editor review's links and tables (``verify.reports.review``), outside a browser: each export gets
a link by path (JupyterLab, an exported page beside the notebook) and a download link that holds
the file itself, so it works where no server gives the file (Voilà, a page mailed on)."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import pandas as pd

from verify.reports.review import EMBED_LIMIT, file_links, readable


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def links_of(html: str) -> list[dict]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def test_each_file_opens_by_path_and_downloads_with_its_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    out = tmp_path / "out"
    out.mkdir()
    report = out / "report <b>&.html"
    report.write_bytes("<h1>Verdetti: perché</h1>".encode("utf-8"))
    table = out / "verdicts.csv"
    table.write_bytes(b"claim,verdict\n=1+1,true\n")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    links = links_of(file_links([report, table], start=notebooks))
    opens = [a for a in links if a["class"] == "open"]
    downloads = [a for a in links if a["class"] == "download"]
    assert [a["href"] for a in opens] == ["../out/report%20%3Cb%3E%26.html", "../out/verdicts.csv"]
    assert [a["download"] for a in downloads] == [report.name, table.name]
    for a, path in zip(downloads, (report, table)):
        kind, data = re.fullmatch(r"data:([\w/+.-]+);base64,(.+)", a["href"]).groups()
        assert base64.b64decode(data) == path.read_bytes()
    assert downloads[0]["href"].startswith("data:text/html;")
    assert downloads[1]["href"].startswith("data:text/csv;")


def test_under_voila_only_the_download_link_is_given(tmp_path, monkeypatch):
    """Voilà serves no files from the project: a link by path would lead nowhere."""
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.8")
    report = tmp_path / "report.html"
    report.write_text("<h1>report</h1>", encoding="utf-8")
    links = links_of(file_links([report], start=tmp_path))
    assert [a["class"] for a in links] == ["download"]
    assert links[0]["download"] == "report.html"


def test_a_file_over_the_embedding_limit_gets_its_path_only(tmp_path, monkeypatch):
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(EMBED_LIMIT + 1)
    missing = tmp_path / "gone.json"
    links = links_of(file_links([big, missing], start=tmp_path))
    assert [(a["class"], a["href"]) for a in links] == [("open", "big.csv"), ("open", "gone.json")]


def test_a_readable_table_gives_titles_room_and_times_a_person_reads():
    table = pd.DataFrame({"worksheet": ["anna"], "article": ["Putin afferma che Russia e Corea"],
                          "percent checked": [3.2], "last checked": ["2026-12-03T12:22:27Z"]})
    html = readable(table).to_html()
    assert "min-width: 12em" in html and "text-align: left" in html
    assert ">3.2<" in html and "Dec 2026 " in html and "2026-12-03T" not in html
    assert table.loc[0, "last checked"] == "2026-12-03T12:22:27Z"   # the data is unchanged
