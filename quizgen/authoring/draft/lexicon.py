"""The drafter's word lists, read once from ``lexicon.yaml`` (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Lexicon:
    states: frozenset[str]
    demonyms: dict[str, str]
    capitals: dict[str, str]
    places: frozenset[str]
    titles: tuple[str, ...]
    person_roles: tuple[str, ...]
    organisation_heads: frozenset[str]
    organisation_nouns: tuple[str, ...]
    group_nouns: tuple[str, ...]
    standalone_groups: tuple[str, ...]
    source_nouns: frozenset[str]
    not_names: frozenset[str]
    company_heads: frozenset[str]
    company_nouns: tuple[str, ...]
    institution_heads: frozenset[str]
    place_heads: frozenset[str]
    thing_heads: frozenset[str]
    people_nouns: tuple[str, ...]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@cache
def lexicon() -> Lexicon:
    """The shipped word lists."""
    raw = yaml.safe_load(
        resources.files("quizgen.authoring.draft").joinpath("lexicon.yaml").read_text("utf-8")
    )
    return Lexicon(
        states=frozenset(raw["states"]),
        demonyms=dict(raw["demonyms"]),
        capitals=dict(raw["capitals"]),
        places=frozenset(raw["places"]),
        titles=_longest_first(raw["titles"]),
        person_roles=_longest_first(raw["person_roles"]),
        organisation_heads=frozenset(raw["organisation_heads"]),
        organisation_nouns=_longest_first(raw["organisation_nouns"]),
        group_nouns=_longest_first(raw["group_nouns"]),
        standalone_groups=_longest_first(raw["standalone_groups"]),
        source_nouns=frozenset(raw["source_nouns"]),
        not_names=frozenset(raw["not_names"]),
        company_heads=frozenset(raw["company_heads"]),
        company_nouns=_longest_first(raw["company_nouns"]),
        institution_heads=frozenset(raw["institution_heads"]),
        place_heads=frozenset(raw["place_heads"]),
        thing_heads=frozenset(raw["thing_heads"]),
        people_nouns=_longest_first(raw["people_nouns"]),
    )
