"""Actors in a sentence: people with the title or role the article gives them, companies,
organisations and institutions, states that act, and groups.

Names are runs of capitalised words. A run is a person only when the sentence says so: a title
before it ("President Sebastián Piñera", the title then out of the name), a role beside it ("Luis
Urzúa, the shift foreman", "the culture minister, Franck Riester", "the architect Eugène
Viollet-le-Duc"), a verb of saying, or "who" after it. A run is a company, an organisation or an
institution by its last word ("Authority", "Kaisha") or the noun before it ("the Dutch firm
Boskalis"); a place by its last word ("Desert", "Lake") or the word lists; a state by the word
lists, and an actor only where it acts. Anything else capitalised (a ship, a treaty, a galaxy) is
no actor. The word lists are in ``lexicon.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quizgen.authoring.draft.clauses import is_clause, subject_of, trim, without_ages
from quizgen.authoring.draft.lexicon import Lexicon, lexicon

_TOKEN = re.compile(r"\w+(?:[-'\u2019.]\w+)*\.?\*?")
_POSSESSIVE = re.compile(r"['\u2019]s$")
CONNECTORS = frozenset({"of", "de", "du", "des", "bin", "ibn", "al", "el", "van", "von", "der", "la", "le"})
_FUNCTION_WORDS = (
    "a an the of in on at to from by for with and or but as that which who whom whose this these "
    "those is are was were has have had be been being will would could should may might said says "
    "after before since following during while about against between into over under among "
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
VERB_AFTER = re.compile(
    r"^\s+(?:(?:also|never|still|itself|themselves|now)\s+)?(?:has|have|had|is|are|was|were|will|would|"
    r"said|says|announced|recognized|recognised|placed|declared|suspended|backed|\w+ed|\w+s)\b"
)
SAYING_AFTER = re.compile(
    r"^\s+(?:said|says|told|replied|added|warned|stressed|noted|urged|compared|called)\b"
)
SAYING_BEFORE = re.compile(r"\b(?:said|says|told|according to)\s+$")
NOUN_KEYS = {"troops": "forces", "soldiers": "forces", "forces": "forces"}
PERSON_TITLES_WITHOUT_ROLE = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Mr.", "Mrs.", "Ms.", "Dr.", "Saint"}
)
HEAD_OF_STATE = frozenset({"President", "Prime Minister", "King", "Queen", "Chancellor", "Vice President"})


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """The token without a possessive 's or a final full stop."""
        word = _POSSESSIVE.sub("", self.text)
        return word[:-1] if word.endswith(".") and len(word) > 2 and word[:-1] not in _DOTTED else word

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() or bool(re.match(r"(?:al|el|bin|van|von|de)-[A-Z]", self.text))


_DOTTED = frozenset({"Gen", "Col", "Lt", "Capt", "Sen", "Gov", "Mr", "Mrs", "Ms", "Dr", "Prof"})


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence."""

    name: str  # as written in the sentence, without a title, a leading "the" or a possessive
    kind: str  # person, organisation, institution, company, state or group
    start: int
    end: int
    role: str = ""  # the title or apposition the article gives, if any
    key: str = ""  # what identifies the actor across the article
    display: str = ""  # the name mid-sentence, when it differs ('the Suez Canal Authority')
    acts: bool = False  # the subject of a verb in the sentence
    short: bool = False  # a surname after a title ('Mr Urzúa'): the full name is elsewhere

    @property
    def titled(self) -> bool:
        return bool(self.role)


@dataclass(frozen=True)
class ActorContext:
    """What the article as a whole tells about its actors."""

    main_state: str = ""  # the state the article is about: 'the President of <it>'
    mid_capitals: frozenset[str] = frozenset()


def tokens(sentence: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]


def find_actors(
    sentence: str, mid_capitals: frozenset[str] = frozenset(), context: ActorContext | None = None
) -> list[ActorMention]:
    """Every actor the sentence names, in order of appearance.

    ``mid_capitals`` are words the article capitalises in mid-sentence: a capitalised word that
    opens a sentence is taken for a name only if it is among them (or in the lexicon).
    """
    context = context or ActorContext(mid_capitals=mid_capitals)
    mid_capitals = mid_capitals or context.mid_capitals
    lex = lexicon()
    toks = tokens(sentence)
    found: list[ActorMention] = []
    if _opens_with_name(sentence, toks, lex):
        mid_capitals = mid_capitals | {toks[0].word}
    for run in _name_runs(toks, lex, mid_capitals):
        found += _classify_run(sentence, toks, run, lex, context)
    found += _common_noun_actors(sentence, lex)
    return _without_overlaps(found)


def _name_runs(toks: list[Token], lex: Lexicon, mid_capitals: frozenset[str]) -> list[list[int]]:
    """Indexes of maximal runs of capitalised tokens (connectors such as "of" allowed inside)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, tok in enumerate(toks):
        if current and toks[i - 1].end < tok.start and toks[i - 1].end + 1 != tok.start:
            runs.append(current)  # punctuation between the words: "Laurent Fabius, France's …"
            current = []
        joins = (
            current
            and tok.text in CONNECTORS | {"the"}
            and i + 1 < len(toks)
            and toks[i + 1].capitalised
            and (tok.text != "the" or toks[i - 1].text == "of")
        )
        if tok.capitalised and not (i == 0 and not _known(tok, lex, mid_capitals)) or joins:
            if tok.capitalised and tok.word in lex.not_names and not current:
                continue
            current.append(i)
            if _POSSESSIVE.search(tok.text) and not _joined_possessive(toks, i, lex):
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if toks[run[-1]].capitalised]


