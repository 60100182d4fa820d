"""A sheet's questions kept to be reused: a rebuild after one sheet of a large deck changed makes
the questions of that sheet only.

What a fact's questions depend on beyond the fact: its sheet (its article, the article's own
numbers), the deck's settings and templates, and every other fact of the deck (options are drawn
from their values, the graph links them, their answers must not show in a cloze). So a sheet's
questions are reused under a key that hashes the sheet whole and the deck's **digest**: every
fact of the deck but for what only its own questions read (its tags, its own wordings and
skipped forms, its image, where it stands in its file). A tag added or a question reworded
leaves the digest as it was; a value, an evidence or a fact added changes it, and every sheet is
made again, as a full build would make it.

What is kept of a fact is what making its questions gave before the deck-wide steps: its
questions, the forms not made and why, the keys each question may take (``balance``), and its
cloze before the deck's duplicate clozes are dropped (that depends on the facts before it). The
data is JSON, never code, and what reads back is reused only when it has the shape generation
gives (``fits``): each question of its own fact and of one of the fact type's forms, keys that
balance can move. A build folder from elsewhere can at most reword its deck's questions, as an
edit to the sheets could.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizgen.generate.balance import Variants
from quizgen.model import Cloze, Deck, Fact, FactSheet, Question, Source

# What a fact's own questions read, and no other fact's: left out of the deck's digest, and in
# its sheet's key.
OWN_FIELDS = ("tags", "question", "questions", "skip")
# Read only to place a message about a template that fails (then nothing is kept), or set on the
# questions after they are made or reused (the image): in no key, so that a deck named from
# another folder, its paths spelt otherwise, reuses what it kept.
UNREAD_FIELDS = ("location", "locations", "image")
NOT_SHARED = frozenset([*OWN_FIELDS, *UNREAD_FIELDS])


@dataclass
class FactMade:
    """What making one fact's questions gave, before the deck-wide steps."""

    questions: list[Question]
    missed: list[tuple[str, str, str]]  # form, reason, kind
    variants: dict[str, Variants]  # question id -> its other keys
    cloze: Question | None = None  # the cloze made, before duplicates across the deck are dropped
    cloze_missed: str = ""  # why no cloze was made, or why the one made is a twin of a question


def _shared_text(fact: Fact) -> str:
    parts = [type(fact).__name__]
    shared = (f.name for f in dataclasses.fields(fact) if f.name not in NOT_SHARED)
    parts += [f"{name}={getattr(fact, name)!r}" for name in shared]
    return "\0".join(parts)


def deck_digest(deck: Deck, seed: str) -> str:
    """What every sheet's questions depend on, hashed: the deck's settings and every fact, but
    for the fields only its own questions read."""
    settings = [(f.name, getattr(deck.settings, f.name)) for f in dataclasses.fields(deck.settings)]
    told = [(name, value) for name, value in settings if name not in ("path", "locations")]
    digest = hashlib.sha256(f"{seed}\0{told!r}".encode())
    for sheet in deck.sheets:
        digest.update(f"\1{sheet.article_ref}\1".encode())
        for fact in sheet.facts:
            digest.update(_shared_text(fact).encode() + b"\2")
    return digest.hexdigest()


def sheet_key(digest: str, sheet: FactSheet) -> str:
    """The key of a sheet's questions: the deck's digest (which holds the rest of its facts), the
    sheet's own fields and facts' own fields, and its article."""
    article = sheet.article
    source = (
        None if article is None else (article.path.name, article.title, article.published, article.source)
    )
    told = (sheet.path.name, sheet.article_ref, sheet.context, sheet.version, source)
    key = hashlib.sha256(f"{digest}\0{told!r}".encode())
    if article is not None:
        key.update(article.body.encode())
    for fact in sheet.facts:
        own = (fact.id, *(getattr(fact, name) for name in OWN_FIELDS))
        key.update(f"{own!r}\2".encode())
    return key.hexdigest()


# --- as data ----------------------------------------------------------------------------------


