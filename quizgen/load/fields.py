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
    parse_float,
    parse_int,
    quoted,
    shorten,
)
from quizgen.model import PartialDate, Problem
from quizgen.text.compare import suggest

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_TEXT = 2_000  # characters of one value: a long quote is a paragraph; more slows every stage
MAX_LIST = 200  # items of one list
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # what only an escape can put in


class FieldError(ValueError):
    """A value that does not fit its field; the message says why."""


Reader = Callable[[Node], Any]


def read_text(node: Node) -> str:
    """Non-empty text; numbers and dates written bare are taken as their text."""
    if not isinstance(node, ScalarNode) or node.tag in (NULL_TAG, BOOL_TAG):
        raise FieldError(f"expected text, found {describe(node)}")
    raw = str(node.value)
    if len(raw) > MAX_TEXT:
        raise FieldError(
            f"{len(raw):,} characters are too many for one value: write at most {MAX_TEXT:,} "
            "(quote the sentence that matters, not the whole passage)"
        )
    if control := CONTROL.search(raw):
        raise FieldError(f"control character U+{ord(control.group()):04X} in {quoted(raw)}: delete it")
    value = " ".join(raw.split())
    if not value:
        raise FieldError("expected text, found an empty string")
    return value


def read_id(node: Node) -> str:
    value = read_text(node)
    if not ID_PATTERN.match(value):
        raise FieldError(
            f"{quoted(value)} is not a valid id: use lower-case letters, digits, '-' and '_' "
            "(for example 'coup-date')"
        )
    return value


def read_date(node: Node) -> PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD however YAML typed it (int, date or string)."""
    if not isinstance(node, ScalarNode) or node.tag in (NULL_TAG, BOOL_TAG, FLOAT_TAG):
        raise FieldError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found {describe(node)}")
    if len(str(node.value)) > 40:
        raise FieldError(f"{quoted(node.value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
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
SMALLEST_NUMBER = 1e-9  # nearer zero (but not zero), options and rounding leave the range of floats


def read_number(node: Node) -> float:
    if isinstance(node, ScalarNode) and node.tag in (INT_TAG, FLOAT_TAG):
        text = str(node.value).replace("_", "")
        value: float | None
        try:
            whole = parse_int(text) if node.tag == INT_TAG else None
            value = (
                float(whole) if whole is not None else parse_float(text) if node.tag == FLOAT_TAG else None
            )
        except OverflowError:  # a whole number too large for a float
            value = math.inf
        if value is not None:
            if not math.isfinite(value) or abs(value) > LARGEST_NUMBER:
                raise FieldError(f"{shorten(text)} is too large: write numbers up to {LARGEST_NUMBER:,.0f}")
            if value != 0 and abs(value) < SMALLEST_NUMBER:
                raise FieldError(
                    f"{shorten(text)} is too near zero: write numbers from {SMALLEST_NUMBER:g} "
                    "(or change the unit: 5 micrograms, not 0.000000005 grams)"
                )
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
            raise FieldError(f"{quoted(value)} is not one of: {', '.join(options)}{suggest(value, options)}")
        return value

    return reader


def read_text_list(node: Node) -> tuple[str, ...]:
    if isinstance(node, ScalarNode) and node.tag != NULL_TAG:
        raise FieldError(f"expected a list of text, found {describe(node)}: write [{shorten(node.value)}]")
    if not isinstance(node, SequenceNode):
        raise FieldError(f"expected a list of text, found {describe(node)}")
    if len(node.value) > MAX_LIST:
        raise FieldError(f"{len(node.value):,} items are too many for one list: write at most {MAX_LIST}")
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
                Problem(
                    location_of(path, key_node), f"unknown key {quoted(key)} in {what}{suggest(key, spec)}"
                )
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
