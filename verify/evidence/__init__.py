"""Stage 3, sources and evidence: the source registry (``sources``), the passages of a source
that bear on a claim (``passages``), whether a passage agrees with a claim (``comparison``),
the links a checker keeps (``links``) and past fact-checks (``factchecks``)."""
