"""English for generated sentences: articles, agreement, numbers at a sentence's start, and
questions made from statements ("the ship was towed to X" -> "Where was the ship towed?").

Word forms come from inflect and lemminflect (word lists, no model, nothing fetched); they are
imported on first use so that ``quizgen --help`` stays fast.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from dataclasses import dataclass
from typing import Any

BE = {"am", "is", "are", "was", "were"}
HAVE = {"has", "have", "had"}
DO = {"do", "does", "did"}
MODALS = {"can", "could", "will", "would", "shall", "should", "may", "might", "must"}
AUXILIARIES = BE | HAVE | DO | MODALS
# Words that start a clause inside the subject ("the ship that ran aground"): not the main verb.
SUBORDINATORS = {"that", "which", "who", "whom", "whose", "where", "when", "while", "after", "before"}
PREPOSITIONS = {
    "about", "above", "across", "after", "against", "along", "among", "around", "at", "before", "behind",
    "below", "beneath", "beside", "between", "beyond", "by", "during", "for", "from", "in", "inside",
    "into", "near", "off", "on", "onto", "out", "outside", "over", "past", "since", "through",
    "throughout", "to", "toward", "towards", "under", "until", "up", "upon", "with", "within", "without",
}  # fmt: skip
DROPPED_BEFORE_WH = {"for", "in", "on", "at", "during", "within", "into", "to", "from", "by"}
NEW_PHRASE = {"every", "each", "per", "a", "an", "this", "that", "last", "next", "the"}
LEADING_QUANTIFIERS = {"all", "the", "some", "its", "their", "his", "her", "our", "these", "those"}
DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my"}
# Nouns inflect would wrongly make singular ("crisis" -> "crisi").
ALWAYS_PLURAL = {"people", "police", "cattle", "clergy"}
NOT_PLURAL = {"news", "crisis", "analysis", "basis", "thesis", "series", "species", "physics", "means"}
SMALL_NUMBERS_AS_WORDS = 100  # below this a number starting a sentence is written in words

_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")


_IMPORTING = threading.Lock()


@functools.cache
def _inflect() -> Any:
    return inflect_module().engine()


def inflect_module() -> Any:
    """inflect, imported without typeguard's instrumentation. inflect wraps its methods in
    typeguard's ``@typechecked``, which compiles them again when inflect is imported (1.9 s of
    CPU, in every quizgen process) and type-checks every call; typeguard makes the decorator a
    no-op under ``python -O``, being meant for development. quizgen imports inflect as -O would:
    the same words, without the checks."""
    with _IMPORTING:  # two threads (the web app's) must not restore each other's patch
        if "inflect" in sys.modules:
            return sys.modules["inflect"]
        import typeguard

        checked = typeguard.typechecked
        typeguard.typechecked = _unchecked  # what inflect's 'from typeguard import typechecked' finds
        try:
            import inflect
        finally:
            typeguard.typechecked = checked
        return inflect


def _unchecked(target: Any = None, **options: Any) -> Any:
    """``typeguard.typechecked`` as it is under ``python -O``: the target unchanged."""
    return _unchecked if target is None else target


def load_word_lists() -> None:
    """Load now what the first sentence would load: inflect, and lemminflect's two tables
    (0.4 s each). Worker processes forked after this share them."""
    _inflect()
    _lemmas("was")
    _inflection("be", "VBD")


@functools.cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word))


def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """The word's lemmas by part of speech ('teams' -> {'NOUN': ('team',), 'VERB': ('team',)})."""
    return _lemmas(word.lower())


@functools.lru_cache(maxsize=65536)  # lemminflect deep-copies the lemma's entries on every call
def _inflection(lemma: str, tag: str) -> tuple[str, ...]:
    from lemminflect import getInflection

    return tuple(getInflection(lemma, tag=tag))


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


THE_IN_NAME = (
    "The Hague", "The Gambia", "The Times", "The Guardian", "The Economist", "The Washington Post",
    "The New York Times", "The Lancet", "The Astrophysical Journal",
)  # fmt: skip


