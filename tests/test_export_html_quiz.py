"""The worksheet exporter: sections, numbering, versions and their keys, escaping, selection."""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter

import pytest

from quizgen.assemble import assemble_quiz, version_letters
from quizgen.export import html_quiz
from quizgen.generate import generate_deck
from quizgen.load import load_deck
from quizgen.model import QUIZ_FORMS, Cloze, PartialDate, QuizSettings, Source
from tests.conftest import REPO, SEED_DECK
from tests.quiz_samples import every_form, question, sample_deck, shown_items, with_keys

HEADINGS = ("Multiple choice", "True or false", "Matching", "Timeline", "Fill in the blank", "Short answer")


def forms_in_order(copies: int) -> list[str]:
    """The forms of ``every_form(copies)`` as the worksheet orders them: two choice questions
    (one of them numeric) and two short answers (recall and typed) in each copy."""
    return [f for f in QUIZ_FORMS for _ in range(copies * (2 if f in ("choice", "short_answer") else 1))]


def render(questions, **settings) -> dict[str, str]:
    quiz_settings = QuizSettings(**settings)
    return with_keys(
        html_quiz.render_quiz_versions(
            sample_deck(), assemble_quiz(questions, quiz_settings), quiz_settings.paper
        )
    )


@pytest.fixture(scope="module")
def seed_deck():
    deck = load_deck(REPO / "decks" / SEED_DECK, [])
    assert deck is not None
    return deck, generate_deck(deck).questions


def test_sections_in_order_numbered_continuously_with_instructions():
    page = render(every_form(2))["sample-quiz-A.html"]
    positions = [page.index(f"</span> {h}</h2>") for h in HEADINGS]
    assert positions == sorted(positions)
    assert page.count('class="instructions"') == len(HEADINGS)
    items = shown_items(page)
    assert [i.number for i in items] == list(range(1, 17))
    assert [i.form for i in items] == forms_in_order(2)


def test_header_has_title_deck_version_and_student_lines():
    page = render(every_form(), versions=2)["sample-quiz-B.html"]
    assert "<h1>Sample quiz</h1>" in page
    assert '<p class="deck">News › Sample</p>' in page  # the title is not printed twice
    sheet = page[: page.index("<!DOCTYPE", 1)]  # without its key
    assert sheet.count("Sample quiz") == 2  # the <title> and the <h1>
    assert '<div class="version"><span>Version</span><strong>B</strong></div>' in page
    for field in ("Name:", "Date:", "Class:", "Score:"):
        assert f'class="field{" score" if field == "Score:" else ""}">{field}' in page
    assert 'content: "Version B — page " counter(page) " of " counter(pages);' in page
    assert 'content: "Version B — answer key — page " counter(page) " of " counter(pages);' in page
    assert "break-inside: avoid" in page


def test_each_form_is_drawn_for_its_answers():
    page = render(every_form())["sample-quiz-A.html"]
    assert re.search(r'<span class="letter">A</span><span class="option">', page)  # lettered options
    assert page.count('<span class="tick"><span class="box"></span>') == 2  # True and False boxes
    assert page.count('<span class="slot"></span>') == 3  # a letter blank per matching item
    assert page.count('<span class="box big"></span>') == 4  # a numbered box per event
    assert page.count('class="blank w-short"') == 1  # the cloze "1,500"
    # a short numeric answer gets one short line; a sentence gets full ruled lines
    assert re.search(r'QEND0y</p>\s*<div class="rule w-[a-z]+"></div>', page)
    assert re.search(r'QEND0r</p>\s*<div class="rule"></div><div class="rule"></div>', page)


def test_answer_space_is_sized_to_the_answer():
    def lines(answer: str) -> tuple[int, str]:
        return html_quiz.answer_space(question("f", "why", "recall", "Why?", answer))

    assert lines("Gabon") == (0, "short")
    assert lines("the military-appointed Prime Minister") == (1, "full")
    assert lines("x" * 90) == (2, "full")
    assert lines("x" * 200) == (3, "full")
    assert html_quiz.answer_space(question("f", "typed", "typed", "How many?", "x" * 30))[0] == 0


