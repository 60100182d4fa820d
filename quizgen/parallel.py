"""Building many decks: independent decks build at once, one per core, in worker processes.

Each deck writes only its own files (its outputs, named after its folder, and its state file), so
the files are those of building the decks one after another. The results come back without
their model (the deck, its questions), which only the worker needs.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from quizgen import buildcache
from quizgen.pipeline import DeckResult, build_deck


@dataclass
class DeckBuilt:
    """A deck's build as ``build_decks`` reports it: the result without its model (so that it
    crosses between processes cheaply), or the unexpected error that stopped it."""

    result: DeckResult
    seconds: float
    crash: str = ""  # a bug in quizgen: what was raised, and where


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
) -> list[DeckBuilt]:
    """Build decks, ``jobs`` at a time in worker processes (decks are independent: each writes
    only its own files), the largest first; ``done`` is called as each finishes. Returns the
    builds in the order of ``deck_dirs``: the same outputs as building them one after another."""
    built: dict[Path, DeckBuilt] = {}

    def finish(deck_dir: Path, one: DeckBuilt) -> None:
        built[deck_dir] = one
        if done is not None:
            done(one)

    todo = []
    for deck_dir in deck_dirs:
        entry = buildcache.lookup(out_dir, deck_dir) if use_cache else None
        if entry is None:
            todo.append(deck_dir)
        else:
            finish(deck_dir, DeckBuilt(buildcache.reused(deck_dir, out_dir, entry), 0.0))
    jobs = max(1, min(jobs, len(todo)))
    if jobs == 1:
        for deck_dir in todo:
            finish(deck_dir, _build_one(deck_dir, out_dir, use_cache))
        return [built[d] for d in deck_dirs]
    _preload()
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    order = sorted(todo, key=_input_size, reverse=True)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_build_one, d, out_dir, use_cache): d for d in order}
        for future in as_completed(futures):
            deck_dir = futures[future]
            try:
                one = future.result()
            except Exception as exc:  # the worker itself died (killed, out of memory)
                one = DeckBuilt(
                    DeckResult(deck_dir), 0.0, f"its worker process failed ({exc or type(exc).__name__})"
                )
            finish(deck_dir, one)
    return [built[d] for d in deck_dirs]


def _build_one(deck_dir: Path, out_dir: Path, use_cache: bool) -> DeckBuilt:
    start = time.perf_counter()
    try:
        result = (
            buildcache.build_and_record(deck_dir, out_dir) if use_cache else build_deck(deck_dir, out_dir)
        )
    except Exception as exc:  # a bug: say where, and let the other decks build
        where = traceback.extract_tb(exc.__traceback__)[-1]
        crash = (
            f"unexpected error ({type(exc).__name__}: {exc}, at {Path(where.filename).name}:{where.lineno})"
        )
        return DeckBuilt(DeckResult(deck_dir), time.perf_counter() - start, crash)
    slim = dataclasses.replace(result, deck=None, generated=None, plan=None)
    return DeckBuilt(slim, time.perf_counter() - start)


def _preload() -> None:
    """Load, once before the workers fork, what every deck's build loads on first use: the word
    lists of quizgen.text.grammar take seconds to load, which each worker would pay again."""
    try:
        import inflect  # noqa: F401
        from lemminflect import getAllLemmas

        getAllLemmas("was")
    except ImportError:  # not needed by this quizgen any more: nothing to share
        pass


def _input_size(deck_dir: Path) -> int:
    try:
        return sum(p.stat().st_size for p in deck_dir.iterdir() if p.is_file())
    except OSError:
        return 0
