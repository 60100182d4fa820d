"""The fact types: one registered class each, in ``quizgen/model/facts/``.

The rest of the pipeline loops over this registry and never tests a fact's class: the loader
reads each type's ``KEYS``, the schema is generated from them, check calls ``fact.check``,
generation asks ``fact.option_value``, ``fact.phrases`` and ``fact.skip_reason``, and the
study sheet ``fact.study``. Adding a type is one module, its templates
(``templates/questions/<type>.yaml``) and its docs.
"""

from __future__ import annotations

from quizgen.model.base import Fact

FACT_TYPES: dict[str, type[Fact]] = {}


def register(cls: type[Fact]) -> type[Fact]:
    """Class decorator: make a fact type known by its ``TYPE``."""
    assert cls.TYPE and cls.TYPE not in FACT_TYPES, cls.TYPE
    FACT_TYPES[cls.TYPE] = cls
    return cls


def fact_types() -> dict[str, type[Fact]]:
    """Every registered type, in registration order (the order the docs and sheets use)."""
    import quizgen.model.facts  # noqa: F401  (registers the shipped types)

    return FACT_TYPES
