"""Comments a tool left in a sheet for its author to review, such as ``quizgen migrate``'s.

A tool writes what it could not do mechanically as a comment starting with ``REVIEW_MARKER``;
check warns at that line until the author has looked and deleted the comment (so that
``check --strict`` fails meanwhile). YAML parsers drop comments, so the sheet's text is read.
"""

from __future__ import annotations

from quizgen.files import read_regular
from quizgen.load.yamlnodes import MAX_YAML_BYTES
from quizgen.model import FactSheet, InputError, Location, Problem

REVIEW_MARKER = "# quizgen migrate:"
CONTINUED = "#   "  # how the comment's further lines start


def review_comments(sheet: FactSheet, data: bytes | None = None) -> list[Problem]:
    """A warning for each review comment left in the sheet (in ``data``, its bytes as loaded,
    else as it is now)."""
    try:
        # a regular file only: a named pipe put in its place since would never end a plain read
        data = read_regular(sheet.path, MAX_YAML_BYTES, fix="") if data is None else data
        text = data.decode("utf-8")
    except (InputError, UnicodeDecodeError):
        return []  # the loader has already said why it cannot read the file
    problems = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        column = line.find(REVIEW_MARKER)
        if column < 0:
            continue
        said = line[column + len(REVIEW_MARKER) :].strip()
        for more in lines[number:]:  # a long comment goes on over lines starting '#   '
            if not more.strip().startswith(CONTINUED):
                break
            said += " " + more.strip()[len(CONTINUED) :].strip()
        message = f"{said}; then delete this comment" if said else "quizgen migrate asks you to review this"
        problems.append(Problem(Location(sheet.path, number, column + 1), message, "warning"))
    return problems