def _joined_possessive(toks: list[Token], i: int, lex: Lexicon) -> bool:
    """ "Lloyd's List" is one name; "Taiwan's Evergreen Marine" and "Einstein's theory" are two."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    word = toks[i].word
    if nxt is None or not nxt.capitalised:
        return False
    return not (word in lex.states or word in lex.capitals or word in lex.demonyms or word.isupper())


def _opens_with_name(sentence: str, toks: list[Token], lex: Lexicon) -> bool:
    """ "Amadou Diallo, the junta's spokesman, said": two or more capitalised words opening the
    sentence, then an apposition or a verb of saying."""
    run = 0
    while run < len(toks) and toks[run].capitalised and toks[run].word not in lex.not_names:
        run += 1
    if run < 2 or toks[0].word in lex.not_names:
        return False
    rest = sentence[toks[run - 1].end :]
    return re.match(r"(?:,\s+(?:the|a|an|[A-Z]\w*['\u2019]s|chief|director|head)\b|\s+\w+)", rest) is not None


def _known(tok: Token, lex: Lexicon, mid_capitals: frozenset[str]) -> bool:
    word = tok.word
    return (
        word in mid_capitals
        or word in lex.states
        or word in lex.capitals
        or word in lex.demonyms
        or any(title.split()[0] == word for title in lex.titles)
    )


def _span(toks: list[Token], idx: list[int]) -> tuple[int, int]:
    return toks[idx[0]].start, toks[idx[-1]].start + len(toks[idx[-1]].word)


def _classify_run(
    sentence: str, toks: list[Token], run: list[int], lex: Lexicon, context: ActorContext
) -> list[ActorMention]:
    words = [toks[i].word for i in run]
    title_len = _title_length(words, lex)
    title = " ".join(words[:title_len])
    if title_len and title_len == len(words):
        return _titled_apposition(sentence, toks, run, title, lex, context)
    name_idx = run[title_len:]
    words = words[title_len:]
    start, end = _span(toks, name_idx)
    name = sentence[start:end]
    text = " ".join(words)
    last = words[-1]
    after = sentence[end:]
    before = sentence[:start]
    acts = VERB_AFTER.match(after) is not None or SAYING_AFTER.match(after) is not None
    if text in lex.states or (text in lex.capitals and acts):
        if title:
            return []
        state = text if text in lex.states else lex.capitals[text]
        if re.search(r"\b(?:in|of|from|to|across|beneath|near|outside|at)\s+$", before) and not acts:
            return []  # a place: "trapped beneath Chile's Atacama Desert", "outside China"
        return [ActorMention(text, "state", start, end, key=state, acts=acts)]
    if (
        text in lex.capitals
        or text in lex.places
        or text in lex.demonyms
        or all(w in lex.demonyms or w.removesuffix("s") in lex.demonyms for w in words)
    ):
        return []
    if last in lex.thing_heads or last in lex.place_heads or _place_name(sentence, start, end, words, lex):
        return []
    kind = _body_kind(words, before, lex)
    if kind:
        return [_body(sentence, name, kind, start, end, acts, lex)]
    if not title and not _is_person(sentence, start, end, words, lex):
        return []
    role = _role(sentence, start, end, title, lex, context)
    short = bool(title) and title in PERSON_TITLES_WITHOUT_ROLE and len(words) == 1
    key = words[-1] if len(words) > 1 or short else words[0]
    return [ActorMention(name, "person", start, end, role=role, key=key, acts=acts, short=short)]


def _title_length(words: list[str], lex: Lexicon) -> int:
    for title in lex.titles:
        parts = title.split()
        if words[: len(parts)] == parts:
            return len(parts)
    return 0


def _place_name(sentence: str, start: int, end: int, words: list[str], lex: Lexicon) -> bool:
    """A name the sentence puts after a preposition of place, with no sign of a person or a body."""
    before = sentence[:start]
    return bool(
        re.search(r"\b(?:in|at|near|beneath|across|around|towards?|into|off|through)\s+(?:the\s+)?$", before)
        and not re.search(r"\b(?:by|from|with)\s+(?:the\s+)?$", before)
        and not re.match(r",\s+(?:the|a|an|who)\b", sentence[end:])
    )


def _body_kind(words: list[str], before: str, lex: Lexicon) -> str:
    """company, institution or organisation, by the name's last word or the noun before it."""
    last = words[-1]
    noun_before = re.search(r"\b(\w+)\s+$", before)
    noun = noun_before.group(1).lower() if noun_before else ""
    if last in lex.company_heads or noun in lex.company_nouns:
        return "company"
    if last in lex.institution_heads:
        return "institution"
    if last in lex.organisation_heads or any(w in lex.organisation_heads for w in words):
        return "organisation"
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,6}", last):
        return "organisation"
    return ""


