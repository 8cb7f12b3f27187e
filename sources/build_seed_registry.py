"""Rebuild the seed's demo source registry (verify/data/demo_sources/: registry.csv, snapshots/)
from the seed's source map.

    .venv/bin/python sources/build_seed_registry.py [SOURCE_MAP] [FOLDER]

Reads the repository's copy of the seed's source map (tests/data/seed/source-map.md) and
writes the seed's rows into the shipped, read-only demo (``verify.records.workspace.DEMO_SOURCES``,
package data), never into the live registry a checker adds to (sources/registry.csv, which
starts as a copy of the demo and is ignored by git). tests/evidence/test_sources.py checks that
the committed demo is what this script writes. It is a build step for the demo's data, not part
of the library: nothing in ``verify`` imports it.

``source-map.md`` is a Markdown table: for each checkable claim of the seed article, where a
checker would look (addresses, publisher, date), what the source gives, and how it bears on
the claim. None of those pages can be fetched from the build machines, so the registry gets:

- one ``not_fetched`` source per distinct address, with the publisher and date the map gives
  (the site's host when it names no publisher), a kind (news unless ``_KIND_BY_HOST`` says
  otherwise: a judgement, not in the map), and the map's words as the checker's note;
- one ``pasted`` source per key passage (``PASSAGES``): a short English paraphrase written
  ONLY from what the map says the source gives, so the seed's figures can be checked offline.
  Each is marked in its note as a passage from the source map, not fetched.

Everything is stamped with a fixed time and author, so building twice gives the same bytes.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from verify.evidence.sources import SourceRegistry  # noqa: E402
from verify.records.workspace import DEMO_SOURCES  # noqa: E402

SEED_ADDED_BY = "seed (source-map.md)"
SEED_ADDED_AT = datetime(2026, 11, 29, tzinfo=timezone.utc)
"""When the seed registry was first built; fixed so a rebuild gives the same file."""
PASSAGE_NOTE = "passage from the source map, not fetched"

_KIND_BY_HOST = {
    "press.un.org": "official",            # a UN press release
    "en.special.kremlin.ru": "official",   # the Kremlin's own record
    "assets.documentcloud.org": "primary",  # the 1961 treaty's text
    "jamestown.org": "other",              # a think tank's analysis
}
_PUBLISHER_FIX = {
    # the map names a document, or a copy, where the publisher goes
    "UN press release SC/15648": ("United Nations", "UN press release SC/15648"),
    "UN Treaty Series No. 6045": ("United Nations Treaty Series", "UN Treaty Series No. 6045"),
    "Reuters copy": ("Reuters (copy on devdiscourse.com)", ""),
}
_ADDRESS_NOTES = {
    "https://www.ansa.it/": "the map gives only the site's home page and the article's slug: "
                            "find the article by its slug before fetching",
}

PASSAGES = (
    # (address, passage): each says no more than the map's "what the source gives" column
    ("http://cambodiatribune.com/2nd-ld-n-korea-has-sent-more-than-10000-containers-of-munitions"
     "-materials-to-russia-since-sept-state-dept/",
     "Since September 2023, North Korea has sent more than 10,000 containers of munitions or "
     "munitions-related materials to Russia, according to a State Department fact sheet."),
    ("https://www.politico.eu/article/north-korea-munitions-russia-vladimir-putin-war-ukraine/",
     "South Korea's defence minister said North Korea has sent about 6,700 containers of "
     "munitions to Russia."),
    ("https://www.ansa.it/",
     "The State Department said in March that North Korea has sent at least 10,000 containers "
     "of munitions to Russia."),
    ("http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=186245",
     "A Washington Post/C4ADS estimate puts North Korea's shipments at 74,000 metric tons of "
     "explosives between August 2023 and January 2024."),
    ("https://unn.ua/en/news/according-to-the-state-department-russia-fired-at-least-10-north-"
     "korean-missiles-at-ukraine",
     "According to the State Department, there have been at least 10 cases of use of North "
     "Korean (DPRK) missiles on the battlefield in Ukraine."),
    ("https://tass.com/politics/1804387",
     "Putin's only previous visit to North Korea was in July 2000, two months after his first "
     "inauguration."),
    ("https://abcnews.go.com/International/story?id=83114",
     "Putin began a two-day visit to North Korea on 19 July 2000, the first by a Russian or "
     "Soviet leader."),
    ("https://www.donga.com/en/article/all/20240620/5013985/1",
     "Putin arrived in Pyongyang at 2:22 a.m. on Wednesday, 19 June 2024."),
    ("https://www.infobalkans.com/2024/06/19/putin-and-kim-jong-un-sign-landmark-strategic-pact-"
     "pyongyang",
     "The new agreement replaces the 1961 treaty, the 2000 friendship treaty and the 2000-2001 "
     "declarations, TASS reported."),
    ("https://www.washingtontimes.com/news/2001/aug/5/20010805-024751-8300r/",
     "Kim Jong Il made a nine-day train trip of nearly 4,000 miles to Moscow. The Soviet Union "
     "established ties with South Korea in 1990, before its collapse in 1991."),
    ("http://www.cnn.com/2001/WORLD/asiapcf/east/08/05/russia.kim.1010/",
     "The visit to Russia was Kim Jong Il's third trip abroad since taking power."),
    ("https://press.un.org/en/2024/sc15648.doc.htm",
     "On 28 March 2024 the Security Council did not adopt a resolution extending the mandate "
     "of the 1718 Committee's Panel of Experts to 30 April 2025, owing to a veto by the Russian "
     "Federation. The vote was 13 in favour, with China abstaining."),
    ("https://www.devdiscourse.com/article/politics/2987846",
     "Putin gave Kim an Aurus limousine, a tea set and an admiral's dirk. It is the second "
     "Aurus Kim has received from Putin; the first was revealed in February 2024."),
    ("https://www.tag24.com/world/russia/",
     "Putin said the agreement provides for mutual assistance in the event of aggression "
     "against one of the parties."),
)

_URL = r"https?://[^\s;()]+"
# an address, then its "(Publisher, date, ...)" or "; Publisher, date, ..." when it has one
_ADDRESS_RE = re.compile(rf"({_URL})\s*(?:\(([^)]*)\)|;\s*(?!https?://)([^;()]*))?")
_ABOVE_RE = re.compile(r"([A-Z][\w .'-]*?)\s+(\d{4}-\d{2}-\d{2})\s+\(above\)")
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_DATE_RE = re.compile(r"^(?:(?P<iso>\d{4}(?:-\d{2}(?:-\d{2})?)?)"
                      r"|(?P<month>[A-Za-z]{3})[a-z]*\.? (?P<year>\d{4}))$")


@dataclass(frozen=True)
class MapEntry:
    """One distinct address of the source map."""

    url: str
    """The address as the map writes it."""
    publisher: str
    """The publisher the map names, or the site's host when it names none."""
    published: str
    """The date the map gives, ISO 8601 ("2024-02-27", "2024-02"), or empty."""
    title: str
    """A document title when the map names one instead of a publisher, else empty."""
    notes: tuple[str, ...]
    """The map's words about this address: extra details it gives with the address ("citing
    TASS"), then, for each row that names it, the claim, what the source gives and the
    bearing."""

    def __post_init__(self):
        object.__setattr__(self, "notes", tuple(self.notes))


