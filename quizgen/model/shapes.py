"""Checks that a phrase an author writes has the shape its slot states (see ``keys.SHAPES``).

Each function returns what is wrong and how to rewrite it, or None.
"""

from __future__ import annotations

import functools
import re

from quizgen.text.grammar import main_verb, tokens

QUESTION_WORDS = ("did", "does", "do", "when", "where", "why", "how", "what", "which", "who", "whom")
ARTICLES = re.compile(r"^(The|A|An) (?=[a-z])")


def _ending(text: str) -> str | None:
    if text.rstrip().endswith((".", "?", "!")):
        return "leave out the full stop: the phrase stands inside sentences"
    return None


@functools.lru_cache(maxsize=65536)  # pure; checks and phrasings ask it of the same texts
def noun_phrase_problem(text: str) -> str | None:
    """A noun phrase: 'the coup in Niger', 'the removal of X from power'."""
    if message := _ending(text):
        return message
    first = text.split()[0] if text.split() else ""
    if first.lower() in QUESTION_WORDS or first.lower() in ("that", "which"):
        return f"write a noun phrase (such as 'the rescue of the miners'), not a clause starting '{first}'"
    if ARTICLES.match(text):
        return f"start with '{first.lower()}': the phrase stands mid-sentence"
    verb = main_verb(text)
    if verb is not None and len(tokens(text)) <= 6 and clearly_a_verb(tokens(text)[verb].text):
        word = tokens(text)[verb].text
        return (
            f"this reads as a clause ('{word}' is its verb): write a noun phrase such as "
            f"'the {_noun_hint(word)} …', or use the clause key of this type"
        )
    return None


def clearly_a_verb(word: str) -> bool:
    """A verb that no noun spells the same ('said', 'governed'), or an auxiliary."""
    from quizgen.text.grammar import AUXILIARIES, _verb_only

    return word.lower() in AUXILIARIES or _verb_only(word)


def _noun_hint(verb: str) -> str:
    return {"said": "statement by", "governed": "government of", "died": "death of"}.get(verb, "…")


@functools.lru_cache(maxsize=65536)  # pure; checks and phrasings ask it of the same texts
def clause_problem(text: str) -> str | None:
    """A clause in statement order: 'the Ever Given ran aground in the Suez Canal'."""
    if message := _ending(text):
        return message
    first = text.split()[0].lower() if text.split() else ""
    if first in QUESTION_WORDS:
        return f"write it in statement order (subject first), not as a question starting '{first}'"
    if ARTICLES.match(text):
        return f"start with '{text.split()[0].lower()}': the clause is put inside sentences"
    if main_verb(text) is None:
        return "write a clause with its verb, subject first (such as 'the ship was freed'), not a noun phrase"
    return None


def title_problem(text: str) -> str | None:
    """A title or function: 'the chief executive of Boskalis', 'Niger's Prime Minister'."""
    if message := _ending(text):
        return message
    words = text.split()
    if len(words) == 1 and words[0][:1].isupper():
        return (
            f"'{text}' alone is a bare title: write the whole title or function the article "
            f"gives, such as 'the {text.lower()} of Chile'"
        )
    if ARTICLES.match(text):
        return f"start with '{words[0].lower()}': the role stands mid-sentence"
    return None