def _body(
    sentence: str, name: str, kind: str, start: int, end: int, acts: bool, lex: Lexicon
) -> ActorMention:
    before = sentence[:start]
    display = ""
    if (
        re.search(r"\bthe\s+$", before, re.I)
        and not name.startswith("The ")
        and not re.match(r"\s+[a-z]", sentence[end:])
    ):
        display = f"the {name}"
    role = _body_role(sentence, start, end, name, lex, kind)
    return ActorMention(name, kind, start, end, role=role, key=name, display=display, acts=acts)


def _body_role(sentence: str, start: int, end: int, name: str, lex: Lexicon, kind: str = "company") -> str:
    """'the Dutch firm Boskalis, whose subsidiary …', 'the US National Science Foundation, one of
    the project's main funders', 'whose subsidiary Smit Salvage led the operation'."""
    after = sentence[end:]
    before = sentence[:start]
    whose_before = re.search(r"\b((?:the\s+)?[A-Z][\w\s'\u2019-]*?),\s+whose\s+(\w+)\s+$", before)
    if whose_before:
        owner_name = re.search(r"([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)\s*$", whose_before.group(1))
        owner = owner_name.group(1) if owner_name else whose_before.group(1)
        verb = re.match(r"\s+([^,.;]+)", after)
        if verb:
            return f"the {whose_before.group(2)} of {owner} that {verb.group(1).strip()}"
    noun = re.search(
        r"\b((?:the|a|an)\s+(?:[A-Z]\w+\s+|[a-z]+\s+){0,2}?(?:" + "|".join(lex.company_nouns) + r"))\s+$",
        before,
    )
    apposition = re.match(r",\s+((?:one of|the|a|an)\s+[^,.;]{3,80}?)\s*(?:[,.;]|$)", after)
    if apposition and not is_clause(apposition.group(1)):
        return _clean_role(apposition.group(1))
    if noun:
        role = noun.group(1)
        whose = re.match(r",\s+(whose\s+[^,.;]+)", after)
        if whose:
            return _clean_role(f"{role} {whose.group(1)}")
        passive = _passive_role(sentence, start, role)
        return _clean_role(passive or role)
    return _passive_role(sentence, start, "", f"the {kind}") or ""


