"""A snapshot of everything the extractor outputs, to prove a speed change changes none of it.

    python bench/snapshot.py /tmp/before              # on the code before the change
    python bench/snapshot.py /tmp/after --like /tmp/before
    diff -r /tmp/before /tmp/after && echo IDENTICAL

What it writes, one file each: the blocks (type, span, why), the metadata, the sentences and the
claims CSV of the seed, of the 1 MB benchmark corpus and of variants of them (reflowed, read as
the other language); the number mentions (every field) of every conformance string and corpus
paragraph in both languages; and the same for random strings and random pages made from the
grammar's own words. ``--like`` takes the random inputs from an earlier snapshot, so that a change
to the lexicon, which the random strings are drawn from, does not change the inputs themselves.

Not a test: a speed change is meant to leave all of this identical, a grammar change to change
some of it, which ``diff`` then shows line by line. Used for the speed work of issue 2 (the
README's benchmark section).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import verify.grammar.lexicon as L  # noqa: E402
from bench_extract import corpus  # noqa: E402
from verify.reading.articles import SEED_ARTICLE, load_article  # noqa: E402
from verify.reading.claims import claims_csv, extract_claims  # noqa: E402
from verify.grammar import find_mentions  # noqa: E402
from verify.reading.sentences import split_sentences  # noqa: E402

CONFORMANCE = ROOT / "tests" / "data" / "conformance"
# Pieces the random strings are made of besides the lexicon's words.
EXTRA = ["10.000", "260.000", "3,5", "1.5", "10,000", "+1,4%", "-0,5%", "2024", "1961", "’80s",
         "anni", "il", "la", "i", "due", "tra", "e", "per", "la prima volta", "dopo", "24", "19",
         "giugno", "June", ",", ".", "(", ")", "“", "”", "-", "/", ":", "10.30", "$", "€", "%",
         "Putin", "Kim", "ha detto", "secondo", "alle", "nel", "dal", "al", "the", "of", "in",
         "World", "War", "II", "seconda", "guerra", "mondiale", "3°", "21st", "15esimo", "\n"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write the snapshot to")
    parser.add_argument("--like", type=Path, help="an earlier snapshot whose random inputs to reuse")
    args = parser.parse_args()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    big = corpus()
    articles = {
        "seed_it": (seed, "it"), "seed_en": (seed, "en"), "seed_oneline": (seed.replace("\n", " "), "it"),
        "corpus_it": (big, "it"), "corpus_en": (big[:300_000], "en"),
        "corpus_paras_en": ("\n".join(big[:200_000].split("\n\n")), "en"),
    }
    for name, (text, lang) in articles.items():
        write_article(out, name, text, lang)

    strings = conformance_strings() + [line for line in seed.splitlines() if line.strip()]
    strings += list(dict.fromkeys(big[:200_000].split("\n\n")))
    write_mentions(out / "mentions.jsonl", [(lang, s) for s in strings for lang in ("it", "en")])

    inputs = random_inputs(seed, big) if args.like is None else json.loads(
        (args.like / "random_inputs.json").read_text(encoding="utf-8"))
    (out / "random_inputs.json").write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
    write_mentions(out / "fuzz.jsonl", [tuple(x) for x in inputs["strings"]])
    with open(out / "pages.csv", "w", encoding="utf-8") as f:
        for lang, page in inputs["pages"]:
            article = load_article(text=page, lang=lang)
            f.write(json.dumps([[b.kind, b.start, b.end] for b in article.blocks]) + "\n")
            f.write(claims_csv(extract_claims(article)))
    print(f"snapshot written to {out}")


def write_article(out: Path, name: str, text: str, lang: str) -> None:
    article = load_article(text=text, lang=lang)
    (out / f"{name}.blocks.json").write_text(json.dumps(
        [[b.kind, b.start, b.end, b.why] for b in article.blocks], ensure_ascii=False, indent=0))
    meta = dict(title=article.title, dateline=article.dateline, published=article.published,
                lang=article.lang, article_id=article.article_id, warnings=list(article.warnings))
    (out / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False))
    sentences = split_sentences(article.text, list(article.blocks))
    (out / f"{name}.sentences.json").write_text(json.dumps(
        [[s.start, s.end, s.block] for s in sentences], indent=0))
    (out / f"{name}.claims.csv").write_text(claims_csv(extract_claims(article)))


def write_mentions(path: Path, inputs: list[tuple[str, str]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for lang, text in inputs:
            mentions = [m.to_json(explain=True) | {"number_start": m.number_start,
                                                   "number_end": m.number_end}
                        for m in find_mentions(text, lang, year=2024)]
            f.write(json.dumps([lang, text, mentions], ensure_ascii=False) + "\n")


def conformance_strings() -> list[str]:
    """Every input string of the peers' conformance data."""
    found: list[str] = []

    def walk(x):
        if isinstance(x, dict):
            for key, value in x.items():
                if key in ("Input", "req") and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(x, list):
            for value in x:
                walk(value)

    for path in sorted(CONFORMANCE.rglob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def random_inputs(seed: str, big: str) -> dict:
    """12,000 strings of the lexicon's words and number pieces, and 40 pages of shuffled lines."""
    rng = random.Random(7)
    vocab = set()
    for name in dir(L):
        value = getattr(L, name)
        if isinstance(value, dict):
            vocab |= {k for k in value if isinstance(k, str)}
        elif isinstance(value, (list, tuple, set, frozenset)):
            vocab |= {k for k in value if isinstance(k, str) and len(k) < 30}
    pool = sorted(w for w in vocab if w.strip()) + EXTRA * 5
    strings = []
    for i in range(12_000):
        words = [rng.choice(pool) for _ in range(rng.randint(1, 14))]
        if rng.random() < 0.3:
            words = [w.capitalize() for w in words]
        strings.append(("it" if i % 2 else "en", (" " if rng.random() < 0.8 else "").join(words)))
    lines = [line for line in (seed + "\n" + big[:60_000]).splitlines() if line.strip()]
    pages = [("it" if i % 2 else "en", "\n".join(rng.sample(lines, rng.randint(3, 30))))
             for i in range(40)]
    return {"strings": strings, "pages": pages}


if __name__ == "__main__":
    main()
