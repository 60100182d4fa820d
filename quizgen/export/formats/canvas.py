"""Canvas: the quiz as a QTI 1.2 package (.zip), for Settings → Import course content → QTI .zip.

Written directly, in the shape Canvas's own exporter gives (question_type metadata, one
``response_lid`` per matching row, ``general_fb`` feedback): multiple choice, true/false, short
answer (every accepted spelling; the cloze with its blank), numerical (the accepted range), an
essay for free answers too long to mark by machine (the model answer in its feedback),
matching, and a timeline as each event matched to its place. The evidence and the source are
every question's general feedback. (text2qti has no matching questions; hence written here.)
"""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

from lxml import etree

from quizgen.export import lms
from quizgen.export.registry import ExportJob, Output, SimpleFormat, bytes_writer, register

NAME = "canvas"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so that the same quiz gives the same bytes
QUESTION_TYPES = {
    "multichoice": "multiple_choice_question",
    "truefalse": "true_false_question",
    "shortanswer": "short_answer_question",
    "cloze": "short_answer_question",
    "numerical": "numerical_question",
    "essay": "essay_question",
    "matching": "matching_question",
    "ordering": "matching_question",
}


def _mattext(parent: etree._Element, text: str, html_text: bool = True) -> None:
    material = etree.SubElement(parent, "material")
    mattext = etree.SubElement(material, "mattext", texttype="text/html" if html_text else "text/plain")
    mattext.text = f"<div><p>{html.escape(text, quote=False)}</p></div>" if html_text else text


def _field(parent: etree._Element, label: str, entry: str) -> None:
    field = etree.SubElement(parent, "qtimetadatafield")
    etree.SubElement(field, "fieldlabel").text = label
    etree.SubElement(field, "fieldentry").text = entry


def _condition(parent: etree._Element, cont: str = "No") -> tuple[etree._Element, etree._Element]:
    condition = etree.SubElement(parent, "respcondition", {"continue": cont})
    return condition, etree.SubElement(condition, "conditionvar")


def _set_score(condition: etree._Element, value: str = "100", action: str = "Set") -> None:
    etree.SubElement(condition, "setvar", action=action, varname="SCORE").text = value


def _item(section: etree._Element, entry: lms.Entry) -> None:
    q = entry.question
    ident = lms.stable_id(q.id)
    item = etree.SubElement(section, "item", ident=ident, title=f"Question {entry.number}")
    meta = etree.SubElement(etree.SubElement(item, "itemmetadata"), "qtimetadata")
    _field(meta, "question_type", QUESTION_TYPES[entry.kind])
    _field(meta, "points_possible", f"{entry.marks:.1f}")
    _field(meta, "assessment_question_identifierref", lms.stable_id(q.id, "bank"))
    presentation = etree.SubElement(item, "presentation")
    _mattext(presentation, entry.stem)
    processing = etree.SubElement(item, "resprocessing")
    outcomes = etree.SubElement(processing, "outcomes")
    etree.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    condition, var = _condition(processing, "Yes")
    etree.SubElement(var, "other")
    etree.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")

    if entry.kind in ("multichoice", "truefalse"):
        options = q.options if entry.kind == "multichoice" else ("True", "False")
        lid = etree.SubElement(presentation, "response_lid", ident="response1", rcardinality="Single")
        choice = etree.SubElement(lid, "render_choice")
        right = ""
        for n, option in enumerate(options):
            label_id = f"{ident}_{n}"
            label = etree.SubElement(choice, "response_label", ident=label_id)
            _mattext(label, option, html_text=False)
            if option.lower() == q.answer.lower():
                right = label_id
        condition, var = _condition(processing)
        etree.SubElement(var, "varequal", respident="response1").text = right
        _set_score(condition)
    elif entry.kind in ("shortanswer", "cloze", "essay", "numerical"):
        response = etree.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
        fib = etree.SubElement(
            response, "render_fib", **({"fibtype": "Decimal"} if entry.kind == "numerical" else {})
        )
        etree.SubElement(fib, "response_label", ident="answer1", rshuffle="No")
        condition, var = _condition(processing)
        if entry.kind == "numerical":
            _, _, low, high = lms.numeric(q)
            etree.SubElement(var, "vargte", respident="response1").text = f"{low:.12g}"
            etree.SubElement(var, "varlte", respident="response1").text = f"{high:.12g}"
            _set_score(condition)
        elif entry.kind == "essay":
            etree.SubElement(var, "other")
        else:
            for text in entry.answers:
                etree.SubElement(var, "varequal", respident="response1").text = text
            _set_score(condition)
    else:  # matching, and a timeline as events matched to places
        pairs = entry.pairs
        rights = sorted(dict.fromkeys(right for _, right in pairs))
        right_ids = {right: f"{ident}_m{n}" for n, right in enumerate(rights)}
        share = f"{100 / len(pairs):.2f}"
        for n, (left, right) in enumerate(pairs):
            lid = etree.SubElement(presentation, "response_lid", ident=f"response_{ident}_{n}")
            _mattext(lid, left, html_text=False)
            choice = etree.SubElement(lid, "render_choice")
            for text in rights:
                label = etree.SubElement(choice, "response_label", ident=right_ids[text])
                _mattext(label, text, html_text=False)
            condition = etree.SubElement(processing, "respcondition")
            var = etree.SubElement(condition, "conditionvar")
            etree.SubElement(var, "varequal", respident=f"response_{ident}_{n}").text = right_ids[right]
            _set_score(condition, share, "Add")

    feedback = entry.feedback
    if entry.kind == "essay":
        feedback = f"Model answer: {q.answer}. {feedback}"
    itemfeedback = etree.SubElement(item, "itemfeedback", ident="general_fb")
    _mattext(etree.SubElement(itemfeedback, "flow_mat"), feedback)