def lower_first_article(name: str) -> str:
    """A name as it reads mid-sentence: 'The opposition' -> 'the opposition', 'The UN
    headquarters' -> 'the UN headquarters'; names whose 'The' is part of them keep it."""
    if name.startswith(THE_IN_NAME):
        return name
    match = re.match(r"(The|A|An) (?=\w)", name)
    return name[:1].lower() + name[1:] if match else name


def close_aside(phrase: str) -> str:
    """A phrase with an aside left open ('recordings of petabytes, far too much to send') closed
    with a comma, so that a verb can follow it."""
    return phrase + "," if phrase.count(",") % 2 == 1 else phrase


def a_or_an(phrase: str) -> str:
    """'a' or 'an' for the phrase: 'an hour', 'a European', 'an 11-year-old'."""
    first = phrase.split()[0] if phrase.split() else phrase
    digits = re.match(r"\d[\d,]*", first)
    if digits:
        spoken = _inflect().number_to_words(int(digits.group().replace(",", "")))
        return "an" if spoken.startswith(("eight", "eleven")) else "a"
    return str(_inflect().a(first)).split()[0]


def head_noun(noun_phrase: str) -> str:
    """The head of a noun phrase: the last word of its first chunk ('the coup leaders now in
    power, who …' -> 'leaders'), or the word before 'of' ('the leaders of the coup')."""
    words = noun_phrase.replace(",", " , ").split()
    chunk: list[str] = []
    for word in words:
        lower = word.lower().strip("’'\"")
        if chunk and (
            word == ","
            or lower in PREPOSITIONS
            or lower in SUBORDINATORS
            or lower in ADVERBS
            or lower == "of"
        ):
            break
        chunk.append(word)
    return chunk[-1].strip(",.;:'’\"") if chunk else ""


ADVERBS = {"now", "still", "currently", "then", "also", "already", "once", "formerly", "later", "today"}


@functools.lru_cache(maxsize=65536)  # pure; lemminflect guesses an unknown word's lemmas anew
def is_plural(noun_phrase: str) -> bool:
    """True when the phrase's head noun is plural: 'jihadists', 'the coup leaders', 'the
    leaders of the coup'; False for 'Niger's military', 'France', 'the crisis'."""
    if " and " in noun_phrase.split(",")[0]:
        return True  # "firefighters and police"
    head = head_noun(noun_phrase)
    if not head or head[:1].isupper() or head.lower() in NOT_PLURAL or head.endswith("ss"):
        return False
    word = head.lower()
    if word in ALWAYS_PLURAL:
        return True
    last = word.split("-")[-1] if "-" in word and word.split("-")[-1] in ("general", "elect") else word
    if last != word:
        word = word.split("-")[0]  # "secretaries-general": the first part carries the number
    from lemminflect import getAllLemmas, getAllLemmasOOV

    nouns = getAllLemmas(word).get("NOUN") or getAllLemmasOOV(word, "NOUN").get("NOUN") or ()
    return bool(nouns) and word not in nouns


def number_words(value: int) -> str:
    return str(_inflect().number_to_words(value))


def start_sentence(text: str) -> str:
    """Start a sentence as a careful writer does: a capital, and never a digit. Small numbers
    become words ('5 countries' -> 'Five countries'); larger ones get 'A total of'."""
    match = re.match(r"(\d[\d,]*)(?![\d.,]*\d)(\s)", text)
    if match:
        value = int(match.group(1).replace(",", ""))
        if value < SMALL_NUMBERS_AS_WORDS:
            return capfirst(number_words(value)) + text[match.end(1) :]
        return "A total of " + text
    if re.match(r"[\d$€£]", text):
        return "A total of " + text
    return capfirst(text)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _is_word(token: Token) -> bool:
    return token.text[:1].isalpha()


def _verb_only(word: str) -> bool:
    lemmas = _lemmas(word.lower())
    return "VERB" in lemmas and not ({"NOUN", "ADJ", "PROPN", "ADV"} & set(lemmas))


