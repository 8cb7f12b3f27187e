"""The folder a file the user named goes in, made on first save: a worksheet's folder, a
fact-check archive's folder. Each caller names its own error class and the advice its user
can act on ("check the path, or create the folder"; "give another --archive")."""

from __future__ import annotations

from pathlib import Path

from ..errors import VerifyError


def make_folder_for(path: Path, *, error: type[VerifyError], what: str, advice: str) -> None:
    """Make ``path``'s folder (and the folders above it) unless it exists.

    A folder that cannot be made raises ``error``: "<folder>: cannot <what> (<reason>);
    <advice>", with ``source`` the path.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise error(f"{path.parent}: cannot {what} ({err.strerror or err}); {advice}",
                    source=str(path)) from None
