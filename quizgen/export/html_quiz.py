"""Stage 4, export to printable worksheets: one self-contained HTML file per version.

Questions are grouped into sections by form and numbered continuously across them. Each
version shuffles the questions within each section, the options of each question, the right
column of matching and the events of an ordering, all from ``random.Random`` seeded with the
quiz seed, the version letter and the question id: the same seed gives byte-identical files.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import jinja2
from markupsafe import Markup

from quizgen.model import QUIZ_FORMS, Deck, Question, QuizSettings
from quizgen.text.compare import mentions
from quizgen.text.numbers import number_text

T = TypeVar("T")

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
FORM_OF_KIND = {
    "choice": "choice",
    "true_false": "true_false",
    "matching": "matching",
    "ordering": "ordering",
    "cloze": "cloze",
    "recall": "short_answer",
    "typed": "short_answer",
}
SHUFFLE_ATTEMPTS = 12  # tries to make a version differ from the earlier ones


@dataclass(frozen=True)
class Item:
    """One question as a version shows it: its number and its parts in display order."""

    number: int
    question: Question
    form: str
    options: tuple[str, ...] = ()  # choice: display order, lettered A, B, …
    answer_letter: str = ""  # choice: the letter of the answer
    option_columns: int = 1
    left: tuple[str, ...] = ()  # matching: the items that get a letter blank
    right: tuple[str, ...] = ()  # matching: the lettered column
    match_letters: tuple[str, ...] = ()  # matching key: the right letter for each left item
    even_columns: bool = False  # matching: long left items get half the width, not two fifths
    events: tuple[str, ...] = ()  # ordering: display order
    ranks: tuple[int, ...] = ()  # ordering key: the place of each displayed event, 1 = earliest
    lines: int = 0  # short answer: ruled full-width lines; 0 means one short line
    blank: str = "medium"  # width of a short answer line or cloze blank: short/medium/long/full
    cloze: tuple[str, str, str] = ("", "", "")  # text before the blank, glued to it after, the rest
    also_accept: tuple[str, ...] = ()  # short answer and cloze: a few other right answers for the key


@dataclass(frozen=True)
class Section:
    form: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Worksheet:
    """One version of the quiz."""

    version: str
    sections: tuple[Section, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)


def form_of(question: Question) -> str:
    """The worksheet section a question goes in (one of QUIZ_FORMS)."""
    return FORM_OF_KIND[question.kind]


def version_letters(count: int) -> tuple[str, ...]:
    if not 1 <= count <= len(LETTERS):
        raise ValueError(f"versions must be from 1 to {len(LETTERS)}, not {count}")
    return tuple(LETTERS[:count])


def seeded(seed: str, *parts: str) -> random.Random:
    """A private generator seeded from the quiz seed and the given parts (never the global one)."""
    return random.Random("\x1f".join((str(seed), *parts)))


# --- choosing the questions ---------------------------------------------------------------


def select_questions(questions: Sequence[Question], settings: QuizSettings) -> tuple[Question, ...]:
    """The questions of the quiz, in generation order, never two with the same prompt.

    Forms take turns, the rarest first, each giving its question about the facts least asked
    about so far (ties broken by a seeded rank). With ``count`` unset, every fact is asked
    about once where possible; with ``count``, that many questions, facts coming back only
    when they must. Depends on the seed, never on the version: every version has the same
    questions."""
    forms = [f for f in QUIZ_FORMS if f in (settings.forms or QUIZ_FORMS)]
    pool = [q for q in questions if form_of(q) in forms]
    rank = {q.id: seeded(settings.seed, "pick", q.id).random() for q in pool}
    waiting = {form: [q for q in pool if form_of(q) == form] for form in forms}
    turns = sorted((f for f in forms if waiting[f]), key=lambda f: (len(waiting[f]), forms.index(f)))
    limit = len(pool) if settings.count is None else settings.count
    used: Counter[str] = Counter()
    forms_used: Counter[str] = Counter()
    prompts: set[str] = set()
    chosen: set[str] = set()
    picked: list[Question] = []
    for reuse in (False, settings.count is not None):  # fresh facts first; then, for a count, any
        while len(chosen) < limit:
            added = False
            for form in turns:
                candidates = [q for q in waiting[form] if _plain(q.prompt) not in prompts]
                candidates = [q for q in candidates if not _gives_away(q, picked)]
                if not reuse:
                    candidates = [q for q in candidates if not any(used[f] for f in q.fact_ids)]
                if len(chosen) == limit or not candidates:
                    continue
                # Facts least asked first; then question forms least used, so that a section
                # mixes "When…?", "How many…?" and "Why…?" rather than one form over and over.
                best = min(
                    candidates,
                    key=lambda q: (max(used[f] for f in q.fact_ids), forms_used[q.form], rank[q.id]),
                )
                waiting[form].remove(best)
                chosen.add(best.id)
                picked.append(best)
                prompts.add(_plain(best.prompt))
                used.update(best.fact_ids)
                forms_used[best.form] += 1
                added = True
            if not added:
                break
    return tuple(q for q in pool if q.id in chosen)


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


NO_GIVEAWAY_KINDS = ("true_false", "matching", "ordering")  # answers that are not words to find


def _visible(question: Question) -> str:
    """Everything a student reads of a question on the sheet."""
    parts = [question.prompt, *question.options, *question.sequence]
    parts += [side for pair in question.pairs for side in pair]
    return " \n ".join(parts)


def _gives_away(question: Question, picked: Sequence[Question]) -> bool:
    """True when the question's answer stands in another picked question, or the other way round."""
    for other in picked:
        if question.kind not in NO_GIVEAWAY_KINDS and mentions(_visible(other), question.answer):
            return True
        if other.kind not in NO_GIVEAWAY_KINDS and mentions(_visible(question), other.answer):
            return True
    return False


