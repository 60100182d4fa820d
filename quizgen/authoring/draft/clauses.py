"""Clauses of a sentence, rewritten in statement order: the phrases the drafter fills slots with.

No parser: word forms from lemminflect (through ``quizgen.text.grammar``) and the punctuation of
news prose are enough to find a clause's finite verb, cut a sentence into clauses, drop what
hangs off a clause (appositions, participles, leading adverbials, attributions) and give a clause
back its subject when it lost it (a relative clause, a participle, a pronoun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.text.grammar import AUXILIARIES, DETERMINERS, _finite_form, _lemmas, _verb_only, tokens

RELATIVES = ("who", "which", "that", "whose", "whom")
SUBORDINATORS = (
    "after", "before", "when", "while", "as", "because", "although", "though", "whereas", "since",
    "until", "if", "once", "so", "but", "and", "where",
)  # fmt: skip
SAYING = (
    "said", "says", "say", "told", "tells", "warned", "warns", "added", "announced", "stressed", "noted",
    "replied", "explained", "insisted", "claimed", "hope", "hopes", "hoped", "urged", "announce", "adding",
    "saying", "warning",
)  # fmt: skip
PRONOUNS = {"it": "singular", "they": "plural", "he": "person", "she": "person", "its": "singular"}
# Words that qualify a time of day or a part of a day, around a date ("late on Wednesday",
# "on Monday evening", "at 6.20pm", "shortly before midnight").
TIME_OF_DAY = re.compile(
    r"(?:\b(?:shortly|just|soon|well|late|early)\s+)?"
    r"(?:\b(?:at|around|about|by|before|after)\s+)?"
    r"(?:\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|hrs)\b(?:\s+local\s+time)?|\b(?:midnight|midday|noon)\b"
    r"|\bten minutes after midnight\b)",
    re.IGNORECASE,
)
_ADJECTIVAL = re.compile(r"^\d[\d,.]*-year-old\s+|\b\d[\d,.]*-year-old\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def words(text: str) -> list[str]:
    return text.split()


def is_finite(word: str, before: str = "", after: str = "") -> bool:
    """A finite verb form, for a word that can be one where it stands."""
    low = word.lower()
    if low in AUXILIARIES:
        return True
    if not word[:1].isalpha() or word[:1].isupper():
        return False
    form = _finite_form(word)
    if not form:
        return False
    if before.lower() in DETERMINERS or before.lower() in ("of", "to", "per", "every", "all", "some", "many"):
        return False
    if before[:1].isdigit() or before.lower() in _NUMBER_WORDS:
        return False  # '25 crew members': a counted noun ('crew' is also the past of 'crow')
    if before.lower() in AUXILIARIES or before.lower() in ("been", "being", "be"):
        return False  # 'had been wedged': the participle of the verb group
    if _verb_only(word) or form == "VBD":
        return True
    return _agrees(word, form, before, after)


_NUMBER_WORD_TEXT = "one two three four five six seven eight nine ten eleven twelve dozen"
_OBJECT_START_TEXT = "the a an its their his her this that these those no about to up out off"
_NUMBER_WORDS = frozenset(_NUMBER_WORD_TEXT.split())
_OBJECT_STARTS = frozenset(_OBJECT_START_TEXT.split())


def plural_noun(word: str) -> bool:
    """A noun in the plural, by its lemma ('people', 'observatories'); cheap, no inflect."""
    low = word.lower()
    if low in ("people", "police", "staff"):
        return True
    nouns = _lemmas(low).get("NOUN")
    return bool(nouns) and nouns[0] != low and not low.endswith("ss")


def _agrees(word: str, form: str, before: str, after: str = "") -> bool:
    """A present-tense form that agrees with the word before it: 'people work', 'they visit',
    'it lies', 'the canal carries' (not 'oil prices', 'trade talks')."""
    low = before.lower()
    if not low or not before[:1].isalpha():
        return False
    if form == "VBP":
        return low in ("they", "we", "i", "you") or plural_noun(low)
    if form == "VBZ":
        if low in ("it", "he", "she"):
            return True
        if "NOUN" not in _lemmas(low) or plural_noun(low):
            return False
        # 'the picture shows the …': a noun-like form is the verb when its object follows
        return "NOUN" not in _lemmas(word.lower()) or after.lower() in _OBJECT_STARTS
    return False


def verb_positions(text: str) -> list[int]:
    """Character offsets of the words of ``text`` that may be finite verbs."""
    toks = tokens(text)
    found = []
    for i, tok in enumerate(toks):
        before = toks[i - 1].text if i else ""
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        if is_finite(tok.text, before, after):
            found.append(tok.start)
    return found


def main_verb(text: str) -> int | None:
    """The character offset of the clause's finite verb: the first one after its subject,
    skipping the verb of a relative clause inside the subject ("staff who checked found")."""
    toks = tokens(text)
    verbs = [
        i
        for i, t in enumerate(toks)
        if i and is_finite(t.text, toks[i - 1].text, toks[i + 1].text if i + 1 < len(toks) else "")
    ]
    if not verbs:
        return None
    first = verbs[0]
    relative = any(t.lower in RELATIVES for t in toks[1:first])
    if relative and len(verbs) > 1:
        return toks[verbs[1]].start
    return toks[first].start


def is_clause(text: str) -> bool:
    """Words before a finite verb: a subject and its verb."""
    return main_verb(text) is not None


def subject_of(text: str) -> str:
    """The words before the clause's finite verb (its subject), or ''."""
    verb = main_verb(text)
    return text[:verb].strip(" ,") if verb is not None else ""


