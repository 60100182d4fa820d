"""A shared deck's phrasing templates can read, write, delete or run nothing (issue 16, S1).

Every payload goes into a deck's ``question_templates`` and is run through ``check`` and
``build``, the way a teacher runs a colleague's deck. A canary file holds a secret; the tests
assert that no output shows it, no file is made or deleted, and every refusal is a problem at
deck.yaml's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from quizgen.generate.templates import shipped_templates
from quizgen.load import load_deck
from quizgen.model import Location, PartialDate
from quizgen.templating import (
    MAX_OUTPUT,
    PlainDict,
    TemplateRefused,
    compile_phrase,
    phrase_environment,
    plain_data,
    plain_merged,
    render_phrase,
)
from tests.conftest import SEED_DECK

SECRET = "CANARY-7c1e2f"
PAYLOADS = {
    # the finding: a Path reachable from a fact
    "read through a path": "{{ fact.location.path.joinpath('CANARY').read_text() }}",
    "write through a path": "{{ fact.location.path.parent.joinpath('MADE').write_text('x') }}",
    "delete through a path": "{{ fact.location.path.parent.joinpath('CANARY').unlink() }}",
    "a path by lookup": "{{ fact['location']['path'] }}",
    "the article's file": "{{ article.path.read_text() }}",
    # classic sandbox escapes
    "globals of cycler": "{{ cycler.__init__.__globals__.os.popen('touch MADE').read() }}",
    "globals of lipsum": "{{ lipsum.__globals__['os'].system('touch MADE') }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "the template context": "{{ self._TemplateReference__context }}",
    "attr filter": "{{ fact | attr('__class__') }}",
    "format string": "{{ '{0.__class__.__init__.__globals__}'.format(fact) }}",
    "format_map": "{{ fact.evidence.format_map(fact) }}",
    "method of a value": "{{ fact.evidence.upper }}",
    "mutating the data": "{{ fact.tags.append('x') }}{{ fact.clear() }}",
    "namespace": "{% set ns = namespace(x=1) %}{{ ns.x }}",
    "include a file": "{% include 'CANARY' %}",
    "extends": "{% extends 'CANARY' %}",
    "import": "{% import 'CANARY' as c %}",
    # resources
    "a long loop": "{% for i in range(100000000) %}x{% endfor %}",
    "nested loops": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "string repetition": "{{ 'x' * 10**8 }}",
    "power folded at compile time": "{{ 9**(9**7) }}",
    "padding filter": "{{ fact.evidence | center(100000000) }}",
    "replace amplification": "{{ fact.evidence | replace('e', fact.evidence) | replace('e', fact.event) }}",
    "recursive macro": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "deep nesting": "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}",
    "a huge template": "{{ fact.event }}" + "x" * 100_000,
}


@pytest.fixture
def canary(project: Path) -> Path:
    path = project / "CANARY"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _override(project: Path, prompt: str) -> int:
    """Put ``prompt`` in as the date 'when' prompt; returns the line of question_templates."""
    deck_yaml = project / "decks" / SEED_DECK / "deck.yaml"
    text = deck_yaml.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 1
    quoted = prompt.replace("\\", "\\\\").replace('"', '\\"')
    deck_yaml.write_text(
        text + f'question_templates:\n  date:\n    when:\n      prompt: "{quoted}"\n', encoding="utf-8"
    )
    return line


def _everything_written(project: Path) -> str:
    texts = []
    for path in (project / "build").rglob("*") if (project / "build").exists() else []:
        if path.is_file():
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_a_deck_template_reads_writes_and_runs_nothing(project, run_cli, canary, payload):
    line = _override(project, payload.replace("CANARY", str(canary)).replace("MADE", str(project / "MADE")))
    checked = run_cli("check")
    built = run_cli("build")
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        assert f"decks/{SEED_DECK}/deck.yaml:{line}: question template date.when" in result.stderr
        assert "Traceback" not in result.output and "unexpected error" not in result.stderr
        assert SECRET not in result.output
    assert not (project / "MADE").exists()
    assert canary.read_text(encoding="utf-8") == SECRET
    assert SECRET not in _everything_written(project)
    assert not (project / "build" / f"{SEED_DECK}.apkg").exists()


def test_a_plain_override_still_works_and_sees_every_field(project, run_cli):
    year = "{% if fact.date.precision == 'year' %}What year: {% endif %}"
    _override(project, year + "{{ fact.event | capfirst }}?")
    result = run_cli("preview", "--form", "when")
    assert result.exit_code == 0, result.output
    assert "Q: What year: The military takeover in Mali?" in result.stdout


def test_missing_fields_are_problems_not_blanks(project, run_cli):
    line = _override(project, "{{ fact.location }} {{ fact.nonsense }}")
    result = run_cli("check")
    assert result.exit_code == 1
    assert f"deck.yaml:{line}: question template date.when failed: " in result.stderr
    assert "no field 'location' here (fields: also_true, as_written, " in result.stderr


def test_the_shipped_templates_pass_the_same_rules():
    env = phrase_environment({"number_text": str, "date_text": str, "date_on": str, "capfirst": str})
    for group, forms in shipped_templates().items():
        if group == "phrases":
            compile_phrase(env, forms["as_of_stamp"])
            continue
        for spec in forms.values():
            for key in ("prompt", "answer", "statement"):
                if key in spec:
                    compile_phrase(env, spec[key])


def test_every_fact_reaches_templates_as_plain_data(project):
    deck = load_deck(project / "decks" / SEED_DECK, [])
    assert deck is not None

    def plain(value) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return isinstance(value, str | int | float | bool | type(None))

    for fact in deck.facts:
        data = plain_data(fact)
        assert plain(data), fact.id
        assert "location" not in data and "locations" not in data and data.get("image") is None
        assert data["id"] == fact.id


def test_dates_become_their_parts():
    data = plain_data({"date": PartialDate(2023, 7, 26), "where": Location(Path("x.yaml"), 3, 4)})
    parts = {"text": "26 July 2023", "iso": "2023-07-26", "precision": "day", "year": 2023, "month": 7}
    assert data == {"date": {**parts, "day": 26}}


def test_output_is_bounded_even_from_plain_data():
    env = phrase_environment({})
    template = compile_phrase(env, "{{ a }}{{ a }}")
    with pytest.raises(TemplateRefused, match="renders more than"):
        render_phrase(template, {"a": "x" * (MAX_OUTPUT // 2 + 1)})


def test_plain_merged_is_the_plain_data_of_the_merge_in_its_order():
    """A fact's phrases laid over its fields: a phrase replaces a field of its name where it
    stood, and removes it when it is left out (a path, a set), as plain_data of the merge does."""

    @dataclass
    class Thing:
        name: str = "n"
        question: str = "q"
        where: Path = Path("/etc/passwd")
        count: int = 3

    cases = [
        {"question": Path("x")},  # a field's name, left out: the field goes too
        {"question": "asked", "extra": "e"},
        {"count": {1, 2}, "name": ["a", Path("b")]},
        {},
    ]
    for extra in cases:
        merged = plain_merged(Thing(), extra)
        expected = plain_data({**plain_data(Thing()), **extra})
        assert merged == expected and list(merged) == list(expected), (extra, merged, expected)
    given = PlainDict(a=1, b=2)
    assert plain_merged(given, {"a": Path("x")}) == {"b": 2}
    assert given == {"a": 1, "b": 2}  # what came in is not changed
