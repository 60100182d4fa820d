"""The decks being reviewed, loaded and checked as ``check`` and ``build`` do, again whenever one
of their files changes on disk.

A deck's state is made from the files as they are now, with the token of each file it may
write (sheets, review file) read before and after loading: if a file changed meanwhile, the
state is made again, so that a page never carries a token newer than what it shows.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.assemble import assemble_quiz
from quizgen.check import check_questions
from quizgen.generate import generate_deck
from quizgen.load.article import find_articles_dir
from quizgen.load.deck import sheet_paths
from quizgen.model import Deck, FactSheet, InputError, Problem, Question
from quizgen.pipeline import DeckResult, load_and_check
from quizgen.review import REVIEW_FILE, Review, Reviewed, load_review, review_questions
from quizgen.serve.writes import file_token

WATCHED_SUFFIXES = (".yaml", ".yml", ".md", ".tsv")
RELOAD_ATTEMPTS = 3


@dataclass
class DeckState:
    """A deck as the pages show it, and the tokens of the files they may change."""

    key: str
    deck_dir: Path
    result: DeckResult
    tokens: dict[Path, str]  # sheet files and the review file, as loaded
    review: Review
    review_problems: list[Problem]  # reading the review file (errors forbid writing it)
    originals: dict[str, Question] = field(default_factory=dict)  # as generated, before review
    reviewed: Reviewed | None = None
    draft_questions: dict[str, list[Question]] = field(default_factory=dict)  # draft fact -> questions
    worksheet_ids: frozenset[str] = frozenset()  # questions printed on the worksheet
    anki_ids: frozenset[str] = frozenset()  # questions that become Anki notes

    @property
    def deck(self) -> Deck | None:
        return self.result.deck

    @property
    def review_path(self) -> Path:
        return self.deck_dir / REVIEW_FILE

    @property
    def questions(self) -> tuple[Question, ...]:
        """The questions students get: generated, then reviewed."""
        return self.result.generated.questions if self.result.generated else ()

    @functools.cached_property
    def students_get(self) -> dict[str, Question]:
        """The reviewed questions by id (a dropped one is not there)."""
        return {q.id: q for q in self.questions}

    def sheet(self, name: str) -> FactSheet | None:
        deck = self.deck
        return next((s for s in deck.sheets if s.path.name == name), None) if deck else None


def _token_paths(deck_dir: Path) -> list[Path]:
    return [*sheet_paths(deck_dir), deck_dir / REVIEW_FILE]


def deck_key(deck_dir: Path) -> str:
    return deck_dir.resolve().name


class Workspace:
    """The decks given to ``quizgen serve``, by key (their folder's name)."""

    def __init__(self, deck_dirs: list[Path]):
        self.decks: dict[str, Path] = {}
        for deck_dir in deck_dirs:
            self.decks.setdefault(deck_key(deck_dir), deck_dir)
        self._cache: dict[str, tuple[str, DeckState]] = {}
        self._lock = threading.Lock()

    def watch_paths(self) -> list[Path]:
        """The folders whose files the pages show: the decks and their articles."""
        folders = set()
        for deck_dir in self.decks.values():
            folders.add(deck_dir.resolve())
            articles = find_articles_dir(deck_dir)
            if articles is not None:
                folders.add(articles.resolve())
        return sorted(folders)

    def _files(self) -> list[Path]:
        return sorted(
            p for folder in self.watch_paths() for p in folder.iterdir() if p.suffix in WATCHED_SUFFIXES
        )

    def fingerprint(self) -> str:
        """A hash of every watched file's contents: it changes when a page would."""
        digest = hashlib.sha256()
        for path in self._files():
            digest.update(f"{path}\0{file_token(path)}\0".encode())
        return digest.hexdigest()[:16]

    def state(self, key: str) -> DeckState:
        """The deck's state, made again when its files changed since it was last made."""
        deck_dir = self.decks[key]
        with self._lock:
            version = self.fingerprint()
            cached = self._cache.get(key)
            if cached is not None and cached[0] == version:
                return cached[1]
            # the sheets that did not change keep their questions (a large deck edited live)
            kept = cached[1].result.kept if cached else {}
            state = self._load(key, deck_dir, kept)
            self._cache[key] = (version, state)
            return state

    def _load(self, key: str, deck_dir: Path, kept: Mapping[str, str]) -> DeckState:
        for _ in range(RELOAD_ATTEMPTS):
            before = {p: file_token(p) for p in _token_paths(deck_dir)}
            state = load_state(key, deck_dir, before, kept)
            if {p: file_token(p) for p in _token_paths(deck_dir)} == before:
                return state
        return state  # still changing: the next change reloads the page anyway


def load_state(
    key: str, deck_dir: Path, tokens: dict[Path, str], kept: Mapping[str, str] | None = None
) -> DeckState:
    """Load, check, generate and review a deck, keeping what each page needs. ``kept``: the
    sheets' checks and questions as its last load made them (``DeckResult.kept``), reused where
    unchanged."""
    result = load_and_check(deck_dir, reuse=kept or {})
    review_problems: list[Problem] = []
    review = load_review(deck_dir, review_problems)
    state = DeckState(key, deck_dir, result, tokens, review, review_problems)
    deck = result.deck
    if deck is None or result.generated is None:
        return state
    originals = generate_deck(deck, reuse=result.generated.kept).questions  # made just now: all reused
    state.originals = {q.id: q for q in originals}
    state.reviewed = review_questions(review, deck, originals)
    state.draft_questions = _draft_questions(deck)
    if not result.errors:
        quiz = assemble_quiz(result.generated.questions, deck.settings.quiz)
        state.worksheet_ids = frozenset(q.id for q in quiz.questions)
        if result.plan is not None:
            active = {r.question_id for r in result.plan.records.values() if r.status == "active"}
            state.anki_ids = frozenset(active)
    return state


def _draft_questions(deck: Deck) -> dict[str, list[Question]]:
    """The questions each draft fact would give once confirmed: a preview, since its wrong
    options may change as the deck grows. (A deck is generated only when no fact, draft or
    not, has an error, so every draft here passed check.)"""
    drafts = {f.id for f in deck.facts if f.draft}
    if not drafts:
        return {}
    sheets = tuple(
        dataclasses.replace(s, facts=tuple(dataclasses.replace(f, draft=False) for f in s.facts))
        for s in deck.sheets
    )
    confirmed = dataclasses.replace(deck, sheets=sheets)
    try:
        questions = generate_deck(confirmed).questions
    except InputError:
        return {}
    faults = check_questions(confirmed, questions)
    faulty = {p.message.split(": ")[0] for p in faults if p.severity == "error"}
    out: dict[str, list[Question]] = {}
    for question in questions:
        if question.fact_id in drafts and question.id not in faulty:
            out.setdefault(question.fact_id, []).append(question)
    return out