# --- cutting a sentence -------------------------------------------------------------------

_HARD = re.compile(r";\s|:\s|\s[\u2014\u2013-]\s")


def quoted_spans(text: str) -> list[Span]:
    """The spans inside quotation marks, marks included."""
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"", text)]
    return spans


def _inside(spans: list[Span], position: int) -> bool:
    return any(s.start < position < s.end for s in spans)


def hard_part(sentence: str, focus: Span) -> Span:
    """The part of the sentence between semicolons, colons and dashes that holds the focus."""
    quotes = quoted_spans(sentence)
    cuts = [0]
    for m in _HARD.finditer(sentence):
        if not _inside(quotes, m.start()):
            cuts += [m.start(), m.end()]
    cuts.append(len(sentence))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
    for start, end in pairs:
        if start <= focus.start and focus.end <= end:
            return Span(start, end)
    return Span(0, len(sentence))


def _clause_starts(text: str) -> list[tuple[int, str]]:
    """Where clauses start inside ``text``: (offset of the opening word, the word)."""
    starts = []
    quotes = quoted_spans(text)
    for m in re.finditer(r"(?:,\s+|\s)(" + "|".join(SUBORDINATORS + RELATIVES) + r")\s", text):
        word = m.group(1)
        position = m.start(1)
        if _inside(quotes, position):
            continue
        rest = text[m.end() :]
        stop = re.search(r",\s|\s(?:and|but)\s", rest)
        following = rest[: stop.start()] if stop else rest
        if word in RELATIVES:
            if (
                word == "that"
                and not _after_saying(text[:position])
                and not text[m.start() : m.start(1)].startswith(",")
            ) and not is_clause("x " + following):
                continue
            starts.append((position, word))
        elif word in ("and", "but"):
            # A new clause only when a subject of its own comes before its verb, and a clause
            # before it has had its verb ("between Niger and France has deteriorated": a subject).
            verb = main_verb("x " + following)
            first = following.split()[0].lower() if following.split() else ""
            earlier = [p for p, _ in starts]
            since = text[(earlier[-1] if earlier else 0) : position]
            own_subject = verb is not None and verb > 2 and not is_finite(first) and first not in ("to",)
            after_clause = main_verb("x " + since.strip()) is not None
            if own_subject and (after_clause or text[m.start() : position].startswith(",")):
                starts.append((position, word))
        elif word == "so" and not text[m.start() : position].startswith(","):
            continue
        elif is_clause("x " + following):
            starts.append((position, word))
        elif (
            word in ("while", "when", "after", "before", "since")
            and following.split()[:1]
            and (following.split()[0].endswith("ing"))
        ):
            starts.append((position, word))  # "while heading north": a participle clause
    return starts