def _finite_form(word: str) -> str | None:
    """'VBD', 'VBZ' or 'VBP' when the word is a finite verb form, else None."""
    lemmas = _lemmas(word.lower()).get("VERB")
    if not lemmas:
        return None
    lemma = lemmas[0]
    for tag in ("VBD", "VBZ", "VBP"):
        if word.lower() in _inflection(lemma, tag):
            return tag
    return None


@functools.lru_cache(maxsize=65536)  # pure; asked for the same clauses by checks and phrases
def main_verb(clause: str) -> int | None:
    """The index (in ``tokens(clause)``) of the clause's finite verb, or None.

    Words are read in order. A relative or subordinate word ('the mine where the miners were
    trapped lies …') opens a clause that takes the next verb, with the participles that follow it.
    The main verb is the first other auxiliary or word that can only be a verb; failing that, the
    first finite form that may also be a noun, preferring a past tense ('the Plan B drill broke
    through') to a present one ('the San José mine lies')."""
    toks = tokens(clause)
    pending = 0
    chain = False
    weak: list[tuple[int, int]] = []  # (tag rank, index)
    for i in range(1, len(toks)):
        tok = toks[i]
        if not _is_word(tok):
            chain = False
            continue
        if tok.text in SUBORDINATORS:
            pending += 1
            chain = False
            continue
        auxiliary = tok.lower in AUXILIARIES
        form = None if auxiliary else _finite_form(tok.text)
        if chain and (auxiliary or _participle(tok.lower) or tok.lower in ("not", "been", "being")):
            continue  # the rest of a subordinate clause's verb: "were trapped"
        chain = False
        after_relative = pending and toks[i - 1].text in SUBORDINATORS  # "the virus that causes …"
        # after a determiner or a number a past form is an adjective: "the 33 trapped miners"
        modifier = toks[i - 1].lower in DETERMINERS or toks[i - 1].text[:1].isdigit()
        verbal = auxiliary or (form is not None and (after_relative or not modifier))
        if not verbal:
            continue
        if pending:
            pending -= 1
            chain = True
            continue
        if auxiliary or _verb_only(tok.text):
            return i
        if tok.text[:1].islower():
            weak.append(({"VBD": 0, "VBZ": 1}.get(form or "", 2), i))
    return min(weak)[1] if weak else None


def _participle(word: str) -> bool:
    lemmas = _lemmas(word).get("VERB")
    if not lemmas:
        return False
    return word in _inflection(lemmas[0], "VBN") or word in _inflection(lemmas[0], "VBG")


def _have_is_auxiliary(toks: list[Token], index: int) -> bool:
    following = toks[index + 1] if index + 1 < len(toks) else None
    if following is None:
        return False
    if following.lower in ("been", "not"):
        return True
    lemmas = _lemmas(following.lower).get("VERB")
    return bool(lemmas) and following.lower in _inflection(lemmas[0], "VBN") and following.lower != lemmas[0]


def question_order(clause: str) -> str | None:
    """A statement clause in question order, for a question word to go before it:
    'the ship was towed' -> 'was the ship towed'; 'teams freed the ship' -> 'did teams free
    the ship'. None when no verb is found."""
    toks = tokens(clause)
    index = main_verb(clause)
    if index is None:
        return None
    verb = toks[index]
    subject = clause[: verb.start].strip()
    rest = clause[verb.end :].strip()
    if verb.lower in AUXILIARIES and (verb.lower not in HAVE or _have_is_auxiliary(toks, index)):
        return " ".join(p for p in (verb.text, subject, rest) if p)
    form = _finite_form(verb.text)
    lemma = _lemmas(verb.lower).get("VERB", (verb.lower,))[0]
    helper = {"VBD": "did", "VBZ": "does"}.get(form or "", "do")
    return " ".join(p for p in (helper, subject, lemma, _coordinated_base(rest, form)) if p)


