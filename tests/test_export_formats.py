"""The formats of teachers' platforms, each read back by a real parser: Moodle XML and the Canvas
QTI package with lxml (and zipfile), GIFT with a strict reader that follows Moodle's importer,
the Kahoot spreadsheet with openpyxl, the Quizlet text and the CSV with Python's csv module.
Every format gets text that tries to break its escaping."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
import zipfile

import openpyxl
import pytest
from lxml import etree

from quizgen.assemble import assemble_quiz
from quizgen.export import lms
from quizgen.export.formats import canvas, csvfile, gift, kahoot, moodle, quizlet
from quizgen.export.registry import ExportJob, formats
from quizgen.generate import Generated
from quizgen.model import Question, QuizSettings
from tests import gift_reader
from tests.quiz_samples import every_form, question, sample_deck

# Text that tries to break every format's escaping: GIFT's specials, XML's and HTML's, CDATA's
# end, Moodle's wildcard and cloze syntax, a spreadsheet formula, tabs and line breaks.
EVIL = "a~b=c#d{e}f:g\\h \"q\" 's' <b>x</b> & ]]> *w* {1:SA:=x} [html] \\n"
FORMULA = "=HYPERLINK(1)"


def _evil(q: Question) -> Question:
    change = {"prompt": f"{q.prompt} {EVIL}", "evidence": f"{q.evidence} {EVIL}"}
    if q.kind in ("recall", "typed", "cloze") and q.tolerance is None:
        change["answer"] = f"{q.answer} {EVIL}"
        change["accepted"] = (f"{FORMULA} {q.fact_id}",)
    if q.kind == "choice":
        options = [f"{o} {EVIL}" if o == q.answer else o for o in q.options]
        change["options"], change["answer"] = tuple(options), f"{q.answer} {EVIL}"
    if q.kind == "matching":
        change["pairs"] = tuple((f"{a} {EVIL}", f"{FORMULA} {b}") for a, b in q.pairs)
    if q.kind == "ordering":
        change["sequence"] = tuple(f"{e} {EVIL}" for e in q.sequence)
    if q.cloze is not None:
        change["cloze"] = dataclasses.replace(
            q.cloze, before=f"{EVIL} {q.cloze.before}", gap=change.get("answer", q.answer)
        )
    return dataclasses.replace(q, **change)


def _questions() -> list[Question]:
    base = list(every_form())
    base.append(question("short", "who", "recall", "Who spoke for the ministry?", "Jean Dupont"))
    base.append(
        question("day", "when_typed", "typed", "On what date?", "26 July 2023", accepted=("July 26",))
    )
    base.append(
        question(
            "range",
            "how_many_typed",
            "typed",
            "More than how many firefighters?",
            "400",
            tolerance=(400, 440),
        )
    )
    return [_evil(q) for q in base]


@pytest.fixture(scope="module")
def job() -> ExportJob:
    questions = _questions()
    quiz = assemble_quiz(questions, QuizSettings(versions=2))
    assert len(quiz.questions) == len(questions)  # every kind is in the quiz
    return ExportJob(sample_deck(f"Evil {EVIL}"), None, Generated(tuple(questions), ()), quiz)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def entries(job) -> list[lms.Entry]:
    return lms.entries(job.quiz)


def _kinds(entries) -> set[str]:
    return {e.kind for e in entries}


def test_the_sample_quiz_has_every_kind(entries):
    assert _kinds(entries) == {
        "multichoice", "truefalse", "shortanswer", "numerical", "essay", "matching", "ordering", "cloze",
    }  # fmt: skip


# --- Moodle XML ----------------------------------------------------------------------------


# Moodle's ANSWER_ALTERNATIVE_REGEX (qtype_multianswer), its look-behinds split for Python.
MOODLE_ANSWER = re.compile(
    r"(=|%-?\d+%)?(.+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$))(#(.*?(?<!\\)(?=[~}]|$)))?", re.S
)


def _moodle_cloze(text: str) -> tuple[str, list[str], str]:
    """Split a cloze question text as Moodle's qtype_multianswer does, answers decoded."""
    assert text.count("{") == 1, text  # nothing but the gap reads as an embedded answer
    start = text.index("{1:SHORTANSWER:")
    end = text.index("}", start)
    rest, answers = text[start + len("{1:SHORTANSWER:") : end], []
    while rest:
        alt = MOODLE_ANSWER.match(rest.removeprefix("~"))
        assert alt, rest
        answers.append(html.unescape(alt.group(2)).replace("\\}", "}").replace("\\#", "#"))
        rest = rest.removeprefix("~")[alt.end() :]
    return text[:start], answers, text[end + 1 :]


