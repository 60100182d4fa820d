"""Sentences of an article, with offsets that copy evidence verbatim."""

from __future__ import annotations

from quizgen.text.sentences import split_sentences


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


def test_a_quotation_over_a_full_stop_stays_with_its_attribution():
    body = (
        '"I can see the reaction is positive and I hear no objection. The Paris Agreement for the '
        'climate is accepted," said Laurent Fabius. Delegates rose.'
    )
    assert texts(body) == [
        '"I can see the reaction is positive and I hear no objection. The Paris Agreement for the '
        'climate is accepted," said Laurent Fabius.',
        "Delegates rose.",
    ]


def test_quoted_sentences_that_close_at_their_stop_are_sentences():
    body = '"We have seen what we thought was unseeable," said Sheperd Doeleman. "We have taken a picture."'
    assert texts(body) == [
        '"We have seen what we thought was unseeable," said Sheperd Doeleman.',
        '"We have taken a picture."',
    ]


def test_offsets_copy_the_body():
    body = 'He said: "One. Two," she replied.\n\nA new paragraph.'
    assert all(body[s.start : s.end] == s.text for s in split_sentences(body))
