"""``quizgen migrate``: version-1 sheets upgraded in place, comments, layout and ids kept; and
version-1 sheets that are not migrated keep building."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import genanki
import pytest

from quizgen.authoring.migrate import (
    migrate_text,
    same_question_forms,
    statement_from_question_order,
    value_as_written,
)
from quizgen.export.anki_state import read_state
from quizgen.load.factsheet import read_fact
from quizgen.load.yamlnodes import compose_text
from quizgen.model import InputError, Location, NumberFact
from tests.conftest import REPO, SEED_DECK, SEED_SHEET

V1_SEED = REPO / "tests" / "golden" / "sahel-v1.yaml"
V1_STATE = REPO / "tests" / "golden" / "sahel-anki-state-v1.tsv"
SCAFFOLD_ARTICLE = REPO / "quizgen/templates/scaffold/source_articles/2024-03-15-marrowby-opens-solar-farm.md"
HERE = Path("sheet.yaml")


def facts_of(text: str, version: int) -> list:
    root = compose_text(text, HERE)
    facts_node = next(v for k, v in root.value if k.value == "facts")
    problems: list = []
    facts = [read_fact(node, HERE, problems, version) for node in facts_node.value]
    assert problems == []
    return facts


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


# --- the seed sheet ------------------------------------------------------------------------------


def test_the_seed_sheet_migrates_with_its_comments_layout_and_ids():
    old = V1_SEED.read_text(encoding="utf-8")
    new = migrate_text(old, HERE).new
    assert [f.id for f in facts_of(new, 2)] == [f.id for f in facts_of(old, 1)]
    assert set(comment_lines(old)) <= set(comment_lines(new))  # every comment stays
    removed = [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line.startswith("- ")]
    assert {line.split(":")[0].strip("- ") for line in removed} == {"version", "hedge", "how_many", "role"}
    assert "version: 2\n" in new
    assert "    statement: around 1,500 French troops were stationed in Niger\n" in new
    assert (
        "    # version 1's role (version 2 asks no role of a state): the former colonial power whose" in new
    )
    assert (
        len(new.splitlines()) - len(old.splitlines()) == 3
    )  # four roles wrapped over two lines, one key less


def test_the_committed_seed_sheet_is_the_migrated_one_with_its_hand_fixes():
    """Three names fixed by hand, and Mali's second coup (2021) marked also true, so that it is
    never a wrong option for the 2020 takeover."""
    migrated = migrate_text(V1_SEED.read_text(encoding="utf-8"), HERE).new.splitlines()
    committed = (REPO / "decks" / SEED_DECK / SEED_SHEET).read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.ndiff(migrated, committed) if line[:2] in ("- ", "+ ")]
    assert {line[2:].split(":")[0].strip() for line in changed} == {"name", "display", "also_true"}
    assert sum(line.startswith("+ ") and "also_true" in line for line in changed) == 1


def test_the_seed_state_file_keeps_every_guid_of_version_1():
    """Rebuilt after the migration (SOURCE_DATE_EPOCH=1700000000): the same notes, GUIDs and
    question ids as the version-1 state file; contents may differ, as the wording did."""
    before = read_state(V1_STATE).notes
    after = read_state(REPO / "decks" / SEED_DECK / "anki-state.tsv").notes
    assert len(before) == 47
    assert {g: r.question_id for g, r in before.items()} == {g: r.question_id for g, r in after.items()}
    for guid, record in after.items():
        deck, fact_id, form = record.question_id.split("/")
        assert guid == genanki.guid_for(deck, fact_id, form)


def test_migrating_twice_changes_nothing():
    once = migrate_text(V1_SEED.read_text(encoding="utf-8"), HERE).new
    again = migrate_text(once, HERE)
    assert again.new == once and not again.changed and again.notes == ["already version 2"]


# --- numbers ------------------------------------------------------------------------------------

MARROWBY_V1 = """\
# An example fact sheet (version 1).
version: 1
article: 2024-03-15-marrowby-opens-solar-farm.md
facts:
  - id: homes-supplied
    type: number
    value: 1300
    hedge: about
    how_many: households are Marrowby's solar panels expected to supply
    evidence: "Its 4,200 panels are expected to supply about 1,300 of the town's 4,100 households."
    tags: [energy]

  - id: panels
    type: number
    value: 4200
    how_many: panels does Marrowby's solar farm have  # asked 'How many panels does …'
    evidence: "Its 4,200 panels are expected to supply about 1,300 of the town's 4,100 households."
