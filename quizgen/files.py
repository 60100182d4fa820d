"""Writing files so that nothing is ever half-written: atomic and all-or-nothing writes.

A leaf module: it imports nothing from the rest of quizgen but the model's problems.
"""

from __future__ import annotations

import errno
import filecmp
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from quizgen.model import Location, Problem


def atomic_write(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``target``, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(target, write)
    try:
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))


Writer = Callable[[Path], None]


def temporary(target: Path, write: Writer) -> Path:
    """``write`` into a new temporary file beside ``target``; returns it (removed on failure)."""
    if target.is_dir() and not target.is_symlink():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_together(outputs: list[tuple[Path, Writer]], unchanged: list[Path] | None = None) -> list[Problem]:
    """Write outputs as one set: each into a temporary file beside its target first, then, only
    when all of them succeeded, rename them into place in the order given (put the file that
    records what was shipped last). Returns the problems: when writing failed, no target changed;
    a rename failing midway (a race) leaves the targets before it new and the rest as they were.

    With an ``unchanged`` list, a target that already holds exactly the new bytes is left alone
    (not even touched) and added to it.
    """
    problems: dict[str, Problem] = {}
    written: list[tuple[Path, Path]] = []  # (temporary file, target)
    try:
        for target, write in outputs:
            folder = target.parent
            try:
                if folder.exists() and not folder.is_dir():
                    problems[str(folder)] = Problem(Location(folder), "cannot write: not a folder")
                    continue
                folder.mkdir(parents=True, exist_ok=True)
                tmp = temporary(target, write)
                if unchanged is not None and _same_bytes(tmp, target):
                    tmp.unlink()
                    unchanged.append(target)
                    continue
                written.append((tmp, target))
            except OSError as exc:
                problems[str(target)] = Problem(Location(target), f"cannot write: {exc.strerror or exc}")
        if problems:
            return list(problems.values())
        while written:
            tmp, target = written[0]
            try:
                os.replace(tmp, target)
            except OSError as exc:
                return [Problem(Location(target), f"cannot write: {exc.strerror or exc}")]
            written.pop(0)
        return []
    finally:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return b.is_file() and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False
