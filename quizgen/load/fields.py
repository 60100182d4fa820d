"""Readers that turn one YAML node into one typed value, or a problem at the node's line."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizgen.load.yamlnodes import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    NULL_TAG,
    describe,
    location_of,
    mapping_items,
)
from quizgen.model import PartialDate, Problem
from quizgen.text.compare import suggest

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class FieldError(ValueError):
    """A value that does not fit its field; the message says why."""


Reader = Callable[[Node], Any]


def read_text(node: Node) -> str:
    """Non-empty text; numbers and dates written bare are taken as their text."""
    if not isinstance(node, ScalarNode) or node.tag in (NULL_TAG, BOOL_TAG):
        raise FieldError(f"expected text, found {describe(node)}")
    value = " ".join(str(node.value).split())
    if not value:
        raise FieldError("expected text, found an empty string")
    return value


def read_id(node: Node) -> str:
    value = read_text(node)
    if not ID_PATTERN.match(value):
        raise FieldError(
            f"'{value}' is not a valid id: use lower-case letters, digits, '-' and '_' "
            "(for example 'coup-date')"
        )
    return value


def read_date(node: Node) -> PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD however YAML typed it (int, date or string)."""
    if not isinstance(node, ScalarNode) or node.tag in (NULL_TAG, BOOL_TAG, FLOAT_TAG):
        raise FieldError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found {describe(node)}")
    try:
        return PartialDate.parse(str(node.value))
    except ValueError as exc:
        raise FieldError(str(exc)) from exc


def read_bool(node: Node) -> bool:
    """``true`` or ``false``."""
    if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
        return str(node.value).lower() in ("true", "yes", "on")
    raise FieldError(f"expected true or false, found {describe(node)}")


LARGEST_NUMBER = 1e15  # beyond this, floats no longer hold every whole number


def read_number(node: Node) -> float:
    if isinstance(node, ScalarNode) and node.tag in (INT_TAG, FLOAT_TAG):
        text = str(node.value).replace("_", "")
        try:
            value = float(int(text)) if node.tag == INT_TAG else float(text)
        except (ValueError, OverflowError):
            value = None
        if value is not None:
            if not math.isfinite(value) or abs(value) > LARGEST_NUMBER:
                raise FieldError(f"{text} is too large: write numbers up to {LARGEST_NUMBER:,.0f}")
            return value
    if isinstance(node, ScalarNode) and node.tag not in (NULL_TAG, BOOL_TAG):
        raise FieldError(
            f"expected a number, found {describe(node)}: write digits only, "
            "such as 1500 (the hedge goes in 'hedge', the unit in 'unit')"
        )
    raise FieldError(f"expected a number, found {describe(node)}")


def read_range(node: Node) -> tuple[float, float]:
    """``[low, high]``: two numbers, the first the smaller."""
    if not isinstance(node, SequenceNode) or len(node.value) != 2:
        raise FieldError(f"expected a range [low, high], found {describe(node)}")
    low, high = (read_number(item) for item in node.value)
    if not low < high:
        raise FieldError(f"a range goes from the lower number to the higher: [{low:g}, {high:g}]")
    return (low, high)


def read_wording(node: Node) -> dict[str, str]:
    """A mapping of form names to hand-written texts."""
    if not isinstance(node, MappingNode):
        raise FieldError(f"expected a mapping of form names to texts, found {describe(node)}")
    out: dict[str, str] = {}
    for key, (_, value_node) in mapping_items(node, Path("."), []).items():
        try:
            out[key] = read_text(value_node)
        except FieldError as exc:
            raise FieldError(f"'{key}': {exc}") from exc
    return out


def read_choice(choices: Iterable[str]) -> Reader:
    options = tuple(choices)

    def reader(node: Node) -> str:
        value = read_text(node)
        if value not in options:
            raise FieldError(f"'{value}' is not one of: {', '.join(options)}{suggest(value, options)}")
        return value

    return reader


def read_text_list(node: Node) -> tuple[str, ...]:
    if isinstance(node, ScalarNode) and node.tag != NULL_TAG:
        raise FieldError(f"expected a list of text, found {describe(node)}: write [{node.value}]")
    if not isinstance(node, SequenceNode):
        raise FieldError(f"expected a list of text, found {describe(node)}")
    values = []
    for item in node.value:
        try:
            values.append(read_text(item))
        except FieldError as exc:
            raise FieldError(f"in this list: {exc}") from exc
    return tuple(values)


def read_mapping(
    node: Node,
    path: Path,
    spec: dict[str, tuple[Reader, bool]],
    problems: list[Problem],
    what: str,
) -> tuple[dict[str, Any], dict[str, Node]]:
    """Read a mapping against a spec of ``key: (reader, required)``.

    Returns the values read and the key nodes (for locations). Unknown keys, missing
    required keys and unreadable values are added to ``problems``.
    """
    if not isinstance(node, MappingNode):
        problems.append(Problem(location_of(path, node), f"{what} must be a mapping, found {describe(node)}"))
        return {}, {}
    values: dict[str, Any] = {}
    keys: dict[str, Node] = {}
    for key, (key_node, value_node) in mapping_items(node, path, problems).items():
        if key not in spec:
            problems.append(
                Problem(location_of(path, key_node), f"unknown key '{key}' in {what}{suggest(key, spec)}")
            )
            continue
        keys[key] = key_node
        try:
            values[key] = spec[key][0](value_node)
        except FieldError as exc:
            problems.append(Problem(location_of(path, value_node), f"'{key}': {exc}"))
    missing = [k for k, (_, required) in spec.items() if required and k not in keys]
    for key in missing:
        problems.append(Problem(location_of(path, node), f"{what} is missing '{key}'"))
    return values, keys
