"""``quizgen migrate``: upgrade version-1 fact sheets to version 2 in place.

The sheet's text is edited, not re-dumped: comments, blank lines, quoting and key order stay as
the author wrote them, and only these change:

- ``version: 1`` becomes ``version: 2`` (or the line is added);
- a number's ``how_many`` (a clause in question order, after "How many"), ``hedge`` and ``unit``
  become one ``statement`` in statement order with the value in it as the evidence writes it
  ("around 1,500 French troops were stationed in Niger"). Where ``how_many`` was in question
  order ("homes are the panels expected to supply") the statement is turned round as well as a
  tool can, and a review comment asks the author to check it (``quizgen check`` warns until
  the comment is deleted);
- the ``role`` of an actor that version 2 asks no role of (a state, a group, an operation)
  becomes a comment;
- ``question`` (version 1's wording of the type's first question) becomes ``questions``, one
  entry for each form that asked that question.

Ids are never touched: Anki notes are keyed on (deck folder, fact id, form), so every note keeps
its GUID and its learners' reviews. The result is read back as version 2 before it is written;
a sheet that would not read is left as it was.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lemminflect import getAllLemmas, getInflection
from yaml.nodes import MappingNode, Node, ScalarNode

from quizgen.check.review import CONTINUED, REVIEW_MARKER
from quizgen.files import cannot_write, decode_utf8, locked, read_regular, write_text
from quizgen.generate.templates import shipped_templates
from quizgen.load.factsheet import read_fact
from quizgen.load.yamlnodes import MAX_YAML_BYTES, compose_text, location_of
from quizgen.model import ActorFact, Fact, InputError, Location, NumberFact, Problem
from quizgen.model.facts.actor import ROLE_KINDS
from quizgen.text.grammar import AUXILIARIES, BE, DETERMINERS, DO, HAVE, SUBORDINATORS, tokens
from quizgen.text.numbers import find_numbers, number_text

FROM_VERSION, TO_VERSION = 1, 2
COMMENT_WIDTH = 100  # the comments migrate writes are wrapped to this many columns


@dataclass
class Migration:
    """What migrating one sheet did."""

    path: Path
    old: str
    new: str
    facts: int = 0
    to_review: list[str] = field(default_factory=list)  # ids of facts with a review comment
    notes: list[str] = field(default_factory=list)  # what changed besides the version

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.old.splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            str(self.path),
            str(self.path),
        )
        return "".join(lines)


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def migrate_file(path: Path, write: bool = True) -> Migration:
    """Migrate one sheet file (written in place unless ``write`` is false). Raises InputError
    when the sheet cannot be read, has problems to fix first, or cannot be written.

    The sheet is read as the loader reads it (a regular file, bounded, its line endings as they
    are) and written all or nothing: a new file beside it, renamed over it, with its permissions.
    """
    text = decode_utf8(path, read_regular(path, MAX_YAML_BYTES, "split it into smaller sheets"))
    migration = migrate_text(text, path)
    if write and migration.changed:
        try:
            write_text(path, migration.new, mode=stat.S_IMODE(os.stat(path).st_mode))
        except OSError as exc:
            message = f"{cannot_write(exc)}; the sheet is unchanged"
            raise InputError([Problem(Location(path), message)]) from None
    return migration


def migrate_text(text: str, path: Path) -> Migration:
    """The sheet's text upgraded to version 2 (unchanged when it already is), its line endings kept."""
    if "\r\n" in text:
        migration = migrate_text(text.replace("\r\n", "\n"), path)
        migration.old, migration.new = text, migration.new.replace("\n", "\r\n")
        return migration
    root = compose_text(text, path)
    top = _pairs(root, path)
    version = _version(top, path)
    if version == TO_VERSION:
        return Migration(path, text, text, notes=[f"already version {TO_VERSION}"])
    facts_node = top.get("facts", (None, None))[1]
    if facts_node is None or not isinstance(facts_node.value, list):
        raise InputError([Problem(location_of(path, root), "a fact sheet needs a list of facts")])
    problems: list[Problem] = []
    old_facts = [read_fact(node, path, problems, FROM_VERSION) for node in facts_node.value]
    if problems:
        raise InputError(problems + [Problem(Location(path), "fix these problems, then migrate again")])
    migration = Migration(path, text, text, facts=len(old_facts))
    edits = [*_version_edits(top, text)]
    for node, fact in zip(facts_node.value, old_facts, strict=True):
        assert fact is not None
        edits += _fact_edits(node, fact, text, migration)
    migration.new = _apply(text, edits)
    _read_back(migration, [f.id for f in old_facts if f is not None])
    return migration


# --- reading the sheet --------------------------------------------------------------------------


