"""Stage 1, load: YAML fact sheets, deck settings and articles into the typed model."""

from quizgen.load.deck import find_deck_dirs, load_deck

__all__ = ["find_deck_dirs", "load_deck"]
