"""Files in and out: reading only regular files of bounded size, and writing so that nothing is ever
half-written (atomic and all-or-nothing writes), under a lock, with a record of what was written.

A leaf module: it imports nothing from the rest of quizgen but the model's problems.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import errno
import filecmp
import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from quizgen.model import InputError, Location, Problem


def atomic_write(target: Path, write: Callable[[Path], None], mode: int = 0o644) -> None:
    """Call ``write`` on a temporary file beside ``target``, then rename it into place (with
    permissions ``mode``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(target, write, mode)
    try:
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(target: Path, text: str, mode: int = 0o644) -> None:
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"), mode)


Writer = Callable[[Path], None]


def temporary(target: Path, write: Writer, mode: int = 0o644) -> Path:
    """``write`` into a new temporary file beside ``target``; returns it (removed on failure)."""
    if target.is_dir() and not target.is_symlink():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


WRITE_HINTS = {
    errno.ENOSPC: "free some space on that disk and build again",
    getattr(errno, "EDQUOT", -1): "the disk quota is used up: free some space and build again",
    errno.EFBIG: "a file-size limit (ulimit -f) stops it: raise the limit and build again",
    errno.EROFS: "the disk is read-only: write elsewhere with --out",
    errno.EACCES: "you may not write there: write elsewhere with --out",
}


def cannot_write(exc: OSError) -> str:
    """A write error as a message that names its cause and, where one is clear, the fix."""
    reason = exc.strerror or str(exc)
    hint = WRITE_HINTS.get(exc.errno) if exc.errno is not None else None
    return f"cannot write: {reason}" + (f": {hint}" if hint and hint not in reason else "")


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
                problems[str(target)] = Problem(Location(target), cannot_write(exc))
        if problems:
            return list(problems.values())
        while written:
            tmp, target = written[0]
            try:
                os.replace(tmp, target)
            except OSError as exc:
                return [Problem(Location(target), cannot_write(exc))]
            written.pop(0)
        return []
    finally:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)


# --- reading: regular files only, and only so much -------------------------------------------

KIND_NAMES = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def size_text(size: int) -> str:
    """A byte count as people read it: 512 KB, 10.5 MB."""
    if size >= 1000 * 1000:
        return f"{size / 1000 / 1000:.1f} MB"
    return f"{size / 1000:.0f} KB" if size >= 1000 else f"{size} bytes"


# resolved path -> SHA-256 of the bytes read (None: found missing), or FOLDER / NO_FOLDER
Reads = dict[str, "str | None"]
_READS: contextvars.ContextVar[Reads | None] = contextvars.ContextVar("reads", default=None)


@contextmanager
def recording_reads() -> Iterator[Reads]:
    """Record meanwhile the SHA-256 of the bytes of every input read (by ``read_regular`` and
    ``noted_read``), or that it was missing (``noted_missing``), by resolved path, its first read
    counting: what a build used, not what the files hold when it ends (a sheet saved during a
    long build would otherwise pass as built)."""
    log: Reads = {}
    token = _READS.set(log)
    try:
        yield log
    finally:
        _READS.reset(token)


def noted_read(path: Path, data: bytes) -> bytes:
    """``data``, just read from ``path``, noted while reads are recorded."""
    _note(path, hashlib.sha256(data).hexdigest())
    return data


def noted_missing(path: Path) -> None:
    """An optional input looked for and not found, noted while reads are recorded."""
    _note(path, None)


FOLDER, NO_FOLDER = "<folder>", "<no folder>"  # noted for a folder looked for: never a SHA-256
PRESENT = "<present>"  # what current() says of an input found missing then, now something else
LINK = "<link> "  # + where a path named through a symlink leads: retargeting it is a change


def noted_folder(path: Path, found: bool) -> None:
    """A folder looked for (the nearest ``source_articles/``), found or not, noted while reads
    are recorded: a folder made nearer the deck later changes what a build reads."""
    log = _READS.get()
    if log is not None:
        log.setdefault(str(path), FOLDER if found else NO_FOLDER)


