"""Many articles at once (docs/design.md "Many articles at once"): `verify extract INPUT... -o OUT`
over real folders, real bad files, a real HTTP server on 127.0.0.1 and real Ctrl-C, in real
subprocesses; and the Python API, `extract_many` and `claims_frame`."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verify import SEED_ARTICLE, VerifyError, claims_frame, extract_many

SEED = SEED_ARTICLE.read_text(encoding="utf-8")
PARAGRAPHS = [p for p in SEED.split("\n\n") if p.strip()]


def verify(*args: str, stdin: str | None = None, cwd: Path | None = None, timeout: float = 300,
           **popen):
    return subprocess.run([sys.executable, "-m", "verify", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout,
                          cwd=cwd, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, **popen)


def article(i: int) -> str:
    """A varied ~10 KB article: the seed's paragraphs rotated, and figures of its own."""
    turn = i % len(PARAGRAPHS)
    body = "\n\n".join(PARAGRAPHS[turn:] + PARAGRAPHS[:turn])
    return (f"Il comune {i} ha ricevuto più di {1000 + i * 7} container\n\n{body}\n\n"
            f"Nel {1990 + i % 30} la città aveva {i * 13 + 2} scuole e il {i % 90 + 5}% dei "
            f"bambini le frequentava, secondo l'ufficio statistico.\n")


def archive(folder: Path, n: int) -> Path:
    """``n`` articles in a few subfolders, with .md and .html among them."""
    for i in range(n):
        sub = folder / f"giorno-{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        name, suffix = f"pezzo-{i:04d}", (".txt", ".md", ".txt")[i % 3]
        (sub / (name + suffix)).write_text(article(i), encoding="utf-8")
    return folder