"""


def test_a_how_many_in_question_order_is_turned_round_and_check_flags_it(tmp_path, monkeypatch, run_cli):
    project = tmp_path / "p"
    (project / "source_articles").mkdir(parents=True)
    shutil.copy(SCAFFOLD_ARTICLE, project / "source_articles")
    deck = project / "decks" / "example"
    deck.mkdir(parents=True)
    (deck / "deck.yaml").write_text('name: "Example"\n', encoding="utf-8")
    sheet = deck / "solar.yaml"
    sheet.write_text(MARROWBY_V1, encoding="utf-8")
    monkeypatch.chdir(project)

    result = run_cli("migrate")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == "migrated decks/example/solar.yaml to version 2 (2 facts; 2 to check: homes-supplied, panels)\n"
    )
    text = sheet.read_text(encoding="utf-8")
    assert "    statement: Marrowby's solar panels are expected to supply about 1,300 households\n" in text
    assert "    statement: Marrowby's solar farm has 4,200 panels  # asked 'How many panels does …'\n" in text
    assert "hedge" not in text and "how_many:" not in text.replace('how_many: "', "")

    check = run_cli("check", "--strict")
    assert check.exit_code == 1
    warnings = [line for line in check.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 2
    assert warnings[0].startswith(
        "decks/example/solar.yaml:8:5: warning: check this statement: version 1 had"
    )
    assert "households are Marrowby's solar panels expected to supply" in warnings[0]
    assert warnings[0].endswith("then delete this comment")

    kept = [
        line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("# quizgen migrate")
    ]
    kept = [line for line in kept if not line.lstrip().startswith("#   ")]
    sheet.write_text("".join(kept), encoding="utf-8")
    assert run_cli("check", "--strict").exit_code == 0


@pytest.mark.parametrize(
    ("how_many", "words", "statement"),
    [
        ("homes are the solar farm's panels expected to supply", "about 1,300",
         "the solar farm's panels are expected to supply about 1,300 homes"),
        ("countries did the mandate cover", "five", "the mandate covered five countries"),
        ("people does the hospital treat each day", "200", "the hospital treats 200 people each day"),
        ("years old was Mohamed Bazoum when he took office", "61",
         "Mohamed Bazoum was 61 years old when he took office"),
        ("troops has France sent to Niger", "1,500", "France has sent 1,500 troops to Niger"),
        ("tonnes of grain will the ship carry", "40,000", "the ship will carry 40,000 tonnes of grain"),
        ("miners were trapped underground", "33", None),  # statement order already
        ("people came", "300", None),
    ],
)  # fmt: skip
def test_a_clause_in_question_order_is_turned_into_statement_order(how_many, words, statement):
    assert statement_from_question_order(how_many, words) == statement


def _number(evidence: str, value: float, hedge: str | None = None, unit: str | None = None) -> NumberFact:
    return NumberFact(id="n", evidence=evidence, location=Location(HERE), value=value, hedge=hedge, unit=unit)


@pytest.mark.parametrize(
    ("fact", "written"),
    [
        (_number("around 1,500 French troops", 1500, "around"), "around 1,500"),
        (_number("The farm cost 6.5 million euros, part", 6_500_000), "6.5 million euros"),
        (_number("nearly 12% of voters", 12, "nearly", "%"), "nearly 12%"),
        (_number("some 2,000 people", 2000, "about"), "some 2,000"),  # the article's words
        (_number("1,500 came, and 2,000 left", 2000, "about"), "about 2,000"),  # the sheet's hedge
        (_number("five tonnes of grain", 5, None, "tonnes"), "five tonnes"),
        (_number("a figure the evidence does not give", 1300, "about", "km"), "about 1,300 km"),
    ],
)
def test_the_value_is_written_as_the_evidence_writes_it(fact, written):
    assert value_as_written(fact) == written


def test_flow_style_facts_block_scalars_and_comments_at_the_end_of_removed_lines():
    old = """\
article: a.md  # no version: version 1
facts:
  - {id: miners, type: number, value: 33, how_many: miners were trapped, evidence: "33 miners were trapped"}
  - id: shaft
    type: number
    value: 622
    hedge: about  # 'about' in the article
    unit: metres
    how_many: >-
      of shaft were drilled
      to reach them
    evidence: "a shaft of about 622 metres"
  - {id: chile, type: actor, name: Chile, kind: state, role: the country of the mine, evidence: "Chile"}
