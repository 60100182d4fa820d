"""The build cache: a deck whose inputs did not change since its last build is not built again.

An entry per deck, in ``<out>/.quizgen-cache/``, records the content hash (SHA-256) of everything
the build read (deck.yaml, its fact sheets and their articles, images, the state file as written,
and quizgen's own code and templates) and of everything it wrote. A deck is reused only when all
of those hashes still match and every output is still in place with the hash recorded: then a
full build would write exactly those bytes again (the state file makes Anki's modification times
a fixed point), so nothing is written, and the build's warnings and notes are said again.

Anything else (an input edited, added or removed, an output changed or missing, a newer quizgen)
rebuilds the deck, and that build reuses the questions of every sheet whose own inputs and whose
deck's other facts did not change (``generate.reuse``), and the checks of every sheet whose file
and article did not change (``check.reuse``): they are kept beside the entry, in
``<deck>-<tag>.sheets``. A deck with errors has no entry.

``check`` records its own entries, of the same shape with no outputs, in ``<deck>-<tag>.check``:
a deck whose inputs did not change since its last check is not checked again. A build never
reads them, since a check writes no outputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from quizgen.export.anki_state import STATE_FILE
from quizgen.files import (
    FOLDER,
    LINK,
    NO_FOLDER,
    Listing,
    Reads,
    current,
    digest,
    read_regular,
    recording_reads,
)
from quizgen.load.deck import REVIEW_FILE, sheet_paths
from quizgen.model import InputError, Location, Problem
from quizgen.pipeline import DeckResult, Step, _no_step, build_deck, skipped_note
from quizgen.project import relative

CACHE_DIR = ".quizgen-cache"
FORMAT = 3  # 2: entries count the deck's facts (for check); 3: and its forms not made
# what shapes the files a build writes (a sheet's questions are reused across builds: a newer
# rapidfuzz or lemminflect may word or choose them otherwise)
_DEPENDENCIES = (
    "genanki", "Jinja2", "MarkupSafe", "PyYAML", "click",
    "inflect", "lemminflect", "rapidfuzz", "lxml", "openpyxl",
)  # fmt: skip
_CODE_SUFFIXES = {".py", ".yaml", ".yml", ".j2", ".html", ".css", ".json", ".md", ".txt"}


@dataclass
class Entry:
    """What a deck's last build read and wrote, and what it said."""

    sheets: list[str]  # the deck folder's fact sheet names
    inputs: dict[str, str | None]  # resolved path -> SHA-256 (None: the file was not there)
    outputs: dict[str, str]  # resolved path -> SHA-256, in the order written
    warnings: list[dict] = field(default_factory=list)  # as ``_warning_data`` keeps them
    notes: list[str] = field(default_factory=list)
    facts: int = 0  # how many facts the deck has
    skipped: int = 0  # how many question forms its build did not make (said again with the path)


