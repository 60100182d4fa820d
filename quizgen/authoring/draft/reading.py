"""One reading of an article that every finder shares: its sentences, the names it capitalises,
its actors merged across sentences, the dates of each sentence, and what its pronouns stand for."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from quizgen.authoring.draft.actors import ActorContext, ActorMention, find_actors, merge_mentions
from quizgen.authoring.draft.clauses import Context, subject_of, trim
from quizgen.authoring.draft.lexicon import lexicon
from quizgen.model import Article
from quizgen.text.dates import DateMention, find_dates
from quizgen.text.sentences import Sentence, split_sentences


@dataclass
class Candidate:
    """One candidate fact: its keys in sheet order (evidence last), notes for the author, the
    sentence it comes from, and how likely a teacher is to keep it."""

    type: str
    fields: dict[str, Any]
    sentence: int
    notes: dict[str, str] = field(default_factory=dict)
    score: float = 0.0
    reason: str = ""  # why it scores as it does, for the author's comment

    @property
    def evidence(self) -> str:
        return str(self.fields.get("evidence", ""))


@dataclass
class Reading:
    article: Article
    sentences: list[Sentence]
    names: frozenset[str]  # words the article capitalises in mid-sentence, and known names
    mentions: list[list[ActorMention]]  # the actors of each sentence, as written there
    actors: list[ActorMention]  # one per actor, merged across the article
    dates: list[list[DateMention]]
    context: Context
    main_state: str
    main_words: frozenset[str]  # the words of the article's main subject
    claimed: set[tuple[int, str]] = field(default_factory=set)  # (sentence, iso date) drafted

    def actor_named(self, text: str) -> ActorMention | None:
        """The merged actor whose name (or a short form) the text is or starts with."""
        for actor in sorted(self.actors, key=lambda a: -len(a.name)):
            names = {actor.name, actor.display} - {""}
            if any(text == n or text.startswith(n + " ") or text.startswith(n + ",") for n in names):
                return actor
        return None

    def full_name(self, mention: ActorMention) -> ActorMention:
        """The merged actor a mention in a sentence stands for."""
        for actor in self.actors:
            if actor.name == mention.name or actor.key == mention.key and actor.kind == mention.kind:
                return actor
            if mention.kind == "person" and mention.name.split()[-1] in actor.name.split():
                return actor
        return mention


def read(article: Article) -> Reading:
    sentences = split_sentences(article.body)
    mid = _mid_sentence_capitals(sentences)
    lex = lexicon()
    main_state = _main_state(article.body)
    actor_context = ActorContext(main_state=main_state, mid_capitals=mid)
    mentions = [find_actors(s.text, mid, actor_context) for s in sentences]
    actors = merge_mentions([m for per in mentions for m in per])
    dates = [_merged_dates(find_dates(s.text, article.published)) for s in sentences]
    subjects = [_subject(s.text) for s in sentences]
    persons = []
    for index, per in enumerate(mentions):
        for mention in per:
            if mention.kind == "person" and not mention.display:
                full = next(
                    (a for a in actors if a.kind == "person" and mention.name.split()[-1] in a.name.split()),
                    mention,
                )
                persons.append((index, full.name))
    plurals = [_last_plural(s.text) for s in sentences]
    names = frozenset((mid - lex.not_names) | lex.states | set(lex.capitals) | set(lex.demonyms))
    things = [_apposed_name(s.text) for s in sentences]
    context = Context(names=names, subjects=subjects, persons=persons, plurals=plurals, things=things)
    reading = Reading(article, sentences, names, mentions, actors, dates, context, main_state, frozenset())
    reading.main_words = frozenset(_main_words(reading))
    return reading


def _mid_sentence_capitals(sentences: list[Sentence]) -> frozenset[str]:
    words = set()
    for sentence in sentences:
        for match in re.finditer(r"(?<=[\w,;:] )([A-Z][\w\-]*)", sentence.text):
            words.add(match.group(1))
    return frozenset(words)


def _main_state(body: str) -> str:
    """The state the article names most (its capital and demonym counting for it), if it
    clearly leads."""
    lex = lexicon()
    counts: Counter[str] = Counter()
    for state in lex.states:
        counts[state] += len(re.findall(rf"\b{re.escape(state)}\b", body))
    for capital, state in lex.capitals.items():
        counts[state] += len(re.findall(rf"\b{re.escape(capital)}\b", body))
    for demonym, state in lex.demonyms.items():
        counts[state] += len(re.findall(rf"\b{re.escape(demonym)}\b", body))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return ""
    state = ranked[0][0]
    return f"the {state}" if state in ("United States", "United Kingdom", "Netherlands") else state


def _merged_dates(mentions: list[DateMention]) -> list[DateMention]:
    """'Tuesday 23 March' and '22 April next year' are one date each: the finer mention."""
    out: list[DateMention] = []
    for mention in mentions:
        if out and 0 <= mention.start - out[-1].end <= 1:
            previous = out[-1]
            finer = previous if _rank(previous) >= _rank(mention) else mention
            out[-1] = DateMention(
                previous.text + " " + mention.text if mention.start - previous.end == 1 else previous.text,
                previous.start,
                mention.end,
                finer.date,
                finer.relative,
                None
                if finer is not previous and previous.confirm and "Tuesday" in previous.text
                else finer.confirm,
            )
            continue
        out.append(mention)
    return out


def _rank(mention: DateMention) -> int:
    return {"year": 0, "month": 1, "day": 2}[mention.date.precision] * 2 + (0 if mention.confirm else 1)


def _subject(text: str) -> str:
    subject = subject_of(trim(text))
    subject = re.sub(r"^(?:[A-Z]\w+ly\b|Then\b|However\b|Instead\b|Meanwhile\b)\s*,?\s*", "", subject)
    if (
        subject.split()[:1] in (["The"], ["A"], ["An"])
        and len(subject.split()) > 1
        and subject.split()[1][:1].islower()
    ):
        subject = subject[0].lower() + subject[1:]
    return re.sub(r"^(?:most|many|some|all|each)\s+of\s+", "", subject, flags=re.I)


def _apposed_name(text: str) -> str:
    """'a second target, Sagittarius A*, the black hole …': the name set off by commas."""
    match = re.search(
        r"\b(?:a|an|the)\s+(?:[a-z]+\s+){0,2}[a-z]+,\s+([A-Z][\w*'\u2019-]*(?:\s+[A-Z*][\w*'\u2019-]*)*),",
        text,
    )
    return match.group(1) if match else ""


def _last_plural(text: str) -> str:
    """The last plural noun phrase of a sentence: 'eight radio observatories' -> 'the radio
    observatories', what a later 'they' may stand for."""
    from quizgen.authoring.draft.clauses import plural_noun
    from quizgen.text.grammar import _lemmas

    found = ""
    for m in re.finditer(
        r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|the|these)\s+((?:[a-z-]+\s+){0,2}[a-z]+s)\b",
        text,
    ):
        words = m.group(1).split()
        if (
            plural_noun(words[-1])
            and "NOUN" in _lemmas(words[-1])
            and not any(w in ("of", "us", "is") for w in words)
        ):
            found = "the " + m.group(1)
    return found


def _main_words(reading: Reading) -> set[str]:
    """The content words of the article's main subject: the subject of its first sentence and
    the names most often repeated."""
    from quizgen.authoring.draft.clauses import STOP_WORDS

    first = reading.context.subjects[0] if reading.context.subjects else ""
    words = {w.lower() for w in re.findall(r"[\w'-]+", first) if w.lower() not in STOP_WORDS}
    counts = Counter(a.name for per in reading.mentions for a in per)
    words |= {w.lower() for name, n in counts.items() if n >= 2 for w in name.split()}
    return words
