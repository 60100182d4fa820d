"""Events: a clause whose subject names who acted ('Italy placed its entire population under
lockdown', 'Analysts warned that …'), with its date and place when the clause gives them."""

from __future__ import annotations

import re

from quizgen.authoring.draft.clauses import (
    Span,
    lower_common,
    statement,
    subject_of,
    tidy,
    without_date,
)
from quizgen.authoring.draft.lexicon import lexicon
from quizgen.authoring.draft.reading import Candidate, Reading
from quizgen.text.dates import DateMention

LONGEST = 22  # words of 'happened'
REPORTING = re.compile(r"\b(?:said|says|told|replied|added)\b")
# Verbs that set a scene rather than tell what happened: a teacher does not ask them.
_SCENE = re.compile(
    r"^\s*(?:also\s+)?(?:joined|embraced|hugged|greeted|shook|stood|watched|cheered|applauded|waved|smiled|"
    r"wept|rose|came|went|called|compared|replied|looked|told reporters|spoke|stepped out)\b"
)


def event_candidates(reading: Reading) -> list[Candidate]:
    found: list[Candidate] = []
    for index, _sentence in enumerate(reading.sentences):
        seen: set[str] = set()
        for who, span, kind in _subjects(reading, index):
            for candidate in (
                _event(reading, index, who, span, kind),
                _relative_event(reading, index, who, span, kind),
                _passive_event(reading, index, who, span, kind),
                _apposed_event(reading, index, who, span, kind),
                _with_event(reading, index, who, span, kind),
            ):
                if candidate is None or candidate.fields["happened"] in seen:
                    continue
                seen.add(candidate.fields["happened"])
                found.append(candidate)
    return found


def _passive_event(reading: Reading, index: int, who: str, span: Span, kind: str) -> Candidate | None:
    """'the steel capsule, built by the Chilean navy' -> 'the Chilean navy built the steel
    capsule'; 'the Kyoto Protocol of 1997, which … was never ratified by the United States' ->
    'the United States never ratified the Kyoto Protocol of 1997'."""
    from quizgen.text.grammar import _inflection, _lemmas

    sentence = reading.sentences[index].text
    before = sentence[: span.start]
    match = re.search(
        r"(?:,\s+|\b(?:was|were|is|are)\s+(?:(never|also|not)\s+)?)(\w+)\s+by\s+(?:the\s+)?$", before
    )
    if not match or kind == "person" and not re.search(r"\b(?:the\s+)$", before):
        pass
    if not match:
        return None
    if re.match(r"['\u2019]s\b", sentence[span.end :]):
        return None  # 'operated by Taiwan's Evergreen Marine': the company did it, not Taiwan
    participle = match.group(2)
    lemmas = _lemmas(participle.lower()).get("VERB")
    if not lemmas or participle.lower() not in _inflection(lemmas[0], "VBN"):
        return None
    head = before[: match.start()]
    obj = re.search(r"(\b(?:the|a|an)\s+[\w\s'\u2019-]{2,60}?)(?:,\s+which\s+[^,]*?)?\s*(?:,\s*)?$", head)
    if not obj:
        return None
    thing = obj.group(1).strip()
    thing = re.split(r",\s+which\b", thing)[0]
    if len(thing.split()) > 8 or re.search(r"\b(?:is|are|was|were|has|had)\b", thing):
        return None
    past = _inflection(lemmas[0], "VBD")[0]
    written = (
        "the " + who if re.search(r"\bthe\s+$", before) and not who.startswith(("the ", "The ")) else who
    )
    adverb = f"{match.group(1)} " if match.group(1) else ""
    thing = thing[0].lower() + thing[1:] if thing.split()[0] in ("The", "A", "An") else thing
    text = tidy(f"{written} {adverb}{past} {thing}")
    if written not in sentence or len(text.split()) > LONGEST:
        return None
    fields = {"happened": text, "who": written, "kind": kind, "evidence": sentence}
    return Candidate("event", fields, index, {"happened": "review: who did what, subject first"})


def _apposed_event(reading: Reading, index: int, who: str, span: Span, kind: str) -> Candidate | None:
    """ "Egypt's president, Abdel Fattah al-Sisi, said Egyptians had ended the crisis" -> 'Abdel
    Fattah al-Sisi said Egyptians had ended the crisis'."""
    sentence = reading.sentences[index].text
    if not re.search(r",\s+$", sentence[: span.start]) or kind != "person":
        return None
    match = re.match(r",\s+((?:said|told|warned|announced|added)\b[^;]*)", sentence[span.end :])
    if not match or _in_quote(sentence, span.start) or re.search(r"[\"\u201c]", match.group(1)):
        return None
    text = tidy(re.split(r"[.]\s", f"{who} {match.group(1)}")[0])
    if len(text.split()) > LONGEST or len(text.split()) - len(who.split()) < 3:
        return None
    fields = {"happened": text, "who": who, "kind": kind, "evidence": sentence}
    return Candidate("event", fields, index, {"happened": "review: who did what, subject first"})


