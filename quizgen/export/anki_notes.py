"""What one Anki note holds: its GUID, note type, escaped fields, tags and media.

The content (everything but the deck name) is hashed: a note's modification time moves
exactly when that hash changes. The deck name is left out because Anki never moves existing
cards between decks on import, so a renamed deck must not rewrite every learner's notes.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import unicodedata
from pathlib import Path

import genanki

from quizgen.export.anki_typed import typed_fields
from quizgen.files import noted_read
from quizgen.model import InputError, Location, Problem, Question

ANKI_KINDS: tuple[str, ...] = ("recall", "typed", "cloze")  # the question kinds that go to Anki
RETIRED_TAG = "quizgen::retired"
RETIRED_SUBDECK = "Retired"
IMAGE_FIELD = "Image"


def anki_questions(
    questions: tuple[Question, ...], kinds: tuple[str, ...] = ANKI_KINDS
) -> tuple[Question, ...]:
    """The questions that become Anki notes, in generated order (other kinds are for print).

    A recall question is left out where a typed question of the same fact has the same prompt:
    the typed card asks the same thing, and checks the answer.
    """
    typed = {(q.fact_id, q.prompt) for q in questions if q.kind == "typed" and "typed" in kinds}
    return tuple(
        q
        for q in questions
        if q.kind in kinds and not (q.kind == "recall" and (q.fact_id, q.prompt) in typed)
    )


def note_guid(question: Question) -> str:
    """A GUID from the question's identity (deck folder, fact id, form), never its wording."""
    return genanki.guid_for(question.deck, question.fact_id, question.form)


def escape(text: str) -> str:
    """HTML-escape field text; braces too, so that text never becomes template or cloze syntax."""
    return html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")


def _escape_gap(text: str) -> str:
    """A cloze gap: also no ``::``, which Anki would read as the start of a hint."""
    return escape(text).replace(":", "&#58;")


def image_html(name: str) -> str:
    """An image field: Anki finds media by the base name in ``src``."""
    return f'<img src="{html.escape(name, quote=True)}">'


def file_digest(path: Path) -> str:
    """A short content digest of a media file; a missing file is an InputError."""
    try:
        data = noted_read(path, path.read_bytes())
    except OSError as exc:
        raise InputError([Problem(Location(path), f"cannot read image: {exc.strerror or exc}")]) from exc
    return hashlib.sha256(data).hexdigest()[:16]


def _fields(question: Question, image: str) -> dict[str, str]:
    source = escape(f"{question.source.title} ({question.source.published.text()})")
    # A card is read alone: the sheet's context and a stamp go before it, set apart.
    lead = f'<div class="lead">{escape(question.lead)}</div>' if question.lead else ""
    if question.kind == "cloze" and question.cloze is not None:
        c = question.cloze
        text = f"{lead}{escape(c.before)}{{{{c1::{_escape_gap(c.gap)}}}}}{escape(c.after)}"
        return {"Text": text, IMAGE_FIELD: image, "Source": source}
    fields = {"Question": lead + escape(question.prompt), "Answer": escape(question.answer)}
    if question.kind == "typed":
        fields.update(typed_fields(question, escape))  # a format hint, and what else counts
    if question.kind == "choice":
        fields["Options"] = "<ol>" + "".join(f"<li>{escape(o)}</li>" for o in question.options) + "</ol>"
    return {**fields, "Evidence": escape(question.evidence), IMAGE_FIELD: image, "Source": source}


@functools.lru_cache(maxsize=4096)  # a deck's notes share most of their tags
def anki_tag(text: str) -> str:
    """Text as one Anki tag: Anki splits tags at spaces, so each run of whitespace becomes ``_``;
    control characters and empty ``::`` parts (Anki would fill them in) are left out."""
    if not text.isprintable():  # printable text holds no control character (category Cc)
        text = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")
    parts = ("_".join(part.split()) for part in text.split("::"))
    return "::".join(part for part in parts if part)


def _tags(question: Question) -> list[str]:
    names = ["quizgen", f"quizgen::type::{question.tags[0]}", f"quizgen::deck::{question.deck}"]
    tags = {anki_tag(t) for t in [*names, *question.tags[1:]]}
    return sorted(t for t in tags if t)


def question_note(question: Question, deck_name: str, image: tuple[str, str] | None = None) -> dict:
    """The note for a question; ``image`` is its media file's (base name, digest), if any."""
    note = {
        "model": "cloze" if question.kind == "cloze" else question.kind,
        "fields": _fields(question, image_html(image[0]) if image else ""),
        "tags": _tags(question),
        "deck": deck_name,
    }
    if image:
        note["media"] = {image[0]: image[1]}
    return note


def retired_note(note: dict) -> dict:
    """A removed fact's note as shipped once more: tagged, without its image."""
    fields = dict(note["fields"])
    if IMAGE_FIELD in fields:
        fields[IMAGE_FIELD] = ""
    retired = {**note, "fields": fields, "tags": sorted({*note["tags"], RETIRED_TAG})}
    retired.pop("media", None)
    return retired


def content_hash(note: dict) -> str:
    """Hash of what an import writes into the note: note type, fields, tags and media."""
    content = {k: v for k, v in note.items() if k != "deck"}
    data = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]
