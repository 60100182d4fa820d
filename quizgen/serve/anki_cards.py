"""Anki cards as a learner will see them: the shipped note types' card HTML filled with a note's
fields, the way Anki fills them, for the preview page.

Only what quizgen's own card templates use is rendered: ``{{Field}}``, ``{{FrontSide}}``,
``{{#Field}}…{{/Field}}``, ``{{^Field}}…{{/Field}}``, ``{{type:Field}}`` and ``{{cloze:Field}}``.
The fields are the note's as shipped, already escaped by the exporter.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from quizgen.export.anki_notetypes import NoteType

_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.S)
_FIELD = re.compile(r"\{\{([^}#^/][^}]*)\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.S)


@dataclass(frozen=True)
class Card:
    """One card of a note: its template's name, and both sides as HTML."""

    name: str
    front: str
    back: str


def _cloze(text: str, back: bool) -> str:
    def gap(match: re.Match[str]) -> str:
        shown = match.group(2) if back else f"[{match.group(3) or '...'}]"
        return f'<span class="cloze">{shown}</span>'

    return _CLOZE.sub(gap, text)


def _typed(value: str, back: bool) -> str:
    if back:
        return f'<div class="typeans"><code>{value}</code></div>'
    return '<input class="typeans" type="text" disabled aria-label="The learner types the answer here">'


def render_side(template: str, fields: dict[str, str], back: bool, front: str = "") -> str:
    """One side of a card."""

    def section(match: re.Match[str]) -> str:
        filled = bool(fields.get(match.group(2).strip(), "").strip())
        return match.group(3) if filled == (match.group(1) == "#") else ""

    text = _SECTION.sub(section, template)

    def field(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name == "FrontSide":
            return front
        if ":" in name:
            kind, _, field_name = name.partition(":")
            value = fields.get(field_name.strip(), "")
            if kind == "cloze":
                return _cloze(value, back)
            if kind == "type":
                return _typed(value, back)
            return value
        return fields.get(name, "")

    return _FIELD.sub(field, text)


def cards(note_type: NoteType, fields: dict[str, str]) -> list[Card]:
    """Every card a note makes (a cloze note: one per cloze number)."""
    out = []
    for template in note_type.templates:
        front = render_side(template.front, fields, back=False)
        back = render_side(template.back, fields, back=True, front=front)
        out.append(Card(template.name, front, back))
    return out


def plain(card_html: str) -> str:
    """A card side as text, for labels and tests: tags dropped, entities read, spaces folded."""
    text = re.sub(r"<[^>]+>", " ", card_html)
    return " ".join(html.unescape(text).split())