def test_versions_have_the_same_questions_in_another_order():
    files = render(every_form(4), versions=3, seed="class 4b")
    assert list(files) == ["sample-quiz-A.html", "sample-quiz-B.html", "sample-quiz-C.html"]
    shown = {name: shown_items(page) for name, page in files.items()}
    prompts = {name: [i.prompt for i in items] for name, items in shown.items()}
    assert all(sorted(p) == sorted(prompts["sample-quiz-A.html"]) for p in prompts.values())
    assert len({tuple(p) for p in prompts.values()}) == 3  # three different orders
    for items in shown.values():  # forms stay in their sections
        assert [i.form for i in items] == forms_in_order(4)


def test_each_key_matches_its_own_version():
    by_prompt = {q.prompt: q for q in every_form(4)}
    for page in render(every_form(4), versions=2, seed="5").values():
        for item in shown_items(page):
            q = by_prompt[item.prompt] if item.form != "cloze" else None
            if item.form == "choice":
                assert sorted(item.options) == sorted(q.options)
                (letter,) = item.key_letters
                assert item.options["ABCD".index(letter)] == q.answer == item.key_texts[0]
            elif item.form == "matching":
                right_of = dict(q.pairs)
                assert item.key_texts == item.left  # the key lists the left items as shown
                for left, letter in zip(item.left, item.key_letters, strict=True):
                    assert item.options["ABC".index(letter)] == right_of[left]
            elif item.form == "ordering":
                placed = sorted(zip(item.key_ranks, item.options, strict=True))
                assert tuple(event for _, event in placed) == q.sequence
            elif item.form == "true_false":
                assert item.key_texts == (q.answer,)


def test_versions_shuffle_options_columns_and_events_and_move_the_answer():
    questions = every_form(1)
    a, b = (shown_items(p) for p in render(questions, versions=2, seed="9").values())
    pick = {i.prompt: i for i in b}
    for item in a:
        other = pick[item.prompt]
        if item.form == "choice" and "French troops" not in item.prompt:
            assert item.key_letters != other.key_letters  # the answer sits under another letter
        if item.form in ("matching", "ordering"):
            assert item.options != other.options
    events = next(i for i in a if i.form == "ordering").options
    assert events != questions[4].sequence and events != questions[4].sequence[::-1]


def test_numbers_and_dates_stay_in_ascending_order():
    page = render(every_form(1), versions=2)["sample-quiz-B.html"]
    numbers = next(i for i in shown_items(page) if "French troops" in i.prompt and i.form == "choice")
    assert numbers.options[:3] == ("around 1,000", "around 1,500", "around 2,000")


def test_the_generator_marks_date_and_number_options_as_ordered(seed_deck):
    _, questions = seed_deck
    choices = [q for q in questions if q.kind == "choice"]
    assert {q.tags[0] for q in choices if q.ordered} == {"date", "number"}
    assert all(not q.ordered for q in choices if q.tags[0] in ("actor", "cause"))


def test_same_seed_same_bytes_whatever_the_global_random_state():
    random.seed(1)
    first = render(every_form(3), versions=2, seed="42")
    random.seed(2)
    random.random()
    again = render(every_form(3), versions=2, seed="42")
    assert first == again
    assert render(every_form(3), versions=2, seed="43") != first


def test_every_form_appears_in_the_seed_decks_worksheet(seed_deck):
    deck, questions = seed_deck
    files = html_quiz.render_quiz_versions(deck, assemble_quiz(questions, deck.settings.quiz, deck))
    assert list(files) == [
        "sahel-quiz-A.html",
        "sahel-quiz-A-key.html",
        "sahel-quiz-B.html",
        "sahel-quiz-B-key.html",
    ]
    files = with_keys(files)
    for page in files.values():
        forms = Counter(i.form for i in shown_items(page))
        assert set(forms) == set(QUIZ_FORMS), forms
        for heading in HEADINGS:
            assert f"</span> {heading}</h2>" in page


