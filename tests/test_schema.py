"""The JSON Schemas for editors (quizgen/schema) against the loader, and the examples of the docs.

The schemas must accept what the loader accepts and refuse what it refuses: the same keys per
fact type, the same choices, the same verdicts on dates, ids and text.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator
from quizgen.generate.values import option_value

from quizgen.generate import generate_deck
from quizgen.generate.single import MAKERS
from quizgen.generate.templates import KINDS, PHRASES, shipped_templates
from quizgen.load import load_deck
from quizgen.load.deck import DECK_SPEC
from quizgen.load.factsheet import COMMON_SPEC, SHEET_SPEC, TYPE_SPECS, load_fact_sheet
from quizgen.load.fields import FieldError, read_date, read_id, read_text
from quizgen.load.quizsettings import MAX_VERSIONS, QUIZ_SPEC
from quizgen.load.yamlnodes import compose_text
from quizgen.model import ACTOR_KINDS, FACT_TYPES, HEDGES, QUIZ_FORMS, InputError, Problem
from tests.conftest import REPO, SEED_DECK, SEED_SHEET

SCHEMA_DIR = REPO / "quizgen" / "schema"
SHEET_SCHEMA = SCHEMA_DIR / "fact-sheet.schema.json"
DECK_SCHEMA = SCHEMA_DIR / "deck.schema.json"
DOCS = REPO / "docs" / "fact-sheets.md"
ARTICLE = "2023-11-06-french-army-niger-withdrawal-talks.md"
MODELINE = "# yaml-language-server: $schema="


class EditorLoader(yaml.SafeLoader):
    """YAML as yaml-language-server sees it for validation: an unquoted 2023-07-26 stays text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(text: str) -> Any:
    return yaml.load(text, Loader=EditorLoader)