def current(path: str, recorded: str | None) -> str | None:
    """What ``path`` holds now, as ``recorded`` noted it then: a folder's presence, where a
    symlink leads, or the SHA-256 of a regular file (None when there is none)."""
    if recorded in (FOLDER, NO_FOLDER):
        return FOLDER if os.path.isdir(path) else NO_FOLDER
    if recorded is not None and recorded.startswith(LINK):
        return LINK + os.path.realpath(path)
    if os.path.realpath(path) != path:  # recorded where it led: a folder on the way now links elsewhere
        return LINK + os.path.realpath(path)
    if recorded is None and os.path.lexists(path) and digest(path) is None:
        return PRESENT  # not there then; now a pipe, a folder or a dangling link: no longer missing
    return digest(path)


def _note(path: Path, value: str | None) -> None:
    log = _READS.get()
    if log is not None:
        with contextlib.suppress(OSError, ValueError):
            # realpath, not Path.resolve: that raises on a symlink loop, which is an input too
            log.setdefault(os.path.realpath(path), value)


def read_regular(path: Path, limit: int, fix: str, what: str = "this file") -> bytes:
    """The bytes of ``path`` when it is a regular file (after symlinks) of at most ``limit`` bytes.

    Anything else is an InputError at the path, never a hang or a read without end: a named pipe
    (opened without blocking), a device such as /dev/zero, a folder, a file too large (``fix``
    says what to do), a name the system refuses (too long, a NUL in it).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError([Problem(Location(path), "file not found")]) from None
    except OSError as exc:
        raise InputError([Problem(Location(path), f"cannot read: {exc.strerror or exc}")]) from None
    except ValueError:  # a NUL character in the name
        raise InputError([Problem(Location(path), "cannot read: the name holds a NUL character")]) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError([Problem(Location(path), f"cannot read: {os.strerror(errno.EISDIR)}")])
        if not stat.S_ISREG(mode):
            kind = KIND_NAMES.get(stat.S_IFMT(mode), "not a file")
            message = f"cannot read: this is {kind}, not a regular file (quizgen reads regular files only)"
            raise InputError([Problem(Location(path), message)])
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError([Problem(Location(path), f"cannot read: {exc.strerror or exc}")]) from None
    finally:
        os.close(fd)
    if size > limit:
        message = f"{what} is larger than {size_text(limit)}, the most quizgen reads: {fix}"
        raise InputError([Problem(Location(path), message)])
    return noted_read(path, b"".join(chunks))


def decode_utf8(path: Path, data: bytes) -> str:
    """UTF-8 text, a byte order mark dropped; InputError at the line and column of a bad byte."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02X} here): save the file as UTF-8"
        raise InputError([Problem(Location(path, line, column), message)]) from None


# --- builds: a lock per deck, stale temporary files, a record of the outputs ----------------

LOCK_WAIT = 120.0  # seconds to wait for another build of the same deck