def _after_saying(before: str) -> bool:
    """'said in an address from the Oval Office that': 'that' opens what is reported."""
    before = re.sub(
        r",\s+(?:however|though|meanwhile|too|also|in turn|of course|for example),?\s*$", " ", before
    )
    clause = re.split(r"[,;:]", before)[-1]
    last = clause.split()[-8:]
    return any(w.lower() in SAYING for w in last)


@dataclass(frozen=True)
class Clause:
    """One clause of a sentence: its span, the word that opened it, and what it hangs off."""

    span: Span
    opener: str = ""  # the subordinator or relative word that opened it (dropped from its text)
    antecedent: str = ""  # for a relative clause: the noun phrase it describes


def relative_spans(text: str) -> list[tuple[Span, str]]:
    """Relative clauses set off by a comma (", which …,"): their spans and opening words."""
    quotes = quoted_spans(text)
    found = []
    for m in re.finditer(r",\s+(which|who|whose|whom)\s", text):
        if _inside(quotes, m.start()):
            continue
        stop = [c.start() for c in re.finditer(r",(?!\d)", text) if c.start() > m.end()]
        stop = [c for c in stop if not _inside(quotes, c)]
        found.append((Span(m.start(1), stop[0] if stop else len(text)), m.group(1)))
    return found


def clause_of(sentence: str, focus: Span) -> Clause:
    """The clause that holds the focus, without its opening word."""
    part = hard_part(sentence, focus)
    text = part.of(sentence)
    relatives = [(Span(part.start + r.start, part.start + r.end), w) for r, w in relative_spans(text)]
    for span, word in relatives:
        if span.start <= focus.start and focus.end <= span.end:
            antecedent = _antecedent(sentence[part.start : span.start])
            return Clause(Span(span.start + len(word) + 1, span.end), word, antecedent)
    starts = [
        (part.start + p, w)
        for p, w in _clause_starts(text)
        if not any(r.start <= part.start + p < r.end for r, _ in relatives)
        and not (w in ("which", "who", "whose", "whom") and text[:p].rstrip().endswith(","))
    ]
    begin, opener = part.start, ""
    for position, word in starts:
        if position <= focus.start:
            begin, opener = position, word
    end = part.end
    if opener in ("that", "who", "which") and not sentence[:begin].rstrip().endswith(","):
        # a restrictive relative clause ends where the main clause's verb comes: "The putsch
        # that occurred on July 26 resulted in …"
        body = sentence[begin + len(opener) + 1 : part.end]
        verbs = verb_positions(body)
        if len(verbs) >= 2:
            end = begin + len(opener) + 1 + verbs[1]
    for position, word in starts:
        if position > focus.end and (word not in RELATIVES or sentence[:position].rstrip().endswith(",")):
            if word == "that" and _after_saying(sentence[begin:position]):
                continue  # "said that …": the report and what it reports stay together
            end = position
            break
    antecedent = ""
    body_start = begin + (len(opener) + 1 if opener else 0)
    if opener in RELATIVES and not (opener == "that" and _after_saying(sentence[part.start : begin])):
        antecedent = _antecedent(sentence[part.start : begin])
    return Clause(Span(body_start, end), opener, antecedent)


def _antecedent(before: str) -> str:
    """The noun phrase a relative clause describes: the words before it back to a clause break."""
    text = before.rstrip(" ,")
    cut = max(
        [0]
        + [m.end() for m in re.finditer(r",\s|\s(?:after|when|while|because|and|but|as)\s", text)]
        + [m.end() for m in re.finditer(r"\b(?:of|by|to|in|from|at|on|with|for|across)\s", text)],
    )
    phrase = text[cut:].strip()
    named = re.search(r"(\b[a-z]+\s+(?:in|of|from|at)\s+)$", text[:cut])
    if phrase[:1].isupper() and named and not re.match(r"(?:the|a|an)\s", named.group(1)):
        phrase = named.group(1) + phrase  # 'attacks in Paris that killed 130 people'
    verb = main_verb("x " + phrase)
    if verb is not None:
        phrase = phrase[verb - 1 :].split(" ", 1)[-1] if " " in phrase[verb - 1 :] else ""
    return phrase


# --- trimming a clause ----------------------------------------------------------------------