def test_the_key_gives_evidence_and_source_for_every_answer(seed_deck):
    deck, questions = seed_deck
    files = with_keys(html_quiz.render_quiz_versions(deck, assemble_quiz(questions, QuizSettings(), deck)))
    page = files["sahel-quiz-A.html"]
    key = page.partition('<section class="sheet key">')[2]
    rows = re.findall(r'<div class="krow" id="key\d+">(.*?)</div>\n</div>', key, re.S)
    assert len(rows) == len(shown_items(page))
    for row in rows:  # one article: its source is said once, above the key, not on every row
        assert re.search(r'<p class="evidence">“[^<]+”</p>', row)
        assert "French army in talks" not in row and 'class="source"' not in row
    source = "“French army in talks with Niger&#39;s military over withdrawing some forces” (6 November 2023"
    assert key.count(source) == 1


def test_everything_is_escaped_and_nothing_is_fetched():
    evil = "<script>alert('x')</script> & <b>bold</b>"
    source = Source(f"Title {evil}", PartialDate(2023, 11, 6), "a.md")
    questions = (
        question("e1", "choice", "choice", f"Which {evil}?", evil, options=(evil, "B & C"), source=source),
        question("e2", "cloze", "cloze", "x", evil, cloze=Cloze(f"Before {evil} ", evil, f" after {evil}")),
        question("e3", "why", "recall", f"Why {evil}?", evil, evidence=f"Evidence {evil}"),
        question("e4", "m", "matching", "Match.", "", pairs=((evil, "one"), ("two", evil))),
        question("e5", "t", "ordering", "Order.", "", sequence=(evil, "later", "latest")),
    )
    deck = sample_deck(title=f"Quiz {evil}")
    deck = dataclasses.replace(
        deck, settings=dataclasses.replace(deck.settings, description=evil, name=f"News::{evil}")
    )
    page = with_keys(html_quiz.render_quiz_versions(deck, assemble_quiz(questions, QuizSettings())))[
        "sample-quiz-A.html"
    ]
    assert "<script" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "B &amp; C" in page
    for fetch in ("http:", "https:", "//", "<link", "<img", "src=", "@import", "url("):
        assert fetch not in page.replace("<!DOCTYPE html>", ""), fetch


def test_paper_size_reaches_the_page_rule():
    assert "size: A4;" in render(every_form())["sample-quiz-A.html"]
    assert "size: letter;" in render(every_form(), paper="letter")["sample-quiz-A.html"]


def test_version_letters_are_bounded():
    assert version_letters(3) == ("A", "B", "C")
    with pytest.raises(ValueError):
        version_letters(27)


def test_output_ends_with_one_newline():
    assert render(every_form())["sample-quiz-A.html"].endswith("</html>\n")


def test_score_counts_a_mark_per_pair_and_event_and_items_say_their_marks():
    page = render(every_form(2))["sample-quiz-A.html"]
    items = shown_items(page)
    marks = sum(
        len(i.left) if i.form == "matching" else len(i.options) if i.form == "ordering" else 1 for i in items
    )
    assert f"<em>/ {marks}</em>" in page
    assert page.count('<span class="marks">(3 marks)</span>') == 2  # the two matching items
    assert page.count('<span class="marks">(4 marks)</span>') == 2  # the two timelines


def test_items_say_their_article_where_the_deck_has_several():
    from tests.quiz_samples import SOURCE

    other = dataclasses.replace(SOURCE, title="Another story", path="another.md")
    questions = [
        dataclasses.replace(q, source=other) if q.fact_id.endswith("-1") else q for q in every_form(2)
    ]
    page = html_quiz.render_quiz_versions(sample_deck(), assemble_quiz(questions, QuizSettings()))
    sheet, key = page["sample-quiz-A.html"], page["sample-quiz-A-key.html"]
    assert "<b>Article 1:</b>Talks on a withdrawal" in sheet and "<b>Article 2:</b>Another story" in sheet
    tags = re.findall(r'<span class="art">Article (\d)</span>', sheet)
    assert len(tags) == len(shown_items(sheet + key)) and set(tags) == {"1", "2"}
    assert key.count('<p class="source">Article') == len(tags)  # several articles: the source per row
    single = render(every_form(2))["sample-quiz-A.html"]
    assert 'class="art"' not in single
