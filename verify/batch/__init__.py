"""Many articles at once: ``verify extract INPUT... -o OUT`` (``run``: the work, ``output``:
the files it writes) and the same work on a Dask cluster (``dask_path``)."""