def file_hash(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes; None when there is none (never opens a pipe or a
    device, which could block: a changed input then reads as changed, and the deck is rebuilt)."""
    return digest(Path(os.path.realpath(path))) if path.exists() else None


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of quizgen's own files (code, templates, data) and of the versions it builds with:
    a different quizgen may build differently, so it never reuses another's entries."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT} {sys.version_info[:2]}".encode())
    for name in _DEPENDENCIES:
        try:
            digest.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -\n".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def entry_path(out_dir: Path, deck_dir: Path) -> Path:
    real = deck_dir.resolve()
    tag = hashlib.sha256(str(real).encode()).hexdigest()[:16]
    return out_dir / CACHE_DIR / f"{real.name}-{tag}.json"


def sheet_names(deck_dir: Path) -> list[str]:
    return [p.name for p in sheet_paths(deck_dir)]


def keeps_sheets(sheets: list[str]) -> bool:
    """Whether builds and checks of a deck of these sheets keep their sheets' work: a deck of one
    sheet keeps none, since any change to it (or its article) is a change to its one sheet."""
    return len(sheets) > 1


def build_cached(deck_dir: Path, out_dir: Path, step: Step | None = None) -> DeckResult:
    """``pipeline.build_deck``, unless the deck's last build can be reused as it is."""
    entry = lookup(out_dir, deck_dir)
    if entry is not None:
        return reused(deck_dir, out_dir, entry)
    return build_and_record(deck_dir, out_dir, step)


def build_and_record(
    deck_dir: Path,
    out_dir: Path,
    step: Step | None = None,
    on_wait: Callable[[], None] | None = None,
    listed: Listing | None = None,
    reuse: bool = True,
) -> DeckResult:
    """Build the deck in full, and record the build. A build that fails writes nothing, so the
    last entry stays true of the outputs (and is missed while the inputs differ). Without
    ``reuse``, nothing kept is reused, and what the build checked and made is kept instead."""
    sheets = sheet_names(deck_dir)
    kept = (kept_sheets(out_dir, deck_dir) if reuse else {}) if keeps_sheets(sheets) else None
    with recording_reads() as read:
        result = build_deck(deck_dir, out_dir, step or _no_step, on_wait=on_wait, listed=listed, reuse=kept)
    if result.generated is not None and kept is not None:
        keep_sheets(out_dir, deck_dir, result.kept, kept)
    if result.deck is not None and result.generated is not None and result.written and not result.errors:
        # No entry when the next build will refuse the state file (it must not be skipped, nor
        # check), or a sheet was added or removed during the build (the entry would pass a deck
        # this build never saw).
        if _state_readable(deck_dir) and sheet_names(deck_dir) == sheets:
            store(out_dir, deck_dir, _entry(result, sheets, read))
        else:
            forget(out_dir, deck_dir)
    return result


def _state_readable(deck_dir: Path) -> bool:
    """Whether the state file this build wrote is within what the next build reads."""
    from quizgen.export import anki_state

    try:
        return (deck_dir / STATE_FILE).stat().st_size <= anki_state.MAX_STATE_BYTES
    except OSError:
        return True  # no state file (a deck without Anki): nothing to read


def record_check(out_dir: Path, deck_dir: Path, result: DeckResult, sheets: list[str], read: Reads) -> None:
    """Record a check that found no error, as ``_entry`` records a build (``sheets``: the deck's
    sheet names before the check; ``read``: what it read), for the next check to say again."""
    if result.deck is None or result.generated is None or result.errors or sheet_names(deck_dir) != sheets:
        return
    _write_entry(check_path(out_dir, deck_dir), _entry(result, sheets, read, wrote_state=False))


def lookup_check(out_dir: Path, deck_dir: Path) -> Entry | None:
    """The entry of the deck's last check when its inputs are unchanged since, else None."""
    return _unchanged(_read(check_path(out_dir, deck_dir)), deck_dir, outputs=False)


def check_path(out_dir: Path, deck_dir: Path) -> Path:
    """Where the deck's last check is recorded: beside its build's entry, never read by a build."""
    return entry_path(out_dir, deck_dir).with_suffix(".check")


def _entry(result: DeckResult, sheets: list[str], read: Reads, wrote_state: bool = True) -> Entry:
    """What the cache keeps of a deck's build: the hashes of what it read (as it read them:
    ``read``) and wrote (the state file as written, when ``wrote_state``), and what a build of the
    same inputs would say again (its warnings, and the notes that do not report changes)."""
    deck, generated, plan = result.deck, result.generated, result.plan
    assert deck is not None and generated is not None
    paths = [deck.settings.path, result.deck_dir / STATE_FILE, result.deck_dir / REVIEW_FILE]
    for sheet in deck.sheets:
        paths.append(sheet.path)
        if sheet.article is not None:
            paths.append(sheet.article.path)
    paths += [f.image for f in deck.facts if getattr(f, "image", None) is not None]
    paths += [q.image for q in generated.questions if q.image is not None]
    paths += [path for _, path in plan.media] if plan is not None else []
    state = os.path.realpath(result.deck_dir / STATE_FILE)

    def as_used(key: str, path: Path) -> str | None:
        if key == state and wrote_state:  # the state file as the build wrote it: the next one's fixed point
            return file_hash(path)
        return read[key] if key in read else file_hash(path)

    inputs = {os.path.realpath(p): p for p in dict.fromkeys(paths)}  # a loop too
    # the folders looked for on the way to the articles: one made nearer the deck is read instead
    folders = {key: value for key, value in read.items() if value in (FOLDER, NO_FOLDER)}
    # inputs are hashed where they lead; a symlink on the way pointed elsewhere is another input
    links = {
        named: LINK + real
        for p in dict.fromkeys(paths)
        if (named := os.path.abspath(p)) != (real := os.path.realpath(p))
    }
    return Entry(
        sheets=sheets,
        inputs={**{key: as_used(key, path) for key, path in inputs.items()}, **folders, **links},
        outputs={str(p.resolve()): file_hash(p) or "" for p in result.written},
        warnings=[warning_data(p, result.deck_dir) for p in result.problems],
        notes=list(result.steady_notes),
        facts=len(deck.facts),
        skipped=result.skipped_forms,
    )


def reused(deck_dir: Path, out_dir: Path, entry: Entry) -> DeckResult:
    """The result of a deck's build reused from its entry: nothing built, nothing written."""
    result = DeckResult(deck_dir, cached=True)
    result.problems = warnings_of(entry, deck_dir)
    result.notes = [skipped_note(entry.skipped, deck_dir)] if entry.skipped else []
    result.notes += entry.notes
    folders = [(folder, os.path.join(folder.resolve(), "")) for folder in (out_dir, deck_dir)]
    result.written = [_spelt(p, folders) for p in entry.outputs]
    result.unchanged = list(result.written)
    return result


def rechecked(deck_dir: Path, entry: Entry) -> DeckResult:
    """What checking a deck finds, from the entry of a build of the same inputs: its warnings
    (a build with errors keeps no entry)."""
    return DeckResult(deck_dir, problems=warnings_of(entry, deck_dir), cached=True)


def _spelt(path: str, folders: list[tuple[Path, str]]) -> Path:
    """A resolved path as a build names it: below the folder it was written into, as given
    (each folder given with its resolved spelling, found once per deck, not once per output)."""
    for folder, real in folders:  # real ends with a separator
        if path.startswith(real):
            return folder / path[len(real) :]
    return relative(Path(path))


def lookup(out_dir: Path, deck_dir: Path, outputs: bool = True) -> Entry | None:
    """The deck's entry when its last build can be reused as it is, else None. With ``outputs``
    false, only the deck's inputs must be unchanged: what checking it would find is the same."""
    return _unchanged(_read(entry_path(out_dir, deck_dir)), deck_dir, outputs)


def _unchanged(entry: Entry | None, deck_dir: Path, outputs: bool) -> Entry | None:
    """``entry`` when the deck's sheets, inputs (and ``outputs``) are as it records them."""
    if entry is None or entry.sheets != sheet_names(deck_dir):
        return None
    for files in (entry.inputs, entry.outputs) if outputs else (entry.inputs,):
        for path, recorded in files.items():
            # recorded resolved: no need to resolve again (a third of the time of a rebuild
            # of 1,000 unchanged decks)
            if current(path, recorded) != recorded:
                return None
    return entry


def store(out_dir: Path, deck_dir: Path, entry: Entry) -> None:
    """Record a deck's build (a failure to record only costs a rebuild next time)."""
    _write_entry(entry_path(out_dir, deck_dir), entry)


def _write_entry(path: Path, entry: Entry) -> None:
    from quizgen.files import write_text

    data = {
        "format": FORMAT,
        "code": code_fingerprint(),
        "sheets": entry.sheets,
        "inputs": entry.inputs,
        "outputs": entry.outputs,
        "warnings": entry.warnings,
        "notes": entry.notes,
        "facts": entry.facts,
        "skipped": entry.skipped,
    }
    try:
        write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    except OSError:
        with contextlib.suppress(OSError):  # a stale entry must not stay in its place
            path.unlink(missing_ok=True)


def sheets_path(out_dir: Path, deck_dir: Path) -> Path:
    """Where a deck's sheets' questions are kept: beside its entry."""
    return entry_path(out_dir, deck_dir).with_suffix(".sheets")


def kept_sheets(out_dir: Path, deck_dir: Path) -> dict[str, str]:
    """The checks and questions kept of the deck's sheets by its last build into ``out_dir`` (key
    -> JSON), if that quizgen was this one; {} when there are none."""
    text = _cache_text(sheets_path(out_dir, deck_dir))
    if text is None:
        return {}
    head, _, rest = text.partition("\n")
    if head != _sheets_head():
        return {}
    kept = {}
    for line in rest.split("\n"):  # JSON escapes no U+2028 or U+0085, which splitlines() cuts at
        key, tab, data = line.partition("\t")
        if tab:
            kept[key] = data
    return kept


def keep_sheets(out_dir: Path, deck_dir: Path, kept: dict[str, str], before: dict[str, str]) -> None:
    """Keep the checks and questions of the deck's sheets as this build made or reused them
    (only theirs: sheets removed or changed are dropped), unless they are those kept already."""
    from quizgen.files import write_text

    if kept == before:
        return
    lines = [_sheets_head(), *(f"{key}\t{data}" for key, data in kept.items())]
    with contextlib.suppress(OSError, ValueError):  # not kept: the next build makes them again
        write_text(sheets_path(out_dir, deck_dir), "\n".join(lines) + "\n")


def _sheets_head() -> str:
    return json.dumps({"format": FORMAT, "code": code_fingerprint()})


def forget(out_dir: Path, deck_dir: Path) -> None:
    """Drop a deck's entry (its build failed, or is being redone)."""
    with contextlib.suppress(OSError):
        entry_path(out_dir, deck_dir).unlink(missing_ok=True)


CACHE_LIMIT = 1 << 30  # bytes of one cache file read: a deck of 1,000 sheets keeps about 30 MB


def _cache_text(path: Path) -> str | None:
    """A cache file's text; None when it is not a readable regular file of UTF-8 (a named pipe
    put in its place is never opened for a read that would wait for a writer)."""
    try:
        return read_regular(path, CACHE_LIMIT, "").decode("utf-8")
    except (InputError, ValueError):
        return None


def _read(path: Path) -> Entry | None:
    text = _cache_text(path)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("code") != code_fingerprint():
        return None
    try:
        return Entry(
            list(data["sheets"]),
            dict(data["inputs"]),
            dict(data["outputs"]),
            list(data["warnings"]),
            list(data["notes"]),
            int(data["facts"]),
            int(data["skipped"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def warning_data(problem: Problem, deck_dir: Path) -> dict[str, object]:
    """A warning to keep, its path relative to the deck folder when it is inside it: said again,
    it reads as a build of the deck, named as it is named then, would say it."""
    path = problem.location.path
    return {
        "in_deck": _in_deck(path, deck_dir),
        "path": str(path),
        "line": problem.location.line,
        "column": problem.location.column,
        "severity": problem.severity,
        "message": problem.message,
    }


def _in_deck(path: Path, deck_dir: Path) -> str | None:
    """``path`` relative to the deck folder, as named (a sheet linked to a file elsewhere is
    named by its link), or where it leads when only that is inside; None when neither is."""
    try:
        named = (os.path.abspath(path), os.path.abspath(deck_dir))
        for where, base in (named, (os.path.realpath(path), os.path.realpath(deck_dir))):
            if where.startswith(os.path.join(base, "")):
                return os.path.relpath(where, base)
    except (OSError, ValueError):
        pass
    return None


def warnings_of(entry: Entry, deck_dir: Path) -> list[Problem]:
    """The entry's warnings, their paths inside the deck spelt from ``deck_dir`` as given now."""
    problems = []
    for data in entry.warnings:
        path = Path(data["path"]) if data["in_deck"] is None else deck_dir / data["in_deck"]
        where = Location(path, int(data["line"]), int(data["column"]))
        problems.append(Problem(where, str(data["message"]), data["severity"]))
    return problems