# --- versions -----------------------------------------------------------------------------


def build_worksheets(questions: Sequence[Question], seed: str, versions: int) -> tuple[Worksheet, ...]:
    """Every version of the worksheet; each differs from the earlier ones where it can."""
    sheets: list[Worksheet] = []
    for version in version_letters(versions):
        sheets.append(build_worksheet(questions, seed, version, tuple(sheets)))
    return tuple(sheets)


def build_worksheet(
    questions: Sequence[Question], seed: str, version: str, earlier: tuple[Worksheet, ...] = ()
) -> Worksheet:
    """One version: sections in QUIZ_FORMS order, numbered continuously across them."""
    sections = []
    number = 0
    for form in QUIZ_FORMS:
        members = [q for q in questions if form_of(q) == form]
        if not members:
            continue
        seen = {tuple(i.question.id for s in w.sections if s.form == form for i in s.items) for w in earlier}
        order = _distinct(
            lambda attempt, members=members: _ordered(members, seed, version, attempt),
            lambda ordered: tuple(q.id for q in ordered),
            seen,
        )
        items = []
        for question in order:
            number += 1
            before = [i for w in earlier for i in w.items if i.question.id == question.id]
            items.append(_item(number, question, seed, version, before))
        sections.append(Section(form, tuple(items)))
    return Worksheet(version, tuple(sections))


def _ordered(questions: list[Question], seed: str, version: str, attempt: int) -> list[Question]:
    return sorted(questions, key=lambda q: seeded(seed, version, q.id, f"order{attempt}").random())


def _distinct(make: Callable[[int], T], signature: Callable[[T], object], seen: set) -> T:
    """``make(0)``, or the first of later attempts whose signature is not in ``seen``."""
    first = make(0)
    candidate = first
    for attempt in range(1, SHUFFLE_ATTEMPTS + 1):
        if signature(candidate) not in seen:
            return candidate
        candidate = make(attempt)
    return first


def _shuffled(values: Sequence[T], rng: random.Random) -> list[T]:
    out = list(values)
    rng.shuffle(out)
    return out


def _item(number: int, question: Question, seed: str, version: str, before: list[Item]) -> Item:
    form = form_of(question)

    def rng(part: str, attempt: int) -> random.Random:
        return seeded(seed, version, question.id, f"{part}{attempt}")

    if form == "choice":
        return _choice_item(number, question, rng, before)
    if form == "matching":
        return _matching_item(number, question, rng, before)
    if form == "ordering":
        return _ordering_item(number, question, rng, before)
    if form == "short_answer":
        lines, blank = answer_space(question)
        return Item(number, question, form, lines=lines, blank=blank, also_accept=also_accept(question))
    if form == "cloze":
        blank = blank_width(question.answer)
        return Item(
            number,
            question,
            form,
            blank=blank,
            cloze=cloze_parts(question),
            also_accept=also_accept(question),
        )
    return Item(number, question, form, options=question.options or ("True", "False"))


def _choice_item(number: int, question: Question, rng: Callable, before: list[Item]) -> Item:
    if question.ordered:
        options = list(question.options)  # numbers and dates stay in ascending order
    else:
        used_letters = {i.answer_letter for i in before}
        options = _distinct(
            lambda attempt: _shuffled(question.options, rng("options", attempt)),
            lambda shown: LETTERS[shown.index(question.answer)],
            used_letters if len(used_letters) < len(question.options) else set(),
        )
    letter = LETTERS[options.index(question.answer)]
    longest = max((len(o) for o in options), default=0)
    columns = len(options) if longest <= 16 and len(options) <= 4 else 2 if longest <= 34 else 1
    return Item(number, question, "choice", tuple(options), letter, columns)


