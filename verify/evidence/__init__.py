"""Stage 3, sources and evidence: the source registry (``sources``, with ``source_record``,
``source_inputs`` and ``registry_folder``), the passages of a source that bear on a claim
(``passages``, with ``passage_features`` and ``passage_query``), whether a passage agrees with
a claim (``comparison``), the links a checker keeps (``links``) and past fact-checks
(``factchecks``)."""