def _coordinated_base(rest: str, form: str | None) -> str:
    """After 'did', a second verb joined by 'and' goes to its base form too: 'did a fire destroy
    the roof and bring down the spire'."""

    def base(match: re.Match[str]) -> str:
        word = match.group(2)
        lemmas = _lemmas(word.lower()).get("VERB")
        if lemmas and _finite_form(word) == form and _verb_only(word):
            return f"{match.group(1)}{lemmas[0]}"
        return match.group(0)

    return re.sub(r"(\band )([a-z]+)\b", base, rest)


REPORTING = re.compile(
    r"^(?P<who>[^,]{1,80}?) (?:said|says|told reporters|reported|estimated|estimate|announced|added|"
    r"warned|believed|believe|believes|expected|expects|expect)(?: that)? (?P<rest>.+)$"
)
ADJUNCT = {
    "for",
    "in",
    "on",
    "at",
    "during",
    "within",
    "by",
    "since",
    "until",
    "over",
    "after",
    "before",
    "to",
}
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")


ADVERBIAL_WH = ("how often", "when", "where", "why", "in which", "on what", "since which", "since what")


# A phrase that opens a clause, set off by a comma ("on 11 March 2020, the bank cut …").
LEADING_PHRASE = re.compile(
    r"^((?:on|in|as of|under|by|after|before|since|during|at|from)\s[^,]{2,60}),\s+", re.I
)


def wh_question(clause: str, start: int, end: int, wh: str, in_place: bool = False) -> str | None:
    """The question asking for ``clause[start:end]`` with the phrase ``wh`` ("how many French
    troops", "where", "who"), or None when no question a teacher would print can be made.

    - A span in the subject is replaced in place ("1,500 troops were stationed in Niger" ->
      "How many troops were stationed in Niger?"; "negotiators from 195 countries adopted it"
      -> "Negotiators from how many countries adopted it?").
    - A span that the verb takes is fronted and the rest put in question order ("the canal
      carries 12% of world trade" -> "What percentage of world trade does the canal carry?"). A
      clause-level preposition goes with it ("In how many papers were the results published?",
      "For how many days …?"); one that belongs to its verb stays ("… account for?").
    - A span in a clause after 'predicted', 'expected' and the like is fronted over it ("How many
      hours had officials predicted the rescue would take?"); 'X said (that) …' becomes
      'According to X, …'.
    - Elsewhere (inside a noun phrase after the verb), None: an echo question ("… has a mass how
      many times that of the Sun?") reads badly in print. ``in_place`` asks for one all the same.
    """
    lead = LEADING_PHRASE.match(clause)
    if lead is not None and lead.end() <= start:  # "on 11 March, the bank cut …": it opens the question
        rest = clause[lead.end() :]
        inner = wh_question(rest, start - lead.end(), end - lead.end(), wh, in_place)
        if inner is None:
            return None
        first = inner.split()[0]
        proper = rest[:1].isupper() and rest.startswith(first)  # "Italy placed …" keeps its capital
        return _question(f"{lead.group(1)}, {inner[:-1] if proper else inner[:1].lower() + inner[1:-1]}")
    reported = REPORTING.match(clause[:start])
    if reported and main_verb(reported.group("who")) is None:
        offset = reported.start("rest")
        inner = wh_question(clause[offset:], start - offset, end - offset, wh)
        if inner is None:
            return None
        return _question(f"according to {reported.group('who')}, {inner[:1].lower()}{inner[1:-1]}")
    before, after = clause[:start].strip(), clause[end:].strip()
    if in_place and before:
        return _question(f"{before} {wh} {after}")
    words = before.split()
    if words and all(word.lower() in LEADING_QUANTIFIERS for word in words):
        before, words = "", []  # "all 25 crew members were unharmed" -> "How many crew members …?"
    if not before:
        return _question(f"{wh} {after}")
    verb = main_verb(before)
    bounded = wh.lower().startswith(("at least", "up to"))  # "at least how many": not a preposition
    adverbial = wh.lower().startswith(ADVERBIAL_WH) or (wh.split()[0].lower() in PREPOSITIONS and not bounded)
    if adverbial and verb is not None:  # "When did …?", "How often …?", "To which city …?"
        return _front(before, "", wh, after)
    if verb is None:  # the span is inside the subject
        return _question(f"{before} {wh} {after}")
    moved = _over_a_complement(before, verb, wh, after)
    if moved is not None:
        return moved
    last = words[-1].lower()
    between = tokens(before)[verb + 1 :]
    if last in PIED_PIPED:
        rest = before[: -len(words[-1])].strip()
        return _front(rest, "", f"{words[-1].lower()} {wh}", after)
    if last in ADJUNCT or _verb_chain(between):
        stranded = words[-1] if last in PREPOSITIONS else ""
        rest = before[: -len(words[-1])].strip() if stranded else before
        return _front(rest, stranded, wh, after)
    return None


