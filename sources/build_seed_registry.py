"""Rebuild the seed's demo source registry (verify/data/demo_sources/: registry.csv, snapshots/).

    .venv/bin/python sources/build_seed_registry.py [SOURCE_MAP] [FOLDER]

Reads the repository's copy of the seed's source map (tests/data/seed/source-map.md) and
writes the seed's rows into the shipped, read-only demo (see verify/evidence/seed_sources.py), never
into the live registry a checker adds to (sources/registry.csv, which starts as a copy of the
demo and is ignored by git). tests/evidence/test_sources.py checks that the committed demo is what this
script writes.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from verify.evidence.seed_sources import build_seed_registry  # noqa: E402
from verify.records.workspace import DEMO_SOURCES  # noqa: E402


def main(argv: list[str]) -> int:
    source_map = Path(argv[0]) if argv else ROOT / "tests" / "data" / "seed" / "source-map.md"
    folder = Path(argv[1]) if len(argv) > 1 else DEMO_SOURCES
    registry = build_seed_registry(folder, source_map)
    print(f"{registry.path}: {len(registry.sources)} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
