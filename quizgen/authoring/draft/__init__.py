"""Drafting a fact sheet from an article: candidate dates, numbers, actors and causes.

Rule-based and offline. Each module finds one kind of candidate in the article's sentences;
``sheet`` gathers them into a draft fact sheet whose facts all carry ``draft: true``.
"""
