"""Where each fact's evidence stands in its article, and the article cut into marked pieces.

Evidence is found as ``check`` finds it (``quizgen.text.compare.normalise``: quotes, dashes and
white space aside), then mapped back to the article's own characters, so that the page shows
the article's words, not the normalised ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.text.compare import normalise


def normalised_with_origins(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, for each of its characters, the index in ``text`` it comes from."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        char = normalise(char) or " "  # white space normalises to nothing alone
        if char == " " and (not chars or chars[-1] == " "):
            continue
        chars.append(char)
        origins.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origins.pop()
    # "a - b" and "a-b" are the same quote: drop the spaces around a dash, as normalise does.
    out: list[str] = []
    out_origins: list[int] = []
    for i, char in enumerate(chars):
        if char == " " and ((i + 1 < len(chars) and chars[i + 1] == "-") or (out and out[-1] == "-")):
            continue
        out.append(char)
        out_origins.append(origins[i])
    return "".join(out), out_origins


def find_span(body: str, evidence: str) -> tuple[int, int] | None:
    """The (start, end) of ``evidence`` in ``body`` as check compares them, or None."""
    needle = normalise(evidence)
    if not needle:
        return None
    haystack, origins = normalised_with_origins(body)
    at = haystack.find(needle)
    if at < 0:
        return None
    return origins[at], origins[at + len(needle) - 1] + 1


@dataclass(frozen=True)
class Piece:
    """A run of article text and the facts whose evidence covers it (none: plain text)."""

    text: str
    facts: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # facts whose evidence starts here (their anchor)


def paragraphs(body: str, spans: dict[str, tuple[int, int]]) -> list[list[Piece]]:
    """The article's paragraphs (split at blank lines), each cut where evidence starts or ends."""
    out: list[list[Piece]] = []
    for match in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", body):
        start, end = match.span()
        if not match.group().strip():
            continue
        cuts = {start, end}
        for low, high in spans.values():
            cuts.update(c for c in (low, high) if start < c < end)
        edges = sorted(cuts)
        pieces = []
        for low, high in zip(edges, edges[1:], strict=False):
            covering = tuple(f for f, (a, b) in spans.items() if a <= low and high <= b)
            starting = tuple(f for f, (a, _) in spans.items() if a == low)
            pieces.append(Piece(body[low:high], covering, starting))
        out.append(pieces)
    return out