def _question_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in dataclasses.fields(question):
        value = getattr(question, f.name)
        if f.name in ("source", "deck") or value == f.default:
            continue  # the source and deck are the sheet's and deck's, given again when reused
        if f.name == "cloze":
            value = [value.before, value.gap, value.after]
        elif f.name == "image":
            value = str(value)
        data[f.name] = value
    return data


def _question(data: dict[str, Any], deck: str, source: Source) -> Question:
    fields: dict[str, Any] = {}
    for name, value in data.items():
        if name == "cloze":
            value = Cloze(*value)
        elif name == "image":
            value = Path(value)
        elif name == "pairs":
            value = tuple(tuple(pair) for pair in value)
        elif isinstance(value, list):
            value = tuple(value)
        fields[name] = value
    return Question(deck=deck, source=source, **fields)


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _variants_data(variants: Variants) -> list[Any]:
    return [variants.group, list(variants.slots), [[slot, shown] for slot, shown in variants.choices]]


def _variants(data: list[Any]) -> Variants:
    group, slots, choices = data
    made = tuple((slot, {k: _tuples(v) for k, v in shown.items()}) for slot, shown in choices)
    return Variants(group, tuple(slots), made)


def sheet_data(made: list[FactMade]) -> str:
    """A sheet's facts' questions as JSON, to keep."""
    facts = [
        {
            "questions": [_question_data(q) for q in fact.questions],
            "missed": fact.missed,
            "variants": {qid: _variants_data(v) for qid, v in fact.variants.items()},
            "cloze": None if fact.cloze is None else _question_data(fact.cloze),
            "cloze_missed": fact.cloze_missed,
        }
        for fact in made
    ]
    return json.dumps(facts, ensure_ascii=False, separators=(",", ":"))


def sheet_made(text: str, deck: str, source: Source) -> list[FactMade]:
    """A sheet's facts' questions from the JSON ``sheet_data`` kept; ValueError if it is not that."""
    try:
        return [
            FactMade(
                [_question(q, deck, source) for q in fact["questions"]],
                [(form, reason, kind) for form, reason, kind in fact["missed"]],
                {qid: _variants(v) for qid, v in fact["variants"].items()},
                None if fact["cloze"] is None else _question(fact["cloze"], deck, source),
                fact["cloze_missed"],
            )
            for fact in json.loads(text)
        ]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"not a sheet's questions: {exc}") from exc


CHOICE_FIELDS = frozenset(["prompt", "answer", "options"])  # what a question's other keys change


def fits(made: FactMade, fact: Fact, forms: frozenset[str], deck: str, cloze_form: str) -> bool:
    """Whether a fact's kept questions have the shape generation gives: each about this fact in
    one of its type's forms (the cloze in ``cloze_form``), with text where text goes, and keys
    that balance can move. Anything else kept is made again."""
    questions = [*made.questions, *([made.cloze] if made.cloze is not None else [])]
    for question in questions:
        form = cloze_form if question is made.cloze else question.form
        if question.fact_id != fact.id or question.form != form or (form not in forms and form != cloze_form):
            return False
        texts = (question.prompt, question.answer, question.kind, question.evidence, question.note)
        if not all(isinstance(t, str) for t in texts):
            return False
        if not all(isinstance(t, str) for t in (*question.options, *question.accepted, *question.tags)):
            return False
    ids = {f"{deck}/{fact.id}/{form}" for form in forms}
    for qid, variants in made.variants.items():
        if qid not in ids or not variants.choices or not isinstance(variants.group, str):
            return False
        if not all(type(slot) in (bool, int) for slot in variants.slots):
            return False
        for slot, shown in variants.choices:
            if slot not in variants.slots or not shown.keys() <= CHOICE_FIELDS:
                return False
            if not all(isinstance(v, str) or all(isinstance(t, str) for t in v) for v in shown.values()):
                return False
    missed = (text for entry in made.missed for text in entry)
    return isinstance(made.cloze_missed, str) and all(isinstance(t, str) for t in missed)
