"""Rebuild the seed's demo source registry (sources/registry.csv and its snapshots).

    .venv/bin/python sources/build_seed_registry.py [SOURCE_MAP] [FOLDER]

Reads the repository's copy of the seed's source map (tests/data/seed/source-map.md) and
writes the seed's rows into sources/ (see verify/seed_sources.py); sources a checker added are
kept. tests/test_sources.py checks that the committed registry is what this script writes.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from verify.seed_sources import build_seed_registry  # noqa: E402


def main(argv: list[str]) -> int:
    source_map = Path(argv[0]) if argv else ROOT / "tests" / "data" / "seed" / "source-map.md"
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "sources"
    registry = build_seed_registry(folder, source_map)
    print(f"{registry.path}: {len(registry.sources)} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
