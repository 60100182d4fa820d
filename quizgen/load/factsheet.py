"""Fact sheets: a YAML file of facts about one article, read into the typed model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from quizgen.load.article import find_articles_dir, load_article
from quizgen.load.fields import (
    FieldError,
    Reader,
    read_bool,
    read_choice,
    read_date,
    read_id,
    read_mapping,
    read_number,
    read_text,
    read_text_list,
    suggest,
)
from quizgen.load.yamlnodes import compose_file, describe, location_of, mapping_items
from quizgen.model import (
    ACTOR_KINDS,
    FACT_TYPES,
    HEDGES,
    ActorFact,
    CauseFact,
    DateFact,
    Fact,
    FactSheet,
    InputError,
    Location,
    NumberFact,
    Problem,
)

FORMAT_VERSION = 1


def _read_version(node: Node) -> int:
    value = read_number(node)
    if value != FORMAT_VERSION:
        raise FieldError(f"this quizgen reads fact sheet version {FORMAT_VERSION}, not {value:g}")
    return FORMAT_VERSION


SHEET_SPEC: dict[str, tuple[Reader, bool]] = {
    "version": (_read_version, False),
    "article": (read_text, True),
    "facts": (lambda node: node, True),
}

COMMON_SPEC: dict[str, tuple[Reader, bool]] = {
    "id": (read_id, True),
    "type": (read_choice(FACT_TYPES), True),
    "evidence": (read_text, True),
    "tags": (read_text_list, False),
    "also_true": (read_text_list, False),
    "question": (read_text, False),
    "gap": (read_text, False),
    "draft": (read_bool, False),
    "image": (read_text, False),  # a path relative to the sheet
}

TYPE_SPECS: dict[str, dict[str, tuple[Reader, bool]]] = {
    "date": {"event": (read_text, True), "date": (read_date, True)},
    "number": {
        "value": (read_number, True),
        "how_many": (read_text, True),
        "unit": (read_text, False),
        "hedge": (read_choice(HEDGES), False),
        "as_of": (read_date, False),
    },
    "actor": {
        "name": (read_text, True),
        "kind": (read_choice(ACTOR_KINDS), True),
        "role": (read_text, True),
    },
    "cause": {"cause": (read_text, True), "effect": (read_text, True)},
}

FACT_CLASSES: dict[str, type[Fact]] = {
    "date": DateFact,
    "number": NumberFact,
    "actor": ActorFact,
    "cause": CauseFact,
}


def load_fact_sheet(path: Path, problems: list[Problem]) -> FactSheet | None:
    """Read one fact sheet and its article. Problems are appended; None if unreadable."""
    try:
        root = compose_file(path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    values, keys = read_mapping(root, path, SHEET_SPEC, problems, "a fact sheet")
    if "article" not in values:
        return None
    article_loc = location_of(path, keys["article"])
    article = _load_sheet_article(path, values["article"], article_loc, problems)
    facts = _read_facts(values.get("facts"), path, problems)
    return FactSheet(path, values["article"], article_loc, article, tuple(facts))


def _load_sheet_article(path: Path, ref: str, loc: Location, problems: list[Problem]):
    articles_dir = find_articles_dir(path.parent)
    if articles_dir is None:
        problems.append(Problem(loc, "no source_articles/ folder found above this fact sheet"))
        return None
    if Path(ref).name != ref or ref in (".", ".."):
        problems.append(Problem(loc, f"'{ref}': name an article file in source_articles/, without a folder"))
        return None
    article_path = articles_dir / ref
    if not article_path.is_file():
        known = [p.name for p in articles_dir.glob("*.md")]
        problems.append(Problem(loc, f"article '{ref}' not found in {articles_dir}{suggest(ref, known)}"))
        return None
    try:
        return load_article(article_path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _read_facts(node: Node | None, path: Path, problems: list[Problem]) -> list[Fact]:
    if node is None:
        return []
    if not isinstance(node, SequenceNode):
        problems.append(Problem(location_of(path, node), f"'facts' must be a list, found {describe(node)}"))
        return []
    if not node.value:
        problems.append(Problem(location_of(path, node), "'facts' is empty: add at least one fact"))
    facts = []
    for item in node.value:
        fact = read_fact(item, path, problems)
        if fact is not None:
            facts.append(fact)
    return facts


def read_fact(node: Node, path: Path, problems: list[Problem]) -> Fact | None:
    """One fact mapping to a typed fact; None when it has problems."""
    if not isinstance(node, MappingNode):
        problems.append(Problem(location_of(path, node), f"a fact must be a mapping, found {describe(node)}"))
        return None
    fact_type = _peek_type(node, path, problems)
    if fact_type is None:
        return None
    before = len(problems)
    spec = {**COMMON_SPEC, **TYPE_SPECS[fact_type]}
    values, keys = read_mapping(node, path, spec, problems, f"a {fact_type} fact")
    if len(problems) > before:
        return None
    return _build_fact(fact_type, values, keys, location_of(path, node), path)


def _peek_type(node: MappingNode, path: Path, problems: list[Problem]) -> str | None:
    items = mapping_items(node, path, [])
    if "type" not in items:
        problems.append(
            Problem(location_of(path, node), f"a fact is missing 'type' (one of: {', '.join(FACT_TYPES)})")
        )
        return None
    try:
        return read_choice(FACT_TYPES)(items["type"][1])
    except FieldError as exc:
        problems.append(Problem(location_of(path, items["type"][1]), f"'type': {exc}"))
        return None


def _build_fact(
    fact_type: str, values: dict[str, Any], keys: dict[str, Node], loc: Location, path: Path
) -> Fact:
    values = dict(values)
    values.pop("type")
    if "image" in values:
        values["image"] = path.parent / values["image"]
    locations = {key: location_of(path, node) for key, node in keys.items()}
    return FACT_CLASSES[fact_type](location=loc, locations=locations, **values)
