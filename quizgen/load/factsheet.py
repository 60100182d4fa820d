"""Fact sheets: a YAML file of facts about one article, read into the typed model."""

from __future__ import annotations

import functools
import hashlib
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
    read_range,
    read_text,
    read_text_list,
    read_wording,
    suggest,
)
from quizgen.load.yamlnodes import describe, location_of, mapping_items, quoted, read_and_compose
from quizgen.model import Fact, FactSheet, InputError, Location, Problem, fact_types
from quizgen.model.keys import COMMON_KEYS, Key

FORMAT_VERSIONS = (1, 2)
FORMAT_VERSION = 2  # what new sheets are written in; version 1 sheets keep loading
NAME_MAX = 255  # bytes of one file name on every common file system


def _read_version(node: Node) -> int:
    value = read_number(node)
    if value not in FORMAT_VERSIONS:
        known = " or ".join(str(v) for v in FORMAT_VERSIONS)
        raise FieldError(f"this quizgen reads fact sheet versions {known}, not {value:g}")
    return int(value)


SHEET_SPEC: dict[str, tuple[Reader, bool]] = {
    "version": (_read_version, False),
    "article": (read_text, True),
    "context": (read_text, False),
    "facts": (lambda node: node, True),
}


def reader_of(key: Key) -> Reader:
    """How a declared key's value is read."""
    if key.kind == "choice":
        choices = key.choices or tuple(fact_types()) if key.name == "type" else key.choices
        return read_choice(choices)
    return {
        "text": read_text,
        "phrase": read_text,
        "id": read_id,
        "date": read_date,
        "number": read_number,
        "range": read_range,
        "bool": read_bool,
        "text_list": read_text_list,
        "id_list": read_text_list,
        "wording": read_wording,
    }[key.kind]


def keys_of(cls: type[Fact], version: int) -> list[Key]:
    """The keys a fact of this type may have in a sheet of this version."""
    keys = [k for k in (*COMMON_KEYS, *cls.KEYS) if version in k.versions]
    optional = getattr(cls, "OPTIONAL_COMMON", ())
    return [
        Key(k.name, k.kind, k.doc, False, k.choices, k.shape, k.versions) if k.name in optional else k
        for k in keys
    ]


def spec_of(cls: type[Fact], version: int) -> dict[str, tuple[Reader, bool]]:
    return _spec(cls, version, tuple(fact_types()))


@functools.lru_cache(maxsize=256)  # asked for every fact; the types registered are part of the key
def _spec(cls: type[Fact], version: int, types: tuple[str, ...]) -> dict[str, tuple[Reader, bool]]:
    return {k.name: (reader_of(k), k.required) for k in keys_of(cls, version)}


def load_fact_sheet(path: Path, problems: list[Problem]) -> FactSheet | None:
    """Read one fact sheet and its article. Problems are appended; None if unreadable."""
    try:
        data, root = read_and_compose(path, fix="split its facts over several sheets")
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    values, keys = read_mapping(root, path, SHEET_SPEC, problems, "a fact sheet")
    if "article" not in values:
        return None
    article_loc = location_of(path, keys["article"])
    article = _load_sheet_article(path, values["article"], article_loc, problems)
    version = values.get("version", 1)
    facts = _read_facts(values.get("facts"), path, problems, version)
    context = values.get("context", "")
    digest = hashlib.sha256(data).hexdigest()
    return FactSheet(path, values["article"], article_loc, article, tuple(facts), version, context, digest)


