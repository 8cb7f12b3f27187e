"""Stage 4, reports for editors and trainers: the exports (``export``: editor CSV, HTML report,
ClaimReview), the table of export formats that the command line and ``export_all`` read
(``formats``), what each export says about a claim (``export_records``, ``report``), the
editor's review of many worksheets (``review``) and several checkers of one article (``team``)."""
