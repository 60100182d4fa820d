"""Actors in a sentence: people with the title or role the article gives them, organisations,
states and groups.

Names are runs of capitalised words. A title before a name ("President Mohamed Bazoum") or an
apposition around it ("Niger's military-appointed Prime Minister, Ali Mahaman Lamine Zeine")
gives a person's role. The word lists in ``lexicon.yaml`` tell states, places, organisations and
groups apart; a state's army or military ("the French army", "Niger's military") and groups
named by a common noun ("jihadists") are found too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.authoring.draft.lexicon import Lexicon, lexicon

_TOKEN = re.compile(r"\w+(?:[-'\u2019.]\w+)*\.?")
_POSSESSIVE = re.compile(r"['\u2019]s$")
CONNECTORS = frozenset({"of", "de", "du", "des", "bin", "ibn", "al", "el", "van", "von", "der", "la", "le"})
_FUNCTION_WORDS = (
    "a an the of in on at to from by for with and or but as that which who whom whose this these "
    "those is are was were has have had be been being will would could should may might said says "
    "after before since following during while about against between into over under "
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
VERB_AFTER = re.compile(
    r"^\s+(?:has|have|had|is|are|was|were|will|would|said|says|announced|recognized|recognised|"
    r"\w+ed|\w+s)\b"
)
# Synonyms that name the same body: "French troops" and "French forces".
NOUN_KEYS = {"troops": "forces", "soldiers": "forces", "forces": "forces"}


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
        return self.text[:1].isupper()


_DOTTED = frozenset({"Gen", "Col", "Lt", "Capt", "Sen", "Gov", "Mr", "Mrs", "Ms", "Dr"})


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence."""

    name: str  # as written in the sentence, without a leading "the" or a possessive
    kind: str  # person, organisation, state or group
    start: int
    end: int
    role: str = ""  # the title or apposition the article gives, if any
    key: str = ""  # what identifies the actor across the article

    @property
    def titled(self) -> bool:
        return bool(self.role)


def tokens(sentence: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]


def find_actors(sentence: str, mid_capitals: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Every actor the sentence names, in order of appearance.

    ``mid_capitals`` are words the article capitalises in mid-sentence: a capitalised word that
    opens a sentence is taken for a name only if it is among them (or in the lexicon).
    """
    lex = lexicon()
    toks = tokens(sentence)
    found: list[ActorMention] = []
    if _opens_with_name(sentence, toks, lex):
        mid_capitals = mid_capitals | {toks[0].word}
    for run in _name_runs(toks, lex, mid_capitals):
        found += _classify_run(sentence, toks, run, lex)
    found += _common_noun_actors(sentence, lex)
    return _without_overlaps(found)


def _name_runs(toks: list[Token], lex: Lexicon, mid_capitals: frozenset[str]) -> list[list[int]]:
    """Indexes of maximal runs of capitalised tokens (connectors such as "of" allowed inside)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, tok in enumerate(toks):
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
            if _POSSESSIVE.search(tok.text):
                runs.append(current)
                current = []
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if toks[run[-1]].capitalised]


def _opens_with_name(sentence: str, toks: list[Token], lex: Lexicon) -> bool:
    """ "Amadou Diallo, the junta's spokesman, said": two or more capitalised words opening the
    sentence, then an apposition or a verb of saying."""
    run = 0
    while run < len(toks) and toks[run].capitalised and toks[run].word not in lex.not_names:
        run += 1
    if run < 2 or toks[0].word in lex.not_names:
        return False
    return (
        re.match(r"(?:,\s+(?:the|a|an)\b|\s+(?:said|says|told)\b)", sentence[toks[run - 1].end :]) is not None
    )


def _known(tok: Token, lex: Lexicon, mid_capitals: frozenset[str]) -> bool:
    word = tok.word
    return (
        word in mid_capitals
        or word in lex.states
        or word in lex.capitals
        or word in lex.demonyms
        or any(title.split()[0] == word for title in lex.titles)
    )


