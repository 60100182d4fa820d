"""``review.yaml``: read with line numbers by the project's safe loader, written in one canonical
form (entries sorted by question id) so that it diffs well.

    version: 1
    questions:
      sahel/niger-coup-date/when:
        review: drop
        fact: 3c1f0e9a7b2d
      sahel/french-troops-in-niger/how_many:
        review: edit
        fact: 0e9c4b2a1f7d
        prompt:
          was: "As of November 2023, about how many French troops were stationed in Niger?"
          now: "In November 2023, roughly how many French soldiers were in Niger?"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from quizgen.files import noted_missing, read_regular
from quizgen.load.deck import REVIEW_FILE  # declared where the deck loader skips it
from quizgen.load.fields import FieldError, read_choice, read_mapping, read_number, read_text, read_text_list
from quizgen.load.yamlnodes import MAX_YAML_BYTES, compose_text, describe, location_of, mapping_items
from quizgen.model import InputError, Location, Problem

VERSION = 1
ACTIONS = ("keep", "drop", "edit")
FIELDS = ("prompt", "answer", "options")
BLANK = "_____"  # where a cloze's gap stands in its prompt
# What a teacher may reword, per question kind. A choice question's answer is one of its
# options, so it changes with them; a true/false answer, pairs and sequences are the facts.
EDITABLE: dict[str, tuple[str, ...]] = {
    "recall": ("prompt", "answer"),
    "typed": ("prompt", "answer"),
    "cloze": ("prompt", "answer"),
    "choice": ("prompt", "options"),
    "true_false": ("prompt",),
    "matching": ("prompt",),
    "ordering": ("prompt",),
}
HEADER = """\
# The teacher's review of this deck's questions: `quizgen serve` writes it; commit it with the deck.
# Under each question's id (deck/fact/form, as `quizgen preview` shows it): `review: keep`, `drop`
# or `edit`; an edit gives each changed text as `was` (what quizgen made) and `now` (what students
# get). `fact` is a hash of the fact the question was made from: when the fact or the text that was
# edited changes, `quizgen check` reports the entry as stale and the edit is no longer applied.
# Comments in this file are not kept when quizgen serve writes it.
"""


@dataclass(frozen=True)
class Change:
    """One edited text: what quizgen made (``was``) and what students get instead (``now``)."""

    was: str | tuple[str, ...]
    now: str | tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """What the review says of one question."""

    question_id: str
    action: str  # one of ACTIONS
    fact: str = ""  # the hash of the question's facts when it was reviewed ("" when not written)
    changes: dict[str, Change] = field(default_factory=dict)  # by field name, for an edit
    location: Location = Location(Path(REVIEW_FILE))
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def where(self, key: str) -> Location:
        return self.locations.get(key, self.location)


@dataclass(frozen=True)
class Review:
    """A deck's review file: its entries by question id (none when there is no file)."""

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    exists: bool = False


def _read_version(node: Node) -> int:
    value = read_number(node)
    if value != VERSION:
        raise FieldError(f"this quizgen reads review files of version {VERSION}, not {value:g}")
    return VERSION


FILE_SPEC = {"version": (_read_version, False), "questions": (lambda node: node, True)}
ENTRY_SPEC = {
    "review": (read_choice(ACTIONS), True),
    "fact": (read_text, False),
    "prompt": (lambda node: node, False),
    "answer": (lambda node: node, False),
    "options": (lambda node: node, False),
}


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def load_review(deck_dir: Path, problems: list[Problem]) -> Review:
    """Read ``deck_dir/review.yaml``; problems are appended. No file is an empty review."""
    path = deck_dir / REVIEW_FILE
    if not path.exists():
        noted_missing(path)
        return Review(path)
    try:
        # a regular file only: a named pipe in its place would never end a plain read
        data = read_regular(path, MAX_YAML_BYTES, "keep one decision per question")
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it
    except InputError as exc:
        problems.extend(exc.problems)
        return Review(path, exists=True)
    except UnicodeDecodeError as exc:
        problems.append(Problem(Location(path), f"cannot read the review file: {exc}"))
        return Review(path, exists=True)
    return parse_review(text, path, problems)


