"""Output formats: one registered module each. ``build`` and ``quiz`` loop over the formats a
deck chooses (``formats:`` in deck.yaml) or the command line names.

A format turns an export job (the deck, its generated questions and its assembled quiz) into
outputs: files to write, each by a writer that fills a temporary file. Writing them, all or
none, is the pipeline's job (``quizgen.files``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from quizgen.files import Writer
from quizgen.model import Deck

if TYPE_CHECKING:
    from quizgen.assemble import Quiz
    from quizgen.export.anki_plan import AnkiBuild
    from quizgen.generate import Generated


@dataclass(frozen=True)
class ExportJob:
    """What every format may read: never choosing questions itself, it takes the quiz as assembled."""

    deck: Deck
    deck_dir: Path
    generated: Generated
    quiz: Quiz
    anki: AnkiBuild | None = None  # what the Anki package ships, when it was planned
    notes: list[str] = field(default_factory=list)  # what a format tells the user


@dataclass(frozen=True)
class Output:
    """One file a format writes: a name in the output folder (or an absolute path)."""

    path: Path
    write: Writer
    last: bool = False  # written after every other output (a record of what shipped)
    folder: Path | None = None  # where it goes when not in the output folder (the deck's own)


class Format(Protocol):
    name: str
    doc: str  # one line for the README and --help

    def outputs(self, job: ExportJob) -> list[Output]: ...


FORMATS: dict[str, Format] = {}
DEFAULT_FORMATS = ("anki", "worksheet", "study")


def register(format_: Format) -> Format:
    assert format_.name not in FORMATS, format_.name
    FORMATS[format_.name] = format_
    return format_


def formats() -> dict[str, Format]:
    """Every registered format (importing the shipped ones on first use)."""
    import quizgen.export.formats  # noqa: F401

    return FORMATS


def text_writer(text: str) -> Writer:
    return lambda tmp: tmp.write_text(text, encoding="utf-8")


def bytes_writer(data: bytes) -> Writer:
    return lambda tmp: tmp.write_bytes(data)


@dataclass(frozen=True)
class SimpleFormat:
    """A format made of a name, a line of docs and a function from a job to its outputs."""

    name: str
    doc: str
    make: Callable[[ExportJob], list[Output]]

    def outputs(self, job: ExportJob) -> list[Output]:
        return self.make(job)
