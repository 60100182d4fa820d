"""The Jinja2 environments of quizgen, made in one place.

Question phrasings come from the package and from decks, and a deck is a shared folder: its
templates are untrusted input. So a phrasing template

- sees plain data only: dicts, lists, strings, numbers (``plain_data`` builds them), never a
  model object, a path or a method;
- may only look values up, test them, choose with ``if`` and pass them through the filters
  given: no loops, calls, assignments, imports or arithmetic that multiplies, so that
  rendering costs time and memory in proportion to the template's size;
- is checked before it is compiled (Jinja folds constants while compiling), is at most
  ``MAX_SOURCE`` characters long and renders at most ``MAX_OUTPUT``.

Printed pages use ``html_environment``: package templates only, autoescaped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from quizgen.model import Location, PartialDate

MAX_SOURCE = 4_000  # characters of one phrasing template
MAX_OUTPUT = 4_000  # characters one phrasing may render
MAX_DEPTH = 60  # nesting of expressions and blocks

# What a phrasing may be made of: output, lookups, tests, choices and filters.
ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Const,
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Filter,
    nodes.Test,
    nodes.If,
    nodes.CondExpr,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Concat,
    nodes.Dict,
    nodes.Pair,
    nodes.List,
    nodes.Tuple,
    nodes.Keyword,
    nodes.Neg,
    nodes.Pos,
    nodes.Add,
    nodes.Sub,
)
# Jinja's own filters that cannot multiply their input; the caller adds quizgen's.
SAFE_FILTERS = ("capitalize", "default", "d", "first", "last", "length", "lower", "title", "trim", "upper")
NODE_NAMES = {
    nodes.For: "'for' loops",
    nodes.Macro: "macros",
    nodes.CallBlock: "call blocks",
    nodes.Call: "calls",
    nodes.Assign: "'set'",
    nodes.AssignBlock: "'set'",
    nodes.Include: "'include'",
    nodes.Extends: "'extends'",
    nodes.Import: "'import'",
    nodes.FromImport: "'import'",
    nodes.Mul: "'*'",
    nodes.Pow: "'**'",
    nodes.Mod: "'%'",
    nodes.Div: "'/'",
    nodes.FloorDiv: "'//'",
    nodes.FilterBlock: "filter blocks",
    nodes.With: "'with'",
    nodes.Block: "blocks",
}


class TemplateRefused(ValueError):
    """A phrasing template that uses what phrasings may not; the message says what."""


class PlainDataSandbox(ImmutableSandboxedEnvironment):
    """A sandbox where lookups reach dict keys and list or string items only, never attributes."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Mapping) and attribute in obj:
            return obj[attribute]
        return self._missing(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Mapping):
            if isinstance(argument, str) and argument in obj:
                return obj[argument]
        elif isinstance(obj, list | tuple | str) and isinstance(argument, int):
            try:
                return obj[argument]
            except IndexError:
                pass
        return self._missing(obj, str(argument))

    def _missing(self, obj: Any, name: str) -> Any:
        if isinstance(obj, Mapping):
            hint = f"no field '{name}' here (fields: {', '.join(sorted(map(str, obj)))})"
        else:
            hint = f"'{name}': only fields can be looked up, not properties of a value"
        return self.undefined(obj=obj, name=name, hint=hint)


def phrase_environment(filters: Mapping[str, Callable[..., Any]]) -> PlainDataSandbox:
    """The environment of phrasing templates: no globals, safe filters and ``filters`` only."""
    env = PlainDataSandbox(undefined=jinja2.StrictUndefined, autoescape=False)
    env.globals.clear()  # range, lipsum, cycler, joiner, namespace, dict
    env.filters = {name: env.filters[name] for name in SAFE_FILTERS} | dict(filters)
    return env


def compile_phrase(env: PlainDataSandbox, source: str) -> jinja2.Template:
    """Parse, check and compile a phrasing; raises TemplateRefused or TemplateSyntaxError."""
    if len(source) > MAX_SOURCE:
        size = f"{len(source):,}"
        raise TemplateRefused(f"a phrasing is at most {MAX_SOURCE:,} characters, this one has {size}")
    try:
        tree = env.parse(source)
        _check(tree, env, 0)
        return env.from_string(tree)
    except RecursionError:
        raise TemplateRefused(f"nested more than {MAX_DEPTH} levels deep") from None


