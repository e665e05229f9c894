"""Files that hold people's data are readable by the server's account only (0600, folders 0700).

Recordings, saved sessions and the SQLite database contain what trainees said and how they were
judged; on a shared machine a default umask (0644) would let every local account read them.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if needed; a folder created here is 0700."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return folder


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically as a 0600 file (a temporary file, then a rename)."""
    private_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(tmp, FILE_MODE)  # O_CREAT's mode does not apply to a file left by an earlier crash
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def make_private(path: Path) -> None:
    """Create ``path`` as an empty 0600 file if it does not exist, else take away others' access to it."""
    private_folder(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            try:
                os.chmod(path, FILE_MODE)
            except PermissionError:  # someone else's file: leave it, SQLite will say if it cannot open it
                pass
