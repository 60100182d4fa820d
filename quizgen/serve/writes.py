"""Writes that never overwrite an edit made elsewhere: each page carries a token of every file it
may change (a hash of its bytes as the page showed them); a write goes ahead only while the file
still has that token, checked again just before the atomic rename."""

from __future__ import annotations

import hashlib
from pathlib import Path

from quizgen.files import atomic_write

ABSENT = "absent"


class Conflict(Exception):
    """The file changed on disk since the page was made: nothing was written."""

    def __init__(self, path: Path):
        super().__init__(f"{path} changed on disk since this page was loaded")
        self.path = path


def token_of(data: bytes | None) -> str:
    return ABSENT if data is None else hashlib.sha256(data).hexdigest()[:20]


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def file_token(path: Path) -> str:
    """The token of a file as it is on disk now ('absent' when there is none)."""
    return token_of(read_bytes(path))


def write_if_unchanged(path: Path, token: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, only if it still has ``token``; else Conflict."""
    if file_token(path) != token:
        raise Conflict(path)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)
        if file_token(path) != token:  # edited while we were writing
            raise Conflict(path)

    atomic_write(path, write)