def _comma_segments(text: str) -> list[Span]:
    """Spans between commas (outside quotes and digits), with the commas' positions as bounds."""
    quotes = quoted_spans(text)
    cuts = [m.start() for m in re.finditer(r",(?!\d)", text) if not _inside(quotes, m.start())]
    bounds = [0, *cuts, len(text)]
    return [Span(a + (1 if i else 0), b) for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))]


def _is_name_list(segments: list[str]) -> bool:
    return len(segments) >= 2 and all(
        re.fullmatch(r"\s*(?:and\s+)?(?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*\s*", s)
        for s in segments
    )


_TRAILING_SAYING = re.compile(
    r",\s+(?:(?:the|a|an|[A-Z][\w.]*['\u2019]s)\s+[^,]{2,60},\s+)?(?:[A-Z][\w'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*,?\s+"
    r"(?:said|says|told\s+\w+|added)\.?\s*$|,\s+(?:he|she|they|officials|the\s+\w+)\s+(?:said|says|noted|added)\.?\s*$"
)
_ASIDE = re.compile(
    r",\s+(?:however|though|meanwhile|too|also|in turn|of course|for example|"
    r"(?:he|she|they)\s+(?:said|noted|added)),"
)
_LEADING_SUBORDINATE = re.compile(
    r"^(?:By the time|When|After|Before|As|If|Once|While|Because|Although|Though|Since|Until|Within hours of|"
    r"Earlier in the day|Late on \w+|Early on \w+)\b[^,]*,\s*"
)


_LEADING_TIME = re.compile(
    r"^(?:Earlier|Later) in the day\s+|^(?:Late|Early) on \w+day\s+(?=[a-z]*\s*[A-Za-z])"
)


def _word_list_piece(pieces: list[str], index: int) -> bool:
    """A piece inside a list of single words: 'to find, isolate, test and treat every case'."""
    piece = pieces[index].strip()
    return bool(re.fullmatch(r"[a-z]+", piece)) or bool(re.match(r"[a-z]+\s+and\s+[a-z]+\b", piece))


def trim(text: str, keep: Span | None = None) -> str:
    """The clause without what hangs off it: a leading adverbial before a comma, appositions and
    participles between commas or after the last one; never the words in ``keep``."""
    if keep is None or keep.end <= len(text) - len(
        _TRAILING_SAYING.search(text).group(0) if _TRAILING_SAYING.search(text) else ""
    ):
        cut = _TRAILING_SAYING.search(text)
        if cut and (keep is None or keep.end <= cut.start()):
            text = text[: cut.start()]
    aside = _ASIDE.search(text)
    while aside and (keep is None or not aside.start() <= keep.start < aside.end()):
        shift = aside.end() - aside.start() - 1
        text = text[: aside.start()] + " " + text[aside.end() :].lstrip()
        if keep is not None and keep.start > aside.start():
            keep = Span(keep.start - shift, keep.end - shift)
        aside = _ASIDE.search(text)
    lead = _LEADING_SUBORDINATE.match(text) or _LEADING_TIME.match(text)
    if lead and (keep is None or keep.start >= lead.end()):
        if keep is not None:
            keep = Span(keep.start - lead.end(), keep.end - lead.end())
        text = text[lead.end() :]
    segments = _comma_segments(text)
    if len(segments) == 1:
        return text.strip()
    pieces = [s.of(text) for s in segments]
    if _is_name_list(pieces[1:]) or _is_name_list(pieces[:-1]):
        return text.strip()
    if len(pieces) > 2 and sum(_word_list_piece(pieces, i) for i in range(1, len(pieces))) >= 2:
        return text.strip()  # a list of words, not clauses
    kept: list[str] = []
    dropped = False
    for index, (span, piece) in enumerate(zip(segments, pieces, strict=False)):
        holds = keep is not None and span.start <= keep.start and keep.end <= span.end
        if index == 0:
            if not holds and not is_clause(piece) and _adverbial(piece):
                dropped = True
                continue
            kept.append(piece)
            continue
        keep_it = holds or (
            is_clause(piece)
            and not _participle(piece)
            and not _relative(piece)
            and not _adverbial(piece)
            and not _apposed_noun(piece)
        )
        if not keep_it and kept and _continues(piece) and (not is_clause(kept[-1]) or _open_that(kept[-1])):
            keep_it = True  # "The Ever Given, one of …, ran aground": the verb after an apposition
        if not keep_it:
            dropped = True
            continue
        joins = kept and _continues(piece) and (dropped or kept[-1].strip() and not is_clause(kept[-1]))
        if joins:
            kept[-1] = kept[-1] + " " + piece.strip()
        else:
            kept.append(piece)
        dropped = False
    if not kept:
        return text.strip()
    out = ",".join(kept).strip()
    return re.sub(r"\s+", " ", out)


