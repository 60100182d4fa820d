"""Sentences of an article, with their offsets, so that evidence is always copied verbatim."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = (
    "Mr Mrs Ms Dr Prof Gen Col Lt Sgt Capt Maj Cmdr Adm Gov Sen Rep St Jr Sr Mt No vs etc Inc Ltd "
    "Corp Co Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec approx est "
)
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())

_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)")
_NEXT_START = re.compile(r"\s+[\"'\u201c\u2018(\[]?[A-Z0-9]")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its exact text, where it starts in the body, and its order."""

    text: str
    start: int
    index: int
    paragraph: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_sentences(body: str) -> list[Sentence]:
    """Split the body into sentences; paragraph breaks (blank lines) always end one."""
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_text) in enumerate(_paragraphs(body)):
        start = 0
        for match in _END.finditer(p_text):
            end = match.end()
            if end < len(p_text) and not _ends_sentence(p_text, match.start(), end):
                continue
            if end < len(p_text) and _inside_quotation(p_text, start, end):
                continue
            _add(sentences, p_text, start, end, p_start, paragraph)
            start = end
        _add(sentences, p_text, start, len(p_text), p_start, paragraph)
    return sentences


def _inside_quotation(text: str, start: int, end: int) -> bool:
    """A full stop inside a quotation that the paragraph closes later, with its attribution:
    '"I hear no objection. The Paris Agreement … is accepted," said Laurent Fabius'."""
    opened = text[start:end].count("\u201c") - text[start:end].count("\u201d")
    straight = text[start:end].count('"') % 2
    if opened <= 0 and not straight:
        return False
    closing = "\u201d" if opened > 0 else '"'
    rest = text[end:]
    close = rest.find(closing)
    return (
        close >= 0
        and re.match(r"[,.!?]?\s*[\u201d\"]?\s*,?\s+(?:said|says|[a-z])", rest[close - 1 : close + 12])
        is not None
    )


def _paragraphs(body: str) -> list[tuple[int, str]]:
    found = []
    for match in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", body):
        if match.group(0).strip():
            found.append((match.start(), match.group(0)))
    return found


def _ends_sentence(text: str, stop: int, end: int) -> bool:
    if not _NEXT_START.match(text, end):
        return False
    if text[stop] != ".":
        return True
    word = re.search(r"([A-Za-z]+)$", text[:stop])
    if word is None:
        return True
    token = word.group(1)
    if token in ABBREVIATIONS:
        return False
    # Initials and acronyms with stops: "U.S.", "J. R. Smith".
    return not (len(token) == 1 and token.isupper())


def _add(sentences: list[Sentence], text: str, start: int, end: int, offset: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(stripped, offset + start + lead, len(sentences), paragraph))


def one_line(text: str) -> str:
    """Text on one line, white space folded (how evidence is written into a sheet)."""
    return " ".join(text.split())


def slug(text: str, max_words: int = 6) -> str:
    """``The French Army's talks`` -> ``the-french-army-s-talks``, ASCII, at most ``max_words``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words])


def lower_first(text: str) -> str:
    """Lower-case a leading function word ("The putsch" -> "the putsch"), keep names."""
    first = text.split(" ", 1)[0]
    if first in {"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her"}:
        return first.lower() + text[len(first) :]
    return text
