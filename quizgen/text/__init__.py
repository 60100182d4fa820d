"""Neutral text tools that every stage and the authoring tools share.

They know nothing of facts, decks or questions: comparing text as a reader does
(``compare``), dates and their spellings (``datevalue``, ``dates``), numbers (``numbers``),
sentences (``sentences``). Nothing here imports from the rest of quizgen.
"""
