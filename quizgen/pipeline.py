"""The pipeline end to end: load → check → generate → export, with atomic writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.assemble import assemble_quiz
from quizgen.check import check_deck, check_questions
from quizgen.export import anki
from quizgen.export.anki_state import STATE_FILE, read_state
from quizgen.export.registry import ExportJob, Output, formats
from quizgen.files import write_together
from quizgen.generate import Generated, generate_deck
from quizgen.load import find_deck_dirs, load_deck
from quizgen.model import Deck, InputError, Location, Problem, QuizSettings
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
    notes: list[str] = field(default_factory=list)  # things the user should know
    generated: Generated | None = None
    plan: anki.AnkiBuild | None = None  # what the Anki package would ship

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


Step = Callable[[str], None]  # told the name of each stage as it starts, for a progress bar
BUILD_STEPS = ("loading", "checking", "generating", "planning", "exporting", "writing")


def _no_step(name: str) -> None:
    return None


def load_and_check(deck_dir: Path, step: Step = _no_step) -> DeckResult:
    """Load a deck folder and check it; the result holds the deck and every problem."""
    result = DeckResult(deck_dir)
    step("loading")
    result.deck = load_deck(deck_dir, result.problems)
    if result.deck is None:
        return result
    step("checking")
    result.problems += check_deck(result.deck) + _check_formats(result.deck)
    if result.errors:
        return result
    step("generating")
    try:
        result.generated = generate_deck(result.deck)
    except InputError as exc:
        result.problems += exc.problems
        return result
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


def build_deck(deck_dir: Path, out_dir: Path, step: Step = _no_step) -> DeckResult:
    """Build one deck into ``out_dir``: the outputs of its formats, all or none.

    On any error (in the deck, or an output that cannot be written) nothing is replaced.
    """
    result = load_and_check(deck_dir, step)
    deck, generated, plan = result.deck, result.generated, result.plan
    if deck is None or generated is None or plan is None or result.errors:
        return result
    state_path = deck_dir / STATE_FILE
    if "anki" in deck.settings.formats:
        _report_plan(result, plan, generated, state_path, had_state=state_path.is_file())
    before = len(result.notes)
    step("exporting")
    outputs = export_outputs(result, deck.settings.formats, deck.settings.quiz)
    step("writing")
    write_outputs(result, out_dir, outputs)
    # What a build of the same inputs says again (the build cache repeats it): not the notes
    # about changes (a missing state file, changed or retired notes), which the state file now records.
    steady = [_skipped_note(result)] if "anki" in deck.settings.formats and generated.skipped else []
    result.steady_notes = steady + result.notes[before:]
    return result


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
