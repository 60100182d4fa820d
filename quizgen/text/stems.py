"""Content words reduced to a crude stem, for telling whether two texts say the same thing
('the removal of X' and 'the coup that removed X' share 'remov')."""

from __future__ import annotations

import functools
import re

_STOPWORDS = """
a an the of in on at to for from by with and or but as is are was were be been being has have had do does
did what which who whom whose when where why how that this these those it its their his her they them he
she we you i not no into over under about after before than then there here also more most some such one
two three many much very only other another all any each both few up out off according article said says
say would could should will may might must can per nearly almost around approximately roughly least less
fewer below above estimated him us me my our your yours ours hers theirs
"""
STOPWORDS = frozenset(_STOPWORDS.split())
STEM = 5  # characters a stem keeps: 'removal', 'removed', 'remove' -> 'remov'


@functools.lru_cache(maxsize=65536)  # pure; roles and answers are asked about again and again
def content_stems(text: str) -> frozenset[str]:
    """The stems of the text's content words."""
    words = re.findall(r"[A-Za-zÀ-ÿ]+", text.replace("’s", "").replace("'s", ""))
    return frozenset(w.lower()[:STEM] for w in words if len(w) > 2 and w.lower() not in STOPWORDS)


def name_stems(text: str) -> set[str]:
    """The stems of the capitalised words after the first: the names a phrase is about."""
    words = re.findall(r"[A-Za-zÀ-ÿ]+", text.replace("’s", "").replace("'s", ""))[1:]
    return {w.lower()[:STEM] for w in words if w[0].isupper() and w.lower() not in STOPWORDS}


def same_story(a: str, b: str) -> bool:
    """Whether two event phrases tell one story ('the fire broke out', 'the fire was put out'):
    they share content words and do not name different places or people ('the coup in Mali',
    'the coup in Niger' are two stories)."""
    if not content_stems(a) & content_stems(b):
        return False
    names_a, names_b = name_stems(a), name_stems(b)
    return not (names_a and names_b and not names_a & names_b)
