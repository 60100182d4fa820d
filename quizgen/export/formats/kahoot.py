"""Kahoot: the quiz's multiple-choice and true/false questions as Kahoot's quiz spreadsheet
(Create → Add question → Import spreadsheet), in the columns of Kahoot's own template.

Kahoot takes a question of at most 120 characters with two to four answers of at most 75
characters each; it has no feedback column, so the evidence stays in the other formats. Every
other item (typed, cloze, matching, timeline, too long) is left out with its reason.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

from quizgen.export import lms
from quizgen.export.registry import ExportJob, Output, SimpleFormat, bytes_writer, register

NAME = "kahoot"
MAX_QUESTION, MAX_ANSWER, MAX_ANSWERS = 120, 75, 4
HEADER_ROW = 8  # where Kahoot's template puts its column titles
HEADERS = (
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
FIXED_TIME = datetime.datetime(2000, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def row_of(entry: lms.Entry) -> tuple[list, str]:
    """The spreadsheet row of an item, or an empty row and why Kahoot cannot take it."""
    if entry.kind == "truefalse":
        answers = ["True", "False"]
        correct = 1 if entry.question.answer.lower() == "true" else 2
    elif entry.kind == "multichoice":
        answers = list(entry.item.options)
        correct = answers.index(entry.question.answer) + 1
    else:
        kinds = {"ordering": "timeline", "shortanswer": "short answer", "essay": "free answer"}
        return (
            [],
            f"Kahoot's spreadsheet takes only multiple choice and true/false, not "
            f"{kinds.get(entry.kind, entry.kind)}",
        )
    question = lms.one_line(entry.stem)
    answers = [lms.one_line(a) for a in answers]
    if len(question) > MAX_QUESTION:
        return [], f"the question has {len(question)} characters; Kahoot allows {MAX_QUESTION}"
    if len(answers) > MAX_ANSWERS:
        return [], f"{len(answers)} answers; Kahoot allows {MAX_ANSWERS}"
    long = [a for a in answers if len(a) > MAX_ANSWER]
    if long:
        return [], f"an answer has {len(long[0])} characters; Kahoot allows {MAX_ANSWER}"
    seconds = 20 if entry.kind == "truefalse" or len(question) <= 60 else 30 if len(question) <= 90 else 60
    return [question, *answers, *[""] * (MAX_ANSWERS - len(answers)), seconds, str(correct)], ""


def workbook(job: ExportJob) -> bytes:
    # imported here: openpyxl brings numpy, a quarter of a second that every other command
    # and format would pay at start-up
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet["B2"] = "Quiz template"
    sheet["B2"].font = Font(bold=True)
    sheet["B3"] = lms.one_line(
        f"{lms.title(job.deck)}: the multiple-choice and true/false questions of the quiz"
    )
    sheet["B3"].data_type = "s"
    for column, title in enumerate(HEADERS, start=1):
        sheet.cell(HEADER_ROW, column, title).font = Font(bold=True)
    row = HEADER_ROW
    for entry in lms.entries(job.quiz):
        values, reason = row_of(entry)
        if reason:
            lms.leave_out(job, NAME, entry, reason)
            continue
        row += 1
        sheet.cell(row, 1, row - HEADER_ROW)
        for column, value in enumerate(values, start=2):
            cell = sheet.cell(row, column, value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
    for column, width in zip("ABCDEFGH", (4, 60, 28, 28, 28, 28, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    book.properties.creator = "quizgen"
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_dates(buffer.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same workbook bytes for the same quiz: zip dates fixed, and the 'modified' stamp that
    openpyxl sets on saving put back to the fixed time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(fixed, content)
    return out.getvalue()


def outputs(job: ExportJob) -> list[Output]:
    if not job.quiz.questions:
        return []
    return [Output(Path(f"{job.deck.settings.key}-kahoot.xlsx"), bytes_writer(workbook(job)))]


FORMAT = register(
    SimpleFormat(
        NAME, "a Kahoot quiz spreadsheet of the multiple-choice and true/false questions (.xlsx)", outputs
    )
)
