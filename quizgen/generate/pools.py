"""The values a deck offers as wrong options, indexed once per deck.

Options of one kind (names, places, causes…) and one class (an actor's kind, a place's kind) are
drawn from other facts: those of the same article first. Which ones a question gets is decided
by a hash of the question's id and the value ("rendezvous" ranking), not by the order of the
deck: adding or removing an unrelated fact changes a question's options only when the new value
would rank first for it. Large pools are cut into buckets once, so a question looks at a
bounded number of values whatever the size of the deck.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from quizgen.model import ActorFact, EventFact, Fact, QuoteFact
from quizgen.text.compare import folded
from quizgen.text.stems import content_stems

BUCKET = 96  # values a question ranks at most, per pool
BUCKETS_LOOKED_AT = 4  # buckets of other articles' values a question looks through at most
# How articles refer to a named person the second time: 'Mr Urzúa', 'President Piñera'.
# Lower-case words inside a personal name: 'Abdel Fattah al-Sisi' is written as one run.
PARTICLES = frozenset(["de", "da", "del", "van", "von", "bin", "ibn", "al", "el", "der", "le", "la"])
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "President", "Gen", "Gen.")
# Roles held in office: a president is no plausible wrong answer for 'Who was the last rescuer
# out?', nor a miner for 'Who was the President of Chile?'.
# Heads of state or government: the furthest from any other role.
HEADS = frozenset(["president", "prime", "king", "queen", "pope", "emperor", "monarch"])
OFFICES = frozenset(
    [
        "president",
        "prime",
        "minister",
        "chancellor",
        "king",
        "queen",
        "pope",
        "mayor",
        "governor",
        "secretary-general",
        "director-general",
        "chief",
        "head",
        "leader",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "executive",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "senator",
        "commissioner",
    ]
)
# The stems of office words, set aside to compare what two roles are about ('France', 'Niger').
OFFICE_STEMS = frozenset(content_stems(" ".join(OFFICES)))


def _value_key(value: Any) -> Any:
    """A hashable key for a candidate's value (lists, as a list fact's members are, by their text)."""
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class Candidate:
    value: Any
    fact_id: str
    sheet: int
    hash: int
    text: str  # str(value): what a question compares
    tail: bytes  # the hash in decimal, as a question's ranking hashes it after its seed


@dataclass
class Pool:
    """The candidates of one (kind, class), by sheet, and cut into buckets."""

    by_sheet: dict[int, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    everything: list[Candidate] = field(default_factory=list)
    _buckets: list[list[Candidate]] | None = None

    _by_value: dict[Any, list[Candidate]] = field(default_factory=dict)

    def add(self, candidate: Candidate) -> None:
        self.by_sheet[candidate.sheet].append(candidate)
        self.everything.append(candidate)
        self._by_value.setdefault(_value_key(candidate.value), []).append(candidate)

    def named(self, value: Any) -> list[Candidate]:
        """The candidates whose value is ``value``, in the pool's order."""
        return [c for c in self._by_value.get(_value_key(value), ()) if c.value == value]

    def buckets(self) -> list[list[Candidate]]:
        if self._buckets is None:
            count = max(1, len(self.everything) // BUCKET)
            buckets: list[list[Candidate]] = [[] for _ in range(count)]
            for candidate in self.everything:
                buckets[candidate.hash % count].append(candidate)
            self._buckets = buckets
        return self._buckets


def _values(fact: Fact, kind: str) -> list[Any]:
    value = fact.option_value(kind)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class OptionPools:
    """Every fact's option values, by (kind, class)."""

    def __init__(self, facts: tuple[Fact, ...], sheet_of: dict[str, int]):
        self._facts = facts
        self._sheet_of = sheet_of
        self._pools: dict[tuple[str, str], Pool] = {}
        self._roles = {f.id: content_stems(getattr(f, "role", "") or "") for f in facts}
        self._offices = {f.id: _office(f) for f in facts}
        self._tiers: dict[str, int] = {}  # a person's office tier by name, whichever fact names them
        for f in facts:
            if isinstance(f, ActorFact) and f.kind == "person":
                for name in (f.name, f.shown):
                    self._tiers[folded(name)] = max(self._tiers.get(folded(name), 0), self._offices[f.id])
        for person in _titled_heads(facts):  # 'President Emmanuel Macron' in any evidence
            self._tiers[folded(person)] = 2
        self._names = _full_names(facts)
        self._forms = _written_forms(facts, self._names)
        self._forms_of: dict[str, list[str]] = {}  # full name -> its forms, in _forms' order
        for form, name in self._forms.items():
            self._forms_of.setdefault(name, []).append(form)
        actors = [f for f in facts if isinstance(f, ActorFact)]
        self._classes = {folded(f.name): f.option_class("name") for f in actors if f.name[:1].isupper()}
        self._people = {folded(p.name) for p in _people(facts)}
        self._candidate_tiers: dict[tuple[str, str], tuple[int, bool]] = {}

    def name_forms(self, text: str) -> tuple[str, ...]:
        """Every way the deck writes the person that ``text`` names (full name, 'Mr Urzúa',
        'Urzúa', 'Tedros'), all right where a cloze blanks one of them; () if it names no one."""
        full = self._names.get(folded(text), text)
        if folded(full) not in self._people:
            return ()
        forms = [full, *self._forms_of.get(full, ())]
        return tuple(dict.fromkeys(forms))

    def canonical(self, name: Any) -> Any:
        """A person's full name for the way an article refers to them again ('Mr Urzúa' ->
        'Luis Urzúa'), so that options are alike in form and never name one person twice."""
        if not isinstance(name, str):
            return name
        return self._names.get(folded(name), name)

    def pool(self, kind: str, cls: str) -> Pool:
        key = (kind, cls)
        if key not in self._pools:
            self._build(kind)
        return self._pools.setdefault(key, Pool())

    def _build(self, kind: str) -> None:
        for fact in self._facts:
            for value in _values(fact, kind):
                cls = fact.option_class(kind)
                if kind == "name":
                    value = self.canonical(value)
                    cls = self._classes.get(folded(str(value)), cls)  # 'Einstein' is of the past
                text = str(value)
                hashed = _hash(text)
                candidate = Candidate(
                    value, fact.id, self._sheet_of.get(fact.id, -1), hashed, text, str(hashed).encode("ascii")
                )
                self._pools.setdefault((kind, cls), Pool()).add(candidate)

    def alike_roles(self, fact: Fact, value: Any) -> bool:
        """Whether the actor named ``value`` has a role sharing a word with the fact's role."""
        role = content_stems(getattr(fact, "role", "") or "")
        pool = self.pool("name", fact.option_class("name"))
        return any(role & self._roles.get(c.fact_id, set()) for c in pool.named(value))

    def head_of_state(self, fact: Fact, value: Any) -> bool:
        """Whether the actor named ``value`` heads another state or government than the one the
        fact's role names: everyone knows what Barack Obama was, so 'Obama was France's
        president' is false without the article; Niger's prime minister as its president is not."""
        pool = self.pool("name", fact.option_class("name"))
        place = self._roles.get(fact.id, set()) - OFFICE_STEMS
        heads = (c for c in pool.named(value) if self._offices.get(c.fact_id) == 2)
        return any(not place & self._roles.get(c.fact_id, set()) for c in heads)

    def _candidate_tier(self, candidate: Candidate) -> tuple[int, bool]:
        """A named candidate's office tier and whether its name is one word, worked out once."""
        key = (candidate.fact_id, candidate.text)
        found = self._candidate_tiers.get(key)
        if found is None:
            name = candidate.text
            tier = max(self._offices.get(candidate.fact_id, 0), self._tiers.get(folded(name), 0))
            found = self._candidate_tiers[key] = (tier, len(name.split()) == 1)
        return found

    def ranked(self, fact: Fact, kind: str, question_id: str, skip: set[str]) -> Iterator[Any]:
        """Candidate values for a question, best first: the same article's values ranked by how
        alike their roles are (a president for a president, not a miner), then by the question's
        hash; then a bucket of the other articles' values ranked the same way."""
        pool = self.pool(kind, fact.option_class(kind))
        seed = _hash(question_id)
        sheet = self._sheet_of.get(fact.id, -1)
        role = content_stems(getattr(fact, "role", "") or "")
        office = self._offices.get(fact.id, 0)
        answer = self.canonical(fact.option_value(kind)) if kind == "name" else None
        if isinstance(fact, QuoteFact) and fact.kind == "person":  # a president's words: said by whom?
            office = self._tiers.get(folded(fact.display or fact.speaker), 0)

        order: dict[int, int] = {}  # a value's place in this question's order, by its hash
        seeded = hashlib.blake2b(f"{seed}/".encode(), digest_size=8)

        def place(candidate: Candidate) -> int:
            """_hash(f"{seed}/{candidate.hash}"), the seed's part hashed once per question."""
            found = order.get(candidate.hash)
            if found is None:
                both = seeded.copy()
                both.update(candidate.tail)
                found = order[candidate.hash] = int.from_bytes(both.digest(), "big")
            return found

        def rank(candidate: Candidate) -> tuple[int, int, int]:
            other = self._roles.get(candidate.fact_id, set())
            tier = self._offices.get(candidate.fact_id, 0) if kind == "name" else office
            unlike = 0 if tier == office else 2 if 2 in (tier, office) else 1  # a president is furthest
            return (-len(role & other), unlike, place(candidate))

        full_name = kind == "name" and len(str(answer).split()) > 1

        def fits(candidate: Candidate) -> bool:
            """A head of state is offered only for another one ('Macron' is no wrong answer for
            'the Paris prosecutor'), and a head of state gets no one out of office ('Who was
            the President of Chile?' among three miners)."""
            if kind != "name":
                return True
            tier, one_word = self._candidate_tier(candidate)
            if full_name and one_word:
                return False  # 'Einstein' beside 'France Córdova' and 'Sheperd Doeleman' stands out
            return office == 2 if tier == 2 else tier >= 1 or office != 2

        # Each value once: a value met again gets the answer it got the first time, and many
        # sheets share values ('jihadists', 'the army'), so most of a bucket would be repeats.
        given: set[str] = set()  # by the text the question compares, as equal values are

        def first_time(candidate: Candidate) -> bool:
            if candidate.text in given:
                return False
            given.add(candidate.text)
            return True

        here = [c for c in pool.by_sheet.get(sheet, []) if c.fact_id not in skip and fits(c)]
        yield from (c.value for c in sorted(here, key=rank) if first_time(c))
        buckets = pool.buckets()
        start = seed % len(buckets)
        # Bounded: a question whose candidates keep failing (near-duplicates of the answer, values
        # the graph makes right) would otherwise walk the whole pool, and a deck of 1,000 sheets
        # would cost its size squared. Four buckets are 384 candidates for nine acceptable ones.
        for offset in range(min(len(buckets), BUCKETS_LOOKED_AT)):
            bucket = buckets[(start + offset) % len(buckets)]
            others = [
                c
                for c in bucket
                if c.sheet != sheet and c.text not in given and c.fact_id not in skip and fits(c)
            ]
            yield from (c.value for c in sorted(others, key=place) if first_time(c))


def _office(fact: Fact) -> int:
    """2 for a head of state or government, 1 for another office (a minister, a chief executive),
    0 for a person out of office: a president is no likely wrong answer for a prosecutor."""
    if not isinstance(fact, ActorFact) or fact.kind != "person":
        return 0
    words = {w.strip(",.").removesuffix("'s").removesuffix("’s").lower() for w in fact.role.split()}
    if words & HEADS and not words & {"vice", "deputy", "former"}:
        return 2
    return 1 if fact.as_of is not None or words & OFFICES else 0


@dataclass(frozen=True)
class Person:
    """A named person of the deck: full name and the display the article uses ('Dr Tedros')."""

    name: str
    display: str = ""


def _people(facts: tuple[Fact, ...]) -> list[Person]:
    """The deck's named people: person actors, and the people who act in its events or speak
    in its quotes ('the actor Tom Hanks' is Tom Hanks), so a cloze of any of them accepts the
    surname the way the article writes it again."""
    people: list[Person] = []
    for fact in facts:
        if isinstance(fact, ActorFact):
            if fact.kind == "person" and fact.name[:1].isupper():
                people.append(Person(fact.name, fact.display))
            continue
        if getattr(fact, "kind", "") != "person":
            continue
        if isinstance(fact, QuoteFact):
            name = _name_run(fact.display or fact.speaker)
        elif isinstance(fact, EventFact):
            name = _name_run(fact.who)
        else:
            continue
        if name:
            people.append(Person(name))
    return people


def _name_run(text: str) -> str:
    """The personal name that ends a phrase ('the actor Tom Hanks' -> 'Tom Hanks'), or '' when
    the phrase does not end in one of two words or more, all capitalised but for particles."""
    words = text.split()
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or _particle_name(word) or (run and word in PARTICLES):
            run.insert(0, word)
        else:
            break
    while run and run[0] in PARTICLES:
        run.pop(0)
    if run and run[0].rstrip(".") in TITLES:
        run.pop(0)
    return " ".join(run) if len(run) >= 2 else ""


def _particle_name(word: str) -> bool:
    """'al-Sisi', 'el-Sisi', "d'Estaing": a name led by a lower-case particle."""
    head, sep, rest = word.replace("'", "-").replace("\u2019", "-").partition("-")
    return bool(sep) and head in PARTICLES | {"d"} and rest[:1].isupper()


HEAD_TITLES = re.compile(r"\b(?:President|Prime Minister|King|Queen|Chancellor)\s+")


def _titled_heads(facts: tuple[Fact, ...]) -> set[str]:
    """The deck's people whom some evidence gives a head of state's title ('US President Barack
    Obama', 'President Emmanuel Macron'): heads of state though no fact states their role."""
    # A title is followed by a name or a surname ('Obama,', "Macron's"): the text after it is
    # looked up cut to the length of each form, never tried against the names one by one (a
    # deck whose people share first names would try hundreds at every title).
    named: dict[str, set[str]] = defaultdict(set)
    for name in {p.name for p in _people(facts)}:
        for form in (name, _surname(name)):
            if form.split():
                named[form].add(name)
    lengths = sorted({len(form) for form in named})
    heads: set[str] = set()
    for fact in facts:
        for match in HEAD_TITLES.finditer(fact.evidence):
            following = fact.evidence[match.end() :]
            for length in lengths:
                heads.update(named.get(following[:length], ()))
    return heads


def _full_names(facts: tuple[Fact, ...]) -> dict[str, str]:
    """The ways a deck refers to its named people again, folded, mapped to their full names."""
    names: dict[str, str] = {}
    surnames: dict[str, list[str]] = defaultdict(list)
    for person in _people(facts):
        words = person.name.split()
        forms = [person.display] if person.display else []
        if len(words) > 1:
            forms += [f"{title} {_surname(person.name)}" for title in TITLES]
            surnames[folded(_surname(person.name))].append(person.name)
        for form in forms:
            names.setdefault(folded(form), person.name)
    for surname, full in surnames.items():  # 'Einstein' alone, when one person of the deck bears it
        if len(set(full)) == 1:
            names.setdefault(surname, full[0])
    return names


def _written_forms(facts: tuple[Fact, ...], names: dict[str, str]) -> dict[str, str]:
    """The forms a reader may write for a deck's people, as written (not folded): the display
    and its name without a title ('Dr Tedros', 'Tedros'), the surname alone when it is unique."""
    forms: dict[str, str] = {}
    for person in _people(facts):
        shown = [person.display] if person.display else []
        for display in shown:
            words = display.split()
            if len(words) > 1 and words[0].rstrip(".") in TITLES:
                shown.append(" ".join(words[1:]))
        last = _surname(person.name)
        if names.get(folded(last)) == person.name:
            shown.append(last)
            if "-" in last and last.split("-", 1)[0] in ("al", "el"):  # 'al-Sisi' is also 'Sisi'
                shown.append(last.split("-", 1)[1])
        for form in shown:
            forms.setdefault(form, person.name)
    return forms


def _surname(name: str) -> str:
    """The family name: the last word, but the first of a name written family name first, as its
    hyphenated given name shows ('Ban Ki-moon' is Mr Ban)."""
    words = name.split()
    last = words[-1]
    if len(words) == 2 and "-" in last and last.rsplit("-", 1)[1][:1].islower():
        return words[0]
    return last
