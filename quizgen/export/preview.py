"""Export for people and tools: generated questions as readable text or as JSON."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from quizgen.model import PartialDate, Question

ABOUT = {  # written into the JSON, for whoever reads it
    "image": "the fact's image file as a path relative to the working directory quizgen ran in "
    "(null when there is none); an Anki card refers to it by its base name",
}


def _from_working_directory(path: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd().resolve())).as_posix()
    except ValueError:  # another drive
        return path.resolve().as_posix()


def question_dict(question: Question) -> dict:
    """The question model as plain data, with its stable id (image: see ``ABOUT``)."""
    data = dataclasses.asdict(question)
    data["source"]["published"] = question.source.published.iso()
    data["image"] = None if question.image is None else _from_working_directory(question.image)
    return {"id": question.id, **data}


def _json_default(value: object) -> object:
    if isinstance(value, PartialDate):
        return value.iso()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(questions: list[Question], skipped: list[dict]) -> str:
    """The questions and skipped forms as JSON, with ``about`` explaining the fields' forms."""
    payload = {"about": ABOUT, "questions": [question_dict(q) for q in questions], "skipped": skipped}
    return json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def to_text(question: Question) -> str:
    """A question as a teacher would read it, with its answer."""
    lines = [f"{question.id}  [{question.kind}]", f"  Q: {question.prompt}"]
    letters = "ABCDEFGH"
    if question.kind == "choice":
        lines += [f"     {letters[i]}) {option}" for i, option in enumerate(question.options)]
    if question.kind == "matching":
        lines += [f"     {left}  ↔  {right}" for left, right in question.pairs]
    if question.kind == "ordering":
        lines += [f"     {i}. {item}" for i, item in enumerate(question.sequence, 1)]
    lines.append(f"  A: {question.answer}")
    if question.accepted:
        lines.append(f"     also accepted: {', '.join(question.accepted)}")
    if question.tolerance and question.tolerance[0] != question.tolerance[1]:
        low, high = question.tolerance
        lines.append(f"     accepted range: {low:g} to {high:g}")
    return "\n".join(lines)
