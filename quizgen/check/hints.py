"""Checks that teach: what the article or the evidence does say, for a message's fix.

``check`` reports the problem; these functions find what to show the author next to it: the
closest passage of the article to a misquoted evidence, the date or number the evidence does
state, the precision it supports.
"""

from __future__ import annotations

import difflib
import re

from quizgen.text.compare import normalise
from quizgen.text.sentences import one_line, split_sentences

CLOSE_ENOUGH = 0.6  # below this, no passage is shown: the quote is not a misquote of one
PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
NEAR_SENTENCES = 3  # the sentences around which runs of words are tried
ITS, WHICH = "; its evidence", ", which"  # how a hint joins the message before it


def closest_passage_hint(evidence: str, body: str) -> str:
    """``; the closest passage (94% alike) is "…": …`` or a hint that none is close."""
    passage, ratio = closest_passage(evidence, body)
    if passage is None or ratio < CLOSE_ENOUGH:
        return "; no passage of the article is close to it: quote a sentence of the article"
    hint = f'; the closest passage ({ratio:.0%} alike) is "{passage}"'
    difference = first_difference(evidence, passage)
    return hint + (f": {difference}" if difference else "")


def closest_passage(evidence: str, body: str) -> tuple[str | None, float]:
    """The sentence or run of words of ``body`` most like ``evidence``, and how alike (0 to 1).

    Sentences are compared first; runs of words are then tried only around the few most alike
    sentences, so that a long article costs little more than a short one.
    """
    target = normalise(evidence)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    sentences = split_sentences(body)
    scored = []
    for sentence in sentences:
        matcher.set_seq1(normalise(sentence.text))
        scored.append((matcher.ratio(), sentence.index))
    near = {i for _, i in sorted(scored, reverse=True)[:NEAR_SENTENCES]}
    candidates = [s.text for s in sentences]
    size = len(target.split())
    for index in sorted(near):
        first, last = sentences[max(0, index - 1)], sentences[min(len(sentences) - 1, index + 1)]
        region = (first.start, last.start + len(last.text))
        words = [w for w in re.finditer(r"\S+", body) if region[0] <= w.start() < region[1]]
        for width in {max(1, size - 1), size, size + 1}:
            for i in range(0, max(1, len(words) - width + 1)):
                chunk = words[i : i + width]
                if chunk:
                    candidates.append(body[chunk[0].start() : chunk[-1].end()])
    best, best_ratio = None, 0.0
    for candidate in candidates:
        matcher.set_seq1(normalise(candidate))
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = one_line(candidate), ratio
    return best, best_ratio


def first_difference(evidence: str, passage: str) -> str:
    """Where the quote first departs from the article, word by word."""
    ours, theirs = _words(evidence), _words(passage)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        sheet, article = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        if op == "replace":
            return f"the sheet has '{sheet}' where the article has '{article}'"
        if op == "delete":
            return f"the sheet adds '{sheet}'"
        return f"the sheet leaves out '{article}'"
    return ""


def _words(text: str) -> list[str]:
    """Words compared, punctuation at their edges dropped ("nine." is "nine")."""
    words = (w.strip(".,;:!?\"'()") for w in normalise(text).split())
    return [w for w in words if w]