def _pairs(node: Node, path: Path) -> dict[str, tuple[Node, Node]]:
    if not isinstance(node, MappingNode):
        raise InputError([Problem(location_of(path, node), "a fact sheet must be a mapping")])
    return {str(k.value): (k, v) for k, v in node.value if isinstance(k, ScalarNode)}


def _version(top: dict[str, tuple[Node, Node]], path: Path) -> int:
    if "version" not in top:
        return FROM_VERSION
    node = top["version"][1]
    try:
        value = float(node.value)
    except (TypeError, ValueError):
        value = None
    if value not in (FROM_VERSION, TO_VERSION):
        raise InputError(
            [Problem(location_of(path, node), "'version': quizgen migrate reads versions 1 and 2")]
        )
    return int(value)


def _read_back(migration: Migration, ids: list[str]) -> None:
    """The new text must read as version 2, with the same facts under the same ids."""
    problems: list[Problem] = []
    root = compose_text(migration.new, migration.path)
    facts_node = _pairs(root, migration.path)["facts"][1]
    new = [read_fact(node, migration.path, problems, TO_VERSION) for node in facts_node.value]
    if problems or [f.id for f in new if f is not None] != ids:
        found = "; ".join(p.message for p in problems) or "the ids changed"
        message = (
            f"quizgen migrate could not upgrade this sheet ({found}): please report it; the file is unchanged"
        )
        raise InputError([Problem(Location(migration.path), message)])


# --- what changes -------------------------------------------------------------------------------


def _version_edits(top: dict[str, tuple[Node, Node]], text: str) -> list[Edit]:
    if "version" in top:
        value = top["version"][1]
        return [Edit(value.start_mark.index, value.end_mark.index, str(TO_VERSION))]
    first = top.get("article", next(iter(top.values())))[0]
    start = _line_start(text, first.start_mark.index)
    return [Edit(start, start, f"version: {TO_VERSION}\n")]


def _fact_edits(node: MappingNode, fact: Fact, text: str, migration: Migration) -> list[Edit]:
    pairs = {str(k.value): (k, v) for k, v in node.value}
    edits: list[Edit] = []
    if isinstance(fact, NumberFact):
        statement, review = number_statement(fact)
        key, value = pairs["how_many"]
        edits.append(Edit(key.start_mark.index, key.end_mark.index, "statement"))
        edits.append(_replace_value(value, _scalar(statement, node.flow_style), text))
        if review:
            edits.append(_comment_before(node, key, text, f"{REVIEW_MARKER} {review}"))
            migration.to_review.append(fact.id)
        for name in ("hedge", "unit"):
            if name in pairs:
                edits.append(_remove_pair(node, name, text))
        migration.notes.append(f"{fact.id}: statement: {statement}")
    if isinstance(fact, ActorFact) and fact.kind not in ROLE_KINDS and "role" in pairs:
        key, _ = pairs["role"]
        comment = f"# version 1's role (version 2 asks no role of a {fact.kind}): {fact.role}"
        edits.append(_comment_before(node, key, text, comment))
        edits.append(_remove_pair(node, "role", text))
        migration.notes.append(f"{fact.id}: its role is now a comment (a {fact.kind} is asked no role)")
    if fact.question:
        forms = same_question_forms(fact.type)
        edits.append(_replace_pair(node, "question", "questions", {f: fact.question for f in forms}, text))
        migration.notes.append(f"{fact.id}: question is now questions: {', '.join(forms)}")
    return edits


def same_question_forms(fact_type: str) -> list[str]:
    """The forms whose question version 1's ``question`` replaced: the type's first form and
    every form that asks it with the same words (its typed and multiple-choice versions)."""
    forms = shipped_templates()[fact_type]
    first = next(iter(forms.values()))
    return [name for name, form in forms.items() if form.get("prompt") == first.get("prompt")]


# --- number statements --------------------------------------------------------------------------


def number_statement(fact: NumberFact) -> tuple[str, str | None]:
    """Version 2's statement for a version-1 number fact, and why the author should check it (or
    None when it was made mechanically from a how_many in statement order)."""
    words = value_as_written(fact)
    how_many = fact.how_many
    if fact.sentence() is not None:  # how_many reads after the number, as version 1's statements did
        statement, review = _join(words, _after_repeat(words, how_many)), None
    else:
        turned = statement_from_question_order(how_many, words)
        statement = turned or f"{words} {how_many}"
        review = (
            f'check this statement: version 1 had how_many: "{how_many}" in a question\'s word order, '
            f"and it was {'turned round' if turned else 'kept as it was'}"
        )
    trial = NumberFact(
        id=fact.id, evidence=fact.evidence, location=fact.location, value=fact.value, statement=statement,
        as_of=fact.as_of, version=TO_VERSION,
    )  # fmt: skip
    problems = trial.check(None)
    if problems and review is None:
        review = f"check this statement: {problems[0].message}"
    return statement, review


