"""The shipped fact types, one module each; importing this package registers them in order."""

from quizgen.model.facts import date, number, actor, cause, event, place, quote, listing  # noqa: F401, I001