def _p(text: str) -> str:
    return html.unescape(re.fullmatch(r"<p>(.*)</p>", text, re.S).group(1))


def test_moodle_xml_reads_back_with_lxml(job, entries):
    root = etree.fromstring(moodle.moodle_xml(job), etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.tag == "quiz"
    category, *questions = root.findall("question")
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "$course$/top/News/Sample/Evil " + EVIL.replace("/", "//")
    assert len(questions) == len(entries)
    types = {
        "multichoice": "multichoice",
        "truefalse": "truefalse",
        "shortanswer": "shortanswer",
        "essay": "essay",
    }
    types |= {"numerical": "numerical", "matching": "matching", "ordering": "matching", "cloze": "cloze"}
    for element, entry in zip(questions, entries, strict=True):
        q = entry.question
        assert element.get("type") == types[entry.kind]
        assert element.findtext("name/text").startswith(f"{entry.number:02d} ")
        assert element.find("questiontext").get("format") == "html"
        assert _p(element.findtext("generalfeedback/text")) == entry.feedback
        answers = element.findall("answer")
        if entry.kind == "multichoice":
            right = [html.unescape(a.findtext("text")) for a in answers if a.get("fraction") == "100"]
            assert right == [q.answer] and len(answers) == len(q.options)
            assert _p(element.findtext("questiontext/text")) == entry.stem
        elif entry.kind == "truefalse":
            assert [a.findtext("text") for a in answers if a.get("fraction") == "100"] == [q.answer.lower()]
        elif entry.kind == "shortanswer":
            texts = [a.findtext("text").replace("\\*", "*") for a in answers]
            assert texts == list(entry.answers) and all(a.get("fraction") == "100" for a in answers)
        elif entry.kind == "numerical":
            value, tolerance = float(answers[0].findtext("text")), float(answers[0].findtext("tolerance"))
            assert (value - tolerance, value + tolerance) == pytest.approx(q.tolerance)
        elif entry.kind == "essay":
            assert _p(element.findtext("graderinfo/text")) == f"Model answer: {q.answer}"
        elif entry.kind in ("matching", "ordering"):
            subs = element.findall("subquestion")
            assert [(html.unescape(s.findtext("text")), s.findtext("answer/text")) for s in subs] == list(
                entry.pairs
            )
            assert element.findtext("defaultgrade") == str(entry.marks)
        else:
            before, answers_found, after = _moodle_cloze(_p_raw(element.findtext("questiontext/text")))
            assert answers_found == list(entry.answers)
            sides = lms.cloze_sides(q)
            assert html.unescape(before).endswith(sides[0]) and html.unescape(after) == sides[1]


def _p_raw(text: str) -> str:
    return re.fullmatch(r"<p>(.*)</p>", text, re.S).group(1)


# --- GIFT ------------------------------------------------------------------------------------


def test_gift_reads_back_through_a_strict_reader(job, entries):
    text = gift.gift_text(job)
    read = gift_reader.read(text)
    assert read.category == "$course$/top/News/Sample/Evil " + EVIL.replace("\\", "/").replace("/", "//")
    kept = [e for e in entries if not any("->" in left for left, _ in e.pairs)]
    assert len(read.questions) == len(kept)
    for parsed, entry in zip(read.questions, kept, strict=True):
        q = entry.question
        assert parsed.text_format == "plain"
        if entry.kind == "cloze":
            before, after = lms.cloze_sides(q)
            head = " ".join(p for p in (q.note, entry.article, before) if p)
            assert parsed.text == (head + "_____" + after).strip()
        else:
            assert parsed.text == entry.stem
        if entry.kind == "essay":
            assert parsed.qtype == "essay" and q.answer in parsed.general_feedback
        else:
            assert parsed.general_feedback == entry.feedback
        if entry.kind == "multichoice":
            assert [(a[0], a[1]) for a in parsed.answers] == [(float(o == q.answer), o) for o in q.options]
        elif entry.kind == "truefalse":
            assert parsed.truth is (q.answer == "True")
        elif entry.kind in ("shortanswer", "cloze"):
            assert parsed.qtype == "shortanswer" and [a[1] for a in parsed.answers] == list(entry.answers)
        elif entry.kind == "numerical":
            ((value, tolerance),) = parsed.numbers
            assert (value - tolerance, value + tolerance) == pytest.approx(q.tolerance)
        elif entry.kind in ("matching", "ordering"):
            assert parsed.qtype == "match" and parsed.pairs == list(entry.pairs)


def test_gift_leaves_out_what_it_cannot_escape_and_says_why(job, entries):
    matching = next(e for e in entries if e.kind == "matching")
    broken = dataclasses.replace(matching.question, pairs=(("a -> b", "c"), *matching.question.pairs[1:]))
    quiz = assemble_quiz([broken], QuizSettings())
    small = ExportJob(job.deck, None, job.generated, quiz)  # type: ignore[arg-type]
    text = gift.gift_text(small)
    assert gift_reader.read(text).questions == []
    assert any("'->'" in note and "left out" in note for note in small.notes)
    assert "// gift: question 1" in text


def test_gift_escapes_every_special_character():
    assert gift.escape("~=#{}:\\\n") == "\\~\\=\\#\\{\\}\\:\\\\\\n"


# --- Canvas QTI ------------------------------------------------------------------------------


def test_canvas_package_reads_back_with_zipfile_and_lxml(job, entries):
    archive = zipfile.ZipFile(io.BytesIO(canvas.qti_package(job)))
    names = archive.namelist()
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    ns = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    hrefs = [f.get("href") for f in manifest.iterfind(".//m:file", ns)]
    assert sorted(hrefs) == sorted(n for n in names if n != "imsmanifest.xml")
    (quiz_file,) = [h for h in hrefs if not h.endswith("assessment_meta.xml")]
    root = etree.fromstring(archive.read(quiz_file))
    q_ns = {"q": canvas.QTI_NS}
    assert root.tag == f"{{{canvas.QTI_NS}}}questestinterop"
    items = root.findall(".//q:item", q_ns)
    assert len(items) == len(entries)
    for item, entry in zip(items, entries, strict=True):
        q = entry.question
        fields = {
            f.findtext("q:fieldlabel", namespaces=q_ns): f.findtext("q:fieldentry", namespaces=q_ns)
            for f in item.iterfind(".//q:qtimetadatafield", q_ns)
        }
        assert fields["question_type"] == canvas.QUESTION_TYPES[entry.kind]
        assert float(fields["points_possible"]) == entry.marks
        stem = item.findtext("q:presentation/q:material/q:mattext", namespaces=q_ns)
        assert html.unescape(re.sub(r"</?(div|p)>", "", stem)) == entry.stem
        feedback = item.findtext("q:itemfeedback/q:flow_mat/q:material/q:mattext", namespaces=q_ns)
        assert entry.feedback in html.unescape(re.sub(r"</?(div|p)>", "", feedback))
        labels = {
            lab.get("ident"): lab.findtext(".//q:mattext", namespaces=q_ns)
            for lab in item.iterfind(".//q:response_label", q_ns)
        }
        equal = [v.text for v in item.iterfind(".//q:varequal", q_ns)]
        if entry.kind in ("multichoice", "truefalse"):
            assert [labels[i] for i in equal] == [q.answer]
        elif entry.kind in ("shortanswer", "cloze"):
            assert equal == list(entry.answers)
        elif entry.kind == "numerical":
            low = float(item.findtext(".//q:vargte", namespaces=q_ns))
            high = float(item.findtext(".//q:varlte", namespaces=q_ns))
            assert (low, high) == pytest.approx(q.tolerance)
        elif entry.kind in ("matching", "ordering"):
            rows = [
                lid.findtext("q:material/q:mattext", namespaces=q_ns)
                for lid in item.iterfind(".//q:response_lid", q_ns)
            ]
            assert list(zip(rows, [labels[i] for i in equal], strict=True)) == list(entry.pairs)


# --- Kahoot ----------------------------------------------------------------------------------


def test_kahoot_spreadsheet_reads_back_with_openpyxl_within_kahoots_limits(job):
    short = 'a~b=c#d{e}f:g "q" <b>&'
    questions = [
        dataclasses.replace(q, prompt=f"{q.prompt[:40]} {short}")
        for q in every_form(2)
        if q.kind in ("choice", "true_false", "cloze", "matching")
    ]
    quiz = assemble_quiz(questions, QuizSettings())
    small = ExportJob(job.deck, None, job.generated, quiz)  # type: ignore[arg-type]
    entries = lms.entries(quiz)
    sheet = openpyxl.load_workbook(io.BytesIO(kahoot.workbook(small))).active
    assert tuple(c.value or "" for c in sheet[kahoot.HEADER_ROW]) == kahoot.HEADERS
    rows = [r for r in sheet.iter_rows(min_row=kahoot.HEADER_ROW + 1, values_only=True) if any(r)]
    carried = [e for e in entries if not kahoot.row_of(e)[1]]
    assert {e.kind for e in carried} <= {"multichoice", "truefalse"} and carried
    assert len(rows) == len(carried)
    for row, entry in zip(rows, carried, strict=True):
        number, text, *answers, seconds, correct = row
        answers = [a for a in answers if a]
        assert text == lms.one_line(entry.stem) and len(text) <= 120
        assert all(len(a) <= 75 for a in answers) and 2 <= len(answers) <= 4
        assert seconds in (5, 10, 20, 30, 60, 90, 120, 240)
        assert answers[int(correct) - 1] == lms.one_line(
            entry.question.answer if entry.kind == "multichoice" else entry.question.answer
        )


def test_kahoot_keeps_text_that_looks_like_a_formula_as_text(job):
    short = question("f", "who_choice", "choice", FORMULA, "=1+1", options=("=1+1", "@x", "-2", "+3"))
    quiz = assemble_quiz([short], QuizSettings())
    book = openpyxl.load_workbook(io.BytesIO(kahoot.workbook(ExportJob(job.deck, None, job.generated, quiz))))  # type: ignore[arg-type]
    row = [c for c in book.active[kahoot.HEADER_ROW + 1]]
    assert [c.value for c in row[1:6]] == [FORMULA, *quiz.versions[0].items[0].options]
    assert all(c.data_type == "s" for c in row[1:6])


def test_kahoot_says_why_it_leaves_an_item_out(job, entries):
    reasons = {e.kind: kahoot.row_of(e)[1] for e in entries}
    assert "not matching" in reasons["matching"] and "not timeline" in reasons["ordering"]
    long = next(e for e in entries if e.kind == "multichoice")
    assert "Kahoot allows 120" in kahoot.row_of(dataclasses.replace(long, stem="x" * 121))[1]


# --- Quizlet and CSV -------------------------------------------------------------------------


def test_quizlet_text_reads_back_as_term_tab_definition(job, entries):
    text = quizlet.quizlet_text(job)
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    expected = [card for e in entries for card in quizlet.cards(e)]
    assert len(rows) == len(expected)
    for row, (term, definition) in zip(rows, expected, strict=True):
        assert row == [lms.one_line(term), lms.one_line(definition)]
        assert definition.endswith(next(e.feedback for e in entries if definition.endswith(e.feedback)))


def test_csv_reads_back_every_field_of_the_question_model(job, entries):
    text = csvfile.csv_text(job)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == len(entries)
    for row, entry in zip(rows, entries, strict=True):
        q = entry.question
        plain = {k: (v[1:] if v.startswith("'") and v[1:2] in "=+-@\t\r" else v) for k, v in row.items()}
        assert plain["prompt"] == q.prompt and plain["answer"] == q.answer and plain["evidence"] == q.evidence
        assert json.loads(plain["accepted"]) == list(q.accepted)
        assert [tuple(p) for p in json.loads(plain["pairs"])] == list(q.pairs)
        assert json.loads(plain["options"]) == list(q.options) and json.loads(plain["sequence"]) == list(
            q.sequence
        )
        assert int(row["number"]) == entry.number and row["id"] == q.id
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value  # no cell runs as a formula


# --- every format ----------------------------------------------------------------------------


LMS_FORMATS = ("moodle", "gift", "canvas", "quizlet", "kahoot", "csv")


def test_every_format_is_registered_and_the_same_quiz_gives_the_same_bytes(job):
    registered = formats()
    for name in LMS_FORMATS:
        first = registered[name].outputs(job)
        second = registered[name].outputs(job)
        assert len(first) == 1 and first[0].path.name.startswith("sample-")
        tmp = [io.BytesIO(), io.BytesIO()]
        for output, buffer in zip((first[0], second[0]), tmp, strict=True):
            buffer.write(_written(output))
        assert tmp[0].getvalue() == tmp[1].getvalue(), name


def _written(output) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out"
        output.write(path)
        return path.read_bytes()


def test_articles_are_named_in_the_stem_where_the_deck_has_several(job):
    from tests.quiz_samples import SOURCE

    other = dataclasses.replace(SOURCE, title="Another story", path="other.md")
    questions = [dataclasses.replace(q, source=other) if q.fact_id == "short" else q for q in _questions()]
    quiz = assemble_quiz(questions, QuizSettings())
    stems = {e.question.fact_id: e.stem for e in lms.entries(quiz)}
    assert stems["short"].startswith("About the article “Another story”:")
    assert stems["recall-0"].startswith(f"About the article “{SOURCE.title}”:")
