"""Hardening: what `-o` writes, as a checker or an attacker would use it.

Real processes, real files, a real (tiny, full) file system when the machine allows mounting
one. Issue 10, points 1, 8 (-o) and 15 (--max-mb, OS errors while writing).
"""

from __future__ import annotations

import contextlib
import errno
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from verify import VerifyError, Worksheet, extract_claims, load_article, write_claims_csv
from verify.reading.articles import SEED_ARTICLE
from verify.reports.export import claimreview_json, export_claimreview, export_csv, export_html

SHORT_ARTICLE = ("Roma, 3 marzo 2024. Il governo ha stanziato 10 milioni di euro per 5 ospedali, "
                 "ha detto il ministro.\n\nSono più di 10.000 i container arrivati.\n")


def verify(*args: str, cwd: Path | None = None, timeout: float = 120, limit_bytes: int = 0):
    """``verify ARGS`` as a user runs it. ``limit_bytes``: the process may write no file larger
    than that (the kernel then fails the write with EFBIG, as a full disk fails it with ENOSPC)."""
    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, "-m", "verify", *args], capture_output=True, text=True,
        encoding="utf-8", timeout=timeout, cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        preexec_fn=limited if limit_bytes else None,
    )


def one_error_line(result, *words: str) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("verify: error: "), lines[0]
    for word in words:
        assert word.lower() in lines[0].lower(), (word, lines[0])
    return lines[0]


def small_worksheet(folder: Path) -> Worksheet:
    """A worksheet of a short pasted article with one verdict: enough for every export."""
    ws = Worksheet.open(folder / "claims" / "short.csv",
                        article=load_article(text=SHORT_ARTICLE, lang="it"))
    ws.set_verdict(ws.claims[0].claim_id, "true", rationale="the decree", checker="Anna")
    return ws


EXPORTS = {
    "csv": ["--format", "csv"],
    "html": ["--format", "html"],
    "claimreview": ["--format", "claimreview", "--report-url", "https://example.org/r"],
}


def write_command(kind: str, folder: Path, out: str) -> list[str]:
    """The `verify` arguments that write ``out``: `extract` of the seed, or an export."""
    if kind == "extract":
        return ["extract", str(SEED_ARTICLE), "-o", out]
    ws = small_worksheet(folder)
    return ["export", str(ws.path), *EXPORTS[kind], "-o", out]


# --- point 1: the README's own commands must not wipe a worksheet --------------------------------

