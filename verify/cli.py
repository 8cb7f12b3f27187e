"""The `verify` command line (DESIGN.md contract).

    verify extract ARTICLE [-o OUT.csv] [--lang it|en]
    verify numbers [TEXT] [--lang it|en] [--lines] [--year YYYY] [--explain]
    verify check ARTICLE [--lang it|en]

Bad input gives one line on standard error that names the input and the problem, and exit
status 1; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .errors import VerifyError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except VerifyError as err:
        _say(f"error: {err}")
        return EXIT_ERROR
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
    extract.add_argument("article", help="path to a .txt, .md or .html file, or an http(s) URL")
    extract.add_argument("-o", "--output", help="CSV file to write (default: standard output)")
    extract.add_argument("--lang", choices=("it", "en"), help="article language (default: detected)")
    extract.add_argument(
        "--max-mb", type=float, default=5.0,
        help="refuse articles larger than this many megabytes (default: 5)",
    )
    extract.add_argument(
        "--timeout", type=float, default=60.0, metavar="S",
        help="give up on a URL after this many seconds, retries included (default: 60)",
    )
    extract.set_defaults(run=_extract)

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
    check.add_argument("article", help="path to a .txt, .md or .html file, or an http(s) URL")
    check.add_argument("--lang", choices=("it", "en"), help="article language (default: detected)")
    check.add_argument(
        "--max-mb", type=float, default=5.0,
        help="refuse articles larger than this many megabytes (default: 5)",
    )
    check.add_argument(
        "--timeout", type=float, default=60.0, metavar="S",
        help="give up on a URL after this many seconds, retries included (default: 60)",
    )
    check.set_defaults(run=_check)
    return parser


def _extract(args) -> int:
    from .articles import load_article
    from .claims import extract_claims, write_claims_csv

    article = load_article(args.article, lang=args.lang, max_bytes=int(args.max_mb * 1_000_000),
                           timeout=args.timeout)
    for warning in article.warnings:
        _say(f"warning: {warning}")
    claims = extract_claims(article)
    if args.output:
        write_claims_csv(claims, args.output)
        _say(f"{len(claims)} claims from {args.article} written to {args.output}")
    else:
        write_claims_csv(claims, sys.stdout)
    return EXIT_OK


def _numbers(args) -> int:
    from .language import detect_language
    from .numbers import find_mentions

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
    from .articles import load_article
    from .consistency import check_article

    article = load_article(args.article, lang=args.lang, max_bytes=int(args.max_mb * 1_000_000),
                           timeout=args.timeout)
    for warning in article.warnings:
        _say(f"warning: {warning}")
    for finding in check_article(article):
        print(json.dumps(finding.to_json(), ensure_ascii=False))
    return EXIT_OK


def _say(message: str) -> None:
    print(f"verify: {message}", file=sys.stderr)
