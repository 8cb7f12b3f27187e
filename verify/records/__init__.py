"""The records every stage passes on, and the files that keep them: the plain records
(``model``), files that must be files, atomic writes and the lock (``disk``), cells a
spreadsheet could run (``cells``), the worksheet's CSV and its checks (``store``), what a path
is (``files``), a file's folder (``folders``), a file the user named (``output``) and where a
user's work lives (``workspace``). Nothing here imports from a stage above it."""
