"""Stage 4, reports for editors and trainers: the exports (``export``: editor CSV, HTML report,
ClaimReview), what each export says about a claim (``export_records``, ``report``), the
editor's review of many worksheets (``review``) and several checkers of one article (``team``)."""
