"""The JSON Schemas for editors (quizgen/schema), generated from the loader's declarations.

The committed files must be what the generator writes today; real sheets and the docs' examples
must validate; and the schema must accept what the loader accepts and refuse what it refuses, on
named cases and on a sample drawn from the declarations themselves.
"""

from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from quizgen.generate import generate_deck
from quizgen.generate import templates as generate_templates
from quizgen.load import load_deck
from quizgen.load import schema as generator
from quizgen.load.deck import DECK_SETTINGS, EXTRA_OPTIONS, FACT_FORM_KINDS, FORM_SETTINGS, NEEDED_TEXTS
from quizgen.load.factsheet import FORMAT_VERSIONS, keys_of, load_fact_sheet
from quizgen.load.fields import FieldError, read_date, read_id, read_text
from quizgen.load.quizsettings import QUIZ_SETTINGS
from quizgen.load.yamlnodes import compose_text
from quizgen.model import InputError, Problem, fact_types
from quizgen.model.keys import COMMON_KEYS, SHAPES, Key
from tests.conftest import REPO, SEED_DECK

SCHEMA_DIR = REPO / "quizgen" / "schema"
SHEET_SCHEMA = SCHEMA_DIR / "fact-sheet.schema.json"
DECK_SCHEMA = SCHEMA_DIR / "deck.schema.json"
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
    root = schema(path)
    if definition is not None:
        root = {"definitions": root["definitions"], "$ref": f"#/definitions/{definition}"}
    return Draft7Validator(root)


def schema_errors(path: Path, instance: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(path).iter_errors(instance)]


def schema_accepts(path: Path, instance: Any, definition: str | None = None) -> bool:
    return validator(path, definition).is_valid(instance)


# --- one source: the committed files are what the declarations generate -------------------------


@pytest.mark.parametrize("name", list(generator.SCHEMAS))
def test_committed_schema_is_the_generated_one(name: str):
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == generator.render(generator.SCHEMAS[name]()), (
        f"quizgen/schema/{name} is out of date: run python -m quizgen.load.schema"
    )


def test_the_generator_rewrites_a_stale_file_and_check_says_so(tmp_path, monkeypatch, capsys):
    for name in generator.SCHEMAS:
        shutil.copy(SCHEMA_DIR / name, tmp_path / name)
    (tmp_path / generator.DECK_FILE).write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(generator, "schema_dir", lambda: tmp_path)
    assert generator.main(["--check"]) == 1
    assert "deck.schema.json: out of date" in capsys.readouterr().out
    assert (tmp_path / generator.DECK_FILE).read_text(encoding="utf-8") == "{}\n"  # --check writes nothing
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
    assert (tmp_path / generator.DECK_FILE).read_bytes() == (SCHEMA_DIR / generator.DECK_FILE).read_bytes()


def test_schemas_are_valid_draft_07():
    for path in (SHEET_SCHEMA, DECK_SCHEMA):
        Draft7Validator.check_schema(schema(path))
        assert schema(path)["$schema"] == "http://json-schema.org/draft-07/schema#"


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found += [(f"{where}/{name}", prop) for name, prop in value.items()]
            found += _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _properties(item, f"{where}/{index}")
    return found


@pytest.mark.parametrize("path", [SHEET_SCHEMA, DECK_SCHEMA], ids=lambda p: p.name)
def test_every_property_an_author_sees_has_a_description(path: Path):
    for where, prop in _properties(schema(path)):
        if "/if/" in where or "/then/" in where:
            continue  # conditions and the narrowing inside them are not what an editor shows
        target = prop
        if "$ref" in prop and "description" not in prop:
            target = schema(path)["definitions"][prop["$ref"].rsplit("/", 1)[1]]
        assert target.get("description"), where


def test_every_declared_key_is_in_the_schema_of_its_version():
    root = schema(SHEET_SCHEMA)
    for version in FORMAT_VERSIONS:
        for name, cls in fact_types().items():
            branch = root["definitions"][f"{name}-v{version}"]
            keys = keys_of(cls, version)
            assert set(branch["properties"]) == {k.name for k in keys}, (name, version)
            assert branch["additionalProperties"] is False
            for key in keys:
                if key.name == "type":
                    continue
                assert key.doc in branch["properties"][key.name].get("description", key.doc)
                if key.kind == "choice" and key.name != "type":
                    assert branch["properties"][key.name]["enum"] == list(key.choices)