def _with_event(reading: Reading, index: int, who: str, span: Span, kind: str) -> Candidate | None:
    """'Italy, with the largest outbreak outside China, placed …' -> 'Italy has the largest
    outbreak outside China'."""
    sentence = reading.sentences[index].text
    match = re.match(r",\s+with\s+((?:the|a|an)\s+[^,]{3,60}),", sentence[span.end :])
    if not match or kind == "person" and not re.match(r"[A-Z]", who):
        return None
    text = f"{who} has {match.group(1)}"
    fields = {"happened": text, "who": who, "kind": kind, "evidence": sentence}
    return Candidate("event", fields, index, {"happened": "review: who did what, subject first"})


def _relative_event(reading: Reading, index: int, who: str, span: Span, kind: str) -> Candidate | None:
    """'Mario Sepúlveda, who handed out rocks from the mine as souvenirs' -> 'Mario Sepúlveda
    handed out rocks from the mine as souvenirs'."""
    sentence = reading.sentences[index].text
    match = re.match(r",\s+(?:who|which)\s+([^,;]+)", sentence[span.end :])
    if not match or _in_quote(sentence, span.start):
        return None
    verb = match.group(1)
    first_verb = re.split(r"\s+and\s+(?=[a-z]+ed\b)", verb)[0]
    text = tidy(f"{who} {first_verb}")
    from quizgen.text.grammar import _finite_form

    if not _finite_form(verb.split()[0]) or len(text.split()) > LONGEST or _SCENE.search(verb[:30]):
        return None
    fields = {"happened": text, "who": who, "kind": kind, "evidence": sentence}
    return Candidate("event", fields, index, {"happened": "review: who did what, subject first"})


def _subjects(reading: Reading, index: int) -> list[tuple[str, Span, str]]:
    """Who may act in the sentence: named actors, and groups named by a plural noun."""
    text = reading.sentences[index].text
    out = []
    for mention in reading.mentions[index]:
        if mention.display and mention.kind == "person":
            continue  # 'a defense ministry source'
        actor = reading.full_name(mention)
        out.append((mention.name, Span(mention.start, mention.end), actor.kind))
    lex = lexicon()
    nouns = "|".join(re.escape(n) for n in lex.people_nouns)
    pattern = (
        rf"(?:^|,\s|\b(?:after|when|while|that|and|but)\s)"
        rf"((?:[A-Za-z][a-z-]*\s+){{0,3}}?(?i:{nouns})(?:\s+and\s+(?:[a-z-]+\s+)?(?:{nouns}))?(?:\s+alike)?)\b"
    )
    for m in re.finditer(pattern, text):
        group = re.sub(
            r"^(?:(?:after|when|while|that|and|but|as|because|since|before|if|once)\s+)+",
            "",
            m.group(1),
            flags=re.I,
        )
        if group != m.group(1):
            start = m.start(1) + len(m.group(1)) - len(group)
            out.append((group, Span(start, m.end(1)), "group"))
            continue
        words = m.group(1).split()
        if words[0].lower() in ("of", "to", "in", "the", "by", "for", "with") and words[0] != "The":
            continue
        out.append((m.group(1), Span(m.start(1), m.end(1)), "group"))
    return out