def read_source_map(path: str | Path) -> list[MapEntry]:
    """The distinct addresses of the source map at ``path``, in the order they first appear.

    Raises ValueError when a row refers to an address "above" that is not there (the map was
    edited: fix the map or this reader).
    """
    entries: dict[str, MapEntry] = {}
    for claim, where, gives, bearing in _table_rows(Path(path).read_text(encoding="utf-8")):
        row_note = f"for the claim {claim}: the source gives {gives} (bearing: {bearing})"
        for cell in (where, gives):
            for match in _ADDRESS_RE.finditer(cell):
                url = match.group(1)
                details = match.group(2) or match.group(3) or ""
                if url not in entries:
                    entries[url] = _new_entry(url, details)
                _add_note(entries, url, row_note)
        for publisher, date in _ABOVE_RE.findall(where):
            url = next((e.url for e in entries.values()
                        if e.publisher == publisher and e.published == date), None)
            if url is None:
                raise ValueError(f"{path}: '{publisher} {date} (above)' names no address given "
                                 "above it")
            _add_note(entries, url, row_note)
    return list(entries.values())


def build_seed_registry(folder: str | Path, source_map: str | Path) -> SourceRegistry:
    """Write the seed's entries into the registry in ``folder`` and return it.

    The seed's rows (``added_by`` == SEED_ADDED_BY) are replaced by a fresh build, first, in
    the map's order; sources a checker added are kept after them. Snapshot files only the old
    seed rows used are removed.
    """
    folder = Path(folder)
    with tempfile.TemporaryDirectory() as scratch:
        fresh = _build(Path(scratch), read_source_map(source_map))
        registry = SourceRegistry.open(folder)
        old = [s for s in registry.sources if s.added_by == SEED_ADDED_BY]
        kept = [s for s in registry.sources if s.added_by != SEED_ADDED_BY]
        snapshots = [(source.text_path, fresh.text(source.source_id).encode("utf-8"), False)
                     for source in fresh.sources if source.has_text]
        registry._replace_all(fresh.sources + kept, snapshots)
    used = {s.text_path for s in registry.sources} | {s.snapshot_path for s in registry.sources}
    for source in old:
        for relative in {source.snapshot_path, source.text_path} - used - {""}:
            registry._resolve(relative).unlink(missing_ok=True)
    return registry