def _open_that(piece: str) -> bool:
    """'Analysts warned that the disruption to supply chains': a reported clause still waiting
    for its verb."""
    match = re.search(r"\bthat\s+(.+)$", piece)
    return bool(match) and main_verb("x " + match.group(1)) is None


def _apposed_noun(piece: str) -> bool:
    """'a giant container ship that had been wedged …': a noun phrase whose verb is its relative
    clause's, set beside a name."""
    words = piece.split()
    if not words or words[0].lower() not in ("a", "an", "the", "one"):
        return False
    verb = main_verb(piece)
    return verb is not None and any(w in RELATIVES for w in piece[:verb].split())


def _continues(piece: str) -> bool:
    """A piece that starts with the verb of a subject before it."""
    toks = piece.split()
    if not toks:
        return False
    first = toks[0]
    if first.lower() in ("also", "never", "then", "later", "now", "still") and len(toks) > 1:
        first = toks[1]
    return is_finite(first) and not _relative(piece)


_ADVERBIAL_STARTS = (
    "then instead however meanwhile earlier later after before over in on for by at during within "
    "among according around late early once also still now today yesterday finally afterwards far "
    "more less much just well nearly almost about roughly some despite amid under into from with "
    "without"
)
ADVERBIAL_STARTS = frozenset(_ADVERBIAL_STARTS.split())


def _adverbial(piece: str) -> bool:
    first = piece.split()[0] if piece.split() else ""
    if first.lower() in ADVERBIAL_STARTS:
        return True
    return len(piece.split()) == 1 and first.endswith("ly")


def _participle(piece: str) -> bool:
    words = piece.split()
    while len(words) > 1 and words[0].lower() in (
        "already",
        "still",
        "also",
        "now",
        "just",
        "recently",
        "once",
        "then",
    ):
        words = words[1:]
    first = words[0] if words else ""
    return bool(first) and first[:1].islower() and (first.endswith("ing") or _is_participle(first))


def _is_participle(word: str) -> bool:
    lemmas = _lemmas(word.lower()).get("VERB")
    if not lemmas:
        return False
    from quizgen.text.grammar import _inflection

    return word.lower() in _inflection(lemmas[0], "VBN") and word.lower() != lemmas[0]


def _relative(piece: str) -> bool:
    first = piece.split()[0].lower() if piece.split() else ""
    return first in RELATIVES


