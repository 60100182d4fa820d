"""Checks that teach: what the article or the evidence does say, for a message's fix.

``check`` reports the problem; these functions find what to show the author next to it: the
closest passage of the article to a misquoted evidence, the date or number the evidence does
state, the precision it supports.
"""

from __future__ import annotations

import difflib
import re

from quizgen.model import ActorFact, Article, DateFact, Fact, NumberFact
from quizgen.text.compare import normalise
from quizgen.text.dates import DateMention, find_dates
from quizgen.text.numbers import NumberMention, find_numbers, number_text
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


def evidence_gives_hint(fact: Fact, article: Article | None) -> str:
    """For a value not visible in its evidence: what the evidence states instead."""
    if article is None:
        return ""
    if isinstance(fact, DateFact):
        return _date_hint(fact, _dates(fact, article))
    if isinstance(fact, NumberFact):
        return _number_hint(fact, _numbers(fact, article))
    if isinstance(fact, ActorFact):
        return _name_hint(fact)
    return ""


def contradicts(fact: Fact, article: Article | None) -> bool:
    """True when the evidence states another value of the fact's kind than the fact says:
    another date, another number, or the name spelt otherwise. Such a fact would teach
    something its own quote does not say."""
    if article is None:
        return False
    if isinstance(fact, DateFact):
        mentions = _dates(fact, article)
        return bool(mentions) and not any(m.date == fact.date or _compatible(m, fact) for m in mentions)
    if isinstance(fact, NumberFact):
        mentions = _numbers(fact, article)
        return bool(mentions) and not any(_same(m.value, fact.value) for m in mentions)
    if isinstance(fact, ActorFact):
        return bool(_name_hint(fact))
    return False


def unsupported_date_precision(fact: Fact, article: Article) -> str | None:
    """A date fact more precise than (or different from) every date its evidence states."""
    if not isinstance(fact, DateFact):
        return None
    mentions = _dates(fact, article)
    if not mentions or any(_compatible(m, fact) for m in mentions):
        return None
    coarser = [m for m in mentions if _coarser_prefix(m, fact)]
    if coarser:
        return _precision_message(fact, coarser[0])
    return f"the date of '{fact.id}' ({fact.date.iso()}) is not in its evidence" + _date_hint(
        fact, mentions, WHICH
    )


def unsupported_number(fact: Fact, article: Article) -> str | None:
    """A number fact whose value its evidence does not state."""
    if not isinstance(fact, NumberFact):
        return None
    mentions = _numbers(fact, article)
    if any(_same(m.value, fact.value) for m in mentions):
        return None
    return f"the value of '{fact.id}' ({number_text(fact.value)}) is not in its evidence" + _number_hint(
        fact, mentions, WHICH
    )


def _dates(fact: Fact, article: Article) -> list[DateMention]:
    return find_dates(fact.evidence, article.published)


def _numbers(fact: Fact, article: Article) -> list[NumberMention]:
    taken = [(m.start, m.end) for m in _dates(fact, article)]
    return find_numbers(fact.evidence, taken)


def _compatible(mention: DateMention, fact: DateFact) -> bool:
    """The evidence states this date, or a more precise one that contains it."""
    return mention.date == fact.date or _coarser_prefix(mention, fact, reverse=True)


def _coarser_prefix(mention: DateMention, fact: DateFact, reverse: bool = False) -> bool:
    """The mention is the fact's date at a lower precision (or, reversed, at a higher one)."""
    coarse, fine = (fact.date, mention.date) if reverse else (mention.date, fact.date)
    if PRECISION_RANK[coarse.precision] >= PRECISION_RANK[fine.precision]:
        return False
    return coarse.year == fine.year and (coarse.month is None or coarse.month == fine.month)


def _precision_message(fact: DateFact, mention: DateMention) -> str:
    return (
        f"the date of '{fact.id}' ({fact.date.iso()}) is more precise than its evidence, which gives "
        f"only the {mention.date.precision} ('{mention.text}'): write date: {mention.date.iso()}, "
        f"or quote evidence that gives the {fact.date.precision}"
    )


def _date_hint(fact: DateFact, mentions: list[DateMention], lead: str = ITS) -> str:
    same = [m for m in mentions if m.date == fact.date]
    if same:
        return (
            f"; it is written '{same[0].text}' there: add gap: \"{same[0].text}\" so the cloze can blank it"
        )
    coarser = [m for m in mentions if _coarser_prefix(m, fact)]
    if coarser:
        m = coarser[0]
        return (
            f"{lead} gives only the {m.date.precision} ('{m.text}'): write date: {m.date.iso()}, "
            f"or quote evidence that gives the {fact.date.precision}"
        )
    if mentions:
        given = ", ".join(f"{m.date.iso()} ('{m.text}')" for m in mentions[:3])
        return f"{lead} gives {given}: correct the date, or quote the evidence that states it"
    return f"{lead} states no date: quote the sentence that gives it"


def _number_hint(fact: NumberFact, mentions: list[NumberMention], lead: str = ITS) -> str:
    same = [m for m in mentions if _same(m.value, fact.value)]
    if same:
        text = same[0].number_text
        return f"; it is written '{text}' there: add gap: \"{text}\" so the cloze can blank it"
    if mentions:
        given = ", ".join(f"{number_text(m.value)} ('{m.text}')" for m in mentions[:3])
        return f"{lead} gives {given}: correct the value, or quote the evidence that states it"
    return f"{lead} states no number: quote the sentence that gives it"


def _name_hint(fact: ActorFact) -> str:
    size = len(fact.name.split())
    words = fact.evidence.split()
    grams = [" ".join(words[i : i + size]).strip(",.;:()\"'") for i in range(len(words) - size + 1)]
    match = difflib.get_close_matches(fact.name, grams, n=1, cutoff=0.75)
    return f"; the evidence has '{match[0]}': correct the name or quote it as written" if match else ""


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