@contextmanager
def locked(
    folder: Path,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
    retry: str = "build again",
) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (a deck's), waiting up to ``wait`` seconds for it
    (default ``LOCK_WAIT``); ``on_wait`` is called once when another holder makes it wait, and
    ``retry`` ends the message when it keeps the lock too long.

    The lock is ``flock`` on the folder itself: no lock file is left in a shared deck, and a
    killed build's lock goes with its process. InputError when another holder keeps it longer.
    Where ``fcntl`` does not exist (Windows) builds are not locked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        yield  # loading the deck reports why its folder cannot be read
        return
    wait = LOCK_WAIT if wait is None else wait
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if on_wait is not None:
                    on_wait()
                    on_wait = None
                if time.monotonic() >= deadline:
                    message = (
                        f"another quizgen build of this deck has been running for over {wait:.0f} s: "
                        f"let it finish (or stop it), then {retry}"
                    )
                    raise InputError([Problem(Location(folder), message)]) from None
                time.sleep(0.05)
            except OSError:  # a file system without locks: build unlocked, as before
                break
        yield
    finally:
        os.close(fd)  # releases the lock


MKSTEMP_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def is_temporary_of(name: str, entry: str) -> bool:
    """Whether ``entry`` is a name ``temporary`` gives its files for a target called ``name``
    ('.name.' then mkstemp's 8 letters, then '.tmp'); string tests, no regex per target."""
    prefix = f".{name}."
    middle = entry[len(prefix) : -len(".tmp")]
    return (
        entry.startswith(prefix)
        and entry.endswith(".tmp")
        and len(entry) == len(prefix) + 8 + len(".tmp")
        and set(middle) <= MKSTEMP_LETTERS
    )


Listing = Mapping[Path, list[str]]  # folder -> the temporary files' names found in it


def temporaries_in(folders: Iterable[Path]) -> dict[Path, list[str]]:
    """The names of the temporary files now in each folder (any build's), found by listing it
    once: a build of 1,000 decks that share an output folder of 7,000 files lists it once, not
    once per deck (3 ms a deck)."""
    found: dict[Path, list[str]] = {}
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            names = []
        found[folder] = [n for n in names if n.startswith(".") and n.endswith(".tmp")]
    return found


def remove_stale_temporaries(targets: list[Path], listed: Listing | None = None) -> list[Path]:
    """Remove the temporary files a killed build left beside ``targets``; returns those removed.

    Call it holding the targets' lock: then no temporary file of theirs belongs to a live build.
    A folder in ``listed`` is not listed again: a build of many decks lists its output folder
    when it starts (a temporary file that a build killed after that left is removed by the next
    build).
    """
    removed: list[Path] = []
    by_folder: dict[Path, list[str]] = {}
    for target in targets:
        by_folder.setdefault(target.parent, []).append(target.name)
    for folder, names in by_folder.items():
        if listed is not None and folder in listed:
            candidates = listed[folder]
        else:
            candidates = temporaries_in([folder])[folder]
        for candidate in candidates:
            path = folder / candidate
            if any(is_temporary_of(n, candidate) for n in names) and _regular(path):
                try:
                    os.unlink(path)
                    removed.append(path)
                except OSError:
                    pass
    return removed


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


RECORDS_DIR = ".quizgen"  # in an output folder: what quizgen wrote there, one file per deck


def record_path(out_dir: Path, deck_key: str) -> Path:
    return out_dir / RECORDS_DIR / f"{deck_key}.json"


def digest(path: str | Path) -> str | None:
    """SHA-256 of a regular file (not a symlink), None when there is none."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        sha = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                sha.update(chunk)
        return sha.hexdigest()
    except (OSError, ValueError):
        return None


def read_record(out_dir: Path, deck_key: str, deck_dir: Path) -> dict[str, str]:
    """The outputs an earlier build of this deck wrote in ``out_dir``: {relative name: SHA-256}.

    Empty when there is no record, when it is damaged, or when another deck of the same name
    wrote it: then nothing is removed.
    """
    try:
        data = json.loads(read_regular(record_path(out_dir, deck_key), 1 << 20, "").decode("utf-8"))
    except (InputError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("deck") != str(deck_dir.resolve()):
        return {}
    outputs = data.get("outputs")
    if not isinstance(outputs, dict):
        return {}
    return {
        name: value
        for name, value in outputs.items()
        if isinstance(name, str) and isinstance(value, str) and _plain_relative(name)
    }


def _plain_relative(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts and "\0" not in name


def write_record(out_dir: Path, deck_key: str, deck_dir: Path, written: list[Path]) -> dict[str, str]:
    """Record the outputs just written in ``out_dir`` (with their SHA-256); returns the record.

    ``written`` holds only outputs of the output folder: a file kept elsewhere (a deck's state
    file) must never be recorded, or it could be removed as stale."""
    outputs = {}
    for path in written:
        try:
            name = path.relative_to(out_dir).as_posix()
        except ValueError:
            continue  # written elsewhere (the deck's state file): never removed as stale
        if (value := digest(path)) is not None:
            outputs[name] = value
    data = {"deck": str(deck_dir.resolve()), "outputs": dict(sorted(outputs.items()))}
    write_text(record_path(out_dir, deck_key), json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return outputs


def remove_stale(out_dir: Path, before: dict[str, str], now: dict[str, str]) -> tuple[list[Path], list[Path]]:
    """Remove what an earlier build wrote and this one no longer does: only files whose content is
    still what quizgen wrote (a file edited or replaced since is the user's). Returns (removed, kept).
    """
    removed, kept = [], []
    for name, recorded in sorted(before.items()):
        if name in now:
            continue
        path = out_dir / name
        if digest(path) != recorded:
            if path.exists() or path.is_symlink():
                kept.append(path)
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            kept.append(path)
    return removed, kept


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return b.is_file() and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False
