"""Text as a reader compares it: quotes, dashes, case and spacing aside."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


# The text functions are pure and called on the same strings over and over (every option against
# every other, every question against the chosen ones): their results are cached. Every result is
# a plain str whatever str subclass came in, and equal strings give equal results. normalise also
# gets whole articles (evidence is looked for in them): it keeps fewer, so that a long-running
# process (serve) does not hold thousands of articles.
_CACHED = 65536


@functools.lru_cache(maxsize=1024)
def normalise(text: str) -> str:
    """Text compared for evidence: curly quotes straight, dashes as '-', white space folded."""
    text = text.translate(_TRANSLATE)
    text = " ".join(text.split())
    # "a — b", "a—b" and "a - b" are the same quote.
    return re.sub(r" ?- ?", "-", text)


@functools.lru_cache(maxsize=_CACHED)
def folded(text: str) -> str:
    """Text as a reader compares answers: case, quotes, dashes, spacing and a final stop aside."""
    return normalise(text).casefold().rstrip(".")


def same_text(a: str, b: str) -> bool:
    """True when a reader would take the two texts for the same answer."""
    return folded(a) == folded(b)


ONE_SENTENCE = 90  # token_set_ratio from which two texts are one sentence, or one holds the other


def one_sentence(a: str, b: str) -> bool:
    """Whether two texts are one sentence, worded alike or one holding the other ('More than
    _____ firefighters fought the blaze at Notre-Dame.' and '…more than _____ firefighters
    fought the blaze…')."""
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(folded(a), folded(b)) >= ONE_SENTENCE


def mentions(text: str, answer: str) -> bool:
    """True when ``answer`` stands in ``text`` as a reader compares them (folded), as whole
    words or a whole number: "1,500" is not in "11,500", nor "France" in "Francesca"."""
    answer = folded(answer).strip()
    if not answer:
        return False
    # What rf"(?<![\w,.]){re.escape(answer)}(?![\w]|[,.]\d)" finds, without compiling a pattern
    # per answer (thousands in a big deck).
    text = folded(text)
    at = text.find(answer)
    while at >= 0:
        if stands_alone(text, at, at + len(answer)):
            return True
        at = text.find(answer, at + 1)
    return False


def stands_alone(text: str, start: int, end: int) -> bool:
    r"""Whether ``text[start:end]`` stands as a whole word or number: no word character, comma or
    point just before it, and no word character just after it, nor a comma or point and a digit
    (what ``(?<![\w,.])`` and ``(?![\w]|[,.]\d)`` test: \w is isalnum() or '_', \d isdecimal())."""
    return (
        (start == 0 or not _word_or_point(text[start - 1]))
        and not (end < len(text) and _is_word(text[end]))
        and not (text[end : end + 1] in (",", ".") and text[end + 1 : end + 2].isdecimal())
    )


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _word_or_point(char: str) -> bool:
    return _is_word(char) or char in ",."


def contains(haystack: str, needle: str) -> bool:
    """True when ``needle`` occurs in ``haystack`` after normalising both."""
    return normalise(needle) in normalise(haystack)


def suggest(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string."""
    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
