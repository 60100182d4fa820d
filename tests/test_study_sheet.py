"""The study sheet: one printed page per article, from its facts."""

from __future__ import annotations

import dataclasses
import subprocess

import pytest

from quizgen.export import pdf, study_sheet
from quizgen.load import load_deck
from quizgen.model import ActorFact, CauseFact, Deck, Location, NumberFact
from tests.conftest import REPO, SEED_DECK, printing_tools_missing


@pytest.fixture(scope="module")
def deck() -> Deck:
    loaded = load_deck(REPO / "decks" / SEED_DECK, [])
    assert loaded is not None
    return loaded


def test_summary_of_the_seed_article(deck):
    summary = study_sheet.summarise(deck.sheets[0])
    assert summary.title == "French army in talks with Niger's military over withdrawing some forces"
    assert summary.published == "6 November 2023"
    timeline = [(row["date"], row["what"]) for row in summary.sections["timeline"]]
    assert timeline == [
        ("2020", "The military takeover in Mali"),
        ("2022", "The military takeover in Burkina Faso"),
        ("26 July 2023", "The coup in Niger that removed President Mohamed Bazoum"),
    ]
    (number,) = summary.sections["numbers"]
    assert number["value"] == "Around 1,500"
    assert number["sentence"] == "As of November 2023, around 1,500 French troops were stationed in Niger."
    facts = deck.sheets[0].facts
    named = [row["name"] for row in summary.sections["who"]]
    assert named[:2] == ["Mohamed Bazoum", "Ali Mahaman Lamine Zeine"]
    assert len(summary.sections["causes"]) == sum(isinstance(f, CauseFact) for f in facts)
    first = summary.sections["causes"][0]
    assert (first["cause"], first["effect"]) == (
        "The coup in Niger",
        "the removal of President Mohamed Bazoum from power",
    )


def test_rendered_sections_and_self_contained(deck):
    page = study_sheet.render_study_sheet(deck)
    for heading in ("Timeline", "Key numbers", "Who’s who", "Causes and effects"):
        assert f"<h2>{heading}</h2>" in page
    assert (
        "<strong>Around 1,500</strong>As of November 2023, around 1,500 French troops were stationed "
        "in Niger." in page
    )
    assert "size: A4;" in page and "size: letter;" in study_sheet.render_study_sheet(deck, "letter")
    for fetch in ("http:", "https:", "<link", "<img", "<script", "url("):
        assert fetch not in page.replace("<!DOCTYPE html>", "")
    assert study_sheet.study_sheet_name(deck) == "sahel-study.html"


def test_fact_text_is_escaped(deck):
    evil = "<script>alert(1)</script> & co"
    sheet = deck.sheets[0]
    facts = (
        NumberFact(
            id="n", evidence="e", location=Location(sheet.path), value=3, how_many=evil, hedge="about"
        ),
        ActorFact(id="a", evidence="e", location=Location(sheet.path), name=evil, role=evil),
        CauseFact(id="c", evidence="e", location=Location(sheet.path), cause=evil, effect="x"),
    )
    page = study_sheet.render_study_sheet(
        dataclasses.replace(deck, sheets=(dataclasses.replace(sheet, facts=facts),))
    )
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co") == 4


def test_draft_facts_stay_off_the_sheet(deck):
    sheet = deck.sheets[0]
    drafted = tuple(dataclasses.replace(f, draft=isinstance(f, ActorFact)) for f in sheet.facts)
    summary = study_sheet.summarise(dataclasses.replace(sheet, facts=drafted))
    assert summary.sections["who"] == [] and summary.sections["timeline"]


@pytest.mark.skipif(printing_tools_missing(), reason="chromium or poppler-utils missing")
def test_each_article_prints_on_one_page(deck, tmp_path):
    two = dataclasses.replace(deck, sheets=(deck.sheets[0], deck.sheets[0]))
    html = tmp_path / "study.html"
    html.write_text(study_sheet.render_study_sheet(two), encoding="utf-8")
    pdf.print_pdf(html, tmp_path / "study.pdf")
    info = subprocess.run(["pdfinfo", str(tmp_path / "study.pdf")], capture_output=True, text=True).stdout
    assert "Pages:           2" in info
