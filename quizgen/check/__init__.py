"""Stage 2, check: what the loader cannot see alone.

- ``sheets``: ids across a deck, evidence against the article, values visible in their evidence
  (with ``hints`` that say how to fix each problem) and the images facts carry (``images``);
- ``questions``: the quality of generated questions (leaks, duplicate or also-true options).
"""

from quizgen.check.questions import check_questions
from quizgen.check.sheets import check_deck, check_sheet

__all__ = ["check_deck", "check_questions", "check_sheet"]