# Prepositions a formal question takes along with its question word: "In how many papers …?"
PIED_PIPED = {"in", "within", "by", "from", "at", "on", "during", "into", "after", "before", "since",
              "until", "for", "over", "across", "through", "to", "among", "under"}  # fmt: skip
COMPLEMENT_VERBS = {"predicted", "expected", "estimated", "believed", "thought", "feared", "hoped",
                    "predict", "expect", "estimate", "believe", "think", "fear", "hope", "predicts",
                    "expects", "estimates", "believes", "thinks", "fears", "hopes"}  # fmt: skip


def _over_a_complement(before: str, verb: int, wh: str, after: str) -> str | None:
    """'officials had predicted (that) the rescue would take' + 'how many hours' -> 'How many
    hours had officials predicted the rescue would take?'."""
    toks = tokens(before)
    for index in range(verb, len(toks)):
        if toks[index].lower in COMPLEMENT_VERBS:
            head = before[: toks[index].end].strip()
            complement = before[toks[index].end :].strip()
            complement = re.sub(r"^that\s+", "", complement)
            if not complement or main_verb(complement) is None and complement.split()[0] not in AUXILIARIES:
                return None
            inverted = question_order(head)
            return None if inverted is None else _question(f"{wh} {inverted} {complement} {after}")
    return None


def _verb_chain(toks: list[Token]) -> bool:
    """Only the rest of a verb stands between the main verb and the span: 'expected to supply'."""
    for tok in toks:
        word = tok.lower
        if word in AUXILIARIES or word in (
            "to",
            "not",
            "up",
            "out",
            "off",
            "down",
            "back",
            "been",
            "being",
            "able",
        ):
            continue
        if "VERB" in _lemmas(word) or _participle(word):
            continue
        return False
    return True


def _front(before: str, stranded: str, wh: str, after: str) -> str | None:
    inverted = question_order(before)
    if inverted is None:
        return None
    return _question(f"{wh} {inverted} {stranded} {after}")


def _question(text: str) -> str:
    text = " ".join(text.split()).rstrip(" ,;:")
    text = re.sub(r" ([,;:])", r"\1", text)
    return capfirst(text) + "?"


def counted_noun(text: str, start: int) -> int:
    """Where the noun phrase that a number counts ends, from ``start`` (just after the number):
    '1,500 French troops were stationed' -> the end of 'French troops'."""
    end = start
    for tok in tokens(text[start:]):
        word = tok.lower
        if (
            not _is_word(tok)
            or word in AUXILIARIES
            or tok.text in SUBORDINATORS
            or word in ("whether", "if", "as")
        ):
            break
        if (
            word in PREPOSITIONS
            and word not in ("of", "north", "south", "east", "west")
            or word in ("and", "or", "but")
        ):
            break
        if word in NEW_PHRASE and end > start and not text[start:end].rstrip().endswith(" of"):
            break  # "kilometres north of the city of Copiapó": 'of' takes its noun phrase along
        if _finite_form(tok.text) and _verb_only(tok.text) and end > start:
            break
        end = start + tok.end
    return end
