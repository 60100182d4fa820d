"""The shipped output formats; importing this package registers them, in this order."""

from quizgen.export.formats import anki, worksheet, study  # noqa: F401, I001
