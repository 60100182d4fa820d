"""Question generation: golden output on the seed deck, properties over random fact sets."""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.check import check_questions
from quizgen.export.preview import to_text
from quizgen.generate import generate_deck
from quizgen.generate.single import option_text
from quizgen.load import load_deck
from quizgen.model import (
    HEDGES,
    ActorFact,
    Article,
    CauseFact,
    DateFact,
    Deck,
    DeckSettings,
    Fact,
    FactSheet,
    Location,
    NumberFact,
    PartialDate,
)
from quizgen.text.compare import same_text
from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden" / "sahel-questions.txt"
PUBLISHED = PartialDate(2023, 11, 6)
HERE = Path("memory.yaml")


def seed_generated():
    problems: list = []
    deck = load_deck(REPO / "decks" / "sahel", problems)
    assert deck is not None and not problems
    return deck, generate_deck(deck)


def golden_text() -> str:
    _, generated = seed_generated()
    blocks = [to_text(q) for q in generated.questions]
    blocks += [f"{s.deck}/{s.fact_id}/{s.form}  [skipped] {s.reason}" for s in generated.skipped]
    return "\n\n".join(blocks) + "\n"


def test_seed_deck_matches_the_reviewed_golden_file():
    """The full question set of the seed deck was reviewed by hand and kept as expected output.

    After an intended change, regenerate with QUIZGEN_UPDATE_GOLDEN=1 and review the diff.
    """
    text = golden_text()
    if os.environ.get("QUIZGEN_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_seed_deck_has_every_form_its_facts_allow():
    _, generated = seed_generated()
    forms = {q.form for q in generated.questions}
    assert forms >= {
        "when", "when_typed", "when_choice", "true_false", "cloze",
        "how_many", "how_many_typed", "how_many_choice",
        "who", "role", "why", "why_choice",
        "before_after", "timeline", "actor_matching",
    }  # fmt: skip
    # Too few people for four options, roles not asked of groups or countries (the sheet keeps
    # theirs as comments since its migration to version 2), long gaps: skipped.
    assert {s.form for s in generated.skipped} <= {
        "who", "who_choice", "why_choice", "true_false", "estimate", "complete", "role",
        "cloze",
    }  # fmt: skip


def test_seed_deck_passes_the_quality_checks():
    deck, generated = seed_generated()
    assert check_questions(deck, generated.questions) == []


def test_generation_is_deterministic():
    assert golden_text() == golden_text()


def test_hedged_number_is_asked_with_its_hedge_and_date_stamp():
    _, generated = seed_generated()
    q = next(q for q in generated.questions if q.id == "sahel/french-troops-in-niger/how_many")
    assert q.prompt == "As of November 2023, about how many French troops were stationed in Niger?"
    assert q.answer == "Around 1,500"


def test_year_only_date_is_never_asked_for_a_day():
    _, generated = seed_generated()
    q = next(q for q in generated.questions if q.id == "sahel/mali-takeover-year/when")
    assert q.prompt.startswith("In which year")
    choice = next(q for q in generated.questions if q.id == "sahel/mali-takeover-year/when_choice")
    assert all(len(o) == 4 and o.isdigit() and int(o) <= 2023 for o in choice.options)


# --- properties over random fact sets ----------------------------------------------------------


def _location(i: int) -> Location:
    return Location(HERE, i + 1, 3)


@st.composite
def number_facts(draw, index: int) -> NumberFact:
    value = draw(st.one_of(st.integers(1, 50), st.integers(51, 10**7).map(lambda v: round(v, -2))))
    hedge = draw(st.sampled_from([None, *HEDGES]))
    text = f"{value:,}"
    return NumberFact(
        id=f"n{index}",
        evidence=f"Reports say {hedge or ''} {text} people came.",
        location=_location(index),
        value=float(value),
        how_many="people came",
        hedge=hedge,
        also_true=tuple(draw(st.lists(st.integers(1, 10**7).map(lambda v: f"{v:,}"), max_size=2))),
    )


@st.composite
def date_facts(draw, index: int) -> DateFact:
    year = draw(st.integers(1950, 2023))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    month = draw(st.integers(1, 10)) if precision != "year" else None
    day = draw(st.integers(1, 28)) if precision == "day" else None
    date = PartialDate(year, month, day)
    return DateFact(
        id=f"d{index}",
        evidence=f"It happened in {date.text()}.",
        location=_location(index),
        event=f"event number {index}",
        date=date,
        also_true=tuple(draw(st.lists(st.integers(1950, 2023).map(str), max_size=2))),
    )


NAMES = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Ken Thompson"]


@st.composite
def actor_facts(draw, index: int) -> ActorFact:
    name = draw(st.sampled_from(NAMES))
    return ActorFact(
        id=f"a{index}",
        evidence=f"{name} spoke first.",
        location=_location(index),
        name=name,
        kind="person",
        role=f"speaker number {index}",
        also_true=tuple(draw(st.lists(st.sampled_from(NAMES), max_size=2))),
    )


@st.composite
def cause_facts(draw, index: int) -> CauseFact:
    return CauseFact(
        id=f"c{index}",
        evidence=f"Storm {index} caused flood {index}.",
        location=_location(index),
        cause=f"storm number {draw(st.integers(0, 6))}",
        effect=f"flood number {draw(st.integers(0, 6))}",
        gap=f"flood {index}",
    )


@st.composite
def decks(draw) -> Deck:
    count = draw(st.integers(1, 9))
    makers = [number_facts, date_facts, actor_facts, cause_facts]
    facts = [draw(draw(st.sampled_from(makers))(i)) for i in range(count)]
    article = Article(Path("a.md"), "A title", PUBLISHED, "a source", "body")
    sheet = FactSheet(HERE, "a.md", _location(0), article, tuple(facts))
    settings_ = DeckSettings(key="random", path=Path("deck.yaml"), name="Random")
    return Deck(settings_, (sheet,))


def _wrong_options(question, fact: Fact) -> list[str]:
    return [o for o in question.options if not same_text(o, question.answer)]


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_properties_of_every_generated_question(deck: Deck):
    generated = generate_deck(deck)
    facts = {f.id: f for f in deck.facts}
    assert check_questions(deck, generated.questions) == []
    for q in generated.questions:
        assert q.prompt.strip() and q.answer.strip()
        if q.kind in ("recall", "choice", "typed"):  # no leak, checked here without check_questions
            assert q.answer.casefold().rstrip(".") not in q.prompt.casefold(), q.id
        if q.kind != "choice":
            continue
        fact = facts[q.fact_id]
        assert sum(same_text(o, q.answer) for o in q.options) == 1
        assert len({o.casefold() for o in q.options}) == len(q.options)
        assert 3 <= len(q.options) <= 4
        for wrong in _wrong_options(q, fact):
            assert not any(same_text(wrong, a) for a in fact.also_true), (wrong, fact.also_true)
            assert not any(same_text(wrong, option_text(fact, a)) for a in _parsed_also_true(fact))
        if isinstance(fact, NumberFact):
            values = [float(o.replace(",", "")) for o in q.options]
            assert values == sorted(values)
            low, high = q.tolerance or (fact.value, fact.value)
            assert all(not (low <= v <= high) for v in values if v != fact.value)
        if isinstance(fact, DateFact):
            dates = [_parse_text_date(o) for o in q.options]
            assert dates == sorted(dates)
            assert all(d <= PUBLISHED.earliest() for d in dates)
    assert generate_deck(deck) == generated  # same input, same output


def _parsed_also_true(fact: Fact) -> list:
    out = []
    for text in fact.also_true:
        with contextlib.suppress(ValueError):
            out.append(
                float(text.replace(",", "")) if isinstance(fact, NumberFact) else PartialDate.parse(text)
            )
    return out


def _parse_text_date(text: str):
    import datetime as dt

    for fmt in ("%d %B %Y", "%B %Y", "%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise AssertionError(f"not a date option: {text}")


def test_answer_position_spreads_evenly():
    """Over many multiple-choice questions the answer's position is close to uniform."""
    facts = tuple(
        NumberFact(
            id=f"n{i}",
            evidence=f"{v:,} people",
            location=_location(i),
            value=float(v),
            how_many="people came",
        )
        for i, v in enumerate(range(1000, 1000 + 400 * 37, 37))
    )
    article = Article(Path("a.md"), "A title", PUBLISHED, "a source", "body")
    deck = Deck(
        DeckSettings(key="spread", path=Path("deck.yaml"), name="Spread"),
        (FactSheet(HERE, "a.md", _location(0), article, facts),),
    )
    positions = Counter(
        q.options.index(q.answer) for q in generate_deck(deck).questions if q.kind == "choice"
    )
    total = sum(positions.values())
    assert total == 400 and set(positions) == {0, 1, 2, 3}
    assert all(0.18 <= n / total <= 0.32 for n in positions.values()), positions


def test_numeric_options_are_evenly_spaced_so_that_none_stands_apart():
    """Judges flagged 622 beside 195, 266 and 346: the answer alone far from the rest. Every gap
    between neighbouring options is within 3 times any other (a series, jittered and rounded)."""
    checked = 0
    for deck_dir in sorted((REPO / "decks").iterdir()):
        generated = generate_deck(load_deck(deck_dir, []))
        for q in generated.questions:
            if (
                q.kind == "choice"
                and q.ordered
                and q.tags[0] == "number"
                and not q.answer.startswith("Between")
            ):
                try:
                    values = sorted(_number(o) for o in q.options)
                except ValueError:  # ordinals, fractions, 'every two years': not a plain series
                    continue
                gaps = [b - a for a, b in zip(values, values[1:], strict=False)]
                assert max(gaps) <= 3 * min(gaps), (q.id, q.options)
                checked += 1
    assert checked >= 30


def _number(option: str) -> float:
    text = option.lower().replace(",", "").replace("$", "").replace("€", "").replace("%", "")
    text = text.replace("every ", "").split()[0]
    scale = {"million": 1e6, "billion": 1e9}.get(
        option.lower().split()[-1] if len(option.split()) > 1 else "", 1
    )
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
    if text.endswith("m"):
        return float(text[:-1]) * 1e6
    if text.endswith("bn"):
        return float(text[:-2]) * 1e9
    if text.endswith("c"):
        return float(text[:-1])
    return float(words.get(text) or text) * scale


def test_a_deck_overrides_a_template(project, run_cli):
    deck_yaml = project / "decks/sahel/deck.yaml"
    deck_yaml.write_text(
        deck_yaml.read_text(encoding="utf-8")
        + 'question_templates:\n  date:\n    when:\n      prompt: "When did {{ fact.event }} happen?"\n',
        encoding="utf-8",
    )
    result = run_cli("preview", "--form", "when")
    assert "Q: When did the military takeover in Mali happen?" in result.stdout


def test_a_broken_template_override_is_reported_at_deck_yaml(project, run_cli):
    deck_yaml = project / "decks/sahel/deck.yaml"
    line = len(deck_yaml.read_text(encoding="utf-8").splitlines()) + 1
    override = 'question_templates:\n  date:\n    when:\n      prompt: "{{ oops"\n'
    deck_yaml.write_text(deck_yaml.read_text(encoding="utf-8") + override, encoding="utf-8")
    result = run_cli("check")
    assert result.exit_code == 1
    assert f"decks/sahel/deck.yaml:{line}: question template date.when: invalid template" in result.stderr


def test_a_template_override_of_the_wrong_shape_is_reported(project, run_cli):
    deck_yaml = project / "decks/sahel/deck.yaml"
    for override, message in [
        ("  date:\n    when: just text\n", "date.when must be a mapping"),
        ("  date:\n    order:\n      kind: ordering\n      prompt: x\n", "kind 'ordering' is not one of"),
        ("  date: null\n", "'date' must map form names to forms"),
        ("  date:\n    when:\n      promt: x\n", "unknown key 'promt' (did you mean 'prompt'?)"),
        ("  date:\n    pick:\n      kind: choice\n      prompt: x\n", "options must be one of: date"),
        ("  actor:\n    pick:\n      kind: choice\n      options: banana\n      prompt: x\n", "one of: name"),
        ("  deck:\n    before_after:\n      kind: matching\n", "the kind of this form is fixed: true_false"),
        ("  date:\n    guess:\n      kind: recall\n      prompt: x\n", "a recall form needs 'answer'"),
    ]:
        deck_yaml.write_text("name: Sahel\nquestion_templates:\n" + override, encoding="utf-8")
        result = run_cli("check")
        assert result.exit_code == 1
        assert "decks/sahel/deck.yaml:2: " in result.stderr and message in result.stderr, result.stderr


def test_extreme_values_generate_or_skip_without_errors():
    facts = [
        NumberFact(id=f"n{i}", evidence=f"{v} things", location=_location(i), value=v, how_many="things")
        for i, v in enumerate([0.000001, 0.0, -5.0, 1e15, 2.5, 1.0])
    ]
    facts += [
        DateFact(id=f"d{i}", evidence=f"In {d.text()}.", location=_location(10 + i), event=f"e{i}", date=d)
        for i, d in enumerate([PartialDate(1), PartialDate(1, 1, 1), PartialDate(9999, 12, 31)])
    ]
    article = Article(Path("a.md"), "A title", PartialDate(9999, 12, 31), "a source", "body")
    deck = Deck(
        DeckSettings(key="edge", path=Path("deck.yaml"), name="Edge"),
        (FactSheet(HERE, "a.md", _location(0), article, tuple(facts)),),
    )
    generated = generate_deck(deck)
    assert check_questions(deck, generated.questions) == []
    made = {q.id for q in generated.questions}
    assert {"edge/n0/how_many", "edge/d0/when", "edge/d2/when"} <= made
    reasons = {s.reason for s in generated.skipped}
    assert all(reason.strip() for reason in reasons)


def test_a_hand_written_question_replaces_every_prompt_it_stands_for(project, run_cli):
    """Version 1's question (version 2 words each form under questions:)."""
    sheet = project / "decks/sahel/french-army-niger-withdrawal-talks.yaml"
    text = (
        (REPO / "tests/golden/sahel-v1.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    event: the military takeover in Mali\n",
            "    event: the military takeover in Mali\n    question: When did the army take power in Mali?\n",
        )
    )
    sheet.write_text(text, encoding="utf-8")
    result = run_cli("preview", "--json", str(sheet.relative_to(project)))
    prompts = {
        q["form"]: q["prompt"]
        for q in json.loads(result.stdout)["questions"]
        if q["fact_id"] == "mali-takeover-year"
    }
    assert (
        prompts["when"]
        == prompts["when_typed"]
        == prompts["when_choice"]
        == "When did the army take power in Mali?"
    )
    assert "took place" in prompts["true_false"]


def test_removing_a_fact_changes_no_other_question_but_a_balanced_key():
    """Every question draws its random choices from its own id: deleting one fact rewords no
    other question and redraws no other options (issue 11). The deck's balance of keys
    (generate/balance.py) may move a key at the margin of a full share: the answer in another
    rank, or the other statement of the same fact; at most two here, of 40 questions."""
    facts = tuple(
        NumberFact(id=f"n{i}", evidence=f"{v:,} came", location=_location(i), value=float(v), how_many="came")
        for i, v in enumerate(range(1000, 1000 + 21 * 350, 350))
    )
    article = Article(Path("a.md"), "A title", PUBLISHED, "a source", "body")

    def questions(kept: tuple) -> dict:
        deck = Deck(
            DeckSettings(key="tf", path=Path("deck.yaml"), name="TF"),
            (FactSheet(HERE, "a.md", _location(0), article, kept),),
        )
        return {q.id: q for q in generate_deck(deck).questions if "+" not in q.fact_id}

    everything = questions(facts)
    for index in range(len(facts)):
        fewer = questions(facts[:index] + facts[index + 1 :])
        assert set(fewer) < set(everything)
        moved = [qid for qid, question in fewer.items() if everything[qid] != question]
        assert len(moved) <= 2, (index, moved)
        for qid in moved:
            before, after = everything[qid], fewer[qid]
            if before.kind == "choice":  # the same question, its answer in another rank
                assert (before.prompt, before.answer) == (after.prompt, after.answer)
                assert before.options.index(before.answer) != after.options.index(after.answer)
            else:
                assert before.kind == "true_false" and before.answer != after.answer
    answers = Counter(q.answer for q in everything.values() if q.form == "true_false")
    assert answers["True"] and answers["False"]


def test_date_options_never_fall_after_an_article_dated_by_year_only():
    fact = DateFact(
        id="d", evidence="In May 2024.", location=_location(0), event="it", date=PartialDate(2024, 5)
    )
    article = Article(Path("a.md"), "A title", PartialDate(2024), "a source", "body")
    deck = Deck(
        DeckSettings(key="y", path=Path("deck.yaml"), name="Y"),
        (FactSheet(HERE, "a.md", _location(0), article, (fact,)),),
    )
    (choice,) = [q for q in generate_deck(deck).questions if q.kind == "choice"]
    assert all(_parse_text_date(o).year <= 2024 for o in choice.options)
