"""What the formats of teachers' platforms (Moodle, GIFT, Canvas, Quizlet, Kahoot, CSV) share:
the assembled quiz's items in the order of version A, each with the kind of question a platform
gives it, its stem (tied to its article where the deck has several), its feedback (the evidence
and the source), and a clear reason when a format must leave it out.

Platforms shuffle questions and options themselves, so one ordering (version A's) serves.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.assemble import Item, Quiz, quiz_title
from quizgen.model import Deck, Question

if TYPE_CHECKING:
    from quizgen.export.registry import ExportJob

SHORT_ANSWER_WORDS = 5  # longer free answers are marked by hand (an essay with a model answer)
ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")


@dataclass(frozen=True)
class Entry:
    """One item as a platform gets it."""

    number: int  # its number on version A
    item: Item
    kind: str  # multichoice, truefalse, shortanswer, numerical, essay, matching, ordering, cloze
    stem: str  # what the student reads above the answer: note, article, prompt
    feedback: str  # the evidence and the source, shown after answering
    article: str = ""  # "About the article “…”:" where the deck has several and the wording does not say

    @property
    def question(self) -> Question:
        return self.item.question

    @property
    def answers(self) -> tuple[str, ...]:
        """The answer and the other spellings accepted, without repeats."""
        seen: dict[str, str] = {}
        for text in (self.question.answer, *self.question.accepted):
            seen.setdefault(" ".join(text.lower().split()), text)
        return tuple(seen.values())

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Matching pairs; a timeline as each event matched to its place in the order."""
        if self.kind == "ordering":
            return tuple((event, place_name(i)) for i, event in enumerate(self.question.sequence))
        return self.question.pairs

    @property
    def marks(self) -> int:
        return self.item.marks


def place_name(index: int) -> str:
    """'1st (earliest)', '2nd', …: the places of a timeline's events."""
    name = ORDINALS[index] if index < len(ORDINALS) else f"{index + 1}th"
    return f"{name} (earliest)" if index == 0 else name


def kind_of(question: Question) -> str:
    if question.kind == "choice":
        return "multichoice"
    if question.kind == "true_false":
        return "truefalse"
    if question.kind == "typed":
        return (
            "numerical"
            if question.tolerance is not None and number_of(question.answer) is not None
            else "shortanswer"
        )
    if question.kind == "recall":
        return "shortanswer" if len(question.answer.split()) <= SHORT_ANSWER_WORDS else "essay"
    return question.kind  # matching, ordering, cloze


def number_of(text: str) -> float | None:
    """The number a typed answer states ('1,500' → 1500), or None."""
    plain = text.replace(",", "").strip()
    try:
        return float(plain)
    except ValueError:
        return None


def numeric(question: Question) -> tuple[float, float, float, float]:
    """(value, tolerance, low, high) of a numerical question: the stated value with the widest
    distance to the ends of its accepted range, and the range itself."""
    value = number_of(question.answer)
    low, high = question.tolerance or (value, value)
    assert value is not None and low is not None and high is not None
    return value, max(value - low, high - value), low, high


def feedback_of(question: Question) -> str:
    source = question.source
    return f"“{question.evidence}” — {source.title} ({source.published.text()})"


def article_line(question: Question, quiz: Quiz) -> str:
    """'About the article “Title”:' where the deck has several articles and the wording does not
    already name the question's."""
    if not quiz.several_articles:
        return ""
    titles = [quiz.articles[i - 1].title for i in quiz.articles_of(question)]
    if not titles or all(t in question.prompt for t in titles):
        return ""
    return "About " + " and ".join(f"the article “{t}”" for t in titles) + ":"


def cloze_sides(question: Question) -> tuple[str, str]:
    """The text before and after a cloze's gap."""
    if question.cloze is not None:
        return question.cloze.before, question.cloze.after
    before, _, after = question.prompt.partition("_____")
    return before, after


def stem_of(question: Question, article: str) -> str:
    """The note, the article line and the prompt; a cloze shows its blank as _____."""
    prompt = question.prompt
    if question.kind == "cloze":
        before, after = cloze_sides(question)
        prompt = f"{before}_____{after}"
    return " ".join(p for p in (question.lead, article, prompt) if p)


def entries(quiz: Quiz) -> list[Entry]:
    """The quiz's items, in the order of version A."""
    if not quiz.versions:
        return []
    out = []
    for item in quiz.versions[0].items:
        question = item.question
        article = article_line(question, quiz)
        stem = stem_of(question, article)
        out.append(Entry(item.number, item, kind_of(question), stem, feedback_of(question), article))
    return out


def category(deck: Deck) -> list[str]:
    """The deck's category path: the parts of its name ("News::Sahel::…")."""
    return [part.strip() for part in deck.settings.name.split("::") if part.strip()]


def title(deck: Deck) -> str:
    return quiz_title(deck)


def stable_id(*parts: str) -> str:
    """An identifier that depends only on the parts (question ids), never on the wording."""
    return "q" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def leave_out(job: ExportJob, format_name: str, entry: Entry, reason: str) -> str:
    """Record why ``entry`` is not in a format's file; returns the line said to the user."""
    line = f"{format_name}: question {entry.number} ({entry.question.id}) left out: {reason}"
    job.notes.append(line)
    return line


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def one_line(text: str) -> str:
    """Text on one line, control characters out (formats whose records are lines)."""
    return " ".join(_CONTROL.sub(" ", text).split())
