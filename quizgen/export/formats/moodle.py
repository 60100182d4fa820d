"""Moodle XML: the quiz's questions in a category named after the deck, for Question bank →
Import → Moodle XML format.

Multiple choice, true/false, short answer (every accepted spelling), numerical (with the
tolerance of a hedged value), matching, cloze (embedded answers), an essay with a model answer
for free answers too long to mark by machine, and a timeline as matching each event to its
place. Every question carries the evidence and the source as general feedback.
"""

from __future__ import annotations

import html
from pathlib import Path

from lxml import etree

from quizgen.export import lms
from quizgen.export.registry import ExportJob, Output, SimpleFormat, bytes_writer, register

NAME = "moodle"


def _text(parent: etree._Element, tag: str, value: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attributes)
    etree.SubElement(element, "text").text = value
    return element


def _html(text: str) -> str:
    return html.escape(text, quote=False)


def _plain(text: str) -> str:
    """A short-answer answer: Moodle reads '*' as a wildcard unless escaped."""
    return text.replace("*", "\\*")


CLOZE_SPECIAL = set("&<>\"'~#{}\\/")


def _cloze_answer(text: str) -> str:
    """An answer inside an embedded answer ({1:SHORTANSWER:=…}): Moodle decodes HTML entities
    there, so the characters that end an answer (~ # }), the backslash and HTML's own go as
    numeric entities."""
    return "".join(f"&#{ord(c)};" if c in CLOZE_SPECIAL else c for c in text)


def _cloze_text(text: str) -> str:
    """Text around the gap: HTML, with braces as entities so that nothing reads as an answer."""
    return _html(text).replace("{", "&#123;").replace("}", "&#125;")


def _question(quiz: etree._Element, kind: str, entry: lms.Entry) -> etree._Element:
    question = etree.SubElement(quiz, "question", type=kind)
    _text(question, "name", f"{entry.number:02d} {entry.question.fact_id} {entry.question.form}")
    return question


def _common(question: etree._Element, entry: lms.Entry, text_html: str, grade: int = 1) -> None:
    _text(question, "questiontext", text_html, format="html")
    _text(question, "generalfeedback", f"<p>{_html(entry.feedback)}</p>", format="html")
    etree.SubElement(question, "defaultgrade").text = str(grade)
    etree.SubElement(question, "penalty").text = "0.3333333"
    etree.SubElement(question, "hidden").text = "0"
    etree.SubElement(question, "idnumber").text = _idnumber(entry)


def _idnumber(entry: lms.Entry) -> str:
    """The question's id, within Moodle's 100 characters (a stable hash when longer)."""
    ident = entry.question.id
    return ident if len(ident) <= 100 else lms.stable_id(ident)


def _answer(question: etree._Element, fraction: int, text: str, fmt: str = "html") -> etree._Element:
    answer = _text(question, "answer", text, fraction=str(fraction), format=fmt)
    _text(answer, "feedback", "", format="html")
    return answer


def _write_entry(quiz: etree._Element, entry: lms.Entry) -> None:
    q = entry.question
    stem = f"<p>{_html(entry.stem)}</p>"
    if entry.kind == "multichoice":
        element = _question(quiz, "multichoice", entry)
        _common(element, entry, stem)
        etree.SubElement(element, "single").text = "true"
        etree.SubElement(element, "shuffleanswers").text = "false" if q.ordered else "true"
        etree.SubElement(element, "answernumbering").text = "abc"
        for option in q.options:
            _answer(element, 100 if option == q.answer else 0, _html(option))
    elif entry.kind == "truefalse":
        element = _question(quiz, "truefalse", entry)
        _common(element, entry, stem)
        for value in ("true", "false"):
            _answer(element, 100 if q.answer.lower() == value else 0, value, "moodle_auto_format")
    elif entry.kind == "shortanswer":
        element = _question(quiz, "shortanswer", entry)
        _common(element, entry, stem)
        etree.SubElement(element, "usecase").text = "0"
        for text in entry.answers:
            _answer(element, 100, _plain(text), "moodle_auto_format")
    elif entry.kind == "numerical":
        element = _question(quiz, "numerical", entry)
        _common(element, entry, stem)
        value, tolerance, low, high = lms.numeric(q)
        if value - tolerance != low or value + tolerance != high:  # a range not centred on the value
            value, tolerance = (low + high) / 2, (high - low) / 2
        answer = _answer(element, 100, f"{value:g}", "moodle_auto_format")
        etree.SubElement(answer, "tolerance").text = f"{tolerance:g}"
        answer.find("feedback/text").text = _html(f"Accepted: {low:g} to {high:g} (the article: {q.answer}).")
        etree.SubElement(element, "unitgradingtype").text = "0"
        etree.SubElement(element, "unitpenalty").text = "0.1000000"
        etree.SubElement(element, "showunits").text = "3"
        etree.SubElement(element, "unitsleft").text = "0"
    elif entry.kind == "essay":
        element = _question(quiz, "essay", entry)
        _common(element, entry, stem)
        etree.SubElement(element, "responseformat").text = "editor"
        etree.SubElement(element, "responserequired").text = "1"
        etree.SubElement(element, "responsefieldlines").text = "3"
        etree.SubElement(element, "attachments").text = "0"
        etree.SubElement(element, "attachmentsrequired").text = "0"
        _text(element, "graderinfo", f"<p>Model answer: {_html(q.answer)}</p>", format="html")
        _text(element, "responsetemplate", "", format="html")
    elif entry.kind in ("matching", "ordering"):
        element = _question(quiz, "matching", entry)
        _common(element, entry, stem, grade=entry.marks)
        etree.SubElement(element, "shuffleanswers").text = "true"
        for left, right in entry.pairs:
            sub = _text(element, "subquestion", _html(left), format="html")
            _text(sub, "answer", right)
    elif entry.kind == "cloze":
        element = _question(quiz, "cloze", entry)
        gap_before, gap_after = lms.cloze_sides(q)
        answers = "~".join(f"={_cloze_answer(a)}" for a in entry.answers)
        before = _cloze_text(" ".join(p for p in (q.lead, entry.article, gap_before) if p))
        text = f"<p>{before}{{1:SHORTANSWER:{answers}}}{_cloze_text(gap_after)}</p>"
        _text(element, "questiontext", text, format="html")
        _text(element, "generalfeedback", f"<p>{_html(entry.feedback)}</p>", format="html")
        etree.SubElement(element, "penalty").text = "0.3333333"
        etree.SubElement(element, "hidden").text = "0"
        etree.SubElement(element, "idnumber").text = _idnumber(entry)
    else:  # pragma: no cover - every kind of the model is handled above
        raise ValueError(entry.kind)


def _category(quiz: etree._Element, job: ExportJob) -> None:
    path = "/".join(part.replace("/", "//") for part in ["$course$", "top", *lms.category(job.deck)])
    element = etree.SubElement(quiz, "question", type="category")
    _text(element, "category", path)
    _text(element, "info", f"<p>{_html(job.deck.settings.description)}</p>", format="html")


def moodle_xml(job: ExportJob) -> bytes:
    """The quiz as a Moodle XML file (UTF-8)."""
    quiz = etree.Element("quiz")
    _category(quiz, job)
    for entry in lms.entries(job.quiz):
        _write_entry(quiz, entry)
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def outputs(job: ExportJob) -> list[Output]:
    if not job.quiz.questions:
        return []
    return [Output(Path(f"{job.deck.settings.key}-moodle.xml"), bytes_writer(moodle_xml(job)))]


FORMAT = register(
    SimpleFormat(NAME, "Moodle XML of the quiz, in a category named after the deck (.xml)", outputs)
)
