"""The pipeline end to end: load → check → generate → export, with atomic writes."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from quizgen import buildcache
from quizgen.assemble import assemble_quiz
from quizgen.check import check_deck, check_questions
from quizgen.export import anki
from quizgen.export.anki_state import STATE_FILE, read_state
from quizgen.export.registry import ExportJob, Output, formats
from quizgen.files import write_together
from quizgen.generate import Generated, generate_deck
from quizgen.load import find_deck_dirs, load_deck
from quizgen.load.deck import sheet_paths
from quizgen.model import Deck, InputError, Location, Problem, QuizSettings
from quizgen.project import relative
from quizgen.text.compare import suggest


@dataclass
class DeckResult:
    """What happened to one deck: its problems, and what was written."""

    deck_dir: Path
    deck: Deck | None = None
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # every output now in place
    unchanged: list[Path] = field(default_factory=list)  # those of them that already held these bytes
    cached: bool = False  # reused from the build cache: nothing was built
    notes: list[str] = field(default_factory=list)  # things the user should know
    generated: Generated | None = None
    plan: anki.AnkiBuild | None = None  # what the Anki package would ship

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def load_and_check(deck_dir: Path) -> DeckResult:
    """Load a deck folder and check it; the result holds the deck and every problem."""
    result = DeckResult(deck_dir)
    result.deck = load_deck(deck_dir, result.problems)
    if result.deck is None:
        return result
    result.problems += check_deck(result.deck) + _check_formats(result.deck)
    if result.errors:
        return result
    try:
        result.generated = generate_deck(result.deck)
    except InputError as exc:
        result.problems += exc.problems
        return result
    result.problems += check_questions(result.deck, result.generated.questions)
    if not result.errors:
        _plan_anki(result)
    return result


def _check_formats(deck: Deck) -> list[Problem]:
    known = tuple(formats())
    where = deck.settings.locations.get("formats", Location(deck.settings.path))
    return [
        Problem(
            where,
            f"'formats': '{name}' is not a format: write any of {', '.join(known)}{suggest(name, known)}",
        )
        for name in deck.settings.formats
        if name not in known
    ]


def _plan_anki(result: DeckResult) -> None:
    """Decide what the deck's Anki package ships (its state file read, every note timed), so that
    check finds what build would refuse: a damaged state file, a form that changed its note type."""
    deck, generated = result.deck, result.generated
    assert deck is not None and generated is not None
    state_path = result.deck_dir / STATE_FILE
    try:
        state = read_state(state_path)
        kinds = (*anki.ANKI_KINDS, "choice") if deck.settings.anki_multiple_choice else anki.ANKI_KINDS
        result.plan = anki.plan_notes(deck, generated.questions, state, anki.now_epoch(), kinds=kinds)
    except InputError as exc:
        result.problems += exc.problems


def check_paths(paths: list[Path]) -> tuple[list[DeckResult], list[Problem]]:
    """Load and check every deck the paths name."""
    deck_dirs, problems = find_deck_dirs(paths)
    return [load_and_check(d) for d in deck_dirs], problems


def export_outputs(result: DeckResult, names: tuple[str, ...], settings: QuizSettings) -> list[Output]:
    """The outputs of the named formats for a checked deck, the state file last."""
    deck, generated = result.deck, result.generated
    assert deck is not None and generated is not None
    job = ExportJob(
        deck, result.deck_dir, generated, assemble_quiz(generated.questions, settings), result.plan
    )
    outputs = [o for name in names for o in formats()[name].outputs(job)]
    result.notes += job.notes
    return sorted(outputs, key=lambda o: o.last)


def write_outputs(result: DeckResult, out_dir: Path, outputs: list[Output]) -> None:
    """Write the outputs into ``out_dir`` as one set; their problems go into the result."""
    targets = [((o.folder or out_dir) / o.path, o.write) for o in outputs]
    unchanged: list[Path] = []
    problems = write_together(targets, unchanged=unchanged)
    if problems:
        result.problems += problems
        return
    result.written += [target for target, _ in targets]
    result.unchanged += unchanged


def build_deck(deck_dir: Path, out_dir: Path, use_cache: bool = False) -> DeckResult:
    """Build one deck into ``out_dir``: the outputs of its formats, all or none.

    On any error (in the deck, or an output that cannot be written) nothing is replaced. With
    ``use_cache``, a deck whose inputs and outputs are as its last build left them is not built
    again (``quizgen.buildcache``): the result then says so, and holds no deck.
    """
    if use_cache:
        entry = buildcache.lookup(out_dir, deck_dir)
        if entry is not None:
            return _reused(deck_dir, out_dir, entry)
    return _build_anew(deck_dir, out_dir, use_cache)


def _build_anew(deck_dir: Path, out_dir: Path, use_cache: bool) -> DeckResult:
    """Build a deck in full; with ``use_cache``, record it in the cache (or drop its entry)."""
    if use_cache:
        buildcache.forget(out_dir, deck_dir)
    result = load_and_check(deck_dir)
    deck, generated, plan = result.deck, result.generated, result.plan
    if deck is None or generated is None or plan is None or result.errors:
        return result
    state_path = deck_dir / STATE_FILE
    if "anki" in deck.settings.formats:
        _report_plan(result, plan, generated, state_path, had_state=state_path.is_file())
    before = len(result.notes)
    write_outputs(result, out_dir, export_outputs(result, deck.settings.formats, deck.settings.quiz))
    if use_cache and not result.errors:
        steady = [_skipped_note(result)] if "anki" in deck.settings.formats and generated.skipped else []
        buildcache.store(out_dir, deck_dir, _entry(result, steady + result.notes[before:]))
    return result


def _entry(result: DeckResult, notes: list[str]) -> buildcache.Entry:
    """What the cache keeps of a deck's build: the hashes of what it read and wrote, and what a
    build of the same inputs would say again (its warnings, and notes that do not report changes)."""
    deck, generated, plan = result.deck, result.generated, result.plan
    assert deck is not None and generated is not None
    read = [deck.settings.path, result.deck_dir / STATE_FILE]
    for sheet in deck.sheets:
        read.append(sheet.path)
        if sheet.article is not None:
            read.append(sheet.article.path)
    read += [f.image for f in deck.facts if getattr(f, "image", None) is not None]
    read += [q.image for q in generated.questions if q.image is not None]
    read += [path for _, path in plan.media] if plan is not None else []
    return buildcache.Entry(
        sheets=[p.name for p in sheet_paths(result.deck_dir)],
        inputs={str(p.resolve()): buildcache.file_hash(p) for p in dict.fromkeys(read)},
        outputs={str(p.resolve()): buildcache.file_hash(p) or "" for p in result.written},
        warnings=[buildcache.warning_data(p, result.deck_dir) for p in result.problems],
        notes=notes,
    )


def _reused(deck_dir: Path, out_dir: Path, entry: buildcache.Entry) -> DeckResult:
    result = DeckResult(deck_dir, cached=True)
    result.problems = buildcache.warnings_of(entry, deck_dir)
    result.notes = list(entry.notes)
    result.written = [_spelt(Path(p), (out_dir, deck_dir)) for p in entry.outputs]
    result.unchanged = list(result.written)
    return result


def _spelt(path: Path, folders: tuple[Path, ...]) -> Path:
    """A resolved path as a build names it: below the folder it was written into, as given."""
    for folder in folders:
        if path.is_relative_to(folder.resolve()):
            return folder / path.relative_to(folder.resolve())
    return relative(path)


def _skipped_note(result: DeckResult) -> str:
    assert result.generated is not None
    return (
        f"{len(result.generated.skipped)} question form(s) not made where they would be weak; "
        f"'quizgen preview {result.deck_dir}' says why"
    )


def _report_plan(
    result: DeckResult, plan: anki.AnkiBuild, generated: Generated, state_path: Path, had_state: bool
) -> None:
    if not had_state:
        result.notes.append(
            f"no {state_path.name} yet: every note gets a new modification time; "
            f"commit {state_path} so that later builds update only changed notes"
        )
    elif plan.changed:
        result.notes.append(f"{len(plan.changed)} note(s) new or changed: {', '.join(plan.changed)}")
    result.notes += plan.messages  # renamed deck, note types that moved on
    for question_id in plan.retired:
        result.notes.append(
            f"{question_id}: no longer made (its fact or form is gone); its note ships tagged "
            "quizgen::retired in the Retired subdeck, for learners to find and delete"
        )
    if generated.skipped:
        result.notes.append(_skipped_note(result))


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
            finish(deck_dir, DeckBuilt(_reused(deck_dir, out_dir, entry), 0.0))
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
        result = _build_anew(deck_dir, out_dir, use_cache)
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