def tidy(text: str) -> str:
    """Spaces folded, no dangling punctuation, connective or preposition at either end."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    for _ in range(3):
        text = text.strip(" ,;:")
        text = re.sub(r"^(?:and|but|or|then|so|also)\s+", "", text, flags=re.I)
        text = re.sub(
            r"\s+(?:and|but|or|of|to|on|in|at|by|from|with|for|as|the|a|an|that|which|who|what)$", "", text
        )
    return text.rstrip(" .")


def without_ages(text: str) -> str:
    """'the 54-year-old shift foreman' -> 'the shift foreman'."""
    return _ADJECTIVAL.sub("", text)


def lower_common(text: str, names: frozenset[str]) -> str:
    """Lower-case the first word when it is not a name ('Astronomers unveiled' -> 'astronomers
    unveiled'; 'Italy placed' stays)."""
    first = text.split(" ", 1)[0]
    bare = first.strip(",.'\u2019")
    if not bare[:1].isupper() or bare in names or bare.isupper() and len(bare) > 1:
        return text
    if len(text.split()) > 1 and text.split()[1][:1].isupper() and bare not in ("The", "A", "An"):
        return text  # 'Smit Salvage', 'Mario Sepúlveda': a name of several words
    if bare in ("The", "A", "An", "This", "These", "Those", "Its", "Their", "His", "Her", "Some", "All"):
        second = text.split()[1] if len(text.split()) > 1 else ""
        if second[:1].isupper():
            return text  # 'The World Health Organization'
        return first.lower() + text[len(first) :]
    if _lemmas(bare.lower()):
        return first.lower() + text[len(first) :]
    return text


# --- a clause in statement order ----------------------------------------------------------


@dataclass
class Context:
    """What the sentences before this one say: the referents a pronoun may stand for."""

    names: frozenset[str] = frozenset()  # words the article capitalises mid-sentence
    subjects: list[str] | None = None  # the subject of each sentence, by index
    persons: list[tuple[int, str]] | None = None  # (sentence index, full name) in article order
    plurals: list[str] | None = None  # the last plural noun phrase of each sentence
    things: list[str] | None = None  # a name set off by commas in each sentence ('…, Sagittarius A*, …')

    def referent(self, pronoun: str, index: int) -> str | None:
        """What 'it', 'they', 'he' or 'she' at the start of sentence ``index`` stands for."""
        kind = PRONOUNS.get(pronoun.lower())
        if kind == "person":
            named = [name for i, name in self.persons or [] if i < index or i == index]
            previous = self.subjects[index - 1] if self.subjects and index else ""
            for name in reversed(named):
                if previous and (name in previous or name.split()[-1] in previous.split()):
                    return name  # 'Luis Urzúa, the shift foreman, stepped out … He was …'
            return named[-1] if named else None
        if index == 0 or not self.subjects:
            return None
        previous = self.subjects[index - 1]
        if kind == "plural":
            if previous and plural_noun(previous.split()[-1]) and previous.split()[0].lower() not in PRONOUNS:
                return previous
            plural = (self.plurals or [""] * (index))[index - 1]
            return plural or None
        if previous and re.search(r"\b(?:team|group|family|staff|crew|government|company)$", previous):
            named = self.things[index - 1] if self.things else ""
            if named:
                return named  # 'The team is analysing … a second target, Sagittarius A* … It lies …'
        if previous and previous.split()[0].lower() not in PRONOUNS and not previous.endswith("ing"):
            return previous
        return None


def unattributed(text: str, index: int, context: Context) -> str:
    """'Officials said it could take about four days' -> 'it could take about four days', its
    pronoun subject then replaced by what it stands for."""
    saying = "|".join(SAYING)
    cut = re.sub(
        rf"^(?:[\w.'\u2019-]+\s+){{1,4}}(?:{saying})\b(?:\s+[^,]{{0,60}}?)?\s+that\s+(?=\w)", "", text
    )
    if cut == text:
        cut = re.sub(rf"^(?:[\w.'\u2019-]+\s+){{1,4}}(?:{saying})\s+(?=\w)", "", text)
    if cut == text:
        return text
    return _give_subject(cut, "", index, context) or cut


def reduced_relative(text: str) -> str:
    """'the last of the 33 miners trapped deep beneath Chile's Atacama Desert was hauled …' ->
    '33 miners were trapped deep beneath Chile's Atacama Desert': a participle after a noun."""
    match = re.match(
        r"^(?:the\s+(?:last|first|rest)\s+of\s+)?(?:the\s+)?((?:[\w-]+\s+){0,2}[a-z]+s)\s+([a-z]+(?:ed|en|wn|ght))\s+([^,;]+?)\s+(?:was|were|is|are|had|has)\b",
        text,
    )
    if not match:
        return text
    return f"{match.group(1)} were {match.group(2)} {match.group(3)}"


_COMPARATIVE_TAIL = re.compile(
    r"\s+(?:barely|far|well|much|only)\s+(?:wider|less|more|narrower|bigger|smaller|higher|lower)\s+than\b.*$"
)


def statement(sentence: str, focus: Span, index: int, context: Context) -> str | None:
    """The clause holding the focus as a statement: subject first, then its verb; what hangs off
    it dropped; a relative clause or a participle given its subject; a pronoun subject replaced
    by what it stands for. None when no clause with a subject can be made."""
    clause = clause_of(sentence, focus)
    start = clause.span.start
    raw = clause.span.of(sentence)
    local = Span(focus.start - start, focus.end - start)
    if local.start >= 0 and local.end <= len(raw):
        participle = _participle_clause(sentence, clause, focus, index, context)
        if participle is not None:
            return participle
        apposition = _apposition_clause(raw, local, context)
        if apposition is not None:
            return apposition
        text = trim(raw, local)
    else:
        text = trim(raw)
    text = tidy(text)
    unquoted = re.sub(r"^[\"\u201c][^\"\u201d]*[\"\u201d],?\s*", "", text)
    if unquoted != text and is_clause(unquoted) and not (focus.start - start < len(text) - len(unquoted)):
        text = unquoted  # '"…," the 41-year-old president said in a televised address'
    if clause.opener in ("which", "who", "that", "whom") and clause.antecedent:
        text = f"{_antecedent_name(sentence, clause)} {text}"
    elif clause.opener == "whose" and clause.antecedent:
        text = f"{possessive(clause.antecedent)} {text}"
    text = _give_subject(text, sentence, index, context)
    if text is None or not is_clause(text):
        return None
    text = _COMPARATIVE_TAIL.sub("", text)
    return tidy(lower_common(text, context.names))


def _apposition_clause(text: str, focus: Span, context: Context) -> str | None:
    """'…Messier 87, or M87, a giant galaxy in the Virgo cluster' -> 'M87 is a giant galaxy in the
    Virgo cluster'; 'Italy, with the largest outbreak outside China, placed …' -> 'Italy has the
    largest outbreak outside China'; '… mine, about 45 kilometres north of the city of Copiapó'
    -> '… mine is about 45 kilometres north of the city of Copiapó'."""
    segments = _comma_segments(text)
    for i, segment in enumerate(segments):
        if i == 0 or not (segment.start <= focus.start and focus.end <= segment.end):
            continue
        piece = segment.of(text).strip()
        if is_clause(piece) or _participle(piece) or _relative(piece):
            return None
        owner = segments[i - 1].of(text).strip()
        owner = re.sub(r"^or\s+", "", owner)
        with_ = re.match(r"with\s+(.+)$", piece)
        noun = re.search(
            r"((?:the\s+)?(?:[\w'\u2019-]+\s+){0,5}?[A-Z]?[\w'\u2019-]+)$",
            re.split(r"\s(?:of|by|from|in|at|to|on)\s(?=the\s|a\s|[A-Z])", owner)[-1] if not with_ else owner,
        )
        if noun is None:
            return None
        subject = noun.group(1)
        if with_:
            if i != 1:
                return None
            had = re.sub(r"^(?:its|their|his|her)\s+", "", with_.group(1))
            return tidy(f"{subject} has {had}")
        if not re.match(r"(?:a|an|one|about|some|nearly|around|more than)\b|\d", piece):
            return None
        if re.search(r"[$€£]\d", piece) or re.search(r"[$€£]\d", owner):
            return None
        if is_clause(subject) or len(subject.split()) > 8:
            return None
        return tidy(lower_common(f"{subject} is {piece}", context.names))
    return None


def possessive(phrase: str) -> str:
    phrase = phrase.strip()
    return f"{phrase}\u2019" if phrase.endswith("s") else f"{phrase}'s"


def _antecedent_name(sentence: str, clause: Clause) -> str:
    """The antecedent, or the name it is an apposition to ('the Ever Given, a giant container
    ship that …' -> 'the Ever Given')."""
    antecedent = clause.antecedent
    before = sentence[: sentence.find(antecedent)] if antecedent in sentence else ""
    named = re.search(r"((?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+)*[A-Z][\w'\u2019-]*),\s*$", before)
    if named and antecedent.split()[0].lower() in ("a", "an", "one"):
        return named.group(1)
    return antecedent


def with_subject(text: str, index: int, context: Context) -> str:
    """A pronoun subject replaced by what it stands for ('they watched M87' -> 'the radio
    observatories watched M87'), when the sentences before say."""
    return _give_subject(text, "", index, context) or text


def _give_subject(text: str, sentence: str, index: int, context: Context) -> str | None:
    """A clause that starts with its verb gets the sentence's subject; a pronoun subject the
    noun phrase it stands for."""
    first = text.split()[0] if text.split() else ""
    if re.match(r"it\s+(?:(?:could|would|will|may|might)\s+)?(?:took|takes|take|is|was)\b", text, re.I):
        return text  # 'it took them about 15 hours to …': an 'it' that stands for nothing
    if first.lower() in PRONOUNS and first.lower() != "its":
        referent = context.referent(first, index)
        if referent is None:
            return text  # left to the junk filter: a pronoun for a subject
        return referent + text[len(first) :]
    own = main_verb(text)
    starts_with_verb = is_finite(first) and first.lower() not in ("is", "are", "was", "were") and not own
    if sentence and (starts_with_verb or first.lower() in ("has", "have", "had", "will", "would")):
        subject = subject_of(trim(sentence))
        if subject and subject.split()[0].lower() not in PRONOUNS:
            return f"{subject} {text}"
        return None
    return text


def _participle_clause(
    sentence: str, clause: Clause, focus: Span, index: int, context: Context
) -> str | None:
    """', ending two weeks of tense talks at Le Bourget' -> '<subject> ended two weeks …';
    'while heading north from Asia to Rotterdam' -> '<subject> was heading north …'."""
    from quizgen.text.grammar import _inflection

    text = clause.span.of(sentence)
    segments = _comma_segments(text)
    holder = next((s for s in segments if s.start <= focus.start - clause.span.start < s.end), None)
    piece = holder.of(text).strip() if holder is not None else ""
    if clause.opener in ("while", "when") and piece.split()[:1] and piece.split()[0].endswith("ing"):
        head = "was"
        subject = subject_of(trim(sentence))
        return tidy(f"{subject} {head} {piece}") if subject else None
    if holder is None or holder.start == 0 or not piece or not piece.split()[0].endswith("ing"):
        return None
    verb = piece.split()[0]
    if verb.lower() in ("including", "according", "following") or re.match(
        r"(?:starting|beginning|ending)\s+(?:on|in|at|from)\b", piece
    ):
        return None  # 'starting on Friday': no event of its own
    lemmas = _lemmas(verb.lower()).get("VERB")
    if not lemmas:
        return None
    past = _inflection(lemmas[0], "VBD")
    if not past:
        return None
    if clause.opener in RELATIVES and clause.antecedent:
        subject = _antecedent_name(sentence, clause)  # 'a ship that …, holding up …' -> the ship
    else:
        subject = subject_of(tidy(trim(text[: holder.start])))
    if not subject:
        return None
    rest = trim(piece[len(verb) :])
    return tidy(lower_common(f"{subject} {past[0]} {rest}", context.names))


_DATE_LEAD = (
    r"(?:,\s*)?(?:\b(?:late|early|shortly\s+before\s+midnight|just)\s+)?"
    r"(?:\b(?:on|in|since|from|during|by|of|at|until|over(?:\s+several\s+days\s+in)?)\s+)?"
    r"(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\s+)?"
)
_DATE_TAIL = r"(?:\s+(?:morning|afternoon|evening|night|next\s+year|this\s+year|last\s+year))?(?:\s*,)?"


def first_verb_phrase(text: str) -> str:
    """'work on the cathedral began and took nearly two centuries' -> '… began': a clause's
    second verb phrase is another fact."""
    return re.sub(r",?\s+(?:and|but)\s+(?=(?:has|have|had|was|were|is|took|ran|[a-z]+ed)\b).*$", "", text)


def without_date(text: str, written: str) -> str:
    """The clause without the date phrase ('late on Wednesday', 'on the morning of Tuesday 23
    March', 'in 2009') and without times of day ('at 6.20pm', 'shortly before midnight')."""
    text = re.sub(_DATE_LEAD + re.escape(written) + _DATE_TAIL, " ", text, count=1, flags=re.I)
    text = TIME_OF_DAY.sub(" ", text)
    text = re.sub(r"\s+(?:earlier|later)\s+in\s+the\s+(?:morning|day|evening)\b", " ", text)
    text = re.sub(r",?\s+(?:starting|beginning)$", "", tidy(text))
    return tidy(text)


_STOP_WORDS = (
    "a an the of in on at to from by for with and or but as that which who whom whose this these "
    "those is are was were be been being has have had will would could should may might can its their "
    "his her it they he she them there so than then also not no most some all"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())
