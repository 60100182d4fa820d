"""The keys of a fact sheet, declared once: the loader reads them, the JSON Schema for editors
is generated from them, and the docs list them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# How a key's value is read (load/fields.py) and described (load/schema.py).
KINDS = (
    "text",  # non-empty text
    "phrase",  # text of a stated grammatical shape (``shape``), checked by check
    "id",
    "date",  # YYYY, YYYY-MM or YYYY-MM-DD
    "number",
    "range",  # [low, high]
    "bool",
    "text_list",
    "choice",  # one of ``choices``
    "wording",  # a mapping of form names to texts
    "id_list",
)
# The shapes a phrase may have; docs/fact-sheets.md says how to write each.
SHAPES = {
    "noun_phrase": "a noun phrase, lower-case unless it starts with a name: 'the coup in Niger'",
    "clause": "a clause in statement order, subject first, no full stop: 'the ship was towed to the lake'",
    "name": "a name as the evidence writes it: 'Mohamed Bazoum', 'the Suez Canal'",
    "title": "a title or function, as a noun phrase: 'the chief executive of Boskalis'",
    "quote": "the quoted words, copied from the article",
}


@dataclass(frozen=True)
class Key:
    """One key a fact (or every fact) may have."""

    name: str
    kind: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    shape: str | None = None  # for phrases: one of SHAPES
    versions: tuple[int, ...] = (1, 2)  # the sheet format versions that have the key
    example: Any = None
    one_of: str | None = None  # keys sharing this name: exactly one of them is given

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind
        assert self.shape is None or self.shape in SHAPES, self.shape


COMMON_KEYS: tuple[Key, ...] = (
    Key("id", "id", "The fact's identity, unique in its deck; cards are keyed on it: never change it "
        "when you reword a fact.", required=True, example="niger-coup-date"),
    Key("type", "choice", "What kind of fact this is; it decides the other keys.", required=True),
    Key("evidence", "text", "A quote copied verbatim from the article that states the fact.",
        required=True),
    Key("tags", "text_list", "Tags for Anki and for choosing questions.", example=["niger", "coup"]),
    Key("also_true", "text_list", "Other answers that are also right: never offered as wrong options."),
    Key("question", "text", "Version 1: a hand-written prompt for the type's first form.",
        versions=(1,)),
    Key("questions", "wording", "Hand-written wording per form, replacing the template's: "
        "{when: 'When did …?', true_false: '…'} (a prompt, or a statement for true_false, which must "
        "hold {{ value }}, the value the item states).", versions=(2,),
        example={"how_many": "How many solar panels does the Marrowby farm have?"}),
    Key("skip", "text_list", "Forms not to make for this fact: [cloze, role].", versions=(2,),
        example=["cloze"]),
    Key("same_as", "id_list", "Ids of facts of this deck that state the same event or actor in other "
        "words: neither is then offered as a wrong option for the other.", versions=(2,)),
    Key("gap", "text", "The words of the evidence to blank in the cloze (default: the value)."),
    Key("gap_also", "text_list", "Other words that fill the cloze's gap as well ('floor': [minimum, "
        "base]): the cloze accepts them.", versions=(2,), example=["minimum", "base"]),
    Key("draft", "bool", "true for a candidate from quizgen new: left out of builds until you "
        "remove it."),
    Key("image", "text", "An image file for the cards, relative to the sheet."),
)  # fmt: skip