def _passive_role(sentence: str, start: int, role: str, default: str = "") -> str:
    """'owned by the Japanese company X' -> 'the Japanese company that owns the ship';
    'designed by the architect X' -> 'the architect who designed the 19th-century spire'."""
    from quizgen.text.grammar import _inflection, _lemmas

    before = sentence[:start]
    match = re.search(r"(\b\w+)\s+by\s+(?:[\w'\u2019-]+\s+){0,4}$", before)
    if not match:
        return ""
    participle = match.group(1)
    lemmas = _lemmas(participle.lower()).get("VERB")
    if not lemmas or participle.lower() not in _inflection(lemmas[0], "VBN"):
        return ""
    head = before[: match.start()]
    aux = re.search(r"\b(is|are|was|were)\s+$", head)
    present = bool(aux and aux.group(1) in ("is", "are"))
    subject = "" if re.search(r"[A-Z][\w'\u2019-]*,\s*$", head) else _subject_before(head)
    if not subject:
        subject = subject_of(trim(sentence))  # 'The ship is owned by …, operated by …'
        subject = subject[:1].lower() + subject[1:] if subject.split()[:1] in (["The"], ["A"]) else subject
    if not subject:
        return ""
    present = present or bool(re.search(r"\b(?:is|are)\b", head))
    verb = _inflection(lemmas[0], "VBZ" if present else "VBD")[0]
    who = "who" if role and role.split()[-1] in ("architect", "engineer", "artist", "designer") else "that"
    role = role or default
    if not role:
        return ""
    return f"{role} {who} {verb} {subject}"


def _subject_before(head: str) -> str:
    """The noun phrase a participle describes: 'The ship is owned by' -> 'the ship'; 'the
    19th-century spire, designed by' -> 'the 19th-century spire'."""
    head = re.sub(r"\b(?:is|are|was|were|and)\s+$", "", head.rstrip(" ,")).rstrip(" ,")
    match = re.search(r"((?:the|a|an|its|their)\s+[\w\s'\u2019-]{1,40}?)$", head, re.I)
    if not match:
        return ""
    phrase = match.group(1)
    phrase = (
        re.split(r"\s(?:of|by|to|in|at|from|with|on)\s|,", phrase)[-1] if re.search(r",", phrase) else phrase
    )
    phrase = re.sub(r"^.*\b(?=(?:the|a|an|its|their)\s)", "", phrase, flags=re.I)
    if re.search(r"\b(?:is|are|was|were|has|have|had)\b", phrase):
        return ""
    return (
        phrase[:1].lower() + phrase[1:] if phrase.split()[0] in ("The", "A", "An", "Its", "Their") else phrase
    )


def _is_person(sentence: str, start: int, end: int, words: list[str], lex: Lexicon) -> bool:
    """Signs that a run of capitalised words names a person."""
    after, before = sentence[end:], sentence[:start]
    if len(words) > 5 or any(w.isupper() and len(w) > 1 for w in words):
        return False
    if re.match(r",\s+who\b", after) or re.match(r"\s+(?:himself|herself)\b", after):
        return True
    if SAYING_AFTER.match(after) or SAYING_BEFORE.search(before) or re.search(r"\bcame\s+$", before):
        return True
    if _role_after(after, lex) or _role_before(before, lex):
        return True
    roles = "|".join(re.escape(r) for r in lex.person_roles)
    if re.search(rf"\b(?:{roles})\s+(?:\d[\d,.]*-year-old\s+)?$", before, re.I):
        return True  # 'the architect Eugène Viollet-le-Duc', 'Bolivian miner Carlos Mamani'
    if re.search(r"\d-year-old\s+$", before):
        return True
    return (
        len(words) >= 2 and re.match(r"['\u2019]s\s+[a-z]", after) is not None and _looks_like_person(words)
    )


def _looks_like_person(words: list[str]) -> bool:
    """A first name and a surname: two or three words, none of them a common noun."""
    from quizgen.text.grammar import _lemmas

    return 2 <= len(words) <= 3 and not any("NOUN" in _lemmas(w.lower()) for w in words[1:])


def _role_after(after: str, lex: Lexicon) -> str:
    """', the ousted president,' after a name: the role it gives."""
    match = re.match(
        r",\s+((?:the|a|an|[A-Z][\w-]*['\u2019]s|chief|director|head|deputy|president|secretary)\s+"
        r"[^,.;]{2,140}?)\s*(?:,|\.|;|$)",
        after,
    )
    if not match:
        return ""
    role = match.group(1)
    if re.search(r"\b(?:said|says|told|was|were|is|are)\b", role.split(" who ")[0]):
        return ""
    if any(re.search(rf"\b{re.escape(r)}\b", role, re.I) for r in lex.person_roles):
        return role
    return ""