def _readme_worksheet(tmp_path: Path) -> Path:
    """What the README tells a checker to do: extract with -o, then check ten claims."""
    (tmp_path / "claims").mkdir()
    done = verify("extract", str(SEED_ARTICLE), "-o", "claims/putin-kim-2024-it.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "claims" / "putin-kim-2024-it.csv"
    ws = Worksheet.open(path, article=SEED_ARTICLE)
    for claim in ws.claims[:10]:
        ws.set_verdict(claim.claim_id, "mostly true", rationale="Reuters", checker="Anna")
    assert ws.progress()[0] == 10
    return path


def test_extract_onto_a_worksheet_is_refused_and_the_verdicts_stay(tmp_path):
    path = _readme_worksheet(tmp_path)
    before = path.read_bytes()
    again = verify("extract", str(SEED_ARTICLE), "-o", "claims/putin-kim-2024-it.csv", cwd=tmp_path)
    line = one_error_line(again, "putin-kim-2024-it.csv", "--merge", "Worksheet.open")
    assert "10" in line, line  # how much work the refusal saved
    assert path.read_bytes() == before
    assert Worksheet.open(path).progress() == (10, 95)


def test_extract_merge_re_extracts_into_the_worksheet_keeping_verdicts(tmp_path):
    path = _readme_worksheet(tmp_path)
    verdicts = {c.claim_id: Worksheet.open(path).verdict(c.claim_id)
                for c in Worksheet.open(path).claims}
    done = verify("extract", str(SEED_ARTICLE), "-o", "claims/putin-kim-2024-it.csv", "--merge",
                  cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "10 verdicts kept" in done.stderr, done.stderr
    ws = Worksheet.open(path)
    assert ws.progress() == (10, 95)
    assert {c.claim_id: ws.verdict(c.claim_id) for c in ws.claims} == verdicts


def test_extract_merge_into_another_articles_worksheet_is_refused(tmp_path):
    ws = small_worksheet(tmp_path)
    before = ws.path.read_bytes()
    done = verify("extract", str(SEED_ARTICLE), "-o", str(ws.path), "--merge")
    one_error_line(done, "short.csv")
    assert ws.path.read_bytes() == before


def test_extract_merge_through_a_symlink_merges_into_its_target(tmp_path):
    path = _readme_worksheet(tmp_path)
    link = tmp_path / "current.csv"
    link.symlink_to(path)
    done = verify("extract", str(SEED_ARTICLE), "-o", str(link), "--merge")
    assert done.returncode == 0, done.stderr
    assert "10 verdicts kept" in done.stderr
    assert link.is_symlink() and Worksheet.open(path).progress() == (10, 95)
    assert not (tmp_path / "current.meta.json").exists()  # the sidecars stay beside the target


def test_extract_replaces_a_plain_claims_table_with_a_rename(tmp_path):
    out = tmp_path / "claims.csv"
    out.write_text("claim_id,article_id\nold,old\n", encoding="utf-8")
    os.chmod(out, 0o640)
    inode = out.stat().st_ino
    done = verify("extract", str(SEED_ARTICLE), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_ino != inode, "written in place: a crash would leave a torn file"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8") == verify("extract", str(SEED_ARTICLE)).stdout


def test_write_claims_csv_refuses_a_worksheet(tmp_path):
    ws = small_worksheet(tmp_path)
    before = ws.path.read_bytes()
    with pytest.raises(VerifyError, match=r"short\.csv.*Worksheet\.open"):
        write_claims_csv(extract_claims(load_article(text=SHORT_ARTICLE, lang="it")), ws.path)
    assert ws.path.read_bytes() == before


@pytest.mark.parametrize("kind", ["csv", "html", "claimreview"])
def test_an_export_onto_its_own_worksheet_is_refused(tmp_path, kind):
    ws = small_worksheet(tmp_path)
    before = ws.path.read_bytes()
    done = verify("export", str(ws.path), *EXPORTS[kind], "-o", str(ws.path))
    one_error_line(done, "short.csv", "is a worksheet", "another file name")
    assert ws.path.read_bytes() == before
    assert Worksheet.open(ws.path).progress()[0] == 1


def test_an_export_replaces_the_previous_export(tmp_path):
    ws = small_worksheet(tmp_path)
    for label in ("true", "false"):
        ws.set_verdict(ws.claims[0].claim_id, label, checker="Anna")
        done = verify("export", str(ws.path), "--format", "csv", "-o", "verdicts.csv", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert f",{label}," in (tmp_path / "verdicts.csv").read_text(encoding="utf-8")


# --- point 8: symlinks, folders, FIFOs, devices -----------------------------------------------

@pytest.mark.parametrize("kind", ["extract", "csv", "html", "claimreview"])
def test_output_onto_a_symlink_writes_its_target(tmp_path, kind):
    target = tmp_path / "real" / "out.txt"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    done = verify(*write_command(kind, tmp_path, str(link)))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") not in ("", "old\n")
    assert not list(target.parent.glob(".*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_a_dangling_symlink_creates_its_target_and_a_loop_is_refused(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "target.csv")
    done = verify("extract", str(SEED_ARTICLE), "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and (tmp_path / "target.csv").read_text(encoding="utf-8")
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    one_error_line(verify("extract", str(SEED_ARTICLE), "-o", str(loop)), "loop.csv", "loop")
    assert loop.is_symlink()


def _make_device(path: Path) -> Path:
    """A character device like /dev/null (1, 3). Only root can make one; anyone else gets
    /dev/null itself, which they cannot replace anyway."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return Path("/dev/null")
    return path


@pytest.mark.parametrize("kind", ["extract", "csv", "html", "claimreview"])
@pytest.mark.parametrize("node, words", [
    ("folder", ["a folder"]), ("fifo", ["named pipe"]), ("device", ["device"]),
])
def test_output_onto_a_folder_fifo_or_device_is_refused(tmp_path, kind, node, words):
    out = tmp_path / node
    if node == "folder":
        out.mkdir()
    elif node == "fifo":
        os.mkfifo(out)
    else:
        out = _make_device(out)
    mode = os.stat(out).st_mode
    command = write_command(kind, tmp_path, str(out))
    # a FIFO with no reader blocks an open() for writing forever: the timeout catches that
    one_error_line(verify(*command, timeout=30), out.name, *words)
    assert stat.S_IFMT(os.stat(out).st_mode) == stat.S_IFMT(mode)


def test_as_root_dev_null_is_refused_not_replaced(tmp_path):
    # First on a private device node: if the guard did not hold there, /dev/null is spared.
    private = _make_device(tmp_path / "null")
    verify(*write_command("html", tmp_path, str(private)))
    assert stat.S_ISCHR(os.stat(private).st_mode), "the export replaced a device node"
    for kind in ("extract", "html"):
        one_error_line(verify(*write_command(kind, tmp_path, "/dev/null")), "/dev/null", "device")
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --- point 15: --max-mb, OS errors while writing -----------------------------------------------

@pytest.mark.parametrize("option, value", [
    ("--max-mb", "nan"), ("--max-mb", "inf"), ("--max-mb", "-1"), ("--max-mb", "0"),
    ("--max-mb", "five"), ("--timeout", "nan"), ("--timeout", "-3"), ("--timeout", "inf"),
])
@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_size_or_timeout_that_is_no_positive_number_is_a_usage_error(command, option, value):
    done = verify(command, str(SEED_ARTICLE), option, value)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert option in done.stderr and "above 0" in done.stderr, done.stderr
    assert done.stdout == ""


@contextlib.contextmanager
def nearly_full_disk(folder: Path):
    """A 256 KiB file system mounted at ``folder`` (root only); yields a function that fills it.
    Yields None where mounting is not allowed: the caller then limits the file size instead."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0

    def fill():
        fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"x" * 4096)
        except OSError as err:
            assert err.errno == errno.ENOSPC, err
        finally:
            os.close(fd)

    try:
        yield fill if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.mark.parametrize("kind", ["extract", "csv", "html", "claimreview"])
def test_a_full_disk_leaves_the_old_file_and_says_what_to_do(tmp_path, kind):
    disk = tmp_path / "disk"
    with nearly_full_disk(disk) as fill:
        out = disk / "out.txt"
        out.write_text("the export of yesterday\n", encoding="utf-8")
        command = write_command(kind, tmp_path, str(out))
        if fill:
            fill()
            done = verify(*command)
            line = one_error_line(done, "out.txt", "full")
        else:  # no mount allowed here: a file-size limit fails the write the same way
            done = verify(*command, limit_bytes=100)
            line = one_error_line(done, "out.txt")
        assert "left as it was" in line, line
        assert out.read_text(encoding="utf-8") == "the export of yesterday\n"
        assert not list(disk.glob(".*.tmp"))


def test_export_html_in_python_on_a_full_disk_is_a_verify_error(tmp_path):
    ws = small_worksheet(tmp_path)
    disk = tmp_path / "disk"
    with nearly_full_disk(disk) as fill:
        out = disk / "report.html"
        out.write_text("yesterday's report", encoding="utf-8")
        script = (
            "from verify import Worksheet, VerifyError\nfrom verify.reports.export import export_html\n"
            f"try:\n    export_html(Worksheet.open({str(ws.path)!r}), {str(out)!r})\n"
            "except VerifyError as err:\n    print('VerifyError:', err)\n"
        )
        if fill:
            fill()
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
            preexec_fn=None if fill else lambda: (signal.signal(signal.SIGXFSZ, signal.SIG_IGN),
                                                  resource.setrlimit(resource.RLIMIT_FSIZE,
                                                                     (100, 100))))
        assert "Traceback" not in done.stderr, done.stderr
        assert done.stdout.startswith("VerifyError: ") and "report.html" in done.stdout
        assert out.read_text(encoding="utf-8") == "yesterday's report"


def test_a_lone_surrogate_in_the_output_is_a_verify_error_and_nothing_is_written(tmp_path):
    from verify.records.output import write_output

    out = tmp_path / "out.csv"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(VerifyError, match=r"out\.csv.*U\+D800 at character 2"):
        write_output(out, "ab\ud800c")
    assert out.read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize("name, words", [
    ("with\0nul.csv", ["NUL"]),
    ("n" * 300 + ".csv", ["too long", "shorter"]),
    ("missing-folder/out.csv", ["missing-folder", "does not exist"]),
])
def test_bad_output_names_are_verify_errors_in_python(tmp_path, name, words):
    ws = small_worksheet(tmp_path)
    claims = extract_claims(load_article(text=SHORT_ARTICLE, lang="it"))
    writers = [
        lambda out: write_claims_csv(claims, out),
        lambda out: export_csv(ws, out),
        lambda out: export_html(ws, out),
        lambda out: claimreview_json(export_claimreview(ws), out),
        lambda out: export_claimreview(ws, out),
    ]
    for write in writers:
        with pytest.raises(VerifyError) as caught:
            write(str(tmp_path / name))
        for word in words:
            assert word.lower() in str(caught.value).lower(), str(caught.value)


def test_a_300_byte_output_name_on_the_command_line(tmp_path):
    one_error_line(verify("extract", str(SEED_ARTICLE), "-o", str(tmp_path / ("n" * 300 + ".csv"))),
                   "nnnn", "too long")


# --- files that hold a checker's work under another shape or name ---------------------------------

def _resaved_by_a_spreadsheet(path: Path, delimiter: str, encoding: str) -> bytes:
    """The worksheet as a spreadsheet in another locale saves it: ';' or tabs, UTF-8 or UTF-16."""
    import csv
    import io

    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("delimiter, encoding", [(";", "utf-8-sig"), ("\t", "utf-16")])
def test_extract_onto_a_worksheet_a_spreadsheet_resaved_is_refused(tmp_path, delimiter, encoding):
    path = _readme_worksheet(tmp_path)
    before = _resaved_by_a_spreadsheet(path, delimiter, encoding)
    again = verify("extract", str(SEED_ARTICLE), "-o", "claims/putin-kim-2024-it.csv", cwd=tmp_path)
    one_error_line(again, "is a worksheet", "--merge")
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", ["extract", "html", "claimreview"])
@pytest.mark.parametrize("beside", [".meta.json", ".log.jsonl", ".evidence.csv", ".lock"])
def test_nothing_is_written_over_the_files_beside_a_worksheet(tmp_path, kind, beside):
    ws = small_worksheet(tmp_path)
    target = ws.path.with_name(ws.path.stem + beside)
    before = target.read_bytes() if target.exists() else None
    done = verify(*write_command(kind, tmp_path, str(target)))
    one_error_line(done, target.name, "checker's work")
    assert (target.read_bytes() if target.exists() else None) == before
    reopened = Worksheet.open(ws.path)
    assert reopened.progress()[0] == 1 and reopened.history()


def test_nothing_is_written_over_the_source_registry(tmp_path):
    registry = tmp_path / "sources" / "registry.csv"
    registry.parent.mkdir()
    registry.write_text("source_id,url\ns-1,https://example.org/a\n", encoding="utf-8")
    done = verify("extract", str(SEED_ARTICLE), "-o", str(registry))
    one_error_line(done, "registry.csv", "checker's work")
    assert "s-1" in registry.read_text(encoding="utf-8")
