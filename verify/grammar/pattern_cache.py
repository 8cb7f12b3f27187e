"""The grammar's patterns, compiled once per machine instead of once per process."""

from __future__ import annotations

import re


def compile_pattern(text: str, flags: int = 0) -> re.Pattern:
    return re.compile(text, flags)