def _role_before(before: str, lex: Lexicon) -> str:
    """'the WHO's director-general, ' or 'The first miner, 31-year-old ' before a name: the longest
    noun phrase before the comma that starts with a determiner and names a role."""
    roles = "|".join(re.escape(r) for r in lex.person_roles)
    text = re.sub(r"\d[\d,.]*-year-old\s+$", "", before)
    text = re.sub(rf"(?:[A-Z]\w+\s+)?(?:{roles})\s+$", "", text)  # 'Bolivian miner ' before the name
    match = re.search(r"([^,;:]+?),\s+$", text)
    if not match:
        return ""
    segment = match.group(1)
    best = ""
    starts = [0] + [m.end() for m in re.finditer(r"\s", segment)]
    for position in starts:
        tail = segment[position:].strip()
        if not re.match(r"(?:the|a|an|his|her|their|The|A|An|His|Her|[A-Z][\w.]*['\u2019]s)\s", tail):
            continue
        inner = re.findall(r"\b(by|to|with|from|in|at|on|for|after|that|and|but)\b", tail)
        if inner or len(tail.split()) > 10 or re.search(r"\b(?:said|says|is|was|were|are|had|has)\b", tail):
            continue
        if re.search(rf"\b(?:{roles})\b", tail, re.I) and len(tail) > len(best):
            best = tail
    return best


def _role(sentence: str, start: int, end: int, title: str, lex: Lexicon, context: ActorContext) -> str:
    """The fullest role the sentence gives: an apposition after the name, one before it, the
    noun before it, or the title (made whole: 'the President of Chile')."""
    after, before = sentence[end:], sentence[:start]
    role = _role_after(after, lex)
    if role:
        role = re.split(r"\s+and\s+(?:an?|the)\s+", role)[0]
        return _clean_role(role)
    role = _role_before(
        before if not title else before[: before.rfind(title)] if title in before else before, lex
    )
    if role:
        return _clean_role(role)
    roles = "|".join(re.escape(r) for r in lex.person_roles)
    adjective = r"(?:(?!(?:the|a|an|by|of|and|to|in|at|on)\b)(?:[A-Z]\w+|[a-z-]+)\s+)?"
    noun = re.search(
        rf"(?:\b(the|a|an)\s+)?({adjective}(?:{roles}))\s+(?:\d[\d,.]*-year-old\s+)?$", before, re.I
    )
    if noun and not title:
        found = f"{noun.group(1) or 'a'} {noun.group(2)}"
        passive = _passive_role(sentence, noun.start(), found)
        return _clean_role(passive or found)
    if title and title not in PERSON_TITLES_WITHOUT_ROLE:
        title_at = sentence.rfind(title, 0, end)
        premodified = re.search(r"\b([A-Z]\w+)\s+([a-z]+)\s+$", sentence[:title_at])
        if premodified and premodified.group(1) in lex.demonyms:
            # 'French ally President': the president of some other state than France
            return f"{premodified.group(1)} {premodified.group(2)} {title}"
        qualifier = re.search(r"\b([A-Z][A-Za-z]+)\s+$", sentence[:title_at])
        if title in HEAD_OF_STATE:
            state = _state_near(sentence, end) or context.main_state
            if qualifier and qualifier.group(1) in ("US", "UN", "EU"):
                return f"the {qualifier.group(1)} {title}"
            return f"the {title} of {state}" if state else ""
        return f"the {title}" if len(title.split()) > 1 else ""
    return ""


def _state_near(sentence: str, end: int) -> str:
    lex = lexicon()
    after = sentence[end:]
    found = [(after.find(s), s) for s in lex.states if re.search(rf"\b{re.escape(s)}\b", after)]
    found = [f for f in found if f[0] >= 0]
    if not found:
        return ""
    state = min(found)[1]
    return f"the {state}" if state in ("United States", "United Kingdom", "Netherlands") else state


def _clean_role(role: str) -> str:
    role = without_ages(role.strip())
    role = re.sub(r"\s+", " ", role)
    first = role.split(" ", 1)[0]
    if first in ("The", "A", "An"):
        role = first.lower() + role[len(first) :]
    return role.rstrip(" ,.")


