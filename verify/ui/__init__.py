"""The widgets: the checking workbench in Jupyter (``workbench``), its claim list, keys,
evidence and "Checked before" tabs, and the checker's app (``app``). Widgets sit on the plain
sessions of ``verify.checking``: the logic is tested there, without a browser."""
