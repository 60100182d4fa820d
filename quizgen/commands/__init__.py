"""One module per command; ``quizgen.cli`` only wires them."""
