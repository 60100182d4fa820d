"""Safe YAML reading that keeps line numbers: a YAML file becomes a tree of nodes with marks.

Every input is bounded before it is parsed: a regular file (never a pipe or a device) of at most
``MAX_YAML_BYTES``, UTF-8, without characters YAML refuses, nested at most ``MAX_DEPTH`` deep,
without aliases and without lone surrogates. libyaml (PyYAML's C parser) reads it when PyYAML
was built with it; a file it refuses is read again by the pure-Python parser, whose messages
are the ones quizgen explains (and which is used throughout when libyaml is missing).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader
from yaml.resolver import Resolver

from quizgen.files import decode_utf8, read_regular, size_text
from quizgen.model import InputError, Location, Problem

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

NULL_TAG = "tag:yaml.org,2002:null"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"

MAX_YAML_BYTES = 500_000  # a fact sheet of some 1,000 facts; deck.yaml needs far less
MAX_DEPTH = 20  # fact sheets nest 4 deep, question templates 4: more is a mistake or an attack
SURROGATE = re.compile("[\ud800-\udfff]")
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as line breaks


class Refused(yaml.MarkedYAMLError):
    """Valid YAML that quizgen refuses (its message says why); never read again."""


class AliasRefused(Refused):
    """An alias (``*name``) was met: refused before it can expand."""


class _Composer(Composer):
    """The composer, refusing aliases (they allow exponential expansion, "billion laughs"),
    nesting deeper than ``MAX_DEPTH`` (each level is a Python call) and lone surrogates (the
    halves of a character that a double-quoted "\\uD800" makes, which no file can hold)."""

    depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            message = f"YAML aliases (*{event.anchor}) are not allowed in quizgen files; write the value out"
            raise AliasRefused(None, None, message, event.start_mark)
        if self.depth >= MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep: quizgen files need a few levels at most"
            raise Refused(None, None, message, event.start_mark)
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if isinstance(node, ScalarNode) and (half := SURROGATE.search(node.value)):
            message = (
                f"'\\u{ord(half.group()):04X}' is half of a character (a lone surrogate): write the "
                "character itself, or \\U followed by its 8 hex digits"
            )
            raise Refused(None, None, message, node.start_mark)
        return node


class _PythonLoader(_Composer, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader with quizgen's composer."""


if CParser is not None:

    class _CLoader(_Composer, CParser, SafeConstructor, Resolver):
        """libyaml scans and parses; quizgen's composer builds the nodes (with their marks)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    class _CComposer(CParser, SafeConstructor, Resolver):
        """libyaml scans, parses and composes, all in C (its nesting is capped at 1,000 levels,
        so its recursion is bounded); ``_vetted`` then checks the tree as ``_Composer`` would."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


def _vetted(root: Node) -> bool:
    """Whether ``_Composer`` would accept this tree: no node met twice (that is an alias), none
    nested ``MAX_DEPTH`` deep, no lone surrogate. Stops at the first node met twice, so a tree
    of aliases ("billion laughs") is never walked out."""
    met: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth >= MAX_DEPTH or id(node) in met:
            return False
        met.add(id(node))
        if isinstance(node, ScalarNode):
            if SURROGATE.search(node.value):
                return False
        elif isinstance(node, MappingNode):
            stack += [(part, depth + 1) for pair in node.value for part in pair]
        else:
            stack += [(child, depth + 1) for child in node.value]
    return True


def location_of(path: Path, node: Node) -> Location:
    """Where a node starts, 1-based."""
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def compose_file(path: Path, fix: str = "split it into smaller files") -> Node:
    """Read a YAML file into a node tree; raise InputError with ``path:line:col`` problems.

    ``fix`` says what to do with a file larger than ``MAX_YAML_BYTES``.
    """
    return read_and_compose(path, fix)[1]


