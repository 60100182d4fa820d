"""Stage 4, export: questions to Anki packages and printable HTML quizzes."""