def _event(reading: Reading, index: int, who: str, span: Span, kind: str) -> Candidate | None:
    sentence = reading.sentences[index].text
    if _in_quote(sentence, span.start):
        return None
    text = statement(sentence, span, index, reading.context)
    if text is None:
        return None
    lead = _who_in(text, who)
    if lead is None:
        return None
    start, shown = lead
    text = text[start:]
    subject = re.sub(
        r"(?:\s+(?:himself|herself|itself|themselves|also|still|never|now|already|itself))+$",
        "",
        subject_of(text).strip(" ,"),
    )
    relative = re.match(rf"{re.escape(shown)}\s+who\s+\w+(?:\s+\w+)?$", subject)
    if relative:
        text = shown + text[len(subject) :]  # 'staff who checked found no fire' -> 'staff found no fire'
    elif subject and subject != shown:
        return None  # 'Niger's military-appointed Prime Minister has …': Niger is not who acted
    if sentence.startswith(shown[:1].upper() + shown[1:]) and not shown[:1].isupper():
        shown = shown[:1].upper() + shown[1:]  # as the evidence writes it: 'Analysts warned …'
        text = shown + text[len(shown) :]
    if re.search(r"[a-z]+,\s+[a-z]+,\s+[a-z]+\s+and\s+[a-z]+", text):
        return None  # 'urged governments to find, isolate, test and treat': the list finder's
    if re.search(r"[\"\u201c]", text) or _SCENE.search(text[len(shown) :][:30]):
        return None  # a quote's attribution, or a scene ('joined Mr Fabius on stage')
    if (
        REPORTING.search(text.split(" that ")[0])
        and re.search(r"[\"\u201c]", sentence)
        and " that " not in text
    ):
        return None  # the attribution of a quote: the quote finder drafts it
    fields: dict = {"happened": "", "who": shown, "kind": kind}
    notes = {"happened": "review: who did what, subject first", "kind": "review: what 'who' is"}
    date = _date_in(reading, index, sentence, text)
    if date is not None:
        text = without_date(text, date.text)
        fields["date"] = date.date.iso()
        if _relative_words(date.text):
            fields["as_written"] = _as_written(sentence, date)
        notes["date"] = date.note
    text = tidy(text)
    if not text.startswith(shown) or len(text.split()) > LONGEST:
        text = _shorter(text, shown)
        if text is None:
            return None
    if re.match(r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", shown, re.I):
        return None  # 'three drilling teams raced …': the number fact asks it
    if kind == "group" and re.match(
        r"\s*(?:said|say|says|hope|hopes|hoped|believe|believes|think|thinks)\b", text[len(shown) :]
    ):
        return None  # 'Officials said it could take …': a source, not an event
    if re.search(r"[$€£]\d|\d%", text):
        return None  # 'the Pinault family pledged €100m': the number fact asks it
    if len(text.split()) - len(shown.split()) < 2:
        return None  # 'Rémy Heitz said': an attribution, not an event
    fields["happened"] = text
    fields["evidence"] = sentence
    candidate = Candidate("event", fields, index, notes)
    if date is not None:
        reading.claimed.add((index, date.date.iso()))
    return candidate


def _who_in(text: str, who: str) -> tuple[int, str] | None:
    """Where 'who' opens the clause (after a title or a role noun), and how it is written there."""
    lex = lexicon()
    for title in lex.titles:
        if text.startswith(title + " " + who):
            return len(title) + 1, who
    role = re.match(r"(?:the|a)\s+(?:[a-z-]+\s+){1,2}(?=" + re.escape(who) + r")", text)
    if role and not who[:1].islower():
        return role.end(), who  # 'the actor Tom Hanks said …'
    for article in ("The ", "the "):
        if text.startswith(article + who):
            return 0, article + who  # 'The European Research Council also backed the work'
    if text.startswith(who):
        return 0, who
    lowered = who[:1].lower() + who[1:]
    if text.startswith(lowered) and who.split()[0] not in ("The", "A", "An"):
        return 0, lowered if lowered in text else who
    return None


def _in_quote(sentence: str, position: int) -> bool:
    before = sentence[:position]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def _date_in(reading: Reading, index: int, sentence: str, text: str) -> DateMention | None:
    for mention in reading.dates[index]:
        if mention.text in text and (index, mention.date.iso()) not in reading.claimed:
            if re.search(rf"\b(?:before|by|until)\s+{re.escape(mention.text)}", sentence, re.I):
                continue
            return mention
    return None


def _relative_words(text: str) -> bool:
    return bool(
        re.search(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow|"
                  r"year|month|ago)\b", text, re.I)
    )  # fmt: skip


def _as_written(sentence: str, mention: DateMention) -> str:
    """'on Monday' as the article writes it, with its preposition when it has one."""
    match = re.search(rf"\b((?:on|last|next|this)\s+)?{re.escape(mention.text)}", sentence)
    words = match.group(0) if match else mention.text
    return words if words in sentence else mention.text


def _shorter(text: str, who: str) -> str | None:
    """A clause too long for a question: without what is said where ('said in an address from
    the Oval Office that'), else its verb phrase that reports, else its first."""
    cut = re.sub(r"\b(said|told\s+\w+)\s+(?:in|at|on|from|during)\s+[^,]+?\s+(?=that\b)", r"\1 ", text)
    if len(cut.split()) > LONGEST:
        parts = re.split(r",?\s+(?:and|but)\s+(?=[a-z]+(?:ed|s)\b)|,\s+(?=[a-z]+(?:ed|s)?\s)", cut)
        reporting = [p for p in parts[1:] if re.match(r"(?:warned|said|added|stressed)\s+that\b", p)]
        cut = f"{who} {reporting[0]}" if reporting else parts[0]
    cut = tidy(cut)
    if not cut.startswith(who) or len(cut.split()) > LONGEST or len(cut.split()) <= len(who.split()) + 1:
        return None
    return cut


def lower_event(text: str, names: frozenset[str]) -> str:
    return lower_common(text, names)
