"""`python -m verify ...` works the same as `verify ...`."""

from .cli import main

raise SystemExit(main())
