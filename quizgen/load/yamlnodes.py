"""Safe YAML reading that keeps line numbers: a YAML file becomes a tree of nodes with marks."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizgen.model import InputError, Location, Problem

NULL_TAG = "tag:yaml.org,2002:null"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"


class AliasRefused(yaml.MarkedYAMLError):
    """An alias (``*name``) was met: refused before it can expand."""


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases: fact sheets never need them, and they allow
    exponential expansion ("billion laughs")."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise AliasRefused(
                None,
                None,
                f"YAML aliases (*{event.anchor}) are not allowed in quizgen files; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def location_of(path: Path, node: Node) -> Location:
    """Where a node starts, 1-based."""
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def compose_file(path: Path) -> Node:
    """Read a YAML file into a node tree; raise InputError with ``path:line:col`` problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError([Problem(Location(path), "file not found")]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(Location(path), f"cannot read file: {exc}")]) from exc
    return compose_text(text, path)


def compose_text(text: str, path: Path) -> Node:
    """Compose YAML text; an empty document or a syntax error raises InputError."""
    try:
        loader = _NoAliasLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        reason = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            reason = f"{exc.problem} ({exc.context})"
        if not isinstance(exc, AliasRefused):
            reason = f"YAML syntax error: {reason}{_syntax_hint(exc.problem or '')}"
        raise InputError([Problem(loc, reason)]) from exc
    except yaml.YAMLError as exc:
        raise InputError([Problem(Location(path, 1), f"YAML error: {exc}")]) from exc
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
        raise InputError([Problem(Location(path, 1), "the file is empty")])
    return node


# What PyYAML says, and what an author should do about it.
SYNTAX_HINTS = (
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed here", "put text that holds ': ' in quotes"),
    (
        "expected <block end>",
        "line up the keys of a fact (and the items of a list) with the same indentation",
    ),
    ("could not find expected ':'", "a key needs ': ' after it, or a quoted text may be unclosed"),
    ("found unexpected end of stream", "a quote is not closed"),
    ("found undefined tag handle", "text starting with '!' must be quoted"),
    ("while scanning an alias", "text starting with '*' must be quoted"),
    ("while scanning an anchor", "text starting with '&' must be quoted"),
)


def _syntax_hint(problem: str) -> str:
    for said, hint in SYNTAX_HINTS:
        if said in problem:
            return f": {hint}"
    return ""


def describe(node: Node) -> str:
    """A short name of what a node holds, for 'expected X, found Y' messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        NULL_TAG: "nothing",
        INT_TAG: f"the number {node.value}",
        FLOAT_TAG: f"the number {node.value}",
        BOOL_TAG: f"the boolean {node.value}",
    }.get(node.tag, f"'{node.value}'")


def mapping_items(
    node: MappingNode, path: Path, problems: list[Problem]
) -> dict[str, tuple[ScalarNode, Node]]:
    """The entries of a mapping by key; duplicate or non-text keys are problems."""
    items: dict[str, tuple[ScalarNode, Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            problems.append(Problem(location_of(path, key_node), "a key must be plain text"))
            continue
        key = str(key_node.value)
        if key in items:
            first = items[key][0].start_mark.line + 1
            problems.append(
                Problem(location_of(path, key_node), f"duplicate key '{key}' (first on line {first})")
            )
            continue
        items[key] = (key_node, value_node)
    return items