@cache
def schema(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def validator(path: Path, definition: str | None = None) -> Draft7Validator:
    """A validator for a whole schema, or for one of its definitions."""
    root = schema(path)
    if definition is not None:
        root = {"definitions": root["definitions"], "$ref": f"#/definitions/{definition}"}
    return Draft7Validator(root)


def schema_accepts(path: Path, instance: Any, definition: str | None = None) -> bool:
    return validator(path, definition).is_valid(instance)


def resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (keeping the referring node's own description)."""
    while "$ref" in node:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def type_branches(root: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The schema of each fact type, from the if/then branches of the fact definition."""
    branches = {}
    for rule in root["definitions"]["fact"]["allOf"]:
        fact_type = rule["if"]["properties"]["type"]["const"]
        branches[fact_type] = resolve(root, rule["then"])
    return branches


def required_keys(spec: dict[str, tuple[Any, bool]]) -> set[str]:
    return {key for key, (_, required) in spec.items() if required}


# --- (a) the shipped files validate ------------------------------------------------------------


def shipped_sheets() -> list[Path]:
    return sorted(p for p in (REPO / "decks").glob("*/*.y*ml") if p.name != "deck.yaml")


@pytest.mark.parametrize("path", shipped_sheets(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_sheets_validate(path: Path):
    errors = list(validator(SHEET_SCHEMA).iter_errors(editor_view(path.read_text(encoding="utf-8"))))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.parametrize("path", sorted((REPO / "decks").glob("*/deck.yaml")), ids=lambda p: p.parent.name)
def test_shipped_deck_settings_validate(path: Path):
    errors = list(validator(DECK_SCHEMA).iter_errors(editor_view(path.read_text(encoding="utf-8"))))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_seed_sheet_points_editors_at_the_schema():
    sheet = REPO / "decks" / SEED_DECK / SEED_SHEET
    first_line = sheet.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"{MODELINE}../../quizgen/schema/fact-sheet.schema.json"
    assert (sheet.parent / first_line.removeprefix(MODELINE)).resolve() == SHEET_SCHEMA.resolve()


@pytest.mark.parametrize("path", sorted((REPO / "decks").glob("*/*.y*ml")), ids=lambda p: p.name)
def test_every_schema_line_names_an_existing_schema(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(MODELINE):
            target = (path.parent / line.removeprefix(MODELINE)).resolve()
            expected = DECK_SCHEMA if path.name == "deck.yaml" else SHEET_SCHEMA
            assert target == expected.resolve(), line


def test_schemas_are_valid_draft_07():
    for path in (SHEET_SCHEMA, DECK_SCHEMA):
        Draft7Validator.check_schema(schema(path))
        assert schema(path)["$schema"] == "http://json-schema.org/draft-07/schema#"


# --- (b) the schemas and the loader cannot drift apart -----------------------------------------


def test_sheet_keys_are_the_loaders():
    root = schema(SHEET_SCHEMA)
    assert set(root["properties"]) == set(SHEET_SPEC)
    assert set(root["required"]) == required_keys(SHEET_SPEC)
    assert root["additionalProperties"] is False


def test_fact_keys_per_type_are_the_loaders():
    root = schema(SHEET_SCHEMA)
    branches = type_branches(root)
    assert list(branches) == list(FACT_TYPES)
    assert set(root["definitions"]["fact"]["properties"]) == set(COMMON_SPEC)
    for fact_type, branch in branches.items():
        spec = {**COMMON_SPEC, **TYPE_SPECS[fact_type]}
        assert set(branch["properties"]) == set(spec), fact_type
        assert set(branch["required"]) == required_keys(spec), fact_type
        assert branch["additionalProperties"] is False, fact_type
        assert branch["properties"]["type"]["const"] == fact_type


def test_choices_are_the_models():
    root = schema(SHEET_SCHEMA)
    branches = type_branches(root)
    assert root["definitions"]["factType"]["enum"] == list(FACT_TYPES)
    assert branches["actor"]["properties"]["kind"]["enum"] == list(ACTOR_KINDS)
    assert branches["number"]["properties"]["hedge"]["enum"] == list(HEDGES)


def test_deck_keys_are_the_loaders():
    root = schema(DECK_SCHEMA)
    assert set(root["properties"]) == set(DECK_SPEC)
    assert set(root["required"]) == required_keys(DECK_SPEC)
    assert root["additionalProperties"] is False


def test_quiz_keys_are_the_loaders():
    quiz = schema(DECK_SCHEMA)["properties"]["quiz"]
    assert set(quiz["properties"]) == set(QUIZ_SPEC)
    assert not required_keys(QUIZ_SPEC) and "required" not in quiz
    assert quiz["additionalProperties"] is False
    assert quiz["properties"]["forms"]["items"]["enum"] == list(QUIZ_FORMS)
    assert quiz["properties"]["versions"]["maximum"] == MAX_VERSIONS


def test_template_forms_are_the_shipped_ones():
    root = schema(DECK_SCHEMA)
    groups = root["properties"]["question_templates"]["properties"]
    shipped = {group: forms for group, forms in shipped_templates().items() if group != PHRASES}
    assert set(groups) == set(shipped)  # phrases are not forms, and a deck does not override them
    for group, forms in shipped.items():
        assert set(groups[group]["properties"]) == set(forms), group
    assert root["definitions"]["kind"]["enum"] == list(MAKERS)
    deck_kind = resolve(root, root["definitions"]["deckFormOverride"]["properties"]["kind"])
    assert deck_kind["enum"] == list(KINDS)


def test_template_options_name_values_of_facts():
    root = schema(DECK_SCHEMA)
    options = root["definitions"]["options"]["enum"]
    facts = load_deck(REPO / "decks" / SEED_DECK, []).facts
    for option in options:
        assert any(option_value(fact, option) is not None for fact in facts), option
    assert all(option_value(fact, "colour") is None for fact in facts)
    used = {
        form["options"]
        for forms in shipped_templates().values()
        for form in forms.values()
        if "options" in form
    }
    assert used <= set(options)


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every (path, schema) under a ``properties`` key, anywhere in a schema."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                found += [(f"{where}/{name}", prop) for name, prop in value.items()]
            found += _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _properties(item, f"{where}/{index}")
    return found


@pytest.mark.parametrize("path", [SHEET_SCHEMA, DECK_SCHEMA], ids=lambda p: p.name)
def test_every_property_has_a_description(path: Path):
    root = schema(path)
    for where, prop in _properties(root):
        if "/if/" in where:
            continue  # the conditions of if/then are not shown to authors
        assert resolve(root, prop).get("description"), where


# --- (c) the same verdicts as the loader --------------------------------------------------------

GOOD_DATE = "{id: d, type: date, event: the coup, date: 2023-07-26, evidence: the putsch}"

FACTS = {
    "valid date": (True, GOOD_DATE),
    "valid year as a number": (True, "{id: d, type: date, event: e, date: 2020, evidence: x}"),
    "valid month as text": (True, "{id: d, type: date, event: e, date: 2023-07, evidence: x}"),
    "valid quoted date": (True, "{id: d, type: date, event: e, date: '2020', evidence: x}"),
    "valid number": (
        True,
        "{id: n, type: number, value: 1500, how_many: troops, hedge: around, as_of: 2023-11, unit: men,"
        " evidence: x}",
    ),
    "valid actor": (True, "{id: a, type: actor, name: A, kind: person, role: r, evidence: x}"),
    "valid cause with every optional key": (
        True,
        "{id: c, type: cause, cause: c, effect: e, evidence: x, gap: x, tags: [t, 2020], also_true: [y],"
        " question: 'Why?', draft: true, image: x.png}",
    ),
    "valid number as text": (True, "{id: d, type: date, event: 1914, date: 1914, evidence: 1914}"),
    "unknown key": (False, "{id: d, type: date, event: e, date: 2020, evidence: x, colour: red}"),
    "key of another type": (False, "{id: d, type: date, event: e, date: 2020, evidence: x, value: 3}"),
    "wrong type": (False, "{id: d, type: dates, event: e, date: 2020, evidence: x}"),
    "missing type": (False, "{id: d, event: e, date: 2020, evidence: x}"),
    "missing evidence": (False, "{id: d, type: date, event: e, date: 2020}"),
    "missing id": (False, "{type: date, event: e, date: 2020, evidence: x}"),
    "missing key of the type": (False, "{id: a, type: actor, name: A, kind: person, evidence: x}"),
    "bad id": (False, "{id: Coup Date, type: date, event: e, date: 2020, evidence: x}"),
    "impossible day": (False, "{id: d, type: date, event: e, date: 2023-02-29, evidence: x}"),
    "date in words": (False, "{id: d, type: date, event: e, date: July 2023, evidence: x}"),
    "date as a float": (False, "{id: d, type: date, event: e, date: 2020.5, evidence: x}"),
    "number as text": (False, "{id: n, type: number, value: '1,500', how_many: t, evidence: x}"),
    "unknown hedge": (False, "{id: n, type: number, value: 1, how_many: t, hedge: aroud, evidence: x}"),
    "unknown kind": (False, "{id: a, type: actor, name: A, kind: people, role: r, evidence: x}"),
    "empty text": (False, "{id: a, type: actor, name: '  ', kind: person, role: r, evidence: x}"),
    "null text": (False, "{id: a, type: actor, name: , kind: person, role: r, evidence: x}"),
    "tags not a list": (False, "{id: d, type: date, event: e, date: 2020, evidence: x, tags: niger}"),
    "draft not a boolean": (False, "{id: d, type: date, event: e, date: 2020, evidence: x, draft: maybe}"),
    "fact not a mapping": (False, "just text"),
}


def loader_accepts(sheet_text: str, tmp_path: Path) -> tuple[bool, list[Problem]]:
    """Load a sheet with the real loader, beside the real article; True if no problem."""
    (tmp_path / "source_articles").mkdir(exist_ok=True)
    (tmp_path / "source_articles" / ARTICLE).write_text(
        (REPO / "source_articles" / ARTICLE).read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = tmp_path / "sheet.yaml"
    path.write_text(sheet_text, encoding="utf-8")
    problems: list[Problem] = []
    load_fact_sheet(path, problems)
    return not problems, problems


@pytest.mark.parametrize("name", list(FACTS))
def test_schema_and_loader_agree_on_facts(name: str, tmp_path: Path):
    expected, fact = FACTS[name]
    text = f"version: 1\narticle: {ARTICLE}\nfacts:\n  - {fact}\n"
    accepted, problems = loader_accepts(text, tmp_path)
    assert accepted == expected, problems
    assert schema_accepts(SHEET_SCHEMA, editor_view(text)) == expected


SHEETS = {
    "valid": (True, f"article: {ARTICLE}\nfacts: [{GOOD_DATE}]\n"),
    "version 2": (False, f"version: 2\narticle: {ARTICLE}\nfacts: [{GOOD_DATE}]\n"),
    "unknown top-level key": (False, f"article: {ARTICLE}\nauthor: me\nfacts: [{GOOD_DATE}]\n"),
    "no facts": (False, f"article: {ARTICLE}\nfacts: []\n"),
    "facts not a list": (False, f"article: {ARTICLE}\nfacts: {GOOD_DATE}\n"),
    "no article": (False, f"facts: [{GOOD_DATE}]\n"),
}


@pytest.mark.parametrize("name", list(SHEETS))
def test_schema_and_loader_agree_on_sheets(name: str, tmp_path: Path):
    expected, text = SHEETS[name]
    accepted, problems = loader_accepts(text, tmp_path)
    assert accepted == expected, problems
    assert schema_accepts(SHEET_SCHEMA, editor_view(text)) == expected


def loader_verdict(reader, yaml_value: str) -> bool:
    node = compose_text(f"key: {yaml_value}\n", Path("x.yaml")).value[0][1]
    try:
        reader(node)
    except FieldError:
        return False
    return True


def quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a double-quoted YAML string


@settings(max_examples=300, derandomize=True)
@given(
    st.from_regex(r"\A[0-9]{1,5}(-[0-9]{1,2}(-[0-9]{1,2})?)?\Z")
    | st.text(alphabet="0123456789- \t\nx/.", max_size=12)
)
def test_dates_in_quotes_agree(text: str):
    accepted = loader_verdict(read_date, quoted(text))
    assert schema_accepts(SHEET_SCHEMA, text, "date") == accepted


@settings(max_examples=300, derandomize=True)
@given(st.from_regex(r"\A[1-9][0-9]{2,4}(-[0-9]{1,2}(-[0-9]{1,2})?)?\Z"))
def test_unquoted_dates_agree(text: str):
    accepted = loader_verdict(read_date, text)
    assert schema_accepts(SHEET_SCHEMA, editor_view(f"key: {text}")["key"], "date") == accepted


CALENDAR = {
    "2024-02-29": True,
    "2000-02-29": True,
    "1900-02-29": False,
    "2023-02-29": False,
    "2023-04-31": False,
    "2023-12-31": True,
    "2023-00": False,
    "2023-13": False,
    "2023-07-26T10:00": False,
}


@pytest.mark.parametrize("text", list(CALENDAR))
def test_calendar_edge_dates_agree(text: str):
    assert loader_verdict(read_date, text) == CALENDAR[text]
    assert schema_accepts(SHEET_SCHEMA, editor_view(f"key: {text}")["key"], "date") == CALENDAR[text]


@settings(max_examples=300, derandomize=True)
@given(st.from_regex(r"\A[a-zA-Z0-9_ .-]{0,6}\Z") | st.integers(-5, 10**6).map(str))
def test_ids_agree(text: str):
    assert schema_accepts(SHEET_SCHEMA, text, "id") == loader_verdict(read_id, quoted(text))
    # Written plain, YAML may read a number: 2020 is an id, -5 and 1.5 are not.
    assume(text.strip() and not text.lstrip().startswith("-"))
    value = editor_view(f"key: {text}")["key"]
    assume(not isinstance(value, bool | None))
    assert schema_accepts(SHEET_SCHEMA, value, "id") == loader_verdict(read_id, text)


@settings(max_examples=200, derandomize=True)
@given(st.text(alphabet=" \t\nab1", max_size=5))
def test_texts_agree(text: str):
    accepted = loader_verdict(read_text, quoted(text))
    assert schema_accepts(SHEET_SCHEMA, text, "text") == accepted


DECKS = {
    "valid": (True, "name: D\n"),
    "every key": (
        True,
        "name: D\ndescription: d\nquiz_title: q\n"
        "question_templates:\n  actor:\n    role: {prompt: 'What is {{ fact.name }}?'}\n",
    ),
    "new form": (
        True,
        "name: D\nquestion_templates:\n  cause:\n"
        "    because: {prompt: 'Because of what?', answer: '{{ fact.cause }}'}\n",
    ),
    "quiz settings": (
        True,
        "name: D\nquiz: {versions: 2, seed: abc, paper: Letter, count: 10, forms: [cloze]}\n",
    ),
    "no name": (False, "description: d\n"),
    "unknown key": (False, "name: D\ntheme: dark\n"),
    "unknown fact type": (False, "name: D\nquestion_templates:\n  dates: {}\n"),
    "bad kind": (False, "name: D\nquestion_templates:\n  date:\n    when: {kind: essay}\n"),
    "too many versions": (False, "name: D\nquiz: {versions: 27}\n"),
    "no versions": (False, "name: D\nquiz: {versions: 0}\n"),
    "unknown paper": (False, "name: D\nquiz: {paper: a5}\n"),
    "unknown quiz form": (False, "name: D\nquiz: {forms: [essay]}\n"),
    "no quiz forms": (False, "name: D\nquiz: {forms: []}\n"),
    "quiz not a mapping": (False, "name: D\nquiz: all\n"),
    "new form without answer": (False, "name: D\nquestion_templates:\n  date:\n    w2: {prompt: 'When?'}\n"),
}


@pytest.mark.parametrize("name", list(DECKS))
def test_schema_and_quizgen_agree_on_decks(name: str, tmp_path: Path):
    """Deck settings are read by the loader, their templates when questions are made."""
    expected, text = DECKS[name]
    deck_dir = tmp_path / "decks" / "d"
    deck_dir.mkdir(parents=True)
    (deck_dir / "deck.yaml").write_text(text, encoding="utf-8")
    (deck_dir / "facts.yaml").write_text(
        (REPO / "decks" / SEED_DECK / SEED_SHEET).read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "source_articles").mkdir()
    (tmp_path / "source_articles" / ARTICLE).write_bytes((REPO / "source_articles" / ARTICLE).read_bytes())
    problems: list[Problem] = []
    deck = load_deck(deck_dir, problems)
    accepted = not problems
    if accepted:
        try:
            generate_deck(deck)
        except InputError:
            accepted = False
    assert accepted == expected, problems
    assert schema_accepts(DECK_SCHEMA, editor_view(text)) == expected


# --- the examples of docs/fact-sheets.md -------------------------------------------------------

EXAMPLE = re.compile(r"<!-- example: (\w+) -->\n```\w*\n(.*?)```", re.S)


def doc_examples(kind: str) -> list[str]:
    return [body for found, body in EXAMPLE.findall(DOCS.read_text(encoding="utf-8")) if found == kind]


def _sheet_of(kind: str, body: str) -> str:
    if kind == "sheet":
        return body
    facts = "".join(f"  {line}\n" if line else "\n" for line in body.splitlines())
    head = f"{MODELINE}../../quizgen/schema/fact-sheet.schema.json\nversion: 1\narticle: {ARTICLE}\n"
    return f"{head}facts:\n{facts}"


def test_docs_have_examples():
    assert len(doc_examples("sheet")) >= 2
    assert len(doc_examples("facts")) >= 4
    assert len(doc_examples("deck")) >= 2
    assert len(doc_examples("invalid")) == len(doc_examples("output")) == 1


@pytest.mark.parametrize(
    ("kind", "index"),
    [(k, i) for k in ("sheet", "facts") for i in range(len(doc_examples(k)))],
)
def test_doc_sheet_examples_pass_check(kind: str, index: int, project: Path, run_cli):
    text = _sheet_of(kind, doc_examples(kind)[index])
    assert schema_accepts(SHEET_SCHEMA, editor_view(text))
    deck_dir = project / "decks" / "example"
    deck_dir.mkdir()
    (deck_dir / "deck.yaml").write_text('name: "Example"\n', encoding="utf-8")
    (deck_dir / "example.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "decks/example")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


@pytest.mark.parametrize("index", range(len(doc_examples("deck"))))
def test_doc_deck_examples_pass_check_and_make_questions(index: int, project: Path, run_cli):
    text = doc_examples("deck")[index]
    assert schema_accepts(DECK_SCHEMA, editor_view(text))
    (project / "decks" / SEED_DECK / "deck.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", f"decks/{SEED_DECK}")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output
    deck = load_deck(project / "decks" / SEED_DECK, [])
    prompts = {q.id: q.prompt for q in generate_deck(deck).questions}
    overridden = {
        form for forms in editor_view(text).get("question_templates", {}).values() for form in forms
    }
    if "role" in overridden:
        assert prompts["sahel/mohamed-bazoum/role"] == "What part does Mohamed Bazoum play in the article?"
    if "why" in overridden:
        assert prompts["sahel/coup-removed-bazoum/why"] == (
            "According to the article, what brought about the removal of President Mohamed Bazoum from power?"
        )


def test_doc_mistakes_example_prints_what_the_docs_say(project: Path, run_cli):
    text = doc_examples("invalid")[0]
    assert not schema_accepts(SHEET_SCHEMA, editor_view(text))
    deck_dir = project / "decks" / "example"
    deck_dir.mkdir()
    (deck_dir / "deck.yaml").write_text('name: "Example"\n', encoding="utf-8")
    (deck_dir / "mistakes.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "decks/example")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == doc_examples("output")[0].splitlines()
    flagged = {error.absolute_path[1] for error in validator(SHEET_SCHEMA).iter_errors(editor_view(text))}
    assert flagged == {0, 1, 2}, "the docs say an editor flags the first four problems (facts 1 to 3)"