def assessment_xml(job: ExportJob, ident: str) -> bytes:
    root = etree.Element(
        f"{{{QTI_NS}}}questestinterop",
        nsmap={None: QTI_NS, "xsi": XSI},
        attrib={f"{{{XSI}}}schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"},
    )
    assessment = etree.SubElement(root, "assessment", ident=ident, title=lms.title(job.deck))
    meta = etree.SubElement(assessment, "qtimetadata")
    _field(meta, "cc_maxattempts", "1")
    section = etree.SubElement(assessment, "section", ident="root_section")
    for entry in lms.entries(job.quiz):
        _item(section, entry)
    _unqualified_to_namespace(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _unqualified_to_namespace(root: etree._Element) -> None:
    """Put every element in the QTI namespace (they were made without it, for brevity)."""
    for element in root.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = f"{{{QTI_NS}}}{element.tag}"


def meta_xml(job: ExportJob, ident: str) -> bytes:
    ns = "http://canvas.instructure.com/xsd/cccv1p0"
    root = etree.Element(f"{{{ns}}}quiz", nsmap={None: ns}, identifier=ident)
    points = sum(e.marks for e in lms.entries(job.quiz))
    for tag, value in (
        ("title", lms.title(job.deck)),
        ("description", html.escape(job.deck.settings.description, quote=False)),
        ("shuffle_answers", "true"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", f"{points:.1f}"),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "1"),
        ("one_question_at_a_time", "false"),
        ("available", "false"),
    ):
        etree.SubElement(root, f"{{{ns}}}{tag}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def manifest_xml(ident: str, title: str) -> bytes:
    ns = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    md = "http://www.imsglobal.org/xsd/imsmd_v1p2"
    root = etree.Element(f"{{{ns}}}manifest", nsmap={None: ns, "imsmd": md}, identifier=f"{ident}_manifest")
    metadata = etree.SubElement(root, f"{{{ns}}}metadata")
    etree.SubElement(metadata, f"{{{ns}}}schema").text = "IMS Content"
    etree.SubElement(metadata, f"{{{ns}}}schemaversion").text = "1.1.3"
    lom = etree.SubElement(metadata, f"{{{md}}}lom")
    name = etree.SubElement(etree.SubElement(lom, f"{{{md}}}general"), f"{{{md}}}title")
    etree.SubElement(name, f"{{{md}}}string").text = title
    etree.SubElement(root, f"{{{ns}}}organizations")
    resources = etree.SubElement(root, f"{{{ns}}}resources")
    quiz = etree.SubElement(resources, f"{{{ns}}}resource", identifier=ident, type="imsqti_xmlv1p2")
    etree.SubElement(quiz, f"{{{ns}}}file", href=f"{ident}/{ident}.xml")
    etree.SubElement(quiz, f"{{{ns}}}dependency", identifierref=f"{ident}_meta")
    meta = etree.SubElement(
        resources,
        f"{{{ns}}}resource",
        identifier=f"{ident}_meta",
        type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
        href=f"{ident}/assessment_meta.xml",
    )
    etree.SubElement(meta, f"{{{ns}}}file", href=f"{ident}/assessment_meta.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_package(job: ExportJob) -> bytes:
    """The QTI 1.2 zip: the manifest, the assessment and Canvas's quiz settings."""
    ident = lms.stable_id(job.deck.settings.key, "quiz")
    files = {
        "imsmanifest.xml": manifest_xml(ident, lms.title(job.deck)),
        f"{ident}/{ident}.xml": assessment_xml(job, ident),
        f"{ident}/assessment_meta.xml": meta_xml(job, ident),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def outputs(job: ExportJob) -> list[Output]:
    if not job.quiz.questions:
        return []
    return [Output(Path(f"{job.deck.settings.key}-canvas-qti.zip"), bytes_writer(qti_package(job)))]


FORMAT = register(SimpleFormat(NAME, "a Canvas QTI 1.2 package of the quiz (.zip)", outputs))