def test_deck_keys_are_the_declared_settings():
    root = schema(DECK_SCHEMA)
    assert list(root["properties"]) == [s.name for s in DECK_SETTINGS]
    assert root["required"] == [s.name for s in DECK_SETTINGS if s.required]
    quiz = root["properties"]["quiz"]
    assert list(quiz["properties"]) == [s.name for s in QUIZ_SETTINGS]
    assert quiz["properties"]["versions"]["maximum"] == 26


def test_template_groups_and_forms_are_the_shipped_ones():
    groups = schema(DECK_SCHEMA)["properties"]["question_templates"]["properties"]
    shipped = generate_templates.shipped_templates()
    assert set(groups) == set(shipped) - {generate_templates.PHRASES}  # phrases are not forms
    for group, forms in groups.items():
        assert set(forms["properties"]) == set(shipped[group]), group


def test_form_declarations_are_the_ones_generate_reads():
    """generate/templates.py keeps its own names for these; they must stay the declared ones."""
    assert {s.name for s in FORM_SETTINGS} == set(generate_templates.FORM_KEYS)
    assert FACT_FORM_KINDS == generate_templates.FACT_KINDS
    assert NEEDED_TEXTS == generate_templates.NEEDED_TEXTS
    assert EXTRA_OPTIONS == generate_templates.EXTRA_OPTIONS
    kind = next(s for s in FORM_SETTINGS if s.name == "kind")
    assert kind.choices == generate_templates.KINDS


# --- real sheets validate -----------------------------------------------------------------------


def real_files() -> list[Path]:
    return sorted((REPO / "decks").glob("*/*.y*ml"))