def _classify_run(sentence: str, toks: list[Token], run: list[int], lex: Lexicon) -> list[ActorMention]:
    words = [toks[i].word for i in run]
    text = " ".join(words)
    start, end = toks[run[0]].start, toks[run[-1]].start + len(toks[run[-1]].word)
    title_len = _title_length(words, lex)
    if title_len:
        return _titled_person(sentence, toks, run, title_len)
    if text in lex.states:
        return [ActorMention(text, "state", start, end, key=text)]
    if text in lex.capitals:
        acts = VERB_AFTER.match(sentence[toks[run[-1]].end :]) is not None
        return [ActorMention(text, "state", start, end, key=text)] if acts else []
    if text in lex.places or text in lex.demonyms or all(w in lex.demonyms for w in words):
        return []
    if any(w in lex.organisation_heads for w in words) or re.fullmatch(r"[A-Z]{2,6}", text):
        return [ActorMention(text, "organisation", start, end, key=text)]
    if len(words) >= 2 and not any(w in lex.places or w in lex.states for w in words):
        role = _apposition_after(sentence, end, lex)
        return [ActorMention(text, "person", start, end, role=role, key=words[-1])]
    return []


def _title_length(words: list[str], lex: Lexicon) -> int:
    for title in lex.titles:
        parts = title.split()
        if words[: len(parts)] == parts:
            return len(parts)
    return 0


def _titled_person(sentence: str, toks: list[Token], run: list[int], title_len: int) -> list[ActorMention]:
    """'[pre-modifiers] Title Name' or 'Title, Name,' (an apposition)."""
    title_end = toks[run[title_len - 1]].end
    role_start = _premodifier_start(toks, run[0])
    role = sentence[role_start:title_end]
    name_idx = run[title_len:]
    if name_idx:
        start, end = toks[name_idx[0]].start, toks[name_idx[-1]].start + len(toks[name_idx[-1]].word)
        words = [toks[i].word for i in name_idx]
        role = _apposition_after(sentence, end, lexicon()) or role  # the fuller description wins
        return [ActorMention(sentence[start:end], "person", start, end, role=role, key=words[-1])]
    # "Prime Minister, Ali Mahaman Lamine Zeine,": the name follows after a comma.
    after = re.match(r",\s+((?:[A-Z][\w\-'\u2019]*\s+){0,4}[A-Z][\w\-'\u2019]*)", sentence[title_end:])
    if after is None:
        return []
    name = _POSSESSIVE.sub("", after.group(1))
    start = title_end + after.start(1)
    return [ActorMention(name, "person", start, start + len(name), role=role, key=name.split()[-1])]


def _premodifier_start(toks: list[Token], first: int) -> int:
    """Back from a title over the words that qualify it ("French ally", "Niger's military-appointed")."""
    i = first
    while i > 0:
        prev = toks[i - 1]
        if prev.text.lower() in FUNCTION_WORDS or prev.end + 1 < toks[i].start:
            break  # a function word, or punctuation between the words
        i -= 1
    return toks[i].start


def _apposition_after(sentence: str, end: int, lex: Lexicon) -> str:
    """', the ousted president,' after a name: the role it gives."""
    match = re.match(r",\s+((?:the|a|an|[A-Z]\w+['\u2019]s)\s+[^,.;]{2,80}?)\s*[,.;]", sentence[end:])
    if match and any(re.search(rf"\b{re.escape(r)}\b", match.group(1), re.I) for r in lex.person_roles):
        return match.group(1)
    return ""


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
            found.append(ActorMention(m.group(0), kind, m.start(), m.end(), key=key))
    groups = "|".join(re.escape(g) for g in lex.standalone_groups)
    for m in re.finditer(rf"\b({groups})\b", sentence, re.I):
        found.append(ActorMention(m.group(1), "group", m.start(), m.end(), key=m.group(1).lower()))
    sources = "|".join(re.escape(s) for s in lex.source_nouns)
    pattern = rf"\b(?:an?|the)\s+(?:(?!(?:and|or|of|to|in)\b)[a-z][a-z\-]*\s+){{1,3}}(?:{sources})\b"
    for m in re.finditer(pattern, sentence):
        words = re.sub(r"^(?:an?|the)\s+(?:anonymous\s+|unnamed\s+|senior\s+)*", "", m.group(0))
        found.append(ActorMention(m.group(0), "person", m.start(), m.end(), key=words.lower()))
    return found


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