def _build(folder: Path, entries: list[MapEntry]) -> SourceRegistry:
    registry = SourceRegistry.open(folder, clock=lambda: SEED_ADDED_AT)
    by_url = {}
    for entry in entries:
        by_url[entry.url] = registry.add_url(
            entry.url, title=entry.title, publisher=entry.publisher, published=entry.published,
            kind=_KIND_BY_HOST.get(urlsplit(entry.url).hostname or "", "news"),
            added_by=SEED_ADDED_BY, note=" | ".join(entry.notes), fetch=False)
    for url, passage in PASSAGES:
        if url not in by_url:
            raise ValueError(f"PASSAGES names {url}, which the source map does not give")
        address = by_url[url]
        registry.add_text(passage, url=url, title=address.title, publisher=address.publisher,
                          published=address.published, kind=address.kind,
                          added_by=SEED_ADDED_BY, note=PASSAGE_NOTE)
    return registry


def _table_rows(markdown: str) -> list[tuple[str, str, str, str]]:
    """(claim, source, what the source gives, bearing) for each row of the map's table."""
    rows = []
    lines = [line.strip() for line in markdown.splitlines() if line.strip().startswith("|")]
    for number, line in enumerate(lines):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if number == 0 or all(set(cell) <= set("-: ") for cell in cells):
            continue  # the header row and the |---| line under it
        if len(cells) != 4:
            raise ValueError(f"source map row {line[:60]!r}...: {len(cells)} cells, expected 4 "
                             "(claim, source, what the source gives, bearing)")
        rows.append(tuple(cells))
    return rows


def _new_entry(url: str, details: str) -> MapEntry:
    """An entry from the words the map puts with an address ("Politico, 2024-02-27")."""
    parts = [part.strip() for part in details.split(",") if part.strip()]
    date = next((part for part in parts if _DATE_RE.match(part)), "")
    publisher = parts[0] if parts and parts[0] != date else ""
    extras = [part for part in parts if part not in (date, publisher)]
    publisher, title = _PUBLISHER_FIX.get(publisher, (publisher, ""))
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    notes = [f"the map adds: {', '.join(extras)}"] if extras else []
    if url in _ADDRESS_NOTES:
        notes.append(_ADDRESS_NOTES[url])
    return MapEntry(url=url, publisher=publisher or host, published=_iso_date(date),
                    title=title, notes=notes)


def _iso_date(text: str) -> str:
    """ "2024-02-27" as is; "Feb 2024" as "2024-02"; "" for no date."""
    match = _DATE_RE.match(text)
    if not match:
        return ""
    if match["iso"]:
        return match["iso"]
    return f"{match['year']}-{_MONTHS[match['month'].lower()]:02d}"


def _add_note(entries: dict[str, MapEntry], url: str, note: str) -> None:
    entry = entries[url]
    if note not in entry.notes:
        entries[url] = replace(entry, notes=entry.notes + (note,))


def main(argv: list[str]) -> int:
    source_map = Path(argv[0]) if argv else ROOT / "tests" / "data" / "seed" / "source-map.md"
    folder = Path(argv[1]) if len(argv) > 1 else DEMO_SOURCES
    registry = build_seed_registry(folder, source_map)
    print(f"{registry.path}: {len(registry.sources)} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