@pytest.mark.parametrize("path", real_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_files_validate(path: Path):
    target = DECK_SCHEMA if path.name == "deck.yaml" else SHEET_SCHEMA
    assert schema_errors(target, editor_view(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", real_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_schema_line_names_the_right_schema(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(MODELINE):
            expected = DECK_SCHEMA if path.name == "deck.yaml" else SHEET_SCHEMA
            assert (path.parent / line.removeprefix(MODELINE)).resolve() == expected.resolve(), line


def test_the_init_example_validates_passes_check_strict_and_shows_every_type(tmp_path, monkeypatch, run_cli):
    assert run_cli("init", str(tmp_path / "p")).exit_code == 0
    files = sorted((tmp_path / "p" / "decks").glob("*/*.yaml"))
    assert len(files) >= 2
    for path in files:
        target = DECK_SCHEMA if path.name == "deck.yaml" else SHEET_SCHEMA
        assert schema_errors(target, editor_view(path.read_text(encoding="utf-8"))) == [], path
    sheet = editor_view(next(p for p in files if p.name != "deck.yaml").read_text(encoding="utf-8"))
    assert sheet["version"] == max(FORMAT_VERSIONS)
    assert {fact["type"] for fact in sheet["facts"]} == set(fact_types())
    monkeypatch.chdir(tmp_path / "p")
    check = run_cli("check", "--strict")
    assert check.exit_code == 0, check.stderr
    assert check.stderr.endswith("0 error(s), 0 warning(s)\n")


# --- the schema and the loader agree -----------------------------------------------------------

GOOD_DATE = "{id: d, type: date, event: the coup, date: 2023-07-26, evidence: the putsch}"

FACTS = {
    "v1 date": (1, True, GOOD_DATE),
    "v1 number": (1, True, "{id: n, type: number, value: 1500, how_many: troops came, hedge: around, "
                  "as_of: 2023-11, unit: men, evidence: x}"),
    "v1 actor": (1, True, "{id: a, type: actor, name: A, kind: person, role: r, evidence: x}"),
    "v1 actor without role": (1, False, "{id: a, type: actor, name: A, kind: person, evidence: x}"),
    "v1 cause, every common key": (1, True, "{id: c, type: cause, cause: c, effect: e, evidence: x, "
                                   "gap: x, tags: [t, 2020], also_true: [y], question: 'Why?', draft: true, "
                                   "image: x.png}"),
    "v1 statement": (1, False, "{id: n, type: number, value: 3, statement: 3 men came, evidence: x}"),
    "v1 event": (1, False, "{id: e, type: event, happened: the army closed the border, evidence: x}"),
    "v2 date as a clause": (2, True, "{id: d, type: date, happened: the ship ran aground, date: 2021-03-23, "
                            "since: false, as_written: on Tuesday, evidence: x}"),
    "v2 date with both": (2, False, "{id: d, type: date, event: e, happened: x ran, date: 2020, "
                          "evidence: x}"),
    "v2 date with neither": (2, False, "{id: d, type: date, date: 2020, evidence: x}"),
    "v2 number": (2, True, "{id: n, type: number, value: 1500, statement: 'around 1,500 troops came', "
                  "as_of: 2023-11, evidence: x}"),
    "v2 number range": (2, True, "{id: n, type: number, range: [12, 14], statement: s, evidence: x}"),
    "v2 number with both": (2, False, "{id: n, type: number, value: 1, range: [1, 2], statement: s, "
                            "evidence: x}"),
    "v2 how_many": (2, False, "{id: n, type: number, value: 3, how_many: men came, evidence: x}"),
    "v2 actor without role": (2, True, "{id: a, type: actor, name: Niger, display: the country, kind: state, "
                              "evidence: x}"),
    "v2 quote without evidence": (2, True, "{id: q, type: quote, speaker: Ellen Harte, quote: hello}"),
    "v2 list": (2, True, "{id: l, type: list, name: the two towns, members: [A, B], complete: true, "
                "kind: city, evidence: x}"),
    "v2 place": (2, True, "{id: p, type: place, place: Niamey, statement: s, kind: city, evidence: x}"),
    "v2 event": (2, True, "{id: e, type: event, happened: h, who: w, kind: group, date: 2023, place: p, "
                 "evidence: x}"),
    "v2 every common key": (2, True, "{id: c, type: cause, cause: c, effect: e, one_of: true, evidence: x, "
                            "questions: {why: 'Why?'}, skip: [cloze], same_as: [d-1], tags: [t]}"),
    "v2 question": (2, False, "{id: c, type: cause, cause: c, effect: e, evidence: x, question: 'Why?'}"),
    "v2 same_as not a list": (2, False, "{id: c, type: cause, cause: c, effect: e, evidence: x, same_as: d}"),
    "unknown key": (2, False, "{id: d, type: date, event: e, date: 2020, evidence: x, colour: red}"),
    "wrong type": (1, False, "{id: d, type: dates, event: e, date: 2020, evidence: x}"),
    "missing type": (1, False, "{id: d, event: e, date: 2020, evidence: x}"),
    "bad id": (1, False, "{id: Coup Date, type: date, event: e, date: 2020, evidence: x}"),
    "impossible day": (2, False, "{id: d, type: date, event: e, date: 2023-02-29, evidence: x}"),
    "number as text": (1, False, "{id: n, type: number, value: '1,500', how_many: t, evidence: x}"),
    "unknown kind": (2, False, "{id: a, type: actor, name: A, kind: people, evidence: x}"),
    "null text": (2, False, "{id: a, type: actor, name: , kind: person, evidence: x}"),
    "fact not a mapping": (1, False, "just text"),
}  # fmt: skip


@pytest.fixture(scope="module")
def sheet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder beside a source_articles/ holding the real seed article."""
    root = tmp_path_factory.mktemp("agree")
    (root / "source_articles").mkdir()
    shutil.copy(REPO / "source_articles" / ARTICLE, root / "source_articles" / ARTICLE)
    return root


def loader_problems(text: str, folder: Path) -> list[Problem]:
    path = folder / "sheet.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    load_fact_sheet(path, problems)
    return problems


def sheet_text(version: int | None, fact: str) -> str:
    head = "" if version is None else f"version: {version}\n"
    return f"{head}article: {ARTICLE}\nfacts:\n  - {fact}\n"


@pytest.mark.parametrize("name", list(FACTS))
def test_schema_and_loader_agree_on_named_facts(name: str, sheet_dir: Path):
    version, expected, fact = FACTS[name]
    text = sheet_text(version, fact)
    problems = loader_problems(text, sheet_dir)
    assert (not problems) == expected, problems
    assert schema_accepts(SHEET_SCHEMA, editor_view(text)) == expected


SHEETS = {
    "no version is version 1": (True, f"article: {ARTICLE}\nfacts: [{GOOD_DATE}]\n"),
    "version 2": (True, f"version: 2\narticle: {ARTICLE}\nfacts: [{GOOD_DATE}]\n"),
    "version 3": (False, f"version: 3\narticle: {ARTICLE}\nfacts: [{GOOD_DATE}]\n"),
    "unknown top-level key": (False, f"article: {ARTICLE}\nauthor: me\nfacts: [{GOOD_DATE}]\n"),
    "no facts": (False, f"article: {ARTICLE}\nfacts: []\n"),
    "facts not a list": (False, f"article: {ARTICLE}\nfacts: {GOOD_DATE}\n"),
    "no article": (False, f"facts: [{GOOD_DATE}]\n"),
}


@pytest.mark.parametrize("name", list(SHEETS))
def test_schema_and_loader_agree_on_sheets(name: str, sheet_dir: Path):
    expected, text = SHEETS[name]
    problems = loader_problems(text, sheet_dir)
    assert (not problems) == expected, problems
    assert schema_accepts(SHEET_SCHEMA, editor_view(text)) == expected


# A sample of facts drawn from the declarations: every key of every type, of both versions (so
# also keys of the other version), with values good and bad for their kind. The known gaps of the
# schema's $comment (yes/no, spaces inside quoted choices, a range written high to low) are left out.
BAD_TEXT = [None, "", "  ", ["a"], {"a": 1}, True]
VALUES: dict[str, list[Any]] = {
    "text": ["a", "the ship ran aground", 1914, 12.5, *BAD_TEXT],
    "phrase": ["the Ever Given", "around 1,500 troops were stationed in Niger", *BAD_TEXT],
    "id": ["a-1", "x_y", 2020, "Bad Id", "-a", "", None],
    "date": ["2020", 2020, "2023-07", "2023-07-26", "2024-02-29", "2023-02-29", "July 2023", 20.5, None],
    "number": [1500, 12.5, 0, -3, "1,500", "many", True, None],
    "range": [[1, 2], [0.5, 12], [1], [1, 2, 3], "1-2", [1, "x"], None],
    "bool": [True, False, "maybe", 1, None],
    "text_list": [["a", "b"], [], [1914], "a", [""], [None], None],
    "id_list": [["a-1"], [], ["Bad Id"], "a-1", None],
    "wording": [{"when": "When?"}, {"x": "y"}, {}, {"when": ""}, "When?", None],
}


def choice_values(key: Key) -> list[Any]:
    return [*key.choices, "nonsense", None, 3]


def minimal_fact(name: str, version: int) -> dict[str, Any]:
    """A fact of the type that both accept: its required keys (one of each one_of), good values."""
    fact: dict[str, Any] = {"type": name}
    groups: set[str] = set()
    for key in keys_of(fact_types()[name], version):
        if key.name == "type" or not (key.required or key.one_of) or (key.one_of in groups):
            continue
        groups.add(key.one_of or "")
        fact[key.name] = choice_values(key)[0] if key.kind == "choice" else VALUES[key.kind][0]
    return fact


def fact_strategy() -> st.SearchStrategy[tuple[int | None, dict[str, Any]]]:
    """A minimal good fact, changed by a few keys set (to a good or a bad value, of either version,
    or unknown) or taken out."""

    def changed(name: str, version: int | None) -> st.SearchStrategy[tuple[int | None, dict[str, Any]]]:
        cls = fact_types()[name]
        values: dict[str, list[Any]] = {"colour": ["red"]}
        for key in (*COMMON_KEYS, *cls.KEYS):
            if key.name != "type":
                pool = choice_values(key) if key.kind == "choice" else VALUES[key.kind]
                values.setdefault(key.name, []).extend(v for v in pool if v not in values[key.name])
        edit = st.sampled_from(sorted(values)).flatmap(
            lambda key: st.tuples(st.just(key), st.sampled_from([DROP, *values[key]]))
        )

        def apply(edits: list[tuple[str, Any]]) -> tuple[int | None, dict[str, Any]]:
            fact = minimal_fact(name, version or 1)
            for key, value in edits:
                if value is DROP:
                    fact.pop(key, None)
                else:
                    fact[key] = value
            return version, fact

        return st.lists(edit, max_size=3).map(apply)

    return st.tuples(st.sampled_from(list(fact_types())), st.sampled_from([None, 1, 2])).flatmap(
        lambda drawn: changed(*drawn)
    )


DROP = object()


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fact_strategy())
def test_schema_and_loader_agree_on_a_sample_drawn_from_the_declarations(sheet_dir: Path, drawn):
    version, fact = drawn
    text = sheet_text(version, json.dumps(fact, ensure_ascii=False))
    problems = loader_problems(text, sheet_dir)
    accepted = schema_accepts(SHEET_SCHEMA, editor_view(text))
    assert accepted == (not problems), (text, problems)


def test_the_minimal_facts_the_sample_starts_from_are_good(sheet_dir: Path):
    """The sample is worth something only if it holds accepted facts of each type and version."""
    for version in FORMAT_VERSIONS:
        for name in fact_types():
            text = sheet_text(version, json.dumps(minimal_fact(name, version)))
            assert loader_problems(text, sheet_dir) == [], text
            assert schema_accepts(SHEET_SCHEMA, editor_view(text)), text


def loader_verdict(reader, yaml_value: str) -> bool:
    node = compose_text(f"key: {yaml_value}\n", Path("x.yaml")).value[0][1]
    try:
        reader(node)
    except FieldError:
        return False
    return True


@settings(max_examples=300, derandomize=True)
@given(
    st.from_regex(r"\A[0-9]{1,5}(-[0-9]{1,2}(-[0-9]{1,2})?)?\Z")
    | st.text(alphabet="0123456789- \t\nx/.", max_size=12)
)
def test_dates_agree(text: str):
    assert schema_accepts(SHEET_SCHEMA, text, "date") == loader_verdict(read_date, json.dumps(text))
    if text.strip()[:1] in set("123456789") and "\n" not in text and "\t" not in text:
        value = editor_view(f"key: {text}")["key"]
        assert schema_accepts(SHEET_SCHEMA, value, "date") == loader_verdict(read_date, text)


@settings(max_examples=300, derandomize=True)
@given(st.from_regex(r"\A[a-zA-Z0-9_ .-]{0,6}\Z") | st.integers(0, 10**6).map(str))
def test_ids_agree(text: str):
    assert schema_accepts(SHEET_SCHEMA, text, "id") == loader_verdict(read_id, json.dumps(text))


@settings(max_examples=200, derandomize=True)
@given(st.text(alphabet=" \t\nab1", max_size=5))
def test_texts_agree(text: str):
    assert schema_accepts(SHEET_SCHEMA, text, "text") == loader_verdict(read_text, json.dumps(text))


DECKS = {
    "name only": (True, "name: D\n"),
    "every key": (
        True,
        "name: D\ndescription: d\nquiz_title: q\nanki_multiple_choice: true\nchoice_options: 3\n"
        "formats: [anki, study]\nquestion_templates:\n  actor:\n"
        "    role: {prompt: 'What is {{ fact.name }}?'}\n",
    ),
    "new form": (
        True,
        "name: D\nquestion_templates:\n  cause:\n"
        "    because: {prompt: 'Because of what?', answer: '{{ fact.Cause }}'}\n",
    ),
    "new choice form": (
        True,
        "name: D\nquestion_templates:\n  list:\n"
        "    odd: {kind: choice, options: outsider, prompt: 'Odd one out of {{ fact.name }}?'}\n",
    ),
    "deck form override": (
        True,
        "name: D\nquestion_templates:\n  deck:\n    timeline: {prompt: 'Order these.'}\n",
    ),
    "quiz settings": (
        True,
        "name: D\nquiz: {versions: 2, seed: abc, paper: Letter, count: 10, forms: [cloze]}\n",
    ),
    "no name": (False, "description: d\n"),
    "unknown key": (False, "name: D\ntheme: dark\n"),
    "five options": (False, "name: D\nchoice_options: 5\n"),
    "no formats": (False, "name: D\nformats: []\n"),
    "unknown fact type": (False, "name: D\nquestion_templates:\n  dates: {}\n"),
    "phrases are not forms": (False, "name: D\nquestion_templates:\n  phrases: {as_of_stamp: x}\n"),
    "bad kind": (False, "name: D\nquestion_templates:\n  date:\n    when: {kind: essay}\n"),
    "an option of another type": (
        False,
        "name: D\nquestion_templates:\n  date:\n    w2: {kind: choice, options: number, prompt: 'When?'}\n",
    ),
    "reverse is for true_false": (
        False,
        "name: D\nquestion_templates:\n  cause:\n    w2: {kind: choice, options: reverse, prompt: 'Why?'}\n",
    ),
    "estimate on a date": (False, "name: D\nquestion_templates:\n  date:\n    when: {estimate: true}\n"),
    "new deck form": (
        False,
        "name: D\nquestion_templates:\n  deck:\n    mine: {kind: ordering, prompt: x}\n",
    ),
    "deck form of another kind": (
        False,
        "name: D\nquestion_templates:\n  deck:\n    timeline: {kind: matching}\n",
    ),
    "override not a mapping": (False, "name: D\nquestion_templates:\n  date:\n    when: null\n"),
    "too many versions": (False, "name: D\nquiz: {versions: 27}\n"),
    "unknown paper": (False, "name: D\nquiz: {paper: a5}\n"),
    "no quiz forms": (False, "name: D\nquiz: {forms: []}\n"),
    "quiz not a mapping": (False, "name: D\nquiz: all\n"),
    "new form without answer": (False, "name: D\nquestion_templates:\n  date:\n    w2: {prompt: 'When?'}\n"),
}


@pytest.mark.parametrize("name", list(DECKS))
def test_schema_and_quizgen_agree_on_deck_settings(name: str, tmp_path: Path):
    """Deck settings are read by the loader, their templates when questions are made."""
    expected, text = DECKS[name]
    deck_dir = tmp_path / "decks" / "d"
    shutil.copytree(REPO / "decks" / SEED_DECK, deck_dir, ignore=shutil.ignore_patterns("anki-state.tsv"))
    (deck_dir / "deck.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "source_articles", tmp_path / "source_articles")
    problems: list[Problem] = []
    deck = load_deck(deck_dir, problems)
    accepted = not problems
    if accepted:
        try:
            generate_deck(deck)
        except InputError as exc:
            problems, accepted = exc.problems, False
    assert accepted == expected, problems
    assert schema_accepts(DECK_SCHEMA, editor_view(text)) == expected


# --- the examples of docs/fact-sheets.md ----------------------------------------------------------

DOCS = REPO / "docs" / "fact-sheets.md"
EXAMPLE = re.compile(r"<!-- example: (\w+) -->\n```\w*\n(.*?)```", re.S)
INIT_ARTICLE = "2024-03-15-marrowby-opens-solar-farm.md"
SHEET_HEAD = f"{MODELINE}../../quizgen/schema/fact-sheet.schema.json\nversion: 2\narticle: {INIT_ARTICLE}\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def doc_examples(kind: str) -> list[str]:
    return [body for found, body in EXAMPLE.findall(DOCS.read_text(encoding="utf-8")) if found == kind]


def doc_sheet(kind: str, body: str) -> str:
    if kind == "sheet":
        return body
    return SHEET_HEAD + "facts:\n" + "".join(f"  {line}\n" if line else "\n" for line in body.splitlines())


def checked_sheets() -> list[tuple[str, int]]:
    return [(kind, i) for kind in ("sheet", "facts") for i in range(len(doc_examples(kind)))]


@pytest.fixture
def init_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli) -> Path:
    """A project made by quizgen init, as the working directory: the docs quote its article."""
    root = tmp_path / "p"
    assert run_cli("init", str(root)).exit_code == 0
    monkeypatch.chdir(root)
    return root


def write_deck(root: Path, name: str, sheet: str, sheet_name: str = "example.yaml") -> Path:
    deck = root / "decks" / name
    deck.mkdir(parents=True)
    (deck / "deck.yaml").write_text(f'name: "{name}"\n', encoding="utf-8")
    (deck / sheet_name).write_text(sheet, encoding="utf-8")
    for image in re.findall(r"^\s*image: (\S+)$", sheet, re.M):
        (deck / image).parent.mkdir(parents=True, exist_ok=True)
        (deck / image).write_bytes(PNG)
    return deck


def test_the_docs_have_their_examples():
    assert len(doc_examples("sheet")) >= 1
    assert len(doc_examples("facts")) >= 8
    assert len(doc_examples("deck")) >= 2
    assert len(doc_examples("invalid")) == len(doc_examples("output")) == 1
    assert len(doc_examples("v1")) == len(doc_examples("migrated")) == 1


@pytest.mark.parametrize(("kind", "index"), checked_sheets())
def test_doc_examples_pass_check_strict_and_the_schema(kind: str, index: int, init_project: Path, run_cli):
    text = doc_sheet(kind, doc_examples(kind)[index])
    assert schema_errors(SHEET_SCHEMA, editor_view(text)) == []
    write_deck(init_project, "docs", text)
    result = run_cli("check", "--strict", "decks/docs")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith("0 error(s), 0 warning(s)\n")
    preview = run_cli("preview", "decks/docs")
    assert preview.exit_code == 0 and "question(s)" in preview.stderr


def test_every_key_of_every_type_has_a_checked_example_and_a_row():
    used: dict[str, set[str]] = {}
    for kind, index in checked_sheets():
        for fact in editor_view(doc_sheet(kind, doc_examples(kind)[index]))["facts"]:
            used.setdefault(fact["type"], set()).update(fact)
    docs = DOCS.read_text(encoding="utf-8")
    sections = re.split(r"^### ", docs, flags=re.M)
    everywhere = set().union(*used.values())
    for name, cls in fact_types().items():
        own = {k.name for k in keys_of(cls, max(FORMAT_VERSIONS))} - {k.name for k in COMMON_KEYS}
        assert own <= used.get(name, set()), (name, own - used.get(name, set()))
        section = next(s for s in sections if s.startswith(f"{name}:"))
        assert all(f"| `{key}` |" in section for key in own), name
    common = {k.name for k in COMMON_KEYS if max(FORMAT_VERSIONS) in k.versions}
    assert common <= everywhere, common - everywhere
    assert all(f"| `{key}` |" in docs for key in common)
    assert all(f"| `{shape}` |" in docs for shape in SHAPES)
    for setting in (*DECK_SETTINGS, *QUIZ_SETTINGS, *FORM_SETTINGS):
        assert f"`{setting.name}`" in docs, setting.name


def test_the_doc_version_1_example_builds_and_migrates_to_what_the_docs_show(init_project: Path, run_cli):
    old, shown = doc_examples("v1")[0], doc_examples("migrated")[0]
    assert schema_errors(SHEET_SCHEMA, editor_view(old)) == []
    deck = write_deck(init_project, "docs", old)
    assert run_cli("check", "decks/docs").exit_code == 0
    assert run_cli("build", "decks/docs").exit_code == 0
    assert run_cli("migrate", "decks/docs").exit_code == 0
    assert (deck / "example.yaml").read_text(encoding="utf-8") == shown
    assert schema_errors(SHEET_SCHEMA, editor_view(shown)) == []
    check = run_cli("check", "decks/docs")
    assert check.exit_code == 0
    assert check.stderr.count(": warning: check this statement") == shown.count("# quizgen migrate:") == 2


@pytest.mark.parametrize("index", range(len(doc_examples("deck"))))
def test_doc_deck_examples_pass_check_strict_and_change_the_questions_they_say(
    index: int, init_project: Path, run_cli
):
    text = doc_examples("deck")[index]
    assert schema_errors(DECK_SCHEMA, editor_view(text)) == []
    deck_dir = init_project / "decks" / "example"
    shipped = {q.id: q.prompt for q in generate_deck(load_deck(deck_dir, [])).questions}
    (deck_dir / "deck.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "--strict", "decks/example")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith("0 error(s), 0 warning(s)\n")
    mine = {q.id: q.prompt for q in generate_deck(load_deck(deck_dir, [])).questions}
    for group, forms in (editor_view(text).get("question_templates") or {}).items():
        for form in forms:
            ids = [i for i in mine if i.endswith(f"/{form}") and (group == "deck" or f"/{form}" in i)]
            assert ids, (group, form)
            assert all(mine[i] != shipped[i] for i in ids), (group, form)


def test_the_doc_mistakes_example_prints_what_the_docs_say(init_project: Path, run_cli):
    text = doc_examples("invalid")[0]
    shutil.rmtree(init_project / "decks" / "example")
    write_deck(init_project, "example", text, "mistakes.yaml")
    result = run_cli("check", "decks/example")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == doc_examples("output")[0].splitlines()
    flagged = {error.absolute_path[1] for error in validator(SHEET_SCHEMA).iter_errors(editor_view(text))}
    assert flagged == {0, 1, 2}, "the docs say an editor underlines the first three facts"


def test_the_article_the_docs_print_is_the_init_example_article():
    docs = DOCS.read_text(encoding="utf-8")
    printed = re.search(r"\n```\n(---\ntitle: .*?)```", docs, re.S)
    assert printed is not None
    shipped = (REPO / "quizgen/templates/scaffold/source_articles" / INIT_ARTICLE).read_text(encoding="utf-8")
    assert printed.group(1).split() == shipped.split()
