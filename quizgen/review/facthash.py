"""A short hash of the facts a question was made from, stored with each review entry.

It covers what the question's text can come from: the fact's type and values, never where it
stands in its sheet, its tags, its image or its draft mark. A key left at its default is left
out, so that a later quizgen adding a key with a default changes no hash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from quizgen.model import Fact, PartialDate

IGNORED = frozenset({"location", "locations", "tags", "image", "draft", "version"})


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Path):
        return value.name
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _default(field: dataclasses.Field) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return dataclasses.MISSING


def fact_content(fact: Fact) -> dict[str, Any]:
    """The fact as plain data: its type and every value not left at its default."""
    content: dict[str, Any] = {"type": fact.TYPE}
    for field in dataclasses.fields(fact):
        value = getattr(fact, field.name)
        if field.name in IGNORED or value == _default(field):
            continue
        content[field.name] = _plain(value)
    return content


def fact_hash(facts: Iterable[Fact]) -> str:
    """12 hex digits over the facts' content, in the order given."""
    data = json.dumps([fact_content(f) for f in facts], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]
