"""What kind of thing a path is, in a checker's words: the one describer every "only regular
files" refusal uses (articles, worksheets and the files beside them, scales, snapshots, -o).

A named pipe (FIFO) blocks its reader forever and a device never ends, so every reader and
writer of the project checks the kind first and names it when it refuses.
"""

from __future__ import annotations

import stat


def kind_of(mode: int) -> str:
    """"a folder", "a named pipe (FIFO)", "a device", "a socket", "a special file" or "a file".

    >>> import os
    >>> kind_of(os.stat("/").st_mode)
    'a folder'
    """
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


# The first bytes of the files people give instead of text, and what they are.
MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt, .xlsx or .ods file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office file"),
    (b"{\\rtf", "an RTF document"),
)


def binary_kind(data: bytes) -> str:
    """What ``data`` is when its first bytes say it is no text ("a PNG image"), else "".

    >>> binary_kind(b"%PDF-1.7 ..."), binary_kind(b"Roma, 3 marzo")
    ('a PDF', '')
    """
    return next((kind for magic, kind in MAGIC if data.startswith(magic)), "")