def _load_sheet_article(path: Path, ref: str, loc: Location, problems: list[Problem]):
    articles_dir = find_articles_dir(path.parent)
    if articles_dir is None:
        problems.append(Problem(loc, "no source_articles/ folder found above this fact sheet"))
        return None
    if Path(ref).name != ref or ref in (".", ".."):
        problems.append(
            Problem(loc, f"{quoted(ref)}: name an article file in source_articles/, without a folder")
        )
        return None
    if (problem := name_problem(ref)) is not None:
        problems.append(Problem(loc, problem))
        return None
    article_path = articles_dir / ref
    if not is_file(article_path):
        known = [p.name for p in articles_dir.glob("*.md")]
        problems.append(
            Problem(loc, f"article {quoted(ref)} not found in {articles_dir}{suggest(ref, known)}")
        )
        return None
    try:
        return load_article(article_path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def name_problem(name: str) -> str | None:
    """Why a file name cannot exist on disk (too long, a NUL in it), or None."""
    if "\0" in name:
        return f"{quoted(name)}: a file name cannot hold a NUL character"
    size = len(name.encode("utf-8"))
    if size > NAME_MAX:
        return f"{quoted(name)}: this name is {size} bytes long; a file name holds at most {NAME_MAX}"
    return None


def is_file(path: Path) -> bool:
    """``path.is_file()``, False where the system refuses the name instead of raising."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _read_facts(node: Node | None, path: Path, problems: list[Problem], version: int) -> list[Fact]:
    if node is None:
        return []
    if not isinstance(node, SequenceNode):
        problems.append(Problem(location_of(path, node), f"'facts' must be a list, found {describe(node)}"))
        return []
    if not node.value:
        problems.append(Problem(location_of(path, node), "'facts' is empty: add at least one fact"))
    facts = []
    for item in node.value:
        fact = read_fact(item, path, problems, version)
        if fact is not None:
            facts.append(fact)
    return facts


def read_fact(node: Node, path: Path, problems: list[Problem], version: int = FORMAT_VERSION) -> Fact | None:
    """One fact mapping to a typed fact; None when it has problems."""
    if not isinstance(node, MappingNode):
        problems.append(Problem(location_of(path, node), f"a fact must be a mapping, found {describe(node)}"))
        return None
    fact_type = _peek_type(node, path, problems)
    if fact_type is None:
        return None
    cls = fact_types()[fact_type]
    before = len(problems)
    spec = spec_of(cls, version)
    what = f"a {fact_type} fact" + ("" if version == FORMAT_VERSION else f" (sheet version {version})")
    values, keys = read_mapping(node, path, spec, problems, what)
    _unknown_in_version(node, path, cls, version, problems)
    _one_of(cls, version, keys, node, path, problems)
    if len(problems) > before:
        return None
    return _build_fact(cls, values, keys, location_of(path, node), path, version)


def _unknown_in_version(
    node: Node, path: Path, cls: type[Fact], version: int, problems: list[Problem]
) -> None:
    """A key of another format version: say so, instead of 'unknown key'."""
    for problem in list(problems):
        for key in (*COMMON_KEYS, *cls.KEYS):
            if problem.message.startswith(f"unknown key '{key.name}'") and version not in key.versions:
                other = key.versions[0] if key.versions else None
                if other is None:
                    continue
                problems[problems.index(problem)] = Problem(
                    problem.location,
                    f"'{key.name}' belongs to fact sheet version {other}; this sheet is version {version}"
                    + (": run quizgen migrate to upgrade it" if other > version else ""),
                )


def _one_of(
    cls: type[Fact], version: int, keys: dict[str, Node], node: Node, path: Path, problems: list[Problem]
) -> None:
    for names in _one_of_groups(cls, version):
        given = [n for n in names if n in keys]
        if len(given) != 1:
            choice = " or ".join(f"'{n}'" for n in names)
            what = "has both" if given else "needs"
            listed = " and ".join(f"'{n}'" for n in given) if given else choice
            problems.append(
                Problem(location_of(path, node), f"a {cls.TYPE} fact {what} {listed}: write one of {choice}")
            )


@functools.lru_cache(maxsize=256)  # asked for every fact
def _one_of_groups(cls: type[Fact], version: int) -> tuple[tuple[str, ...], ...]:
    """The keys of which a fact of this type gives exactly one, by group."""
    groups: dict[str, list[str]] = {}
    for key in keys_of(cls, version):
        if key.one_of:
            groups.setdefault(key.one_of, []).append(key.name)
    return tuple(tuple(names) for names in groups.values())


def _peek_type(node: MappingNode, path: Path, problems: list[Problem]) -> str | None:
    items = mapping_items(node, path, [])
    types = tuple(fact_types())
    if "type" not in items:
        problems.append(
            Problem(location_of(path, node), f"a fact is missing 'type' (one of: {', '.join(types)})")
        )
        return None
    try:
        return read_choice(types)(items["type"][1])
    except FieldError as exc:
        problems.append(Problem(location_of(path, items["type"][1]), f"'type': {exc}"))
        return None


def _build_fact(
    cls: type[Fact], values: dict[str, Any], keys: dict[str, Node], loc: Location, path: Path, version: int
) -> Fact:
    values = dict(values)
    values.pop("type")
    if "image" in values:
        values["image"] = path.parent / values["image"]
    if "evidence" not in values:  # a quote is its own evidence
        values["evidence"] = values.get("quote", "")
    locations = {key: location_of(path, node) for key, node in keys.items()}
    return cls(location=loc, locations=locations, version=version, **values)