def _titled_apposition(
    sentence: str, toks: list[Token], run: list[int], title: str, lex: Lexicon, context: ActorContext
) -> list[ActorMention]:
    """'Prime Minister, Ali Mahaman Lamine Zeine,': the name follows after a comma."""
    title_end = toks[run[-1]].end
    after = re.match(r",\s+((?:[A-Z][\w\-'\u2019]*\s+){0,4}[A-Z][\w\-'\u2019]*)", sentence[title_end:])
    if after is None:
        return []
    role_start = _premodifier_start(toks, run[0])
    role = sentence[role_start:title_end]
    name = _POSSESSIVE.sub("", after.group(1))
    start = title_end + after.start(1)
    return [
        ActorMention(name, "person", start, start + len(name), role=_clean_role(role), key=name.split()[-1])
    ]


def _premodifier_start(toks: list[Token], first: int) -> int:
    """Back from a title over the words that qualify it ("Niger's military-appointed")."""
    i = first
    while i > 0:
        prev = toks[i - 1]
        if prev.text.lower() in FUNCTION_WORDS or prev.end + 1 < toks[i].start:
            break
        i -= 1
    return toks[i].start


def _common_noun_actors(sentence: str, lex: Lexicon) -> list[ActorMention]:
    found = []
    owners = "|".join(re.escape(w) for w in sorted([*lex.demonyms, *lex.states], key=len, reverse=True))
    for nouns, kind in ((lex.organisation_nouns, "organisation"), (lex.group_nouns, "group")):
        alts = "|".join(re.escape(n) for n in nouns)
        pattern = rf"\b(?P<owner>{owners})(?P<pos>['\u2019]s)?\s+(?P<noun>{alts})\b(?![-\w])"
        for m in re.finditer(pattern, sentence):
            state = lex.demonyms.get(m.group("owner"), m.group("owner"))
            if _used_as_adjective(sentence[m.end() :]):
                continue  # "France's military presence": the noun qualifies another
            noun = m.group("noun").lower()
            key = f"{state}/{NOUN_KEYS.get(noun, noun)}"
            display = f"the {m.group(0)}" if re.search(r"\bthe\s+$", sentence[: m.start()], re.I) else ""
            found.append(ActorMention(m.group(0), kind, m.start(), m.end(), key=key, display=display))
    groups = "|".join(re.escape(g) for g in lex.standalone_groups)
    for m in re.finditer(rf"\b({groups})\b", sentence, re.I):
        if _named_beside(sentence, m.start(), m.end()):
            continue  # "Wagner mercenaries", "mercenaries of the Wagner group": the name is the actor
        name = m.group(1)
        found.append(
            ActorMention(
                name, "group", m.start(), m.end(), key=name.lower(), display=name[:1].lower() + name[1:]
            )
        )
    sources = "|".join(re.escape(s) for s in lex.source_nouns)
    pattern = rf"\b(?:an?|the)\s+(?:(?!(?:and|or|of|to|in)\b)[a-z][a-z\-]*\s+){{1,3}}(?:{sources})\b"
    for m in re.finditer(pattern, sentence):
        words = re.sub(r"^(?:an?|the)\s+(?:anonymous\s+|unnamed\s+|senior\s+)*", "", m.group(0))
        found.append(
            ActorMention(m.group(0), "person", m.start(), m.end(), key=words.lower(), display=m.group(0))
        )
    return found


def _named_beside(sentence: str, start: int, end: int) -> bool:
    """A group noun next to the group's own name: 'Wagner mercenaries', 'mercenaries from the
    Wagner group', 'rebels of the M23 movement'."""
    before = sentence[:start]
    after = sentence[end:]
    if re.search(r"\b[A-Z][\w-]*\s+$", before) and not re.search(r"(?:^|[.!?]\s+)[A-Z][\w-]*\s+$", before):
        return True
    return re.match(r"\s+(?:of|from)\s+(?:the\s+)?[A-Z0-9]", after) is not None


def _used_as_adjective(rest: str) -> bool:
    following = re.match(r"\s+([a-z]+)\b", rest)
    if following is None:
        return False
    word = following.group(1)
    return not (word in FUNCTION_WORDS or word.endswith(("ing", "ed")) or VERB_AFTER.match(rest))


