"""Building many decks: independent decks build at once, one per core, in worker processes.

Each deck writes only its own files (its outputs, named after its folder, and its state file), so
the files are those of building the decks one after another. The results come back without
their model (the deck, its questions), which only the worker needs.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from quizgen import buildcache
from quizgen.files import RECORDS_DIR, Listing, recording_reads, temporaries_in
from quizgen.pipeline import DeckResult, Step, load_and_check
from quizgen.project import deck_name


@dataclass
class DeckBuilt:
    """A deck's build as ``build_decks`` reports it: the result without its model (so that it
    crosses between processes cheaply), or the unexpected error that stopped it."""

    result: DeckResult
    seconds: float
    crash: str = ""  # a bug in quizgen: what was raised, and where
    facts: int = 0  # how many facts the deck has (when it loaded)
    since: str = "build"  # a result reused from the cache: the run it was recorded by


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build_decks(
    deck_dirs: list[Path],
    out_dir: Path,
    jobs: int = 1,
    use_cache: bool = False,
    done: Callable[[DeckBuilt], None] | None = None,
    step: Step | None = None,
) -> list[DeckBuilt]:
    """Build decks, ``jobs`` at a time (``pipeline.build_deck``, or with ``use_cache`` reusing
    what did not change); ``done`` is called as each finishes, and ``step`` as each stage starts
    when the decks build in this process (one job, or one deck to build). Returns the builds in
    the order of ``deck_dirs``, an unexpected error in one deck said in its ``crash``: the same
    files as building the decks one after another."""

    def reuse(deck_dir: Path) -> DeckBuilt | None:
        entry = buildcache.lookup(out_dir, deck_dir) if use_cache else None
        return None if entry is None else DeckBuilt(buildcache.reused(deck_dir, out_dir, entry), 0.0)

    built, todo = _from_cache(deck_dirs, reuse, done)
    in_process = step if jobs == 1 or len(todo) == 1 else None
    # the shared output folders, listed once for all the decks (each deck lists them otherwise)
    listed = temporaries_in([out_dir, out_dir / RECORDS_DIR]) if len(todo) > 1 else None
    work = functools.partial(_build_one, out_dir=out_dir, use_cache=use_cache, step=in_process, listed=listed)
    built.update(zip(todo, run_decks(todo, work, jobs, done), strict=True))
    return [built[d] for d in deck_dirs]


def check_decks(
    deck_dirs: list[Path],
    jobs: int = 1,
    done: Callable[[DeckBuilt], None] | None = None,
    cache_dir: Path | None = None,
) -> list[DeckBuilt]:
    """Load and check decks, ``jobs`` at a time; as ``build_decks``, but an unexpected error is
    raised, as when checking in one process. With ``cache_dir`` (a build's output folder), a deck
    whose inputs did not change since its last build or check there is not checked again: the
    warnings it found are said again; in the others, the questions of sheets that did not change
    are reused as that build or check kept them."""

    def reuse(deck_dir: Path) -> DeckBuilt | None:
        if cache_dir is None:
            return None
        entry, since = buildcache.lookup(cache_dir, deck_dir, outputs=False), "build"
        if entry is None:
            entry, since = buildcache.lookup_check(cache_dir, deck_dir), "check"
        if entry is None:
            return None
        return DeckBuilt(buildcache.rechecked(deck_dir, entry), 0.0, facts=entry.facts, since=since)

    checked, todo = _from_cache(deck_dirs, reuse, done)
    work = functools.partial(_check_one, cache_dir=cache_dir)
    checked.update(zip(todo, run_decks(todo, work, jobs, done), strict=True))
    return [checked[d] for d in deck_dirs]


def _from_cache(
    deck_dirs: list[Path],
    reuse: Callable[[Path], DeckBuilt | None],
    done: Callable[[DeckBuilt], None] | None,
) -> tuple[dict[Path, DeckBuilt], list[Path]]:
    """The decks ``reuse`` answers from the build cache (``done`` told of each), and the decks
    left to do. In this process: an unchanged corpus starts no worker."""
    found: dict[Path, DeckBuilt] = {}
    todo = []
    for deck_dir in deck_dirs:
        one = reuse(deck_dir)
        if one is None:
            todo.append(deck_dir)
            continue
        found[deck_dir] = one
        if done is not None:
            done(one)
    return found, todo


def run_decks(
    deck_dirs: list[Path],
    work: Callable[[Path], DeckBuilt],
    jobs: int,
    done: Callable[[DeckBuilt], None] | None = None,
) -> list[DeckBuilt]:
    """``work`` on every deck, in this process or in ``jobs`` worker processes (the largest decks
    first); ``done`` as each finishes. The results in the order of ``deck_dirs``."""
    results: dict[Path, DeckBuilt] = {}
    jobs = max(1, min(jobs, len(deck_dirs)))
    if jobs == 1:
        for deck_dir in deck_dirs:
            results[deck_dir] = work(deck_dir)
            if done is not None:
                done(results[deck_dir])
        return [results[d] for d in deck_dirs]
    _preload()
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    # What the workers inherit is out of the collector's reach while they run: none of them scans
    # it again, nor copies the pages that hold it by touching their headers, as a collection would.
    # A caller that froze objects itself keeps them frozen: unfreezing ours would unfreeze its too.
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    try:
        return _in_workers(deck_dirs, work, jobs, done, context)
    finally:
        if ours:
            gc.unfreeze()


def _in_workers(
    deck_dirs: list[Path],
    work: Callable[[Path], DeckBuilt],
    jobs: int,
    done: Callable[[DeckBuilt], None] | None,
    context: multiprocessing.context.BaseContext,
) -> list[DeckBuilt]:
    results: dict[Path, DeckBuilt] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(work, d): d for d in sorted(deck_dirs, key=_input_size, reverse=True)}
        for future in as_completed(futures):
            deck_dir = futures[future]
            try:
                one = future.result()
            except BrokenProcessPool as exc:  # the worker itself died (killed, out of memory)
                one = DeckBuilt(DeckResult(deck_dir), 0.0, f"its worker process failed ({exc})")
            results[deck_dir] = one
            if done is not None:
                done(one)
    return [results[d] for d in deck_dirs]


def _build_one(
    deck_dir: Path, out_dir: Path, use_cache: bool, step: Step | None = None, listed: Listing | None = None
) -> DeckBuilt:
    start = time.perf_counter()
    tell = step or _no_step
    try:
        waiting = functools.partial(_waiting, deck_dir)
        # Without the cache, nothing is reused but the build is recorded afresh: what a cache held
        # before (kept by another quizgen, or tampered with) is replaced, not trusted later.
        result = buildcache.build_and_record(
            deck_dir, out_dir, tell, on_wait=waiting, listed=listed, reuse=use_cache
        )
    except Exception as exc:  # a bug: say where, and let the other decks build
        where = traceback.extract_tb(exc.__traceback__)[-1]
        crash = (
            f"unexpected error ({type(exc).__name__}: {exc}, at {Path(where.filename).name}:{where.lineno})"
        )
        return DeckBuilt(DeckResult(deck_dir), time.perf_counter() - start, crash)
    return _slim(result, start)


def _no_step(name: str) -> None:
    return None


def _waiting(deck_dir: Path) -> None:
    message = f"{deck_name(deck_dir)}: waiting for another build of this deck to finish…"
    print(message, file=sys.stderr, flush=True)


def _check_one(deck_dir: Path, cache_dir: Path | None = None) -> DeckBuilt:
    """Check a deck, reusing the checks and questions its last build or check into ``cache_dir``
    kept of its sheets, and keeping them there as a build does: an author who checks again after
    editing one sheet waits for that sheet only. A check without errors is recorded there too."""
    start = time.perf_counter()
    if cache_dir is None:
        return _slim(load_and_check(deck_dir), start)
    sheets = buildcache.sheet_names(deck_dir)
    kept = buildcache.kept_sheets(cache_dir, deck_dir) if buildcache.keeps_sheets(sheets) else None
    with recording_reads() as read:
        result = load_and_check(deck_dir, reuse=kept)
    if kept is not None and result.deck is not None:
        # Checks stopped at an error made no questions: those kept stay for the sheets after.
        made = result.kept if result.generated is not None else {**kept, **result.kept}
        buildcache.keep_sheets(cache_dir, deck_dir, made, kept)
    buildcache.record_check(cache_dir, deck_dir, result, sheets, read)
    return _slim(result, start)


def _slim(result: DeckResult, start: float) -> DeckBuilt:
    facts = len(result.deck.facts) if result.deck is not None else 0
    slim = dataclasses.replace(result, deck=None, generated=None, plan=None, kept={})
    return DeckBuilt(slim, time.perf_counter() - start, facts=facts)


def _preload() -> None:
    """Load, once before the workers fork, what every deck's build loads on first use: the word
    lists of quizgen.text.grammar take seconds to load, which each worker would pay again."""
    from quizgen.export.anki_notetypes import shipped_note_types
    from quizgen.text.grammar import load_word_lists

    load_word_lists()
    shipped_note_types()  # package data, read once


def _input_size(deck_dir: Path) -> int:
    try:
        return sum(p.stat().st_size for p in deck_dir.iterdir() if p.is_file())
    except OSError:
        return 0
