"""The shipped output formats; importing this package registers them, in this order."""

from quizgen.export.formats import anki, worksheet, study, moodle, gift, canvas, quizlet, kahoot, csvfile  # noqa: F401, I001