def value_as_written(fact: NumberFact) -> str:
    """The value with its hedge and unit as the evidence writes them ('around 1,500'), else as
    version 1 gave them."""
    unit = fact.unit or ""
    for mention in find_numbers(fact.evidence):
        if mention.high is None and abs(mention.value - fact.value) <= 1e-9 * max(1.0, abs(fact.value)):
            words = mention.text
            if mention.hedge_text is None and fact.hedge:
                words = f"{fact.hedge} {words}"
            if unit and mention.unit is None and unit not in words:
                words = f"{words} {unit}"
            return words
    hedge = f"{fact.hedge} " if fact.hedge else ""
    return f"{hedge}{number_text(fact.value)}{' ' + unit if unit else ''}"


def _verb_only(word: str) -> bool:
    lemmas = getAllLemmas(word.lower())
    return "VERB" in lemmas and not ({"NOUN", "ADJ", "PROPN", "ADV"} & set(lemmas))


def _is_form(word: str, tags: tuple[str, ...]) -> bool:
    lemmas = getAllLemmas(word.lower()).get("VERB")
    if not lemmas:
        return False
    return any(word.lower() in getInflection(lemmas[0], tag) for tag in tags)


def statement_from_question_order(how_many: str, words: str) -> str | None:
    """'homes are the panels expected to supply' + 'about 1,300' -> 'the panels are expected to
    supply about 1,300 homes'; 'countries did the mandate cover' -> 'the mandate covered … countries'.
    None when no auxiliary and verb are found."""
    toks = tokens(how_many)
    aux_at = next((i for i, t in enumerate(toks) if t.lower in AUXILIARIES), None)
    if not aux_at or aux_at + 1 >= len(toks):
        return None
    following = toks[aux_at + 1]
    if following.lower in AUXILIARIES or _is_form(following.text, ("VBN", "VBG", "VB")):
        return None  # 'people have been displaced', 'miners were trapped': statement order already
    aux = toks[aux_at]
    counted = _after_repeat(words, how_many[: aux.start].strip())
    needed = ("VB",) if aux.lower in DO or aux.lower not in BE | HAVE else ("VBN", "VBG")
    if aux.lower in HAVE:
        needed = ("VBN",)
    candidates = [
        j
        for j in range(aux_at + 2, len(toks))
        if toks[j - 1].lower not in DETERMINERS and _is_form(toks[j].text, needed)
    ]
    # The verb ends the subject: a word that can only be a verb ('have'), else the last candidate
    # ('the mandate cover': 'mandate' can be a verb too).
    verb_at = next(
        (j for j in candidates if _verb_only(toks[j].text)), candidates[-1] if candidates else None
    )
    if verb_at is None:
        if aux.lower not in BE:
            return None
        # 'years old was X when …' -> 'X was 41 years old when …'
        end = next((j for j in range(aux_at + 2, len(toks)) if toks[j].text in SUBORDINATORS), len(toks))
        subject = how_many[aux.end : toks[end].start if end < len(toks) else len(how_many)].strip()
        after = how_many[toks[end].start :].strip() if end < len(toks) else ""
        return _join(subject, aux.text, words, counted, after)
    last = verb_at
    while last + 2 < len(toks) and toks[last + 1].lower == "to" and _is_form(toks[last + 2].text, ("VB",)):
        last += 2
    subject = how_many[aux.end : toks[verb_at].start].strip()
    chain = how_many[toks[verb_at].start : toks[last].end]
    after = how_many[toks[last].end :].strip()
    if aux.lower in DO:
        verb = toks[verb_at].text
        tag = {"did": "VBD", "does": "VBZ"}.get(aux.lower, "VBP")
        inflected = getInflection(verb.lower(), tag) or (verb,)
        chain = inflected[0] + chain[len(verb) :]
        return _join(subject, chain, words, counted, after)
    return _join(subject, aux.text, chain, words, counted, after)


def _after_repeat(words: str, rest: str) -> str:
    """``rest`` without the words that ``words`` already ends with: '6.5 million euros' and 'euros
    were spent' make '6.5 million euros were spent'."""
    said, following = words.lower().split(), rest.split()
    for size in range(min(3, len(said), len(following)), 0, -1):
        if [w.lower() for w in following[:size]] == said[-size:]:
            return " ".join(following[size:])
    return rest


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# --- editing the text ---------------------------------------------------------------------------

PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|[\s:]$")


