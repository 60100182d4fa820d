"""The load stage: YAML into the typed model, with line numbers and precise problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.load.article import load_article
from quizgen.load.factsheet import load_fact_sheet
from quizgen.load.yamlnodes import compose_file
from quizgen.model import DateFact, InputError, PartialDate


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2020", PartialDate(2020)),
        ('"2020"', PartialDate(2020)),
        ("2023-07", PartialDate(2023, 7)),
        ("2023-07-26", PartialDate(2023, 7, 26)),
        ("'2023-07-26'", PartialDate(2023, 7, 26)),
    ],
)
def test_dates_at_every_precision_however_yaml_types_them(tmp_path: Path, written, expected):
    sheet = _sheet(tmp_path, f"    date: {written}\n")
    problems: list = []
    loaded = load_fact_sheet(sheet, problems)
    assert problems == []
    (fact,) = loaded.facts
    assert isinstance(fact, DateFact) and fact.date == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2023-02-30", "2023-02-30 does not exist: February 2023 has 28 days"),
        ("2023-13", "month 13 does not exist"),
        ("26 July", "'26 July' is not a date"),
        ("2023.5", "expected a date"),
    ],
)
def test_bad_dates_point_at_their_line(tmp_path: Path, written, message):
    sheet = _sheet(tmp_path, f"    date: {written}\n")
    problems: list = []
    load_fact_sheet(sheet, problems)
    (problem,) = problems
    assert (problem.location.line, problem.location.column) == (9, 11)
    assert message in problem.message


def test_unknown_fact_type_suggests_the_closest(tmp_path: Path):
    sheet = _sheet(tmp_path, "    date: 2020\n").read_text().replace("type: date", "type: dates")
    path = tmp_path / "decks" / "d" / "s.yaml"
    path.write_text(sheet)
    problems: list = []
    load_fact_sheet(path, problems)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "'type': 'dates' is not one of: date, number, actor, cause, event, place, quote, list "
        "(did you mean 'date'?)"
    ]


def test_duplicate_keys_are_reported(tmp_path: Path):
    sheet = _sheet(tmp_path, "    date: 2020\n    date: 2021\n")
    problems: list = []
    load_fact_sheet(sheet, problems)
    assert any("duplicate key 'date' (first on line 9)" in str(p) for p in problems)


def test_article_front_matter_and_body(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\npublished: 2023-11-06\nsource: S\n---\nBody text.\n")
    article = load_article(path)
    assert (article.title, article.published, article.body) == ("T", PartialDate(2023, 11, 6), "Body text.")


def test_article_problems_carry_file_lines(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\npublishd: 2023-11-06\nsource: S\n---\nBody.\n")
    with pytest.raises(InputError) as caught:
        load_article(path)
    messages = [str(p) for p in caught.value.problems]
    assert f"{path}:3:1: unknown key 'publishd' in front matter (did you mean 'published'?)" in messages


def _sheet(tmp_path: Path, date_lines: str) -> Path:
    articles = tmp_path / "source_articles"
    articles.mkdir(exist_ok=True)
    (articles / "a.md").write_text("---\ntitle: T\npublished: 2023-11-06\nsource: S\n---\nIt was 2020.\n")
    deck = tmp_path / "decks" / "d"
    deck.mkdir(parents=True, exist_ok=True)
    path = deck / "s.yaml"
    path.write_text(
        "version: 1\narticle: a.md\nfacts:\n  - id: x\n    type: date\n    event: it\n"
        '    evidence: "It was 2020."\n    tags: [t]\n' + date_lines
    )
    return path


@pytest.mark.parametrize(
    ("written", "message"),
    [("0000", "year 0 is out of range"), ("'0000-01'", "year 0 is out of range"), ("10000", "is not a date")],
)
def test_years_out_of_range_are_problems(tmp_path: Path, written, message):
    problems: list = []
    load_fact_sheet(_sheet(tmp_path, f"    date: {written}\n"), problems)
    assert [message in p.message for p in problems] == [True]


def _number_sheet(tmp_path: Path, value: str) -> Path:
    path = _sheet(tmp_path, "    date: 2020\n")
    text = path.read_text().replace("type: date", "type: number").replace("    event: it\n", "")
    text = text.replace("    date: 2020\n", f"    value: {value}\n    how_many: things there were\n")
    path.write_text(text)
    return path


@pytest.mark.parametrize("value", ["1.0e+400", "9" * 400, ".inf", "-.inf", ".nan"])
def test_numbers_too_large_or_not_finite_are_problems(tmp_path: Path, value):
    problems: list = []
    load_fact_sheet(_number_sheet(tmp_path, value), problems)
    assert len(problems) == 1 and (
        "too large" in problems[0].message or "expected a number" in problems[0].message
    )


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a:\n\tb: 1\n", "indent with spaces, not tabs"),
        ("evidence: Paris said: no\n", "put text that holds ': ' in quotes"),
        ("facts:\n  - id: x\n    type: date\n   event: y\n", "line up the keys of a fact"),
        ('a: "unclosed\n', "a quote is not closed"),
    ],
)
def test_yaml_syntax_errors_say_how_to_fix_them(tmp_path: Path, text, hint):
    path = tmp_path / "s.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        compose_file(path)
    (problem,) = caught.value.problems
    assert problem.location.line >= 1 and problem.message.startswith("YAML syntax error: ")
    assert f": {hint}" in problem.message


@pytest.mark.parametrize("ref", ["../a.md", "/etc/passwd", "sub/a.md", ".."])
def test_an_article_is_named_inside_source_articles(tmp_path: Path, ref):
    path = _sheet(tmp_path, "    date: 2020\n")
    path.write_text(path.read_text().replace("article: a.md", f"article: {ref}"))
    problems: list = []
    load_fact_sheet(path, problems)
    assert [p.message for p in problems] == [
        f"'{ref}': name an article file in source_articles/, without a folder"
    ]