def _matching_item(number: int, question: Question, rng: Callable, before: list[Item]) -> Item:
    left = [a for a, _ in question.pairs]
    right_of = dict(question.pairs)
    left = _shuffled(left, rng("left", 0))
    plain = tuple(right_of[a] for a in left)  # right column in the left column's order: too easy
    seen = {plain} | {i.right for i in before}
    right = _distinct(lambda attempt: tuple(_shuffled(plain, rng("right", attempt))), lambda r: r, seen)
    letters = tuple(LETTERS[right.index(right_of[a])] for a in left)
    even = max((len(a) for a in left), default=0) > 32
    return Item(
        number, question, "matching", left=tuple(left), right=right, match_letters=letters, even_columns=even
    )


def _ordering_item(number: int, question: Question, rng: Callable, before: list[Item]) -> Item:
    sequence = tuple(question.sequence)
    seen = {sequence, sequence[::-1]} | {i.events for i in before}
    events = _distinct(lambda attempt: tuple(_shuffled(sequence, rng("events", attempt))), lambda e: e, seen)
    ranks = tuple(sequence.index(e) + 1 for e in events)
    return Item(number, question, "ordering", events=events, ranks=ranks)


# --- sizes and orders -----------------------------------------------------------------------


def blank_width(answer: str) -> str:
    """A blank wide enough to write the answer by hand, in a few steps (not its exact length)."""
    size = len(answer)
    return "short" if size <= 10 else "medium" if size <= 24 else "long" if size <= 44 else "full"


def answer_space(question: Question) -> tuple[int, str]:
    """Ruled lines sized to the expected answer: (full lines, width of a single short line)."""
    size = len(question.answer)
    if question.kind == "typed" or size <= 24:
        return 0, blank_width(question.answer)
    return (1 if size <= 50 else 2 if size <= 110 else 3), "full"


def also_accept(question: Question, most: int = 3) -> tuple[str, ...]:
    """The first few accepted answers that differ from the answer, for the key."""
    seen = {_plain(question.answer)}
    out = []
    for text in question.accepted:
        if _plain(text) not in seen and len(out) < most:
            seen.add(_plain(text))
            out.append(text)
    return tuple(out)


def cloze_parts(question: Question) -> tuple[str, str, str]:
    """The cloze around its blank: the text before, what follows up to the first space (kept on
    the blank's line, so that a full stop never starts a line alone), and the rest."""
    if question.cloze is not None:
        before, after = question.cloze.before, question.cloze.after
    else:
        before, _, after = question.prompt.partition("_____")
    head = re.match(r"\S*", after)
    glued = head.group() if head else ""
    return before, glued, after[len(glued) :]


# --- rendering ------------------------------------------------------------------------------


def css_string(text: str) -> Markup:
    """Text safe inside a double-quoted CSS string in a <style> element."""
    out = []
    for char in str(text):
        if char in '\\"<>&' or ord(char) < 32:
            out.append(f"\\{ord(char):X} ")
        else:
            out.append(char)
    return Markup("".join(out))


def environment() -> jinja2.Environment:
    """The Jinja2 environment of the printable templates: autoescaped, strict."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quizgen", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["number_text"] = number_text
    return env


def render_worksheet(deck: Deck, worksheet: Worksheet, paper: str = "a4") -> str:
    """One version as a self-contained HTML page (inline CSS, no external requests) with its
    answer key on a page of its own; every text escaped."""
    template = environment().get_template("quiz.html.j2")
    settings = deck.settings
    return template.render(
        title=settings.quiz_title or settings.name.split("::")[-1],
        deck_name=" › ".join(part.strip() for part in settings.name.split("::")),
        description=settings.description,
        paper="letter" if paper.lower() == "letter" else "A4",
        version=worksheet.version,
        sections=worksheet.sections,
        count=len(worksheet.items),
    )


def quiz_file_name(deck: Deck, version: str, suffix: str = ".html") -> str:
    return f"{deck.settings.key}-quiz-{version}{suffix}"


def render_quiz_versions(deck: Deck, questions: Sequence[Question], settings: QuizSettings) -> dict[str, str]:
    """File name → HTML for every version of the deck's quiz; none when no question fits."""
    chosen = select_questions(questions, settings)
    if not chosen:
        return {}
    sheets = build_worksheets(chosen, settings.seed, settings.versions)
    return {quiz_file_name(deck, s.version): render_worksheet(deck, s, settings.paper) for s in sheets}