"""
    migration = migrate_text(old, HERE)
    new = migration.new
    assert new.startswith("version: 2\narticle: a.md  # no version: version 1\n")
    assert "  - {id: miners, type: number, value: 33, statement: 33 miners were trapped, evidence:" in new
    assert "    # 'about' in the article\n" in new
    assert "    statement: about 622 metres of shaft were drilled to reach them\n    evidence:" in new
    assert (
        "  # version 1's role (version 2 asks no role of a state): the country of the mine\n  - {id: chile"
        in new
    )
    assert '{id: chile, type: actor, name: Chile, kind: state, evidence: "Chile"}' in new
    facts = facts_of(new, 2)
    assert [f.statement for f in facts[:2]] == [
        "33 miners were trapped", "about 622 metres of shaft were drilled to reach them"
    ]  # fmt: skip
    assert migration.to_review == []


def test_a_statement_that_needs_quotes_gets_them():
    old = (
        'facts:\n  - id: n\n    type: number\n    value: 5\n    how_many: "people said: no"\n'
        '    evidence: "5 people"\n'
    )
    new = migrate_text("article: a.md\n" + old, HERE).new
    assert '    statement: "5 people said: no"\n' in new
    assert facts_of(new, 2)[0].statement == "5 people said: no"


# --- question becomes questions -------------------------------------------------------------------


def test_question_becomes_questions_for_every_form_that_asked_it(project, run_cli):
    assert same_question_forms("date") == ["when", "when_typed", "when_choice"]
    assert same_question_forms("number") == ["how_many", "how_many_typed", "how_many_choice"]
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    v1 = V1_SEED.read_text(encoding="utf-8").replace(
        "    event: the military takeover in Mali\n",
        "    event: the military takeover in Mali\n    question: 'When did the army take power in Mali?'\n",
    )
    sheet.write_text(v1, encoding="utf-8")
    before = _prompts(run_cli, sheet)
    assert run_cli("migrate", str(sheet)).exit_code == 0
    text = sheet.read_text(encoding="utf-8")
    assert (
        "    questions:\n      when: When did the army take power in Mali?\n"
        "      when_typed: When did the army take power in Mali?\n"
    ) in text
    after = _prompts(run_cli, sheet)
    for form in ("when", "when_typed", "when_choice", "true_false"):
        assert after[f"mali-takeover-year/{form}"] == before[f"mali-takeover-year/{form}"], form
    assert after["mali-takeover-year/when"] == "When did the army take power in Mali?"


def _prompts(run_cli, sheet: Path) -> dict[str, str]:
    result = run_cli("preview", "--json", str(sheet))
    assert result.exit_code == 0, result.output
    return {f"{q['fact_id']}/{q['form']}": q["prompt"] for q in json.loads(result.stdout)["questions"]}


# --- the command ----------------------------------------------------------------------------------


def test_dry_run_prints_the_diff_and_writes_nothing(project, run_cli):
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    shutil.copy(V1_SEED, sheet)
    result = run_cli("migrate", "--dry-run")
    assert result.exit_code == 0
    assert "-version: 1\n+version: 2\n" in result.stdout
    assert "+    statement: around 1,500 French troops were stationed in Niger\n" in result.stdout
    assert sheet.read_bytes() == V1_SEED.read_bytes()


def test_a_sheet_with_problems_is_left_as_it_was_and_migrate_exits_1(project, run_cli):
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    broken = V1_SEED.read_text(encoding="utf-8").replace("    hedge: around\n", "    hedge: aroud\n")
    sheet.write_text(broken, encoding="utf-8")
    result = run_cli("migrate", "decks")
    assert result.exit_code == 1
    assert "'hedge': 'aroud' is not one of" in result.stderr
    assert "fix these problems, then migrate again" in result.stderr
    assert sheet.read_text(encoding="utf-8") == broken


def test_a_version_2_sheet_is_left_alone(project, run_cli):
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    before = sheet.read_bytes()
    result = run_cli("migrate", str(sheet))
    assert result.exit_code == 0
    assert result.stdout.endswith(": already version 2\n")
    assert sheet.read_bytes() == before


def test_migrate_names_a_missing_path(project, run_cli):
    result = run_cli("migrate", "decks/nowhere")
    assert result.exit_code == 1
    assert "decks/nowhere: no such file or folder" in result.stderr


def test_an_unreadable_version_is_refused():
    with pytest.raises(InputError, match="reads versions 1 and 2"):
        migrate_text("version: 7\narticle: a.md\nfacts: []\n", HERE)


# --- version 1 without migration, and GUIDs across it ------------------------------------------------


def test_version_1_sheets_keep_building_without_migration(project, run_cli):
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    shutil.copy(V1_SEED, sheet)
    check = run_cli("check", f"decks/{SEED_DECK}")
    assert check.exit_code == 0, check.output
    assert "0 error(s)" in check.stderr
    build = run_cli("build", f"decks/{SEED_DECK}")
    assert build.exit_code == 0, build.output
    assert (project / "build" / f"{SEED_DECK}.apkg").stat().st_size > 0
    prompts = _prompts(run_cli, sheet)
    assert prompts["french-troops-in-niger/how_many"] == (
        "As of November 2023, about how many French troops were stationed in Niger?"
    )


def test_migration_keeps_the_guid_of_every_note_a_version_1_build_made(project, run_cli, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    deck = project / "decks" / SEED_DECK
    shutil.copy(V1_SEED, deck / SEED_SHEET)
    assert run_cli("build", f"decks/{SEED_DECK}").exit_code == 0
    before = read_state(deck / "anki-state.tsv").notes
    assert run_cli("migrate").exit_code == 0
    assert run_cli("build", f"decks/{SEED_DECK}").exit_code == 0
    after = read_state(deck / "anki-state.tsv").notes
    assert before and all(after[g].question_id == r.question_id for g, r in before.items())


def test_windows_line_endings_are_kept():
    old = V1_SEED.read_text(encoding="utf-8")
    crlf = migrate_text(old.replace("\n", "\r\n"), HERE).new
    assert crlf == migrate_text(old, HERE).new.replace("\n", "\r\n")
    assert "\n" not in crlf.replace("\r\n", "")
