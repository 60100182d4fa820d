"""quizgen: news articles and their fact sheets → Anki decks and printable quizzes.

The pipeline, one module or package per stage: ``load`` → ``check`` → ``generate`` → ``export``.
The typed ``model`` is the only thing the stages share.
"""

__version__ = "0.1.0"