def _without_overlaps(found: list[ActorMention]) -> list[ActorMention]:
    """Longer mentions win over the names inside them, except a state inside "Niger's military"."""
    kept: list[ActorMention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        inside = any(k.start <= mention.start and mention.end <= k.end for k in kept)
        if inside and mention.kind != "state":
            continue
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def merge_mentions(mentions: list[ActorMention]) -> list[ActorMention]:
    """One mention per actor: a surname after a title ('Mr Urzúa', 'Dr Tedros') joins the full
    name it shortens; the fullest role wins."""
    full = [m for m in mentions if not m.short]
    out: dict[str, ActorMention] = {}
    for mention in mentions:
        target = mention
        if mention.short or len(mention.name.split()) == 1 and mention.kind == "person":
            word = mention.name.split()[-1]
            longer = [
                m for m in full if m.kind == "person" and len(m.name.split()) > 1 and word in m.name.split()
            ]
            if longer:
                target = replace(longer[0], role=mention.role or longer[0].role)
        key = target.key if target.kind != "person" or target.display else target.name
        kept = out.get(key)
        if kept is None:
            out[key] = target
        elif _better_role(target.role, kept.role):
            out[key] = replace(kept, role=target.role)
    return list(out.values())


def _better_role(new: str, old: str) -> bool:
    if not new:
        return False
    if not old:
        return True
    weak = lambda r: r.startswith("the President of") or len(r.split()) <= 2  # noqa: E731
    return weak(old) and not weak(new)


# --- actor facts ---------------------------------------------------------------------------


def actor_candidates(reading) -> list:
    """One candidate per actor of the article: people and bodies with the role the article gives
    them, and states and groups where they act; the junk classes of ``junk`` left out."""
    from quizgen.authoring.draft import junk
    from quizgen.authoring.draft.reading import Candidate

    found = []
    counts: dict[str, int] = {}
    for per in reading.mentions:
        for mention in per:
            counts[mention.key or mention.name] = counts.get(mention.key or mention.name, 0) + 1
    for actor in reading.actors:
        index, mention = _best_mention(reading, actor)
        if mention is None:
            continue
        sentence = reading.sentences[index].text
        kind = junk.kind_for(actor.name, actor.kind)
        if junk.common_noun_actor(actor.name, kind, actor.display):
            continue
        acts = mention.acts or _acts(reading, index, mention)
        if junk.place_as_actor(actor.name, kind, acts, sentence, mention.start):
            continue
        owned = "/" in actor.key and acts  # 'The French army is engaging in discussions …'
        if kind in ("organisation", "institution", "company") and not (
            actor.role or counts.get(actor.key, 0) >= 2 or owned
        ):
            continue  # a body named in passing, or only as who did something (the event asks it)
        if kind in ("organisation", "institution", "company") and actor.name.isupper() and not actor.role:
            continue  # an acronym the article spells out elsewhere
        if kind == "state" and reading.main_state.removeprefix("the ") != actor.key:
            continue  # another state: where it acts, the event drafts it
        if kind == "person" and re.fullmatch(
            r"(?:the|a|an)\s+(?:actor|actress|singer|writer|author|player|star|comedian)", actor.role
        ):
            continue  # 'the actor Tom Hanks': a description of someone known, not a role to ask
        if kind == "group" and not acts and not actor.display and "/" not in actor.key:
            continue  # a group named by a common noun that does nothing in the article
        fields: dict = {"name": actor.name}
        if actor.display:
            fields["display"] = actor.display
        fields["kind"] = kind
        notes = {"kind": "review: person, organisation, institution, company, state, group or operation"}
        if actor.role and kind in ("person", "organisation", "company", "institution"):
            fields["role"] = actor.role
            notes["role"] = "the article's words: a title or function, as a noun phrase"
        fields["evidence"] = sentence
        found.append(Candidate("actor", fields, index, notes))
    return found


def _best_mention(reading, actor: ActorMention) -> tuple[int, ActorMention | None]:
    """The sentence that names the actor in full and gives its role, else the first that names it."""
    first: tuple[int, ActorMention | None] = (0, None)
    for index, per in enumerate(reading.mentions):
        for mention in per:
            if mention.name != actor.name and mention.key != actor.key:
                continue
            if actor.name not in reading.sentences[index].text:
                continue
            if first[1] is None:
                first = (index, mention)
            if actor.role and mention.role == actor.role:
                return index, mention
    return first


def _acts(reading, index: int, mention: ActorMention) -> bool:
    """The mention is the subject of a clause of its sentence."""
    text = reading.sentences[index].text
    subject = subject_of(trim(text))
    return bool(subject) and mention.name in subject and subject.index(mention.name) < 12