def parse_review(text: str, path: Path, problems: list[Problem]) -> Review:
    """The review in ``text`` (the contents of ``path``); problems are appended."""
    if _only_comments(text):
        return Review(path, exists=True)
    try:
        root = compose_text(text, path)
    except InputError as exc:
        problems.extend(exc.problems)
        return Review(path, exists=True)
    values, _ = read_mapping(root, path, FILE_SPEC, problems, "the review file")
    node = values.get("questions")
    entries: dict[str, Entry] = {}
    if node is None or (isinstance(node, ScalarNode) and not node.value):
        return Review(path, entries, exists=True)
    if not isinstance(node, MappingNode):
        message = f"'questions' must map question ids to reviews, found {describe(node)}"
        problems.append(Problem(location_of(path, node), message))
        return Review(path, entries, exists=True)
    for question_id, (key_node, value_node) in mapping_items(node, path, problems).items():
        entry = _read_entry(question_id, key_node, value_node, path, problems)
        if entry is not None:
            entries[question_id] = entry
    return Review(path, entries, exists=True)


def _read_entry(
    question_id: str, key_node: Node, node: Node, path: Path, problems: list[Problem]
) -> Entry | None:
    where = location_of(path, key_node)
    parts = question_id.split("/")
    if len(parts) != 3 or not all(parts):
        message = f"'{question_id}' is not a question id: write deck/fact/form, as quizgen preview shows it"
        problems.append(Problem(where, message))
        return None
    before = len(problems)
    values, keys = read_mapping(node, path, ENTRY_SPEC, problems, f"the review of '{question_id}'")
    changes: dict[str, Change] = {}
    for name in FIELDS:
        if name in values:
            change = _read_change(name, values[name], path, problems)
            if change is not None:
                changes[name] = change
    action = values.get("review")
    if action == "edit" and not changes and len(problems) == before:
        problems.append(Problem(where, f"'{question_id}': an edit needs 'prompt', 'answer' or 'options'"))
    if action in ("keep", "drop"):
        for name in FIELDS:
            if name in keys:
                message = f"'{name}' belongs to an edit: write 'review: edit', or remove '{name}'"
                problems.append(Problem(location_of(path, keys[name]), message))
    if len(problems) > before or action is None:
        return None
    locations = {key: location_of(path, key_node) for key, key_node in keys.items()}
    return Entry(question_id, action, values.get("fact", ""), changes, where, locations)


def _read_change(name: str, node: Node, path: Path, problems: list[Problem]) -> Change | None:
    reader = read_text_list if name == "options" else read_text
    spec = {"was": (reader, True), "now": (reader, True)}
    before = len(problems)
    values, _ = read_mapping(node, path, spec, problems, f"'{name}'")
    if len(problems) > before:
        return None
    if name == "options" and len(values["was"]) != len(values["now"]):
        message = f"'options': 'now' has {len(values['now'])} options where 'was' has {len(values['was'])}"
        problems.append(Problem(location_of(path, node), message))
        return None
    return Change(values["was"], values["now"])


def _entry_data(entry: Entry) -> dict:
    data: dict = {"review": entry.action}
    if entry.fact:
        data["fact"] = entry.fact
    for name in FIELDS:
        change = entry.changes.get(name)
        if change is not None:
            as_data = list if name == "options" else str
            data[name] = {"was": as_data(change.was), "now": as_data(change.now)}
    return data


def format_review(entries: dict[str, Entry]) -> str:
    """The review file's text: the header, then the entries sorted by question id."""
    questions = {qid: _entry_data(entries[qid]) for qid in sorted(entries)}
    body = yaml.safe_dump(
        {"version": VERSION, "questions": questions},
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
    return HEADER + body
