"""The teacher's review of a deck's questions: ``decks/<deck>/review.yaml``, committed with the deck.

Per question id (``deck/fact id/form``) it says keep, drop, or edit (the prompt, answer or
options, each with the text it replaced), with a hash of the fact the question was made from.
The pipeline applies it right after generation, so that every output sees the reviewed
questions; an entry gone stale (its question no longer made, its fact or its generated text
changed since) is reported and an edit in it is not applied.

- ``facthash``: the hash of a question's facts; ``file``: reading and writing the file;
  ``apply``: what the review does to the generated questions, and what it reports.
"""

from quizgen.review.apply import Reviewed, apply_review, review_questions
from quizgen.review.facthash import fact_hash
from quizgen.review.file import (
    ACTIONS,
    BLANK,
    EDITABLE,
    REVIEW_FILE,
    Change,
    Entry,
    Review,
    format_review,
    load_review,
)

__all__ = [
    "ACTIONS",
    "BLANK",
    "EDITABLE",
    "REVIEW_FILE",
    "Change",
    "Entry",
    "Review",
    "Reviewed",
    "apply_review",
    "fact_hash",
    "format_review",
    "load_review",
    "review_questions",
]