def _scalar(text: str, flow: bool) -> str:
    """A one-line YAML scalar for ``text``: plain where YAML reads it back as this text."""
    plain_ok = not PLAIN_UNSAFE.search(text) and not (flow and re.search(r"[,\[\]{}]", text))
    if plain_ok:
        try:
            plain_ok = yaml.safe_load(f"k: {text}\n") == {"k": text}
        except yaml.YAMLError:
            plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _value_end(value: Node, text: str) -> int:
    """Where a value's own text ends: a block scalar's end mark is the start of the next line."""
    end = value.end_mark.index
    if getattr(value, "style", None) in ("|", ">"):
        while end > 0 and text[end - 1] in "\n ":
            end -= 1
    return end


def _replace_value(value: Node, new: str, text: str) -> Edit:
    return Edit(value.start_mark.index, _value_end(value, text), new)


def _pair_index(node: MappingNode, name: str) -> int:
    return next(i for i, (k, _) in enumerate(node.value) if k.value == name)


def _starts_its_line(text: str, index: int) -> bool:
    return not text[_line_start(text, index) : index].strip()


def _remove_pair(node: MappingNode, name: str, text: str) -> Edit:
    """Take a key and its value out, with its lines when it has them to itself; a comment at
    the end of its line stays, on a line of its own."""
    index = _pair_index(node, name)
    key, value = node.value[index]
    end = _value_end(value, text)
    if node.flow_style:
        if index + 1 < len(node.value):
            return Edit(key.start_mark.index, node.value[index + 1][0].start_mark.index, "")
        return Edit(_value_end(node.value[index - 1][1], text), end, "")
    if not _starts_its_line(text, key.start_mark.index):  # the first key, after '- '
        following = node.value[index + 1][0]
        return Edit(key.start_mark.index, following.start_mark.index, "")
    line_end = _line_end(text, end)
    rest = text[end:line_end]
    comment = rest[rest.find("#") :] if "#" in rest else ""
    kept = f"{' ' * key.start_mark.column}{comment}\n" if comment else ""
    return Edit(_line_start(text, key.start_mark.index), min(line_end + 1, len(text)), kept)


def _replace_pair(node: MappingNode, name: str, new_key: str, mapping: dict[str, str], text: str) -> Edit:
    """Replace a key and its value with a new key holding a mapping of texts."""
    key, value = node.value[_pair_index(node, name)]
    end = _value_end(value, text)
    if node.flow_style:
        items = ", ".join(f"{k}: {_scalar(v, True)}" for k, v in mapping.items())
        return Edit(key.start_mark.index, end, f"{new_key}: {{{items}}}")
    indent = " " * (key.start_mark.column + 2)
    lines = "".join(f"\n{indent}{k}: {_scalar(v, False)}" for k, v in mapping.items())
    return Edit(key.start_mark.index, end, f"{new_key}:{lines}")


def _comment_before(node: MappingNode, key: Node, text: str, comment: str) -> Edit:
    """Comment lines just above a key (above the fact's first line for a fact in flow style),
    wrapped at COMMENT_WIDTH."""
    anchor = node.start_mark.index if node.flow_style else key.start_mark.index
    start = _line_start(text, anchor)
    line = text[start : _line_end(text, start)]
    indent = " " * (len(line) - len(line.lstrip()) if node.flow_style else key.start_mark.column)
    first, *rest = textwrap.wrap(comment.removeprefix("# "), COMMENT_WIDTH - len(indent) - 2) or [""]
    lines = [f"{indent}# {first}", *(f"{indent}{CONTINUED}{more}" for more in rest)]
    return Edit(start, start, "".join(f"{line}\n" for line in lines))


def _apply(text: str, edits: list[Edit]) -> str:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in zip(ordered, ordered[1:], strict=False):
        assert before.end <= after.start or before.start == before.end, (before, after)
    for edit in reversed(ordered):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def migrate_paths(
    sheets: list[Path], write: bool = True, on_wait: Callable[[Path], None] | None = None
) -> tuple[list[Migration], list[Problem]]:
    """Migrate every sheet; a sheet with problems is left as it was and its problems returned.

    Each deck folder is locked while its sheets are migrated, as a build locks it, so that a
    build never reads a deck half migrated; ``on_wait`` is told a folder another run holds."""
    done: list[Migration] = []
    problems: list[Problem] = []
    by_folder: dict[Path, list[Path]] = {}
    for path in sheets:
        by_folder.setdefault(path.parent, []).append(path)
    for folder, paths in by_folder.items():
        wait = (lambda folder=folder: on_wait(folder)) if on_wait is not None else None
        try:
            with locked(folder, on_wait=wait, retry="run quizgen migrate again"):
                for path in paths:
                    try:
                        done.append(migrate_file(path, write))
                    except InputError as exc:
                        problems += exc.problems
        except InputError as exc:  # another run kept the lock
            problems += exc.problems
    return done, problems
