"""Inputs that crashed or misled the loader (issue 16): each is now a clean ``path:line`` problem.

Every case runs ``check`` and ``build`` through the CLI (exceptions propagate, so a traceback
fails the test), and asserts exit 1, the problem's place and what it says, and that an earlier
build's outputs are untouched.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.load.yamlnodes import MAX_DEPTH, compose_text
from quizgen.model import InputError
from tests.conftest import SEED_DECK, SEED_SHEET

SHEET = Path("decks") / SEED_DECK / SEED_SHEET
DECK = Path("decks") / SEED_DECK / "deck.yaml"
ARTICLE = Path("source_articles") / "2023-11-06-french-army-niger-withdrawal-talks.md"
EVENT = "    event: the coup in Niger that removed President Mohamed Bazoum\n"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _fails_cleanly(run_cli, project: Path, where: str, message: str) -> str:
    """check and build exit 1 with ``where: …message…`` and leave an earlier build as it was."""
    (project / "build").mkdir(exist_ok=True)
    (project / "build" / "sahel.apkg").write_bytes(b"earlier build")
    outputs = []
    for command in ("check", "build"):
        result = run_cli(command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "unexpected error" not in result.output
        pattern = rf"^{re.escape(where)}(:\d+)?: .*{re.escape(message)}"
        assert re.search(pattern, result.stderr, re.MULTILINE), result.stderr
        outputs.append(result.stderr)
    assert (project / "build" / "sahel.apkg").read_bytes() == b"earlier build"
    assert sorted(p.name for p in (project / "build").iterdir()) == ["sahel.apkg"]
    return outputs[0]


# --- nesting ----------------------------------------------------------------------------------


def test_deep_nesting_in_a_sheet_is_a_problem_at_its_line(project, run_cli):
    _edit(SHEET, "tags: [niger, coup]", "tags: " + "[" * 400 + "]" * 400)
    line = _line_of(SHEET, "[[[[")
    # The root, facts and the fact take 3 levels; the refused "[" is the (MAX_DEPTH - 2)th, from column 11.
    column = 11 + MAX_DEPTH - 3
    _fails_cleanly(run_cli, project, f"{SHEET}:{line}:{column}", f"nested more than {MAX_DEPTH}")


def test_deep_nesting_in_deck_yaml_is_a_problem(project, run_cli):
    DECK.write_text(
        DECK.read_text(encoding="utf-8") + "question_templates: " + "{a: " * 500 + "}" * 500 + "\n"
    )
    line = _line_of(DECK, "question_templates")
    _fails_cleanly(run_cli, project, f"{DECK}:{line}", "nested more than")


def test_deep_nesting_in_front_matter_is_a_problem(project, run_cli):
    _edit(ARTICLE, "title: ", "extra: " + "[" * 1000 + "]" * 1000 + "\ntitle: ")
    _fails_cleanly(run_cli, project, f"{ARTICLE.resolve()}:2:{8 + 20 - 1}", "nested more than")


def test_nesting_a_sheet_needs_still_loads():
    node = compose_text("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", Path("s.yaml"))
    assert node.value[0][0].value == "a"


# --- numbers and YAML tags ------------------------------------------------------------------


def test_a_number_nearer_zero_than_floats_hold_is_a_problem(project, run_cli):
    # The article and evidence say "0", so the value passes the evidence check and, before the
    # fix, reached the option generator, which divided by zero.
    _edit(ARTICLE, "around 1,500 French", "around 0 French")
    _edit(SHEET, "around 1,500 French", "around 0 French")
    _edit(SHEET, "value: 1500", "value: 5.0e-324")
    line = _line_of(SHEET, "value: 5.0e-324")
    _fails_cleanly(run_cli, project, f"{SHEET}:{line}:12", "'value': 5.0e-324 is too near zero")


@pytest.mark.parametrize(
    ("setting", "found"),
    [
        ("versions: !!int abc", "'abc' (tagged !!int)"),
        ('versions: !!int ""', "'' (tagged !!int)"),
        ("versions: !!int 0b", "'0b' (tagged !!int)"),
        ("count: !!int 0x", "'0x' (tagged !!int)"),
        ("versions: !!int '-'", "'-' (tagged !!int)"),
        ("versions: !!int 1e5", "'1e5' (tagged !!int)"),
        ("count: 1e5", "'1e5'"),
    ],
)
def test_bad_whole_numbers_in_quiz_settings_are_problems(project, run_cli, setting, found):
    _edit(DECK, "versions: 2", setting)
    column = 2 + setting.index(":") + 3  # indented 2, then the key, ': ' and the value
    key = setting.split(":")[0]
    message = f"'{key}': expected a whole number, found {found}"
    _fails_cleanly(run_cli, project, f"{DECK}:8:{column}", message)


@pytest.mark.parametrize("setting", ["versions: 0x2", "versions: +2", "versions: 0b10", "count: 1_0"])
def test_yaml_whole_numbers_in_every_spelling_still_read(project, run_cli, setting):
    _edit(DECK, "versions: 2", setting)
    assert run_cli("check").exit_code == 0


@pytest.mark.parametrize(
    "tagged", ["!!int abc", '!!int ""', "!!bool maybe", "!!float x", "!!timestamp 2020-99"]
)
def test_bad_tags_in_question_templates_are_problems(project, run_cli, tagged):
    DECK.write_text(
        DECK.read_text(encoding="utf-8") + f"question_templates:\n  date:\n    when:\n      x: {tagged}\n"
    )
    line = _line_of(DECK, "question_templates")
    message = f"cannot read these templates: line {line + 3}: "
    _fails_cleanly(run_cli, project, f"{DECK}:{line + 1}:3", message)


# --- names, characters, sizes -----------------------------------------------------------------


def test_an_article_name_over_255_bytes_is_a_problem(project, run_cli):
    name = "é" * 200 + ".md"
    _edit(SHEET, "article: 2023-11-06-french-army-niger-withdrawal-talks.md", f"article: {name}")
    _fails_cleanly(
        run_cli, project, f"{SHEET}:3:1", "this name is 403 bytes long; a file name holds at most 255"
    )


def test_an_image_name_over_255_bytes_is_a_problem(project, run_cli):
    _edit(SHEET, EVENT, EVENT + "    image: " + "a" * 300 + ".png\n")
    line = _line_of(SHEET, "image: ")
    _fails_cleanly(run_cli, project, f"{SHEET}:{line}:5", "a file name holds at most 255 bytes")


def test_a_lone_surrogate_is_a_problem_at_its_value(project, run_cli):
    _edit(SHEET, EVENT, '    event: "the coup \\uD800 in Niger that removed President Mohamed Bazoum"\n')
    line = _line_of(SHEET, "\\uD800")
    _fails_cleanly(run_cli, project, f"{SHEET}:{line}:12", "'\\uD800' is half of a character")


def test_a_text_field_of_a_million_characters_is_a_problem(project, run_cli):
    # Within the size of a sheet, far beyond one value: refused at once, not rendered for 20 s.
    _edit(SHEET, EVENT, "    event: " + "x" * 400_000 + "\n")
    line = _line_of(SHEET, "xxxx")
    _fails_cleanly(run_cli, project, f"{SHEET}:{line}:12", "400,000 characters are too many for one value")


def test_a_sheet_over_the_size_limit_is_a_problem(project, run_cli):
    _edit(SHEET, EVENT, EVENT + "    # " + "x" * 1_000_000 + "\n")
    _fails_cleanly(run_cli, project, str(SHEET), "larger than 500 KB, the most quizgen reads")


def test_an_article_over_the_size_limit_is_a_problem(project, run_cli):
    ARTICLE.write_text(ARTICLE.read_text(encoding="utf-8") + "More words here. " * 40_000, encoding="utf-8")
    _fails_cleanly(run_cli, project, str(ARTICLE.resolve()), "the article is larger than 500 KB")


def test_control_characters_in_a_value_are_problems(project, run_cli):
    _edit(SHEET, EVENT, '    event: "the coup\\x00 in Niger"\n')
    line = _line_of(SHEET, "coup\\x00")
    _fails_cleanly(run_cli, project, f"{SHEET}:{line}:12", "control character U+0000")


# --- messages ---------------------------------------------------------------------------------


def test_invalid_utf8_is_reported_at_its_line_and_column(project, run_cli):
    data = SHEET.read_bytes()
    at = data.index(b"the military takeover in Mali")
    SHEET.write_bytes(data[:at] + b"\xff" + data[at:])
    line = data[:at].count(b"\n") + 1
    column = at - data.rfind(b"\n", 0, at)
    _fails_cleanly(run_cli, project, f"{SHEET}:{line}:{column}", "not UTF-8 text (byte 0xFF here)")


def test_invalid_utf8_in_an_article_is_reported_at_its_line(project, run_cli):
    data = ARTICLE.read_bytes()
    at = data.index(b"Niger")
    ARTICLE.write_bytes(data[:at] + b"\xc3\x28" + data[at:])
    line = data[:at].count(b"\n") + 1
    _fails_cleanly(run_cli, project, f"{ARTICLE.resolve()}:{line}", "not UTF-8 text")


@pytest.mark.parametrize("character", ["\x07", "\x1b", "\x7f", "\ufffe"])
def test_characters_yaml_refuses_are_reported_where_they_are(project, run_cli, character):
    text = SHEET.read_text(encoding="utf-8")
    at = text.index("the military takeover in Mali")
    SHEET.write_text(text[:at] + character + text[at:], encoding="utf-8")
    line = text[:at].count("\n") + 1
    column = at - text.rfind("\n", 0, at)
    message = f"character U+{ord(character):04X} is not allowed in a YAML file"
    _fails_cleanly(run_cli, project, f"{SHEET}:{line}:{column}", message)


def test_a_sheet_that_is_another_file_is_quoted_short(project, run_cli, tmp_path):
    # Like a sheet symlinked to /etc/passwd: one long multi-line scalar.
    secret = tmp_path / "passwd"
    secret.write_text("".join(f"user{i}:x:{i}:{i}:User {i}:/home/u{i}:/bin/sh\n" for i in range(300)))
    SHEET.unlink()
    SHEET.symlink_to(secret)
    stderr = _fails_cleanly(
        run_cli, project, f"{SHEET}:1:1", "a fact sheet must be a mapping, found 'user0:x:0"
    )
    (line,) = [line for line in stderr.splitlines() if "must be a mapping" in line]
    assert len(line) < 250 and "user299" not in stderr
    assert re.search(r"… \([\d,]+ characters\)'$", line)


def test_a_long_unknown_key_is_quoted_short(project, run_cli):
    _edit(SHEET, EVENT, EVENT + "    " + "k" * 1000 + ": 1\n")
    line = _line_of(SHEET, "kkkk")
    stderr = _fails_cleanly(run_cli, project, f"{SHEET}:{line}:5", "unknown key 'kkkk")
    assert max(len(line) for line in stderr.splitlines()) < 300


def test_a_path_argument_over_255_bytes_is_a_problem(project, run_cli):
    name = "d" * 300
    for command in ("check", "build"):
        result = run_cli(command, name)
        assert result.exit_code == 1
        assert f"{name}: no such file or folder" in result.stderr


# --- the C loader -----------------------------------------------------------------------------


def test_libyaml_and_pure_python_read_the_same_tree(monkeypatch):
    import yaml

    from quizgen.load import yamlnodes

    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml here")
    text = (Path(__file__).parent.parent / "decks" / SEED_DECK / SEED_SHEET).read_text(encoding="utf-8")
    text = text.replace("the coup in Niger", "the cöup in Niger — é")

    def tree(node):
        value = node.value
        if isinstance(value, list):
            value = [
                tuple(tree(n) for n in item) if isinstance(item, tuple) else tree(item) for item in value
            ]
        return (node.tag, value, node.start_mark.line, node.start_mark.column, node.end_mark.column)

    assert yamlnodes.CParser is not None
    fast = tree(compose_text(text, Path("s.yaml")))
    monkeypatch.setattr(yamlnodes, "CParser", None)
    assert tree(compose_text(text, Path("s.yaml"))) == fast


@pytest.mark.parametrize("libyaml", [True, False])
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: *b\n", "YAML aliases (*b) are not allowed"),
        ("a: [b\n", "YAML syntax error: expected ',' or ']'"),
        ("a:\n\tb: 1\n", "indent with spaces, not tabs"),
        ('a: "x\\uD800"\n', "'\\uD800' is half of a character"),
        ("a: " + "[" * 30 + "]" * 30 + "\n", "nested more than"),
    ],
)
def test_both_parsers_give_quizgens_messages(monkeypatch, libyaml, text, problem):
    from quizgen.load import yamlnodes

    if not libyaml:
        monkeypatch.setattr(yamlnodes, "CParser", None)
    with pytest.raises(InputError) as caught:
        compose_text(text, Path("s.yaml"))
    assert problem in caught.value.problems[0].message


@pytest.mark.parametrize("libyaml", [True, False])
def test_an_alias_is_refused_where_it_stands_though_libyaml_composes_it(monkeypatch, libyaml):
    """libyaml composes an alias as its anchor's node met twice: refused all the same, at the
    alias, not at the anchor."""
    from quizgen.load import yamlnodes

    if not libyaml:
        monkeypatch.setattr(yamlnodes, "CParser", None)
    with pytest.raises(InputError) as caught:
        compose_text("a: &x [1, 2]\nb:\n  c: *x\n", Path("s.yaml"))
    problem = caught.value.problems[0]
    assert "YAML aliases (*x) are not allowed" in problem.message
    assert (problem.location.line, problem.location.column) == (3, 6)
