"""The `verify` command line (docs/design.md contract).

    verify extract ARTICLE [-o OUT.csv [--merge]] [--lang it|en] [--max-mb N] [--timeout S]
    verify extract INPUT... [-o OUT.csv|OUT.parquet] [--jobs N] [--resume] [--errors ERRORS.csv]
    verify numbers [TEXT] [--lang it|en] [--lines] [--year YYYY] [--explain]
    verify check ARTICLE [--lang it|en]
    verify check INPUT... [--jobs N] [--errors ERRORS.csv]
    verify export WORKSHEET --format csv|html|claimreview [-o OUT] [--bom] [--organization NAME]
                  [--org-url URL] [--report-url URL] [--article-url URL] [--scale NAME|FILE]
    verify factchecks import FILE... [--archive PATH]
    verify factchecks match ARTICLE|WORKSHEET [--archive PATH] [--limit N]

Bad input gives one line on standard error that names the input and the problem, and exit
status 1; never a traceback. Many articles (``verify.batch.run``) exit with 3 when some failed. Every -o goes through ``verify.records.output``: written atomically, a
symlink's target written, a folder, FIFO or device refused, a worksheet never overwritten.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from typing import Sequence

from ..checking.scales import scale_names  # the scales folder, listed: no list to keep in step
from ..errors import VerifyError
from ..reports.formats import EXPORT_FORMATS

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except VerifyError as err:
        _say(f"error: {err}")
        return EXIT_ERROR
    except BrokenPipeError:
        # `verify check ... | head`: the reader has what it wanted. Point stdout at devnull so
        # Python's own flush at exit does not complain a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as err:  # writing -o into a missing folder, a full disk...
        where = getattr(err, "filename", None) or ""
        _say(f"error: {where + ': ' if where else ''}{err.strerror or err}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say("interrupted")
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verify", description="Claim verification workbench for fact-checkers."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = sub.add_parser(
        "extract", help="write the claims table of an article (.txt, .md, .html file or URL)"
    )
    # -o first: --help lists the options in the order they are added
    extract.add_argument("-o", "--output", help="CSV file to write (default: standard output); "
                         "an existing worksheet is refused, unless --merge")
    extract.add_argument("--merge", action="store_true",
                         help="when OUT is a worksheet, re-extract into it: claims merged by "
                              "claim_id, every verdict kept")
    _article_arguments(extract, many=True)
    extract.add_argument("--jobs", type=_whole_number, metavar="N",
                         help="many articles: worker processes (default: one per core)")
    extract.add_argument("--resume", action="store_true",
                         help="many articles: keep the articles already in OUT, read the rest")
    extract.add_argument("--errors", metavar="ERRORS.csv",
                         help="many articles: write each failed article (input, problem) here")
    extract.set_defaults(run=_extract, usage_error=extract.error)

    numbers = sub.add_parser(
        "numbers", help="print every number mention in TEXT as JSON (how a figure is read)"
    )
    numbers.add_argument("text", nargs="?", default="-", help="the text; '-' or absent: standard input")
    numbers.add_argument("--lang", choices=("it", "en"), help="language (default: detected)")
    numbers.add_argument(
        "--lines", action="store_true",
        help="read each input line on its own; print one JSON array per line",
    )
    numbers.add_argument("--year", type=int, help="the article's year, for 'last year' and the like")
    numbers.add_argument(
        "--explain", action="store_true", help="add whether each mention is checkable, and why not"
    )
    numbers.set_defaults(run=_numbers)

    check = sub.add_parser(
        "check", help="print the article's consistency findings as JSON lines (dates, weekdays, figures)"
    )
    _article_arguments(check, many=True)
    check.add_argument("--jobs", type=_whole_number, metavar="N",
                       help="many articles: worker processes (default: one per core)")
    check.add_argument("--errors", metavar="ERRORS.csv",
                       help="many articles: write each failed article (input, problem) here")
    check.set_defaults(run=_check, usage_error=check.error, resume=False, output=None)

    export = sub.add_parser(
        "export", help="write a worksheet's verdicts as an editor CSV, an HTML report or "
                       "ClaimReview JSON-LD",
    )
    export.add_argument("worksheet", help="the worksheet CSV (claims/<article>.csv)")
    export.add_argument("--format", required=True, choices=tuple(EXPORT_FORMATS),
                        help="; ".join(f"{f.name}: {f.description}"
                                       for f in EXPORT_FORMATS.values()))
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.add_argument("--bom", action="store_true",
                        help="csv: start with a UTF-8 byte order mark (for Excel)")
    export.add_argument("--organization", default="", metavar="NAME",
                        help="the fact-checking organization: report header, ClaimReview author")
    export.add_argument("--org-url", default="", metavar="URL",
                        help="claimreview: the organization's web address")
    export.add_argument("--report-url", default="", metavar="URL",
                        help="claimreview: where the HTML report is published (each review's "
                             "url is URL#claim-<id>)")
    export.add_argument("--article-url", default="", metavar="URL",
                        help="the article's address, when the worksheet was made from a file")
    export.add_argument("--scale", metavar="NAME|FILE",
                        help=f"the verdict scale's ratings: {', '.join(scale_names())}, or a "
                             "scale CSV (default: the one with the worksheet's labels)")
    export.set_defaults(run=_export)
    _factchecks_parser(sub)
    return parser


def _article_arguments(command: argparse.ArgumentParser, many: bool = False) -> None:
    """ARTICLE and the options that say how to load it (``extract``, ``check``). With ``many``,
    one or more INPUTs: files, folders, URLs, or '-' for a list on standard input."""
    if many:
        command.add_argument("inputs", nargs="+", metavar="INPUT",
                             help="a .txt, .md or .html file, an http(s) URL, a folder (read "
                                  "recursively), or '-': one path or URL per line on standard "
                                  "input. More than one article: one combined claims table")
    else:
        command.add_argument("article", help="path to a .txt, .md or .html file, or an http(s) URL")
    command.add_argument("--lang", choices=("it", "en"),
                         help="article language (default: detected)")
    command.add_argument(
        "--max-mb", type=_above_zero(example="5", most=1_000_000), default=5.0, metavar="N",
        help="refuse articles larger than this many megabytes (default: 5)",
    )
    command.add_argument(
        "--timeout", type=_above_zero(example="60", most=86_400), default=60.0, metavar="S",
        help="give up on a URL after this many seconds, retries included (default: 60)",
    )


def _whole_number(text: str) -> int:
    """An argparse type: a whole number of worker processes, 1 or more."""
    if not re.fullmatch(r"\s*\d+\s*", text) or not 1 <= int(text) <= 1024:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes from 1 to "
                                         "1024; give one, e.g. 2")
    return int(text)


def _above_zero(*, example: str, most: float):
    """An argparse type: a number above 0 and at most ``most``. float() alone takes 'nan',
    'inf' and negatives, which a size or a deadline cannot be (nan would never time out)."""
    def number(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and 0 < value <= most):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a number above 0 (and at most {most:,.0f}); give one, "
                f"e.g. {example}")
        return value
    return number


def _load_article(args):
    """The article the arguments of ``_article_arguments`` name; its warnings go to stderr."""
    from ..reading.articles import load_article

    article = load_article(args.article, lang=args.lang, max_bytes=int(args.max_mb * 1_000_000),
                           timeout=args.timeout)
    for warning in article.warnings:
        _say(f"warning: {warning}")
    return article


def _extract(args) -> int:
    if _is_batch(args):
        return _extract_batch(args)
    args.article = args.inputs[0]
    from ..reading.claims import extract_claims, write_claims_csv
    from ..records.output import checked_claims, output_target, refuse_worksheet

    out = args.output if args.output and args.output != "-" else None
    if out is None:
        write_claims_csv(extract_claims(_load_article(args)), sys.stdout)
        return EXIT_OK
    # Refuse a bad -o before the article is read (a URL may take a minute).
    target = output_target(out)
    if args.merge and checked_claims(target) is not None:
        return _merge_into_worksheet(args, out, target)
    refuse_worksheet(out)
    claims = extract_claims(_load_article(args))
    write_claims_csv(claims, out)
    _say(f"{len(claims)} claims from {args.article} written to {out}")
    return EXIT_OK


def _is_batch(args) -> bool:
    """Many articles (docs/design.md): more than one INPUT, a folder, '-', or a batch option. One
    file or URL alone keeps the one-article behaviour and output."""
    inputs = args.inputs
    return (len(inputs) > 1 or args.jobs is not None or args.resume or args.errors is not None
            or any(i == "-" or (not re.match(r"(?i)https?://", i) and os.path.isdir(i))
                   for i in inputs))


def _extract_batch(args) -> int:
    """``verify extract INPUT... [-o OUT] [--jobs N] [--resume] [--errors FILE]``: one combined
    claims table, written as the work goes (``verify.batch.run``). Exit status 0 when every article
    was read, 3 when some failed."""
    import time

    from ..batch import run as batch
    from ..batch import output as batch_output

    out = args.output if args.output and args.output != "-" else None
    parquet = _check_batch_options(args, out)
    # The errors file first: a bad --errors is refused before OUT is touched.
    errors = batch_output.ErrorsFile(args.errors) if args.errors is not None else None
    try:
        table = (batch_output.ParquetFile(out) if parquet
                 else batch_output.ClaimsFile(out, resume=args.resume) if out
                 else batch_output.StandardOutput(sys.stdout.buffer))
    except BaseException:
        if errors:
            errors.close()
        raise
    settings = batch.Settings(lang=args.lang, max_bytes=int(args.max_mb * 1_000_000),
                              timeout=args.timeout)
    tally = _Tally(time.monotonic())
    skipped = [0]

    def still_to_do(items):
        for item in items:
            if item.article_id in table.done and not item.problem:
                skipped[0] += 1
            else:
                yield item

    items = still_to_do(batch.articles_in(args.inputs, sys.stdin))
    results = batch.blocks(items, settings, args.jobs or os.cpu_count() or 1)
    try:
        _each_article(results, tally, errors, table.add)
        if parquet:
            table.finish()
    except KeyboardInterrupt:
        _say(tally.line(skipped[0]) + (f"; interrupted: {out} holds the articles finished, each "
                                       "one whole; run the same command with --resume to "
                                       "complete it" if out else "; interrupted"))
        return 130
    finally:
        table.close()
        if errors:
            errors.close()
    if tally.read + tally.failed + skipped[0] == 0:
        _say("warning: no articles found: a folder is read for .txt, .md, .html and .htm files")
    _say(tally.line(skipped[0]) + (f"; written to {out}" if out else ""))
    return EXIT_OK if tally.failed == 0 else EXIT_SOME_FAILED


def _check_batch_options(args, out: str | None) -> bool:
    """Usage errors (exit status 2) before any work; True when OUT is a Parquet file."""
    from ..batch import output as batch_output

    if args.merge:
        args.usage_error("--merge re-extracts one article into its worksheet; give one INPUT")
    if args.resume and out is None:
        args.usage_error("--resume adds to the file given with -o; give -o OUT")
    if out is not None and args.errors is not None and \
            os.path.realpath(out) == os.path.realpath(args.errors):
        args.usage_error("--errors and -o name the same file; give two files")
    parquet = out is not None and out.lower().endswith(".parquet")
    if parquet:
        if args.resume:
            args.usage_error("--resume works with a .csv OUT (a Parquet file is only readable "
                             "once closed)")
        batch_output.parquet_needs_pyarrow(out)
    return parquet


def _each_article(results, tally, errors, write) -> None:
    """Each article's result in input order: its output written, or its failure said on
    standard error (and in ``--errors``). The pool stops when this returns or is interrupted."""
    from ..batch import run as batch

    try:
        with _progress() as bar:
            for item, result in results:
                if isinstance(result, BaseException):
                    tally.failed += 1
                    bar.say(f"error: {batch.problem_of(result)}")
                    if errors:
                        errors.add(item.input, batch.problem_of(result))
                else:
                    data, count = result
                    write(data)
                    tally.read += 1
                    tally.found += count
                bar.update()
    finally:
        results.close()


class _Tally:
    """The one-line summary of a batch: articles, claims (or findings), failures, seconds."""

    def __init__(self, started: float, what: str = "claims"):
        self.started, self.what, self.read, self.found, self.failed = started, what, 0, 0, 0

    def line(self, skipped: int = 0) -> str:
        import time

        seconds = time.monotonic() - self.started
        return (f"{self.read} article{'s' if self.read != 1 else ''} read, {self.found} "
                f"{self.what}, "
                f"{self.failed} failed" + (f", {skipped} already in the output" if skipped else "")
                + f", {seconds:.1f} s")


class _progress:
    """A tqdm progress bar on standard error when it is a terminal; else nothing. ``say``
    prints a line either way without breaking the bar."""

    def __enter__(self):
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)
        return self

    def update(self) -> None:
        if self.bar is not None:
            self.bar.update()

    def say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(f"verify: {message}", file=sys.stderr)
        else:
            _say(message)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


def _merge_into_worksheet(args, out: str, target) -> int:
    """``extract -o WORKSHEET --merge``: what ``Worksheet.open(path, article=...)`` does, the
    claims merged by claim_id and every verdict kept (one whose claim is gone as an orphan)."""
    from ..errors import WorksheetError
    from ..checking.worksheet import Worksheet

    article = _load_article(args)
    try:
        ws = Worksheet.open(target, article=article)
    except WorksheetError as err:
        raise WorksheetError(_one_line(err), source=err.source or out, row=err.row,
                             column=err.column, problems=err.problems) from None
    checked, total = ws.progress()
    orphans = len(ws.orphans)
    kept = checked + orphans
    _say(f"{total} claims from {args.article} merged into the worksheet {out}: {kept} "
         f"verdict{'s' if kept != 1 else ''} kept"
         + (f" ({orphans} orphaned: their claim is no longer in the article)" if orphans else ""))
    return EXIT_OK


def _numbers(args) -> int:
    from ..reading.language import detect_language
    from ..grammar import find_mentions

    text = sys.stdin.read() if args.text == "-" else args.text
    lang = args.lang or detect_language(text)

    def as_json(line: str) -> str:
        mentions = find_mentions(line, lang, year=args.year)
        return json.dumps([m.to_json(explain=args.explain) for m in mentions], ensure_ascii=False)

    if args.lines:
        # Only "\n" ends a line: conformance inputs may hold other Unicode line separators.
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for line in lines:
            print(as_json(line.removesuffix("\r")))
    else:
        print(as_json(text))
    return EXIT_OK


def _check(args) -> int:
    if _is_batch(args):
        return _check_batch(args)
    args.article = args.inputs[0]
    from ..checking.consistency import check_article

    for finding in check_article(_load_article(args)):
        print(json.dumps(finding.to_json(), ensure_ascii=False))
    return EXIT_OK


def _check_batch(args) -> int:
    """``verify check INPUT... [--jobs N] [--errors FILE]``: every article's findings as JSON
    lines, each with its ``article_id``, articles in input order. Exit status 3 when some
    articles could not be read."""
    import time

    from ..batch import run as batch
    from ..batch import output as batch_output

    errors = batch_output.ErrorsFile(args.errors) if args.errors is not None else None
    settings = batch.Settings(lang=args.lang, max_bytes=int(args.max_mb * 1_000_000),
                              timeout=args.timeout)
    tally = _Tally(time.monotonic(), what="findings")
    out = batch_output.StandardOutput(sys.stdout.buffer, header=False)
    results = batch.findings(batch.articles_in(args.inputs, sys.stdin), settings,
                             args.jobs or os.cpu_count() or 1)
    try:
        _each_article(results, tally, errors, out.add)
    except KeyboardInterrupt:
        _say(tally.line() + "; interrupted")
        return 130
    finally:
        if errors:
            errors.close()
    _say(tally.line())
    return EXIT_OK if tally.failed == 0 else EXIT_SOME_FAILED


def _export(args) -> int:
    from pathlib import Path

    from ..errors import WorksheetError
    from ..checking.scales import load_scale
    from ..checking.worksheet import Worksheet

    path = Path(args.worksheet)
    if path.is_dir():
        raise WorksheetError(f"{path} is a folder; give the worksheet's CSV file in it "
                             "(claims/<article>.csv)", source=str(path))
    if not path.exists():
        raise WorksheetError(f"{path}: no such worksheet; give the path of a worksheet CSV "
                             "(the workbench saves them as claims/<article>.csv)",
                             source=str(path))
    scale = load_scale(args.scale) if args.scale else None
    try:
        return _write_export(args, path, Worksheet.open(path, read_only=True), scale)
    except WorksheetError as err:
        raise WorksheetError(_one_line(err), source=err.source or str(path), row=err.row,
                             column=err.column, problems=err.problems) from None


def _one_line(err: VerifyError) -> str:
    """A worksheet error (which lists up to ten problems, one a line, then what to do) as the
    one line every error of the command line is: the first problem, how many more, the fix.
    How many comes from the error's ``problems``, not from the message's lines: a cell may
    hold a line break."""
    message = str(err)
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if len(lines) < 2:
        return " ".join(lines)
    first, hint = lines[0], " " + lines[-1]
    if err.problems:  # the first problem to the end of its words, line breaks and all
        words = err.problems[0].message
        end = message.find(words)
        if end >= 0:
            first = " ".join(line.strip() for line in message[:end + len(words)].splitlines()
                             if line.strip())
    more = len(err.problems) - 1
    return first.rstrip(".") + (
        f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else "") + "." + hint


def _write_export(args, path, ws, scale) -> int:
    from ..checking.scales import scale_for_labels

    if scale is None and args.format == "claimreview":
        fitted = scale_for_labels(ws.labels)
        if not any(r.is_rating for r in fitted.ratings):
            _say(f"warning: {path}: the worksheet's verdict labels are not those of a known "
                 "scale, so each ClaimReview gives its label only (no ratingValue); give "
                 "--scale NAME|FILE for the numbers")
    if args.format == "claimreview" and not args.report_url:
        _say("warning: no --report-url: each ClaimReview's url is only its anchor "
             "(#claim-<id>); give the address the HTML report is published at")
    out = args.output if args.output and args.output != "-" else None
    fmt = EXPORT_FORMATS[args.format]
    built = fmt.write(ws, out, bom=args.bom, organization=args.organization,
                      org_url=args.org_url, report_url=args.report_url,
                      article_url=args.article_url, scale=scale)
    if out is None:
        sys.stdout.write(fmt.text(built))
    else:
        _say(f"{args.format} export of {path} written to {out}")
    return EXIT_OK


def _say(message: str) -> None:
    print(f"verify: {message}", file=sys.stderr)


# --- verify factchecks (past fact-checks: verify.evidence.factchecks) ----------------------------------

def _factchecks_parser(sub) -> None:
    factchecks = sub.add_parser(
        "factchecks", help="past fact-checks: import ClaimReview files, match an article's "
                           "claims against them")
    commands = factchecks.add_subparsers(dest="factchecks_command", required=True,
                                         metavar="import|match")
    archive_help = ("the archive file (default: VERIFY_FACTCHECKS, else "
                    "factchecks/archive.sqlite in the workspace)")
    add = commands.add_parser("import", help="import ClaimReview JSON-LD, HTML pages with it, "
                                             "or CSV (claim_reviewed, rating, url, author, "
                                             "date_published, language)")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--archive", metavar="PATH", help=archive_help)
    add.set_defaults(run=_factchecks_import)
    match = commands.add_parser("match", help="print, as JSON lines, the past fact-checks that "
                                              "may check each claim of ARTICLE or WORKSHEET")
    match.add_argument("source", metavar="ARTICLE|WORKSHEET",
                       help="an article (.txt, .md, .html file or URL) or a worksheet CSV")
    match.add_argument("--archive", metavar="PATH", help=archive_help)
    match.add_argument("--limit", type=_matches_per_claim, default=5, metavar="N",
                       help="matches per claim (default: 5)")
    match.add_argument("--lang", choices=("it", "en"), help="article language (default: detected)")
    match.set_defaults(run=_factchecks_match, max_mb=5.0, timeout=60.0)


def _matches_per_claim(text: str) -> int:
    if not re.fullmatch(r"\s*\d+\s*", text) or not 1 <= int(text) <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of matches from 1 to 100; "
                                         "give one, e.g. 5")
    return int(text)


def _factchecks_import(args) -> int:
    from .factchecks import run_import

    return run_import(args.files, args.archive, _say)


def _factchecks_match(args) -> int:
    from .factchecks import run_match

    def load(source: str):
        args.article = source
        return _load_article(args)

    return run_match(args.source, args.archive, args.limit, load)
