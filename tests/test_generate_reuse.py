"""Reusing a sheet's questions: the same questions as made anew, and made anew whenever any input
of theirs changed."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import quizgen.generate as generate
from quizgen.generate import generate_deck
from quizgen.generate.reuse import sheet_data, sheet_made
from quizgen.load import load_deck
from quizgen.model import Deck
from tests.conftest import REPO

DEV_DECKS = sorted(p.name for p in (REPO / "decks").iterdir() if (p / "deck.yaml").is_file())


def _load(deck_dir: Path) -> Deck:
    problems: list = []
    deck = load_deck(deck_dir, problems)
    assert deck is not None and not [p for p in problems if p.severity == "error"], problems
    return deck


@pytest.fixture
def made_facts(monkeypatch) -> list[str]:
    """The ids of the facts whose questions are made (not reused), as generation makes them."""
    made: list[str] = []
    real = generate._fact_made

    def counting(fact, ctx):
        made.append(fact.id)
        return real(fact, ctx)

    monkeypatch.setattr(generate, "_fact_made", counting)
    return made


@pytest.mark.parametrize("name", DEV_DECKS)
def test_reused_questions_are_those_made_anew(name, made_facts):
    """On every deck of the repository (every fact type, clozes dropped as duplicates, balanced
    keys, hand-written questions): the questions and skipped forms, field for field."""
    deck = _load(REPO / "decks" / name)
    anew = generate_deck(deck)
    first = generate_deck(deck, reuse={})
    assert first == anew and len(first.kept) == len(deck.sheets)
    made_facts.clear()
    again = generate_deck(deck, reuse=first.kept)
    assert made_facts == []  # nothing made: every sheet was reused
    assert again == anew and again.kept == first.kept
    assert [q.image for q in again.questions] == [q.image for q in anew.questions]


def test_kept_data_reads_back_as_the_questions_it_keeps():
    deck = _load(REPO / "decks" / "notre-dame")
    made = [generate._fact_made(f, _context(deck)) for f in deck.sheets[0].facts if not f.draft]
    source = generate.source_of(deck.sheets[0])
    assert sheet_made(sheet_data(made), deck.settings.key, source) == made
    for broken in ("", "[", '[{"questions": 1}]', "null"):
        with pytest.raises(ValueError):
            sheet_made(broken, deck.settings.key, source)


def _context(deck: Deck):
    """The context generate_deck gives the facts of the deck's first sheet."""
    from quizgen.generate.graph import FactGraph
    from quizgen.generate.pools import OptionPools
    from quizgen.generate.single import DeckIndexes, FactContext
    from quizgen.generate.templates import QuestionTemplates

    facts = tuple(f for f in deck.facts if not f.draft)
    sheet_of = {f.id: i for i, s in enumerate(deck.sheets) for f in s.facts}
    source = generate.source_of(deck.sheets[0])
    return FactContext(
        deck.settings.key, facts, source, source.published, "", QuestionTemplates.for_deck(deck),
        FactGraph(facts), sheet_of, deck.settings.choice_options - 1, False, OptionPools(facts, sheet_of),
        DeckIndexes(),
    )  # fmt: skip


# --- a deck of several sheets: an edit remakes what it may change, and the result is as made anew ---


def _corpus(root: Path, sheets: int) -> Path:
    spec = importlib.util.spec_from_file_location("scale_corpus", REPO / "benchmarks" / "scale_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_corpus(root, sheets, 1)[0]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (what is edited in the second sheet, old, new, whether every sheet's questions may change)
OWN_WORDING = "tags: [mali, coup]\n    questions: {when: In which year did Lispazanar's army take over?}"
REMOVED = "  - id: burkina-faso-takeover-year-0001\n"
EDITS = [
    ("a tag", "tags: [niger, coup]", "tags: [niger, coup, changed]", False),
    ("a form skipped", "tags: [mali, coup]", "tags: [mali, coup]\n    skip: [true_false]", False),
    ("a fact's own wording", "tags: [mali, coup]", OWN_WORDING, False),
    ("an event's words", "event: the military takeover in", "event: the army's takeover in", True),
    ("a fact made a draft", REMOVED, f"{REMOVED}    draft: true\n", True),
]


@pytest.mark.parametrize(("what", "old", "new", "everywhere"), EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_remakes_what_it_may_change_and_gives_the_questions_made_anew(
    tmp_path, made_facts, what, old, new, everywhere
):
    deck_dir = _corpus(tmp_path, 4)
    before = generate_deck(_load(deck_dir), reuse={})
    kept = before.kept
    second = sorted(deck_dir.glob("story-*.yaml"))[1]
    _edit(second, old, new)
    deck = _load(deck_dir)
    made_facts.clear()
    again = generate_deck(deck, reuse=kept)
    live = [[f.id for f in sheet.facts if not f.draft] for sheet in deck.sheets]
    if everywhere:  # the deck's other facts changed: options, graph, clozes may all change
        assert made_facts == [i for ids in live for i in ids]
    else:  # only the sheet's own: the other sheets are reused
        assert made_facts == live[1]
    assert again == generate_deck(deck) and again != before, what
    assert set(again.kept) != set(kept) and len(again.kept) == len(deck.sheets)


def _tampered(text: str, how: str) -> str:
    """A sheet's kept JSON, changed as a stale or forged build folder might hold it."""
    if how == "not JSON":
        return "[1, 2"
    if how == "nested too deep":
        return "[" * 100_000 + "]" * 100_000
    facts = json.loads(text)
    first = facts[0]
    with_variants = next(f for f in facts if f["variants"])
    variants = next(iter(with_variants["variants"].values()))
    if how == "another fact's question":
        first["questions"][0]["fact_id"] = facts[1]["questions"][0]["fact_id"]
    elif how == "a form the type has not":
        first["questions"][0]["form"] = "made-up"
    elif how == "a prompt that is no text":
        first["questions"][0]["prompt"] = {"a": 1}
    elif how == "a key that cannot be a slot":
        variants[1] = [[0, 1], 1]
    elif how == "no choices":
        variants[2] = []
    elif how == "a choice that changes another field":
        variants[2][0][1]["fact_id"] = "x"
    elif how == "one fact fewer":
        facts.pop()
    return json.dumps(facts)


TAMPERING = [
    "not JSON",
    "nested too deep",
    "another fact's question",
    "a form the type has not",
    "a prompt that is no text",
    "a key that cannot be a slot",
    "no choices",
    "a choice that changes another field",
    "one fact fewer",
]


@pytest.mark.parametrize("how", TAMPERING)
def test_kept_questions_not_as_generation_gives_them_are_made_again(tmp_path, made_facts, how):
    deck = _load(_corpus(tmp_path, 3))
    kept = generate_deck(deck, reuse={}).kept
    first_key = next(iter(kept))
    broken = {**kept, first_key: _tampered(kept[first_key], how)}
    made_facts.clear()
    again = generate_deck(deck, reuse=broken)
    assert made_facts == [f.id for f in deck.sheets[0].facts if not f.draft]
    assert again == generate_deck(deck) and again.kept == kept


def test_a_deck_named_from_another_folder_reuses_what_it_kept(tmp_path, monkeypatch, made_facts):
    """Paths are spelt as the deck is named ('decks/x', '../x', '/abs/x'): no key holds them."""
    deck_dir = _corpus(tmp_path, 3)
    kept = generate_deck(_load(deck_dir.resolve()), reuse={}).kept
    monkeypatch.chdir(deck_dir)
    made_facts.clear()
    again = generate_deck(_load(Path(".")), reuse=kept)
    assert made_facts == [] and again.kept == kept
