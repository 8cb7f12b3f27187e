"""The records every stage passes on, and the files that keep them: the plain records
(``model``), what a path is (``files``), durable writes and the worksheet's CSV on disk
(``store``), a file the user named (``output``) and where a user's work lives (``workspace``).
Nothing here imports from a stage above it."""
