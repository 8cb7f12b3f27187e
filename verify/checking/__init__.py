"""Stage 2, checking: one article's worksheet of claims and verdicts, saved as it goes
(``worksheet``, with ``verdicts``, ``saving``, ``reextraction``, ``worksheet_evidence`` and
``worksheet_files``), the verdict scales (``scales``), the consistency checks that need no
source (``consistency`` and its ``consistency_*`` checks), and the plain-Python sessions the
workbench widgets sit on (``session``, ``evidence_session``, ``factchecks_session``,
``place``)."""