def _check(node: nodes.Node, env: jinja2.Environment, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise TemplateRefused(f"nested more than {MAX_DEPTH} levels deep")
    if not isinstance(node, ALLOWED_NODES):
        what = NODE_NAMES.get(type(node), f"'{type(node).__name__}'")
        raise TemplateRefused(f"{what} are not allowed in a phrasing: use fields, filters and if/else only")
    if isinstance(node, nodes.Filter) and node.name not in env.filters:
        raise TemplateRefused(f"no filter '{node.name}' (filters: {', '.join(sorted(env.filters))})")
    if isinstance(node, nodes.Name | nodes.Getattr) and _private(node):
        raise TemplateRefused("names starting with '_' are not allowed in a phrasing")
    for child in node.iter_child_nodes():
        _check(child, env, depth + 1)


def _private(node: nodes.Name | nodes.Getattr) -> bool:
    name = node.name if isinstance(node, nodes.Name) else node.attr
    return name.startswith("_")


def render_phrase(template: jinja2.Template, data: Mapping[str, Any]) -> str:
    """Render with plain data; raises TemplateRefused when the text grows beyond MAX_OUTPUT."""
    out: list[str] = []
    size = 0
    for chunk in template.generate(**data):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TemplateRefused(f"renders more than {MAX_OUTPUT:,} characters")
        out.append(chunk)
    return "".join(out)


PLAIN = (str, int, float, bool, type(None))


def date_data(date: PartialDate) -> dict[str, Any]:
    """A date as phrasings see it."""
    return {
        "text": date.text(),
        "iso": date.iso(),
        "precision": date.precision,
        "year": date.year,
        "month": date.month,
        "day": date.day,
    }


class PlainDict(dict):
    """A dict that plain_data made: every value in it is plain already, so it is not walked
    again (a fact's data is rendered by a dozen phrasings)."""


def plain_data(value: Any) -> Any:
    """``value`` as plain data: dataclasses become dicts of their plain fields, dates dicts of
    their parts, tuples lists. Anything else (paths, locations) is left out, so that no
    template can reach an object with methods."""
    if type(value) in _PLAIN_TYPES:  # the most of them: one lookup, not five isinstance tests
        return value
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, Location):
        return _LEFT_OUT
    if isinstance(value, PartialDate):
        return date_data(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        items = [plain_data(item) for item in value]
        return [v for v in items if v is not _LEFT_OUT]
    if isinstance(value, Mapping):
        plain = PlainDict()
        for key, item in value.items():
            shown = plain_data(item)
            if shown is not _LEFT_OUT:
                plain[str(key)] = shown
        return plain
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        plain = PlainDict()
        for name in _shown_fields(type(value)):
            shown = plain_data(getattr(value, name))
            if shown is not _LEFT_OUT:
                plain[name] = shown
        return plain
    return _LEFT_OUT


def plain_merged(value: Any, extra: Mapping[str, Any]) -> PlainDict:
    """``plain_data({**plain_data(value), **extra})`` for a dataclass or mapping ``value``,
    without walking its plain data again: a key of ``extra`` replaces the same key of ``value``
    where it stood, and removes it when its value is left out."""
    merged = plain_data(value)
    assert isinstance(merged, PlainDict)
    merged = PlainDict(merged) if merged is value else merged  # never change what came in
    derived = plain_data(extra)
    for key in extra:
        if str(key) not in derived:
            merged.pop(str(key), None)
    merged.update(derived)
    return merged


@functools.cache
def _shown_fields(cls: type) -> tuple[str, ...]:
    """A dataclass's fields that templates see (those in its repr), worked out once per class."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.repr)


_LEFT_OUT = object()
_PLAIN_TYPES = frozenset({*PLAIN, PlainDict})


@functools.cache
def text_environment(keep_trailing_newline: bool = True) -> jinja2.Environment:
    """The environment of quizgen's own plain-text templates (drafts, articles, card hints):
    package data only, strict, not escaped."""
    return jinja2.Environment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=keep_trailing_newline
    )


def html_environment(
    loader: jinja2.BaseLoader, filters: Mapping[str, Callable[..., Any]]
) -> jinja2.Environment:
    """The environment of printed pages: package templates, autoescaped, strict."""
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    return env
