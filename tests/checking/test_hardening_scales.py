"""Scale files and labels a checker gets wrong (issue 10, points 14 and 15).

A checker picks a verdict scale as a file (a ``verify.checking.scales`` CSV, or a worksheet's .txt/.csv of
labels) or as a list given to ``Worksheet.open(scale=[...])``. An image saved under the wrong
name, a file saved as UTF-16 from a spreadsheet, or a label pasted with half of a character pair
(a lone surrogate) must give a ``ScaleError`` naming the file (and row) and what to do: never a
raw ``UnicodeDecodeError`` or ``UnicodeEncodeError``, and nothing written.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from verify import VerifyError, Worksheet
from verify.checking.scales import ScaleError, load_scale

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "articles" / "putin-kim-2024.it.txt"


def _png() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


RATED = "label,rating_value,best_rating,worst_rating\ntrue,2,2,1\nfalse,1,2,1\n"
LABELS = "true\nfalse\nunverifiable\n"

BINARY = {
    "png": _png(),
    "utf16-bom": RATED.encode("utf-16"),
    "utf16le-no-bom": RATED.encode("utf-16-le"),  # valid UTF-8 bytes, full of NULs
}

# What a spreadsheet or an editor writes when a label held a lone surrogate: its three UTF-8-like
# bytes (WTF-8), which are not UTF-8.
SURROGATE_ROW = b"fa\xed\xa0\x80lse"


def _assert_clear(err: VerifyError, path: Path, *words: str):
    message = str(err)
    assert str(path) in message and err.source == str(path), message
    for word in words:
        assert word in message, (word, message)
    assert "Traceback" not in message and "\n" not in message


# --- verify.checking.scales.load_scale: a scale CSV with ratings ------------------------------------------

@pytest.mark.parametrize("kind", BINARY)
def test_a_binary_rated_scale_file_is_refused_naming_it(tmp_path, kind):
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(BINARY[kind])
    with pytest.raises(ScaleError) as caught:
        load_scale(path)
    _assert_clear(caught.value, path, "UTF-8")
    assert "binary" in str(caught.value) or "UTF-16" in str(caught.value)


def test_a_rated_scale_file_with_a_lone_surrogate_names_the_row(tmp_path):
    path = tmp_path / "surrogate.csv"
    path.write_bytes(RATED.encode() + SURROGATE_ROW + b",1,2,1\n")
    with pytest.raises(ScaleError) as caught:
        load_scale(path)
    _assert_clear(caught.value, path, "row 4", "UTF-8")


def test_a_rated_scale_with_a_control_character_in_a_label_names_the_row(tmp_path):
    path = tmp_path / "bell.csv"
    path.write_text(RATED + "mostly\x07false,1,2,1\n", encoding="utf-8")
    with pytest.raises(ScaleError) as caught:
        load_scale(path)
    _assert_clear(caught.value, path, "row 4")


# --- verify.checking.worksheet: a file of labels, or a list ------------------------------------------------

def _open(tmp_path: Path, scale) -> Worksheet:
    return Worksheet.open(tmp_path / "claims" / "seed.csv", article=SEED, scale=scale)


@pytest.mark.parametrize("kind", BINARY)
@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_a_binary_file_of_labels_is_refused_and_nothing_is_written(tmp_path, kind, suffix):
    path = tmp_path / f"scale{suffix}"
    encoding = {"utf16-bom": "utf-16", "utf16le-no-bom": "utf-16-le"}.get(kind)
    path.write_bytes(LABELS.encode(encoding) if encoding else BINARY[kind])
    with pytest.raises(ScaleError) as caught:
        _open(tmp_path, path)
    _assert_clear(caught.value, path, "UTF-8")
    assert not list((tmp_path / "claims").glob("seed*.csv"))


def test_a_file_of_labels_with_a_lone_surrogate_names_the_row(tmp_path):
    path = tmp_path / "scale.txt"
    path.write_bytes(b"# my desk's scale\ntrue\n" + SURROGATE_ROW + b"\n")
    with pytest.raises(ScaleError) as caught:
        _open(tmp_path, path)
    _assert_clear(caught.value, path, "row 3")
    assert not list((tmp_path / "claims").glob("seed*.csv"))


@pytest.mark.parametrize("label", ["fa\udc80lse", "\ud83d", "nul\x00label"])
def test_a_list_with_a_broken_label_is_refused_and_nothing_is_written(tmp_path, label):
    with pytest.raises(ScaleError) as caught:
        _open(tmp_path, ["true", label, "unverifiable"])
    message = str(caught.value)
    assert "label 2" in message and "scale" in message, message
    message.encode("utf-8")  # the message itself can be printed and saved
    assert not (tmp_path / "claims" / "seed.csv").exists()
    assert not (tmp_path / "claims" / "seed.meta.json").exists()


def test_good_scales_still_open(tmp_path):
    (tmp_path / "scale.txt").write_text("# comment\ntrue\n\nfalse\n", encoding="utf-8-sig")
    ws = _open(tmp_path, tmp_path / "scale.txt")
    assert ws.labels == ("not checked", "true", "false")
    (tmp_path / "rated.csv").write_text(RATED + "tab\tin label,1,2,1\n", encoding="utf-8")
    assert load_scale(tmp_path / "rated.csv").labels == ("true", "false", "tab\tin label")
    assert _open(tmp_path, ["vero", "falso ✓"]).labels == ("not checked", "vero", "falso ✓")
    lines = (tmp_path / "scale.txt").open(encoding="utf-8-sig").readlines()[1:]
    assert _open(tmp_path, lines).labels == ("not checked", "true", "false")


def test_verify_export_with_a_binary_scale_is_one_line(tmp_path):
    """The command line, as a real process: `verify export --scale image.png`."""
    ws = _open(tmp_path, None)
    ws.set_verdict(ws.claims[0].claim_id, "false", rationale="r", checker="Anna")
    image = tmp_path / "scale.png"
    image.write_bytes(_png())
    done = subprocess.run([sys.executable, "-m", "verify", "export", str(ws.path), "--format",
                           "claimreview", "--scale", str(image)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 1, done
    assert "Traceback" not in done.stderr and str(image) in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


# --- the built-in scales are the files of the scales folder ----------------------------------------

SCALES_FOLDER = ROOT / "verify" / "data" / "scales"
DESK_SCALE = ("label,rating_value,best_rating,worst_rating,meaning\n"
              "Correct,3,3,1,Borne out.\nPartly correct,2,3,1,\nWrong,1,3,1,\nNo data,,,,\n")


@pytest.fixture
def desk_scale():
    """A desk's own scale dropped into the package's scales folder (as a contributor adds one),
    taken out again after the test."""
    path = SCALES_FOLDER / "test-desk-h5.csv"
    path.write_text(DESK_SCALE, encoding="utf-8")
    try:
        yield path
    finally:
        path.unlink()


def test_a_scale_file_dropped_in_the_scales_folder_is_a_built_in_scale(desk_scale):
    scale = load_scale("test-desk-h5")
    assert scale.name == "test-desk-h5"
    assert scale.labels == ("Correct", "Partly correct", "Wrong", "No data")
    assert load_scale("TEST-DESK-H5").rating("wrong").rating_value == 1
    # a fresh process (a kernel started after the file was added) lists it with the others
    done = subprocess.run([sys.executable, "-c", "from verify.checking.scales import SCALES; "
                           "print(' '.join(SCALES))"], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    names = done.stdout.split()
    assert names[0] == "default" and "test-desk-h5" in names
    assert set(names) == {p.stem for p in SCALES_FOLDER.glob("*.csv")}
    # a worksheet's labels find the scale they came from, for its ClaimReview numbers
    from verify.checking.scales import scale_for_labels
    assert scale_for_labels(["not checked", "correct", "partly correct", "wrong",
                             "no data"]).name == "test-desk-h5"
    with pytest.raises(ScaleError, match="test-desk-h5"):
        load_scale("snopes")


def test_the_default_scale_and_not_checked_have_one_home():
    from verify import DEFAULT_SCALE
    from verify.checking import scales, session, worksheet
    from verify.records.model import NOT_CHECKED
    from verify.reports import export_records
    assert DEFAULT_SCALE == load_scale("default").labels
    assert DEFAULT_SCALE == ("not checked", "true", "mostly true", "misleading", "false",
                             "unverifiable")
    assert DEFAULT_SCALE[0] == NOT_CHECKED
    for module in (scales, session, worksheet, export_records):
        assert module.NOT_CHECKED is NOT_CHECKED, module