def read_and_compose(path: Path, fix: str = "split it into smaller files") -> tuple[bytes, Node]:
    """``compose_file``, with the bytes it read (to know later whether the file still holds them)."""
    data = read_regular(path, MAX_YAML_BYTES, fix)
    return data, compose_text(decode_utf8(path, data), path)


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``, counting line breaks as YAML does."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def compose_text(text: str, path: Path) -> Node:
    """Compose YAML text; an empty document or a syntax error raises InputError."""
    if len(text) > MAX_YAML_BYTES:
        message = f"this YAML is larger than {size_text(MAX_YAML_BYTES)}, the most quizgen reads: shorten it"
        raise InputError([Problem(Location(path, 1), message)])
    if bad := Reader.NON_PRINTABLE.search(text):
        line, column = position(text, bad.start())
        message = (
            f"character U+{ord(bad.group()):04X} is not allowed in a YAML file: delete it "
            "(in a double-quoted text, an escape such as \\x07 may stand for it)"
        )
        raise InputError([Problem(Location(path, line, column), message)])
    node = _compose_in_c(text)
    if node is not None:
        return node
    # anything libyaml's tree would not pass: quizgen's composer says what and where
    try:
        node = _compose(_CLoader, text) if CParser is not None else _compose(_PythonLoader, text)
    except Refused as exc:
        raise _syntax_problem(exc, path) from None
    except yaml.YAMLError:  # libyaml refused it: the pure-Python parser says why, in its words
        try:
            node = _compose(_PythonLoader, text)
        except yaml.YAMLError as exc:
            raise _syntax_problem(exc, path) from None
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
        raise InputError([Problem(Location(path, 1), "the file is empty")])
    return node


def _compose_in_c(text: str) -> Node | None:
    """The tree of a well-formed document that quizgen accepts, composed by libyaml (a third
    faster than composing its events in Python); None for anything else."""
    if CParser is None:
        return None
    try:
        node = _compose(_CComposer, text)
    except yaml.YAMLError:
        return None
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG) or not _vetted(node):
        return None
    return node


def _compose(loader_class: type, text: str) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.YAMLError, path: Path) -> InputError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return InputError([Problem(Location(path, 1), f"YAML error: {exc}")])
    mark = exc.problem_mark or exc.context_mark
    loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
    reason = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        reason = f"{exc.problem} ({exc.context})"
    if not isinstance(exc, Refused):
        reason = f"YAML syntax error: {reason}{_syntax_hint(exc.problem or '')}"
    return InputError([Problem(loc, reason)])


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


QUOTE_LIMIT = 60  # characters of a value quoted in a message


def shorten(value: str, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message may show it: what a terminal would not print escaped (control
    characters, line breaks, surrogates), cut after ``limit`` characters with its full length."""
    shown = "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in value[: limit + 1])
    if len(value) <= limit:
        return shown
    return f"{shown[:limit]}… ({len(value):,} characters)"


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``'value'`` for a message, shortened."""
    return f"'{shorten(str(value), limit)}'"


def describe(node: Node) -> str:
    """A short name of what a node holds, for 'expected X, found Y' messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    value = shorten(str(node.value))
    if node.tag == INT_TAG and parse_int(str(node.value)) is None:
        return f"'{value}' (tagged !!int)"
    if node.tag == FLOAT_TAG and parse_float(str(node.value)) is None:
        return f"'{value}' (tagged !!float)"
    return {
        NULL_TAG: "nothing",
        INT_TAG: f"the number {value}",
        FLOAT_TAG: f"the number {value}",
        BOOL_TAG: f"the boolean {value}",
    }.get(node.tag, f"'{value}'")


def parse_int(text: str) -> int | None:
    """A YAML 1.1 integer as PyYAML reads one (``1_000``, ``-0x1F``, ``0b101``, ``017``,
    ``1:30``), or None for any text that is not one (``!!int abc``, ``!!int ""``, ``0b``)."""
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits[1:] if digits[:1] in ("-", "+") else digits
    if not digits.isascii() or not digits.isalnum() and ":" not in digits:
        return None
    try:
        if digits.startswith(("0b", "0x", "0o")):
            return sign * int(digits[2:], {"b": 2, "x": 16, "o": 8}[digits[1]])
        if ":" in digits:
            value = 0
            for part in digits.split(":"):
                if not part.isdigit():
                    return None
                value = value * 60 + int(part)
            return sign * value
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    except ValueError:  # not digits of that base, or more digits than Python converts
        return None


def parse_float(text: str) -> float | None:
    """A number written with digits (``1.5``, ``-2.5e3``, ``1_000.5``); None for anything else,
    ``.inf`` and ``.nan`` among them."""
    digits = text.replace("_", "")
    if not digits.isascii() or not any(c.isdigit() for c in digits):
        return None
    try:
        return float(digits)
    except ValueError:
        return None


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
                Problem(location_of(path, key_node), f"duplicate key {quoted(key)} (first on line {first})")
            )
            continue
        items[key] = (key_node, value_node)
    return items
