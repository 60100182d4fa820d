"""Pasted articles in their three shapes, and their file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.authoring.articles import article_name, complete, read_pasted, render_article, tidy_body
from quizgen.load.article import load_article
from quizgen.model import InputError, PartialDate

ORIGIN = Path("pasted.txt")


def test_first_line_date_and_text_on_the_same_line():
    article = read_pasted(ORIGIN, " date 2023-11-06 The army left.\n\nTalks go on.  \n")
    assert article.published == PartialDate(2023, 11, 6)
    assert article.body == "The army left.\n\nTalks go on."
    assert article.missing() == ["title", "source"]


def test_front_matter_with_some_keys_left_to_the_options():
    text = "---\ntitle: Talks\npublished: 2023-11\n---\nThe army left.\n"
    article = complete(read_pasted(ORIGIN, text), None, None, "Wire")
    assert (article.title, article.published, article.source, article.front_matter) == (
        "Talks",
        PartialDate(2023, 11),
        "Wire",
        True,
    )


def test_front_matter_problems_point_at_their_line():
    with pytest.raises(InputError) as caught:
        read_pasted(ORIGIN, "---\ntitle: Talks\npublished: 2023-02-30\n---\nText.\n")
    assert str(caught.value.problems[0]).startswith("pasted.txt:3:12: 'published': 2023-02-30 does not exist")
    with pytest.raises(InputError) as caught:
        read_pasted(ORIGIN, "---\ntitle: Talks\nText.\n")
    assert str(caught.value.problems[0]) == "pasted.txt:1: the front matter is not closed by a '---' line"


def test_plain_text_and_names():
    article = complete(
        read_pasted(ORIGIN, "\ufeffThe army left.\r\n"), "Army leaves Niamey, for now", "2023-12-22", "s"
    )
    assert article.body == "The army left."
    assert article_name(article) == "2023-12-22-army-leaves-niamey-now.md"
    assert article_name(article, "French exit") == "2023-12-22-french-exit.md"


def test_rendered_article_quotes_its_front_matter():
    article = complete(read_pasted(ORIGIN, "Text."), 'A "quoted": title', "2023", "s")
    assert (
        render_article(article)
        == '---\ntitle: "A \\"quoted\\": title"\npublished: 2023\nsource: "s"\n---\nText.\n'
    )


def test_tidy_body_keeps_words_and_folds_blank_lines():
    assert tidy_body("  a  b \n\n\n\nc\n") == "a  b\n\nc"


def test_an_article_saved_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "2024-05-10-bom.md"
    text = "---\ntitle: Talks\npublished: 2024-05-10\nsource: Wire\n---\nThe army left.\n"
    path.write_text("\ufeff" + text, encoding="utf-8")
    article = load_article(path)
    assert (article.title, article.body, article.body_line) == ("Talks", "The army left.", 6)
