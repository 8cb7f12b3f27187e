"""Stage 4, reports for editors and trainers: the one table of export formats (``formats``),
the exports (``export``: editor CSV and ClaimReview; ``report``: the HTML report), what every
export says about a claim (``export_records``), the editor's review of many worksheets
(``review``) and several checkers of one article (``team``)."""
