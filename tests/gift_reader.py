"""A strict reader of the GIFT that quizgen writes, following Moodle's own importer
(question/format/gift/format.php: readquestion, escapedchar_pre/post, commentparser) step by
step, and refusing anything outside that subset instead of guessing.

The GIFT parsers on PyPI that were tried are broken for this (one keeps backslashes, one drops
numeric answers), hence this port, used by the tests to read every exported file back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ESCAPED = {
    "\\:": "&&058;",
    "\\#": "&&035;",
    "\\=": "&&061;",
    "\\{": "&&123;",
    "\\}": "&&125;",
    "\\~": "&&126;",
}
ESCAPED["\\n"] = "&&010"
PLACEHOLDERS = {"&&058;": ":", "&&035;": "#", "&&061;": "=", "&&123;": "{", "&&125;": "}", "&&126;": "~"}
PLACEHOLDERS["&&010"] = "\n"
FORMATS = ("moodle", "html", "plain", "markdown")


class GiftError(ValueError):
    pass


@dataclass
class GiftQuestion:
    name: str
    qtype: str
    text: str
    text_format: str
    general_feedback: str = ""
    answers: list[tuple[float, str, str]] = field(default_factory=list)  # (fraction, text, feedback)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    truth: bool | None = None
    numbers: list[tuple[float, float]] = field(default_factory=list)  # (answer, tolerance)


@dataclass
class GiftFile:
    category: str = ""
    questions: list[GiftQuestion] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in ESCAPED.items():
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for placeholder, char in PLACEHOLDERS.items():
        text = text.replace(placeholder, char)
    return text


def _with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.index("]")
        if text[1:end] in FORMATS:
            fmt, text = text[1:end], text[end + 1 :]
    return _post(text).strip(), fmt


def _strict(text: str) -> None:
    """Left-over special characters mean an escape was missed."""
    for char in "{}~=#":
        if char in text:
            raise GiftError(f"unescaped {char!r} in {text!r}")


def read(source: str) -> GiftFile:
    out = GiftFile()
    for block in re.split(r"\n[ \t]*\n", source.replace("\r\n", "\n")):
        lines = []
        for line in block.split("\n"):
            if line.strip().startswith("//"):
                out.comments.append(line.strip()[2:].strip())
                lines.append(" ")
            else:
                lines.append(line)
        text = "\n".join(lines).strip()
        if text:
            question = _question(_pre(text), out)
            if question is not None:
                out.questions.append(question)
    return out


def _question(text: str, out: GiftFile) -> GiftQuestion | None:
    if text.startswith("$CATEGORY:"):
        out.category = text[10:].strip()
        return None
    if not text.startswith("::"):
        raise GiftError(f"every question has a name: {text[:60]!r}")
    text = text[2:]
    end = text.index("::")
    name = _post(text[:end])
    text = text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 or finish < start:
        raise GiftError(f"no answer section in {name!r}")
    if text.find("{", start + 1) >= 0 or text.find("}", finish + 1) >= 0:
        raise GiftError(f"a second brace in {name!r}: an escape was missed")
    answer_text = text[start + 1 : finish].strip()
    question_text = (
        text[:start] + text[finish + 1 :]
        if text.endswith("}")
        else text[:start] + "_____" + text[finish + 1 :]
    )
    general = ""
    if "####" in answer_text:
        at = answer_text.rindex("####")
        general, answer_text = answer_text[at + 4 :], answer_text[:at].strip()
    body, fmt = _with_format(question_text)
    feedback, _ = _with_format(general, fmt)
    for part in (body, feedback):
        if "&&" in part:
            raise GiftError(f"a placeholder survived in {part!r}")
    question = GiftQuestion(name, "", body, fmt, feedback)
    if answer_text == "":
        question.qtype = "essay"
    elif answer_text.startswith("#"):
        question.qtype = "numerical"
        for answer in [a.strip() for a in answer_text[1:].split("=") if a.strip()]:
            value, _, _ = answer.partition("#")
            if ".." in value:
                low, high = (float(v) for v in value.split(".."))
                question.numbers.append(((low + high) / 2, (high - low) / 2))
            else:
                number, _, tolerance = value.partition(":")
                question.numbers.append((float(number), float(tolerance or 0)))
    elif "~" in answer_text:
        question.qtype = "multichoice"
        for answer in [a.strip() for a in answer_text.replace("=", "~=").split("~") if a.strip()]:
            right = answer.startswith("=")
            text_part, _, feedback_part = answer.lstrip("=").partition("#")
            _strict(text_part)
            value, _ = _with_format(text_part.strip(), fmt)
            question.answers.append((1.0 if right else 0.0, value, _post(feedback_part).strip()))
    elif "=" in answer_text and "->" in answer_text:
        question.qtype = "match"
        for answer in [a.strip() for a in answer_text.split("=") if a.strip()]:
            if "->" not in answer:
                raise GiftError(f"a matching line without '->': {answer!r}")
            left, right = answer.split("->", 1)
            question.pairs.append((_with_format(left.strip(), fmt)[0], _post(right).strip()))
    elif answer_text.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
        question.qtype = "truefalse"
        question.truth = answer_text.split("#")[0].strip() in ("T", "TRUE")
    else:
        question.qtype = "shortanswer"
        for answer in [a.strip() for a in answer_text.split("=") if a.strip()]:
            value, _, feedback_part = answer.partition("#")
            question.answers.append((1.0, _post(value).strip(), _post(feedback_part).strip()))
    for _, value, _ in question.answers:
        if "&&" in value:
            raise GiftError(f"a placeholder survived in {value!r}")
    return question
