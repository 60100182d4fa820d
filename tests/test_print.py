"""Worksheets printed by real headless Chromium, read back with poppler (pdfinfo, pdftotext)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from quizgen.assemble import assemble_quiz
from quizgen.export import html_quiz, pdf
from quizgen.model import QuizSettings
from tests.conftest import printing_tools_missing
from tests.quiz_samples import TOKENS, every_form, sample_deck, shown_items, with_keys

pytestmark = pytest.mark.skipif(printing_tools_missing(), reason="chromium or poppler-utils missing")

MM = 72 / 25.4  # points per millimetre
PAGE_SIZES = {"a4": (595, 842, "A4"), "letter": (612, 792, "letter")}
COPIES = 5  # 40 questions: several pages, so that page breaks fall between questions


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, laid out (pdftotext separates pages with form feeds)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")[:-1]


def pdf_words(path: Path) -> list[tuple[float, list[tuple[str, float]]]]:
    """Each page's height and its words with their bottom edge, in points from the top."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    pages = []
    for page in re.split(r"<page ", out.stdout)[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        words = [(w, float(y)) for y, w in re.findall(r'<word [^>]*yMax="([\d.]+)">([^<]*)</word>', page)]
        pages.append((height, words))
    return pages


def page_of(pages: list[str], pattern: str) -> int:
    found = [i for i, text in enumerate(pages) if re.search(pattern, text, re.MULTILINE)]
    assert len(found) == 1, f"{pattern!r} found on pages {found}"
    return found[0]


@pytest.fixture(scope="module", params=["a4", "letter"])
def printed(request, tmp_path_factory) -> tuple[str, Path, str]:
    """A worksheet of every form, several pages long, printed on A4 or Letter."""
    paper = request.param
    folder = tmp_path_factory.mktemp(f"print-{paper}")
    settings = QuizSettings(paper=paper, seed="3")
    files = html_quiz.render_quiz_versions(sample_deck(), assemble_quiz(every_form(COPIES), settings), paper)
    for name in ("sample-quiz-A.html", "sample-quiz-A-key.html"):
        html = folder / name
        html.write_text(files[name], encoding="utf-8")
        pdf.print_pdf(html, html.with_suffix(".pdf"))
    return paper, folder / "sample-quiz-A.pdf", with_keys(files)["sample-quiz-A.html"]


def test_page_size_is_the_papers(printed):
    paper, path, _ = printed
    width, height, name = PAGE_SIZES[paper]
    size = pdf_info(path)["Page size"]
    w, h = (float(x) for x in re.match(r"([\d.]+) x ([\d.]+) pts", size).groups())
    assert abs(w - width) < 1 and abs(h - height) < 1, size
    assert f"({name})" in size
    assert int(pdf_info(path)["Pages"]) >= 3


def test_no_question_is_split_across_pages(printed):
    _, path, page = printed
    pages = pdf_pages(path)
    for item in shown_items(page):
        copy, token = re.match(r"QSTART(\d+)([a-z])", item.prompt).groups()
        start = page_of(pages, rf"^\s*{item.number}\.\s+QSTART{copy}{token}\b")
        assert page_of(pages, rf"QEND{copy}{token}\b") == start, f"question {item.number} is split"
    assert len(shown_items(page)) == COPIES * len(TOKENS)


def test_ruled_answer_lines_stay_on_their_questions_page(printed):
    """Short answers end in ruled lines, which have no text: their prompt must leave room for them
    above the bottom margin of its page (the template draws 8.5 mm lines, 16 mm bottom margin)."""
    _, path, page = printed
    items = {i.prompt.split()[0]: i for i in shown_items(page) if i.form == "short_answer"}
    lines_of = {q.prompt.split()[0]: html_quiz.answer_space(q)[0] for q in every_form(COPIES)}
    checked = 0
    for height, words in pdf_words(path):
        for word, bottom in words:
            start = f"QSTART{word[4:]}" if word.startswith("QEND") else ""
            if start in items:
                room = (1.4 + max(1, lines_of[start]) * 8.5) * MM
                assert bottom + room <= height - 16 * MM + 1, f"{start}: its answer lines would not fit"
                checked += 1
    assert checked == len(items) > 0


def test_the_key_is_a_document_of_its_own(printed):
    """Students' sheets are printed for the class and the key once: the key is its own file, so
    its pages never count in the students' "page X of Y"."""
    _, path, page = printed
    sheet, key = pdf_pages(path), pdf_pages(path.with_name("sample-quiz-A-key.pdf"))
    assert "Answer key" not in "".join(sheet) and "QSTART" not in "".join(key).split("Quick key")[0]
    assert "Answer key — Version A" in key[0]
    last = len(shown_items(page))
    assert page_of(sheet, rf"^\s*{last}\.\s+QSTART") == len(sheet) - 1


def test_footer_says_version_and_page_of_pages_of_its_own_document(printed):
    _, path, _ = printed
    sheet, key = pdf_pages(path), pdf_pages(path.with_name("sample-quiz-A-key.pdf"))
    for number, text in enumerate(sheet, start=1):
        assert f"Version A — page {number} of {len(sheet)}" in text
    for number, text in enumerate(key, start=1):
        assert f"Version A — answer key — page {number} of {len(key)}" in text


def test_the_quick_key_covers_every_item(printed):
    _, path, page = printed
    quick = re.findall(r'<span class="qk qk-([a-z_]+)"><b>(\d+)</b>([^<]*)</span>', page)
    items = shown_items(page)
    assert [int(n) for _, n, _ in quick] == [i.number for i in items]
    assert {form for form, _, _ in quick} == {i.form for i in items}
    key = " ".join(" ".join(pdf_pages(path.with_name("sample-quiz-A-key.pdf"))).split())
    for form, number, answer in quick:
        assert f"{number} {' '.join(answer.split())}" in key, (form, number, answer)


def numbered_chunks(worksheet: str, count: int) -> list[str]:
    """The worksheet's text cut at each question number 1..count, in order."""
    starts, at = [], 0
    for number in range(1, count + 1):
        match = re.compile(rf"^\s*({number}\.)\s", re.MULTILINE).search(worksheet, at)
        assert match, f"question {number} not found"
        starts.append(match.start(1))  # at the number, not at a page break before it
        at = match.end()
    return [worksheet[a:b] for a, b in zip(starts, [*starts[1:], len(worksheet)], strict=True)]


def test_seed_deck_prints_two_versions_with_their_keys(project, run_cli):
    result = run_cli("quiz", "decks/sahel", "--pdf", "--out", "out")
    assert result.exit_code == 0, result.output
    out = project / "out"
    orders = {}
    for version in "AB":
        path = out / f"sahel-quiz-{version}.pdf"
        assert f"wrote {path.relative_to(project)}" in result.stdout
        assert "(A4)" in pdf_info(path)["Page size"]
        pages = pdf_pages(path)
        key_pages = pdf_pages(out / f"sahel-quiz-{version}-key.pdf")
        assert f"Answer key — Version {version}" in key_pages[0]
        worksheet, answers = "\f".join(pages), "\f".join(key_pages)
        items = shown_items(
            (out / f"sahel-quiz-{version}.html").read_text(encoding="utf-8")
            + (out / f"sahel-quiz-{version}-key.html").read_text(encoding="utf-8")
        )
        chunks = numbered_chunks(worksheet, len(items))
        assert not re.search(rf"^\s*{len(items) + 1}\.\s", chunks[-1], re.MULTILINE)
        orders[version] = [" ".join(chunk.split()[1:6]) for chunk in chunks]
        for item, chunk in zip(items, chunks, strict=True):
            # Whole on its page: every word of its last line is before the page break.
            last = (item.options or item.left or (item.prompt,))[-1].split()[-1]
            own = " ".join((item.prompt, *item.options, *item.left)).split().count(last)
            page_part = chunk.split("\f")[0].split()
            assert page_part.count(last) == own, f"version {version}: question {item.number} is split"
            if item.form == "choice":  # the key's letter points at the answer in this version
                (letter,) = item.key_letters
                row = re.search(rf"^\s*{item.number}\s+([A-D]) — (\S+)", answers, re.MULTILINE)
                assert row and row.group(1) == letter
                assert re.search(rf"\b{letter} {re.escape(row.group(2))}", chunk)
    assert sorted(orders["A"]) == sorted(orders["B"]) and orders["A"] != orders["B"]
    text = "".join(pdf_pages(out / "sahel-quiz-A.pdf"))
    for heading in (
        "Multiple choice",
        "True or false",
        "Matching",
        "Timeline",
        "Fill in the blank",
        "Short answer",
    ):
        assert heading in text
    assert int(pdf_info(out / "sahel-study.pdf")["Pages"]) == 1


def test_letter_paper_from_the_command_line(project, run_cli):
    result = run_cli("quiz", "decks/sahel", "--paper", "Letter", "--versions", "1", "--pdf", "--out", "out")
    assert result.exit_code == 0, result.output
    assert "(letter)" in pdf_info(project / "out" / "sahel-quiz-A.pdf")["Page size"]
    assert not (project / "out" / "sahel-quiz-B.html").exists()


def test_a_chromium_that_takes_too_long_is_stopped(tmp_path):
    html = tmp_path / "page.html"
    html.write_text("<!DOCTYPE html><title>t</title><p>slow</p>", encoding="utf-8")
    with pytest.raises(pdf.PdfError, match="took more than"):
        pdf.print_pdf(html, tmp_path / "page.pdf", timeout=0.05)
    assert not (tmp_path / "page.pdf").exists()