def rows_of(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def blocks_of(rows: list[dict]) -> list[str]:
    """The article_ids in the order their rows come, each once: every article's rows together."""
    ids: list[str] = []
    for row in rows:
        if not ids or ids[-1] != row["article_id"]:
            ids.append(row["article_id"])
    return ids


def test_one_file_with_a_batch_option_gives_the_one_article_table(tmp_path):
    one, many = tmp_path / "one.csv", tmp_path / "many.csv"
    assert verify("extract", str(SEED_ARTICLE), "-o", str(one)).returncode == 0
    done = verify("extract", str(SEED_ARTICLE), "-o", str(many), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert many.read_bytes() == one.read_bytes()
    assert "1 article read" in done.stderr and "0 failed" in done.stderr


def test_a_folder_of_bad_files_goes_on_and_says_which_failed(tmp_path):
    arch = tmp_path / "arch"
    (arch / "roma").mkdir(parents=True)
    (arch / "milano").mkdir()
    (arch / "roma" / "report.txt").write_text(article(1), encoding="utf-8")
    (arch / "milano" / "report.txt").write_text(article(2), encoding="utf-8")
    (arch / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 20)
    (arch / "empty.md").write_bytes(b"")
    (arch / "huge.txt").write_bytes(b"Il governo ha stanziato 10 milioni di euro.\n" * 30_000)
    os.mkfifo(arch / "pipe.txt")  # would block a reader for ever
    (arch / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # dangling: cannot be opened
    (arch / "roma" / "up").symlink_to(arch, target_is_directory=True)  # a loop
    (arch / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(500))  # not an article: skipped
    out, errors = tmp_path / "out.csv", tmp_path / "errors.csv"

    done = verify("extract", str(arch), "-o", str(out), "--errors", str(errors),
                  "--jobs", "2", "--max-mb", "1", timeout=120)

    assert done.returncode == 3, done.stderr
    failed = {Path(r["input"]).name: r["problem"] for r in rows_of(errors)}
    assert set(failed) == {"binary.txt", "empty.md", "huge.txt", "pipe.txt", "gone.txt"}
    assert all(name in problem for name, problem in failed.items())
    assert "binary" in failed["binary.txt"] and "empty" in failed["empty.md"]
    assert "MB" in failed["huge.txt"]
    rows = rows_of(out)
    assert blocks_of(rows) == ["milano-report", "roma-report"]  # name order; the loop read once
    assert "2 articles read" in done.stderr and "5 failed" in done.stderr
    assert "Traceback" not in done.stderr


def test_same_names_given_by_name_get_distinct_ids(tmp_path):
    for town in ("roma", "milano"):
        (tmp_path / town).mkdir()
        (tmp_path / town / "report.txt").write_text(article(len(town)), encoding="utf-8")
    out = tmp_path / "out.csv"
    done = verify("extract", "roma/report.txt", "milano/report.txt", "roma/report.txt",
                  "-o", str(out), "--jobs", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    ids = blocks_of(rows_of(out))
    assert len(ids) == 2 and ids[0] == "report" and ids[1].startswith("report-")


def test_jobs_do_not_change_the_output(tmp_path):
    arch = archive(tmp_path / "arch", 24)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert verify("extract", str(arch), "-o", str(one), "--jobs", "1").returncode == 0
    assert verify("extract", str(arch), "-o", str(two), "--jobs", "2").returncode == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(blocks_of(rows_of(one))) == 24


def test_a_list_of_urls_with_dead_links(http_server, tmp_path):
    good = [http_server.route(f"/news/{i}.html", f"<html><body><article><h1>Notizia {i}</h1>"
                              f"<p>{article(i)}</p></article></body></html>") for i in range(3)]
    missing = http_server.url_for("/news/gone.html")  # 404
    broken = http_server.route("/news/broken.html", "oops", status=500)
    with_socket_closed = "http://127.0.0.1:9/nothing-listens-here.html"
    listed = [good[0], missing, good[1], broken, with_socket_closed, "", good[2]]
    out, errors = tmp_path / "out.csv", tmp_path / "errors.csv"

    done = verify("extract", "-", "-o", str(out), "--errors", str(errors), "--timeout", "5",
                  "--jobs", "2", stdin="\n".join(listed) + "\n", timeout=120)

    assert done.returncode == 3, done.stderr
    assert [r["input"] for r in rows_of(errors)] == [missing, broken, with_socket_closed]
    assert len(blocks_of(rows_of(out))) == 3
    assert "3 articles read" in done.stderr and "3 failed" in done.stderr


def test_ctrl_c_leaves_whole_articles_and_resume_completes_them(tmp_path):
    arch = archive(tmp_path / "arch", 150)
    whole, out = tmp_path / "whole.csv", tmp_path / "out.csv"
    assert verify("extract", str(arch), "-o", str(whole), "--jobs", "2").returncode == 0

    run = subprocess.Popen([sys.executable, "-m", "verify", "extract", str(arch), "-o", str(out),
                            "--jobs", "2"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while (not out.exists() or out.stat().st_size < 60_000) and time.monotonic() < deadline:
        time.sleep(0.01)
    run.send_signal(signal.SIGINT)
    stderr = run.communicate(timeout=60)[1]
    assert run.returncode == 130, stderr
    assert "--resume" in stderr and "Traceback" not in stderr

    # What is there is whole articles, each with all its rows.
    expected = {}
    for row in rows_of(whole):
        expected[row["article_id"]] = expected.get(row["article_id"], 0) + 1
    partial = rows_of(out)
    got = {}
    for row in partial:
        got[row["article_id"]] = got.get(row["article_id"], 0) + 1
    assert 0 < len(got) < 150
    assert all(expected[a] == n for a, n in got.items())

    done = verify("extract", str(arch), "-o", str(out), "--jobs", "2", "--resume")
    assert done.returncode == 0, done.stderr
    assert "already in the output" in done.stderr
    assert out.read_bytes() == whole.read_bytes()


def test_resume_reads_a_torn_last_article_again(tmp_path):
    arch = archive(tmp_path / "arch", 6)
    whole, out = tmp_path / "whole.csv", tmp_path / "out.csv"
    assert verify("extract", str(arch), "-o", str(whole), "--jobs", "1").returncode == 0
    data = whole.read_bytes()
    out.write_bytes(data[: len(data) * 2 // 3])  # a hard kill: a row cut in the middle
    done = verify("extract", str(arch), "-o", str(out), "--resume", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == data


def test_a_full_disk_leaves_whole_articles_and_says_so(tmp_path):
    import resource

    arch = archive(tmp_path / "arch", 12)
    whole, out = tmp_path / "whole.csv", tmp_path / "out.csv"
    assert verify("extract", str(arch), "-o", str(whole), "--jobs", "1").returncode == 0
    limit = whole.stat().st_size // 2  # the file may not grow past this: EFBIG, as a full disk

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = verify("extract", str(arch), "-o", str(out), "--jobs", "1", preexec_fn=small_disk)
    assert done.returncode == 1
    assert "out.csv" in done.stderr and "--resume" in done.stderr
    assert "Traceback" not in done.stderr
    assert whole.read_bytes().startswith(out.read_bytes())  # whole articles only
    assert out.read_bytes().endswith(b"\n") and 0 < out.stat().st_size <= limit
    assert verify("extract", str(arch), "-o", str(out), "--resume").returncode == 0
    assert out.read_bytes() == whole.read_bytes()


def test_a_worksheet_is_never_the_output(tmp_path):
    from verify import Worksheet

    ws = Worksheet.open(tmp_path / "ws.csv", article=SEED_ARTICLE)
    ws.set_verdict(ws.claims[0].claim_id, ws.labels[1], rationale="checked")
    before = ws.path.read_bytes()
    arch = archive(tmp_path / "arch", 2)
    for extra in ([], ["--resume"]):
        done = verify("extract", str(arch), "-o", str(ws.path), *extra)
        assert done.returncode == 1 and "worksheet" in done.stderr
        assert ws.path.read_bytes() == before


@pytest.mark.parametrize("args, words", [
    (["--resume"], "-o"),
    (["--merge", "-o", "x.csv"], "one INPUT"),
    (["--jobs", "0", "-o", "x.csv"], "processes"),
])
def test_usage_errors(tmp_path, args, words):
    arch = archive(tmp_path / "arch", 1)
    done = verify("extract", str(arch), *args, cwd=tmp_path)
    assert done.returncode == 2 and words in done.stderr


def test_parquet_is_written_or_clearly_refused(tmp_path):
    """Parquet needs the optional pyarrow: without it, a clear error and no file; with it, the
    same rows as the CSV."""
    arch = archive(tmp_path / "arch", 2)
    done = verify("extract", str(arch), "-o", str(tmp_path / "out.parquet"))
    try:
        import pyarrow.parquet as pq
    except ImportError:
        assert done.returncode == 1 and "pyarrow" in done.stderr
        assert not (tmp_path / "out.parquet").exists()
        return
    assert done.returncode == 0, done.stderr
    verify("extract", str(arch), "-o", str(tmp_path / "out.csv"))
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert table == rows_of(tmp_path / "out.csv")


# --- The Python API ------------------------------------------------------------------------------

def test_extract_many_yields_each_article_in_order(tmp_path):
    arch = archive(tmp_path / "arch", 5)
    (arch / "zz-empty.txt").write_bytes(b"")
    results = list(extract_many([arch], jobs=2))
    # the folder's own files first, then each subfolder's, in name order
    assert [Path(source).relative_to(arch).as_posix() for source, _ in results] == [
        "zz-empty.txt", "giorno-0/pezzo-0000.txt", "giorno-0/pezzo-0003.txt",
        "giorno-1/pezzo-0001.md", "giorno-1/pezzo-0004.md", "giorno-2/pezzo-0002.txt"]
    bad = dict(results)[str(arch / "zz-empty.txt")]
    assert isinstance(bad, VerifyError) and "empty" in str(bad)
    frame = claims_frame(results)
    assert list(frame.drop_duplicates("article_id")["article_id"]) == [
        r[1][0].article_id for r in results if isinstance(r[1], list)]
    assert len(frame) == sum(len(c) for _, c in results if isinstance(c, list))
    # The same as the command line's table, row for row.
    out = tmp_path / "out.csv"
    verify("extract", str(arch), "-o", str(out))
    assert list(frame["claim_id"]) == [r["claim_id"] for r in rows_of(out)]


# --- verify check over many articles ---------------------------------------------------------

def test_check_over_many_articles_gives_json_lines_with_article_ids(tmp_path):
    import json

    arch = archive(tmp_path / "arch", 6)
    (arch / "empty.txt").write_bytes(b"")
    one = verify("check", str(arch), "--jobs", "1", "--errors", str(tmp_path / "errors.csv"))
    two = verify("check", str(arch), "--jobs", "2")
    assert one.returncode == two.returncode == 3, one.stderr
    assert one.stdout == two.stdout
    assert [Path(r["input"]).name for r in rows_of(tmp_path / "errors.csv")] == ["empty.txt"]
    lines = [json.loads(line) for line in one.stdout.splitlines()]
    assert lines and all(list(line)[0] == "article_id" for line in lines)
    # An article's lines are the one-article command's, each led by its article_id.
    first = arch / "giorno-0" / "pezzo-0000.txt"
    alone = [json.loads(line) for line in verify("check", str(first)).stdout.splitlines()]
    assert [line for line in lines if line["article_id"] == "giorno-0-pezzo-0000"] == [
        {"article_id": "giorno-0-pezzo-0000", **line} for line in alone]
    assert "6 articles read" in one.stderr and "1 failed" in one.stderr


def test_a_progress_bar_on_a_terminal_and_a_summary_either_way(tmp_path):
    import pty

    arch = archive(tmp_path / "arch", 3)
    leader, follower = pty.openpty()
    run = subprocess.Popen([sys.executable, "-m", "verify", "extract", str(arch), "-o",
                            str(tmp_path / "out.csv")], stderr=follower, stdout=subprocess.DEVNULL)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    assert run.wait(timeout=120) == 0
    os.close(leader)
    text = shown.decode("utf-8", "replace")
    assert "3 articles" in text and "\r" in text  # tqdm redraws its line: "3 articles [00:00, ...]"
    assert "3 articles read" in text  # the summary
    piped = verify("extract", str(arch), "-o", str(tmp_path / "again.csv"))
    assert "\r" not in piped.stderr and piped.stderr.strip().count("\n") == 0


def test_an_empty_folder_says_so(tmp_path):
    (tmp_path / "arch" / "pictures").mkdir(parents=True)
    (tmp_path / "arch" / "pictures" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(100))
    done = verify("extract", str(tmp_path / "arch"), "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 0 and "no articles found" in done.stderr
    assert rows_of(tmp_path / "out.csv") == []
