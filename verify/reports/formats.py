"""The export formats, one entry each: what ``verify export --format`` offers and runs, what
``export_all`` writes for every worksheet, and the export functions ``verify`` makes public.

    fmt = EXPORT_FORMATS["html"]
    fmt.write(ws, "out/report.html", organization="Facta", bom=True)   # options it lacks: ignored
    fmt.text(fmt.write(ws))                                            # the text, for stdout

A format is added with one entry: its name, file suffix, a few words for the command line's
help, and its function, ``export_X(ws, out=None, **options)``, which builds the export, writes it
to ``out`` when given one (through ``verify.records.output``, like the others) and returns what it
built (docs/design.md, "adding an export format"). ``options`` lists the keyword options it
takes among the command line's: ``bom``, ``organization``, ``org_url``, ``report_url``,
``article_url`` and ``scale``.

This module imports nothing of the exports until one is run: ``import verify`` and the command
line's parser read the table, and must stay quick.
"""

from __future__ import annotations

import importlib
from collections import namedtuple
from collections.abc import Callable


OPTIONS = ("bom", "organization", "org_url", "report_url", "article_url", "scale")
"""Every keyword option an export may take, as the command line names them (``--org-url`` is
``org_url``)."""


# A named tuple from collections, not typing.NamedTuple: `import verify` reads this table, and
# importing typing would be most of its time.
_FIELDS = namedtuple("ExportFormat", ["name", "suffix", "description", "function", "module",
                                      "options", "text_function"],
                     defaults=["verify.reports.export", (), ""])


class ExportFormat(_FIELDS):
    """One export format.

    - ``name``: ``--format NAME``, and the column of ``export_all``'s table;
    - ``suffix``: the end of the file name ``export_all`` writes (``.claimreview.json``);
    - ``description``: what it is, in a few words, for ``verify export --help``;
    - ``function``: the export function's name in ``module``,
      ``export_X(ws, out=None, **options)``;
    - ``module``: where the function lives (imported when the format is first run), by
      default ``verify.reports.export``;
    - ``options``: the keyword options of ``OPTIONS`` the function takes;
    - ``text_function``: for a function that returns something other than its text
      (ClaimReview's list of reviews), the function in ``module`` that makes the text of it;
      empty when the result is the text.
    """

    __slots__ = ()

    def load(self) -> Callable:
        """The export function."""
        return getattr(importlib.import_module(self.module), self.function)

    def write(self, ws, out=None, **options) -> object:
        """Run the export on ``ws``, writing ``out`` when given; returns what the function
        built. Options the format does not take are left out, so one set of options serves
        every format."""
        return self.load()(ws, out, **{k: v for k, v in options.items() if k in self.options})

    def text(self, built: object) -> str:
        """The text of what ``write`` returned: what the file holds."""
        if not self.text_function:
            return built
        return getattr(importlib.import_module(self.module), self.text_function)(built)


EXPORT_FORMATS: dict[str, ExportFormat] = {fmt.name: fmt for fmt in (
    ExportFormat("csv", ".csv", "the editor table", "export_csv",
                 options=("bom", "article_url")),
    ExportFormat("html", ".html", "the report", "export_html",
                 options=("organization", "article_url", "scale")),
    ExportFormat("claimreview", ".claimreview.json", "JSON-LD", "export_claimreview",
                 options=("report_url", "organization", "org_url", "article_url", "scale"),
                 text_function="claimreview_json"),
)}
"""The export formats by name, in the order the command line lists them."""
