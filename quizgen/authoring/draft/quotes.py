"""Quote candidates: every quoted sentence with its speaker ('"…," said Sheperd Doeleman',
'Mr Piñera replied: "…"', '"…," he said'), its evidence reaching back to the speaker's name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.authoring.draft.reading import Candidate, Reading
from quizgen.model.facts.quote import LONGEST_QUOTE

SAYING = r"said|says|told|replied|added|warned|insisted|stressed|asked|explained|declared|announced|noted"
_QUOTE = re.compile(r"\u201c(?P<a>[^\u201d]+)\u201d|\"(?P<b>[^\"]+)\"")
SHORTEST = 4  # words: fewer are scare quotes ('"well below" 2C')


@dataclass(frozen=True)
class Speaker:
    name: str  # the full name
    written: str  # as the evidence names them ('Mr Urzúa', 'Dr Tedros'), the cloze gap
    kind: str


def quote_candidates(reading: Reading) -> list[Candidate]:
    found = []
    last: tuple[int, Speaker] | None = None  # the last speaker, for a quote that continues
    body = reading.article.body
    for index, sentence in enumerate(reading.sentences):
        for match in _QUOTE.finditer(sentence.text):
            words = (match.group("a") or match.group("b")).strip()
            if len(words.split()) < SHORTEST:
                continue
            speaker = _speaker(reading, index, match.start(), match.end())
            continued = False
            if speaker is None and last and last[0] == index - 1 and _alone(sentence.text, match):
                speaker, continued = last[1], True
            if speaker is None:
                continue
            candidate = _quote(reading, index, words, speaker, continued, body)
            if candidate is not None:
                found.append(candidate)
                last = (index, speaker)
    return found


def _alone(sentence: str, match: re.Match[str]) -> bool:
    return (
        sentence.strip().startswith(match.group(0)[:1]) and len(sentence.strip()) <= len(match.group(0)) + 2
    )


def _speaker(reading: Reading, index: int, start: int, end: int) -> Speaker | None:
    """Who the sentence says spoke: the name after the quote ('," said X' or '," X said') or
    before it ('X replied: "'), or the subject of 'called the deal "…"'."""
    sentence = reading.sentences[index].text
    after, before = sentence[end:], sentence[:start]
    mentions = reading.mentions[index]
    near = [
        m
        for m in mentions
        if m.kind in ("person", "organisation", "institution", "company") and not m.display
    ]
    for mention in near:
        gap_after = sentence[end : mention.start]
        gap_before = sentence[mention.end : start]
        title = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|President)\.?\s+)?"
        if mention.start >= end and re.fullmatch(
            rf"[,.]?\s*(?:(?:{SAYING}|according to)\s+)?(?:the\s+[\w\s'\u2019-]+,\s+)?{title}", gap_after
        ):
            return _resolved(reading, mention, gap_after)
        if (
            mention.end <= start
            and re.search(rf"\b(?:{SAYING}|called\s+[\w\s]+|compared\s+[\w\s]+\s+to)\s*:?\s*$", gap_before)
            and not re.search(r"[.;]\s", gap_before)
        ):
            return _resolved(reading, mention, sentence[: mention.start])
    pronoun = re.match(
        rf"[,.]?\s*(he|she|the\s+[\w'\u2019-]+(?:\s+[\w'\u2019-]+){{0,3}})\s+(?:{SAYING})\b", after
    )
    if pronoun:
        found = _from_context(reading, index, pronoun.group(1))
        if found is not None and pronoun.group(1).startswith("the "):
            return Speaker(found.name, pronoun.group(1), found.kind)  # 'the 41-year-old president said'
        return found
    said = re.search(
        rf"\b(?:the\s+)?[\w'\u2019-]+(?:\s+[\w'\u2019-]+){{0,4}}\s+(?:{SAYING})\s+(?:[\w\s]+\s+)?(?:was|is|that)\s*$",
        before,
    )
    if said:
        return _from_context(reading, index, said.group(0).split()[0])
    return None


def _resolved(reading: Reading, mention, before: str = "") -> Speaker:
    full = reading.full_name(mention)
    title = re.search(r"\b((?:Mr|Mrs|Ms|Dr|Prof|President)\.?)\s+$", before)
    written = f"{title.group(1)} {mention.name}" if title else mention.name
    return Speaker(full.name, written if written != full.name else full.name, full.kind)


def _from_context(reading: Reading, index: int, words: str) -> Speaker | None:
    """'he', 'the 41-year-old president', 'The 55-year-old former Ethiopian health minister':
    the last person the article named (in this sentence or one before)."""
    persons = [(i, name) for i, name in reading.context.persons or [] if i <= index]
    if not persons:
        return None
    name = persons[-1][1]
    return Speaker(name, "", "person")


def _quote(
    reading: Reading, index: int, words: str, speaker: Speaker, continued: bool, body: str
) -> Candidate | None:
    quote = words.rstrip(",").strip()
    if len(quote) > LONGEST_QUOTE:
        quote = _shortened(quote)
        if quote is None:
            return None
    evidence, gap = _evidence(reading, index, speaker)
    if evidence is None:
        return None
    fields: dict = {"speaker": speaker.name, "kind": speaker.kind, "quote": quote, "evidence": evidence}
    if gap and gap != speaker.name:
        fields["gap"] = gap
    notes = {"quote": "a quote that goes on from the one before" if continued else "review: who said it"}
    candidate = Candidate("quote", fields, index, notes)
    candidate.reason = "continued" if continued else ""
    return candidate


def _shortened(quote: str) -> str | None:
    """The end of a long quote, from a clause break, within the longest a quote may be."""
    for m in re.finditer(r"(?<=[,;.])\s+", quote):
        rest = quote[m.end() :]
        if len(rest) <= LONGEST_QUOTE and len(rest.split()) >= SHORTEST:
            return rest
    return None


def _evidence(reading: Reading, index: int, speaker: Speaker) -> tuple[str | None, str]:
    """The sentence, or it and the sentences before it in its paragraph back to the one that
    names the speaker; and the words that name them there (the cloze gap)."""
    sentences = reading.sentences
    current = sentences[index]
    surname = speaker.name.split()[-1]
    first = speaker.name.split()[0]
    for back in range(index, max(-1, index - 3), -1):
        if sentences[back].paragraph != current.paragraph:
            break
        text = reading.article.body[sentences[back].start : current.end]
        for written in (speaker.written, speaker.name, *_short_forms(speaker.name, surname, first)):
            if written and re.search(rf"(?<![\w]){re.escape(written)}(?!\w)", text):
                return " ".join(text.split()), written
    return None, ""


def _short_forms(name: str, surname: str, first: str) -> list[str]:
    return [f"{t} {w}" for t in ("Mr", "Mrs", "Ms", "Dr", "President") for w in (surname, first)]
