"""The pipeline end to end: load → check → generate → export, with atomic writes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.assemble import assemble_quiz
from quizgen.check import check_deck, check_questions
from quizgen.export import anki
from quizgen.export.anki_state import STATE_FILE, read_state
from quizgen.export.registry import ExportJob, Output, formats
from quizgen.files import (
    Listing,
    locked,
    read_record,
    record_path,
    remove_stale,
    remove_stale_temporaries,
    write_record,
    write_together,
)
from quizgen.generate import Generated, generate_deck
from quizgen.load import find_deck_dirs, load_deck
from quizgen.model import Deck, InputError, Location, Problem, QuizSettings
from quizgen.review import apply_review
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
    steady_notes: list[str] = field(default_factory=list)  # the notes a rebuild would give again
    skipped_forms: int = 0  # forms not made, as the note a rebuild gives again says (with the path)
    sheets_reused: tuple[int, int] = (0, 0)  # sheets whose questions were reused, of how many
    notes: list[str] = field(default_factory=list)  # things the user should know
    generated: Generated | None = None
    plan: anki.AnkiBuild | None = None  # what the Anki package would ship
    kept: dict[str, str] = field(default_factory=dict)  # what to keep of its sheets' checks and questions

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


Step = Callable[[str], None]  # told the name of each stage as it starts, for a progress bar
BUILD_STEPS = ("loading", "checking", "generating", "planning", "exporting", "writing")


def _no_step(name: str) -> None:
    return None


def load_and_check(
    deck_dir: Path, step: Step = _no_step, reuse: Mapping[str, str] | None = None
) -> DeckResult:
    """Load a deck folder and check it; the result holds the deck and every problem. ``reuse``:
    what an earlier run kept of the sheets' checks and questions (``DeckResult.kept``), reused
    for the sheets that did not change."""
    result = DeckResult(deck_dir)
    step("loading")
    result.deck = load_deck(deck_dir, result.problems)
    if result.deck is None:
        return result
    step("checking")
    checked: dict[str, str] | None = None if reuse is None else {}
    result.problems += check_deck(result.deck, reuse, keep=checked) + _check_formats(result.deck)
    result.kept = dict(checked or {})
    if result.errors:
        return result
    step("generating")
    try:
        result.generated = generate_deck(result.deck, reuse=reuse)
    except InputError as exc:
        result.problems += exc.problems
        return result
    result.kept = {**(checked or {}), **result.generated.kept}
    result.sheets_reused = (result.generated.reused, len(result.deck.sheets))
    result.generated = apply_review(deck_dir, result.deck, result.generated, result.problems)
    result.problems += check_questions(result.deck, result.generated.questions)
    if not result.errors:
        step("planning")
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
        deck, result.deck_dir, generated, assemble_quiz(generated.questions, settings, deck), result.plan
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


def build_deck(
    deck_dir: Path,
    out_dir: Path,
    step: Step = _no_step,
    on_wait: Callable[[], None] | None = None,
    listed: Listing | None = None,
    reuse: Mapping[str, str] | None = None,
) -> DeckResult:
    """Build one deck into ``out_dir``: the outputs of its formats, all or none.

    On any error (in the deck, or an output that cannot be written) nothing is replaced. The deck
    is locked throughout, so that two builds of it never mix their outputs and state files;
    ``on_wait`` is called when another build holds it. ``listed``: the temporary files in the
    output folders when a build of many decks began (``files.temporaries_in``). ``reuse``: the
    questions an earlier generation kept (``generate_deck``).
    """
    try:
        with locked(deck_dir, on_wait=on_wait):
            return _build_locked(deck_dir, out_dir, step, listed, reuse)
    except InputError as exc:  # another build kept the lock
        return DeckResult(deck_dir, problems=list(exc.problems))


def _build_locked(
    deck_dir: Path,
    out_dir: Path,
    step: Step,
    listed: Listing | None = None,
    reuse: Mapping[str, str] | None = None,
) -> DeckResult:
    result = load_and_check(deck_dir, step, reuse)
    deck, generated, plan = result.deck, result.generated, result.plan
    if deck is None or generated is None or plan is None or result.errors:
        return result
    state_path = deck_dir / STATE_FILE
    if "anki" in deck.settings.formats:
        _report_plan(result, plan, generated, state_path, had_state=state_path.is_file())
    said = len(result.notes)
    step("exporting")
    outputs = export_outputs(result, deck.settings.formats, deck.settings.quiz)
    before = read_record(out_dir, deck.settings.key, deck_dir)
    targets = [(o.folder or out_dir) / o.path for o in outputs]
    remove_stale_temporaries(
        [*targets, *(out_dir / n for n in before), record_path(out_dir, deck.settings.key)], listed
    )
    step("writing")
    write_outputs(result, out_dir, outputs)
    # What a build of the same inputs says again (the build cache repeats it): not the notes
    # about changes (a missing state file, changed or retired notes, outputs removed).
    # The note on forms not made is made again from its count: it names the deck as given then.
    result.skipped_forms = len(generated.skipped) if "anki" in deck.settings.formats else 0
    result.steady_notes = result.notes[said:]
    if result.written and not result.errors:
        # Only what goes into the output folder: never the deck's state file, wherever --out is.
        in_out_dir = [out_dir / o.path for o in outputs if o.folder is None]
        _tidy_outputs(result, out_dir, deck.settings.key, before, in_out_dir)
    return result


def skipped_note(count: int, deck_dir: Path) -> str:
    """What a build says of the question forms it did not make, and where to see why."""
    return (
        f"{count} question form(s) not made where they would be weak; 'quizgen preview {deck_dir}' says why"
    )


def _tidy_outputs(
    result: DeckResult, out_dir: Path, key: str, before: dict[str, str], written: list[Path]
) -> None:
    """Record what this build wrote in ``out_dir``; remove what an earlier one wrote and this one
    no longer does (a version fewer, a format dropped), unless it was changed since."""
    try:
        now = write_record(out_dir, key, result.deck_dir, written)
    except OSError as exc:
        result.notes.append(
            f"could not record the outputs in {record_path(out_dir, key)}: {exc.strerror or exc}"
        )
        return
    removed, kept = remove_stale(out_dir, before, now)
    result.notes += [f"removed {path}: no longer built" for path in removed]
    result.notes += [f"left {path}: no longer built, but changed since quizgen wrote it" for path in kept]


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
        result.notes.append(skipped_note(len(generated.skipped), result.deck_dir))
