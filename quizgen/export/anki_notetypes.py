"""quizgen's Anki note types, read from ``templates/anki/note-types.yaml`` (data, not code).

A note type's id and name come from its key and version. Its *schema* (field names and
template names, in order) is what Anki compares on import: same id and schema, and a newer
modification time, updates the note type in place; a changed schema under the same id makes
Anki add a conflicting copy ("Name+") and stop updating the notes. So a version's schema is
frozen, and the build checks it against the state file (see ``anki_state``).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import genanki
import yaml

NOTE_TYPES_FILE = "note-types.yaml"


def stable_id(name: str) -> int:
    """A fixed 2^30..2^31 id from a name, the range genanki recommends for deck/model ids."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


@dataclass(frozen=True)
class Template:
    name: str
    front: str  # card HTML
    back: str


@dataclass(frozen=True)
class NoteType:
    """One note type: its stable key (recall, typed, choice, cloze), version and content."""

    key: str
    version: int
    fields: tuple[str, ...]
    templates: tuple[Template, ...]
    css: str
    cloze: bool = False

    @property
    def id(self) -> int:
        return stable_id(f"quizgen {self.key} note type v{self.version}")

    @property
    def name(self) -> str:
        return f"quizgen {self.key} (v{self.version})"

    @property
    def schema(self) -> str:
        """What Anki compares: field names and template names, in order."""
        return " ".join([*self.fields, "|", *(t.name for t in self.templates)])

    @property
    def content_hash(self) -> str:
        """Everything the package carries for this note type; moves its modification time."""
        data = {
            "id": self.id,
            "name": self.name,
            "fields": self.fields,
            "templates": [[t.name, t.front, t.back] for t in self.templates],
            "css": self.css,
            "cloze": self.cloze,
        }
        encoded = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()[:16]

    def model(self, mod: int) -> genanki.Model:
        """The genanki model, stamped with its own modification time."""
        return _TimedModel(
            mod,
            self.id,
            self.name,
            fields=[{"name": name} for name in self.fields],
            templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in self.templates],
            css=self.css,
            model_type=genanki.Model.CLOZE if self.cloze else genanki.Model.FRONT_BACK,
            sort_field_index=0,
        )


class _TimedModel(genanki.Model):
    """A genanki model whose ``mod`` is its own, not the package's timestamp."""

    def __init__(self, mod: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mod = mod

    def to_json(self, timestamp, deck_id):  # type: ignore[override]
        return super().to_json(self.mod, deck_id)


def note_types_path() -> Path:
    """Where the shipped note-type definitions live (for messages)."""
    return Path(str(resources.files("quizgen").joinpath(f"templates/anki/{NOTE_TYPES_FILE}")))


def _read(name: str) -> str:
    return resources.files("quizgen").joinpath(f"templates/anki/{name}").read_text("utf-8")


def parse_note_types(raw: dict, read=_read) -> dict[str, NoteType]:
    """Note types from the YAML data; ``read`` loads a named template or CSS file."""
    css = read(raw["css"])
    types = {}
    for key, spec in raw["note_types"].items():
        templates = tuple(Template(t["name"], read(t["front"]), read(t["back"])) for t in spec["templates"])
        types[key] = NoteType(
            key, int(spec["version"]), tuple(spec["fields"]), templates, css, bool(spec.get("cloze"))
        )
    return types


def shipped_note_types() -> dict[str, NoteType]:
    """The note types shipped in the package, by key (a copy: callers may change theirs)."""
    return dict(_shipped_note_types())


@functools.cache  # package data, read once per process: it cost 10 ms per deck of a 1,000-deck build
def _shipped_note_types() -> dict[str, NoteType]:
    return parse_note_types(yaml.safe_load(_read(NOTE_TYPES_FILE)))
