"""The command line people expect: the project found from any folder, decks by name, -q/-v,
colour, a progress bar on a terminal, 'wrote' only for changed files, non-interactive use,
init's schemas, the title of a new deck, shell completion and a quick --help."""

from __future__ import annotations

import errno
import importlib
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.authoring import prompts
from quizgen.cli import COMMANDS, main
from quizgen.load.article import ARTICLES_DIR
from quizgen.load.deck import DECK_FILE
from quizgen.project import ARTICLES_DIR as PROJECT_ARTICLES_DIR
from quizgen.project import DECK_FILE as PROJECT_DECK_FILE
from quizgen.project import find_project
from tests.conftest import REPO, SEED_DECK, SEED_SHEET

ANSI = re.compile(r"\x1b\[[0-9;]*m")
OUTSIDE = "not inside a quizgen project"


def run(*args: str, input: str | None = None, color: bool = False, env: dict | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, color=color, env=env, catch_exceptions=False)


def quizgen(*args: str, cwd: Path, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The installed command in a process of its own (no terminal: pipes)."""
    return subprocess.run(
        [sys.executable, "-m", "quizgen", *args],
        cwd=cwd,
        env=_env(env),
        capture_output=True,
        text=True,
        **kwargs,
    )


def _env(extra: dict | None) -> dict:
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return {**base, "SOURCE_DATE_EPOCH": "1700000000", "COLUMNS": "100", **(extra or {})}


def on_terminal(*args: str, cwd: Path, env: dict | None = None) -> str:
    """Run quizgen with its standard error (and output) on a pseudo-terminal; what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "quizgen", *args],
        cwd=cwd,
        env=_env(env),
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            process.kill()
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is gone
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def two_decks(project: Path) -> Path:
    """The project with a second deck, a copy of the seed deck."""
    shutil.copytree(project / "decks" / SEED_DECK, project / "decks" / "copy")
    return project


# --- the project, from any folder ----------------------------------------------------------------


def test_the_project_is_found_from_any_folder_inside_it(project, monkeypatch):
    deck = project / "decks" / SEED_DECK
    monkeypatch.chdir(deck)
    assert find_project().root == project.resolve()
    check = run("check")
    assert check.exit_code == 0 and "checked 1 deck(s), 17 fact(s)" in check.stderr
    monkeypatch.chdir(project / "source_articles")
    build = run("build")
    assert build.exit_code == 0, build.stderr
    assert (project / "build" / f"{SEED_DECK}.apkg").is_file()  # the root's build/, not here
    assert "wrote ../build/sahel.apkg" in build.stdout  # paths as seen from where the user is
    assert not (project / "source_articles" / "build").exists()


def test_a_deck_named_from_inside_its_folder_keeps_its_name_in_messages(project, monkeypatch):
    monkeypatch.chdir(project / "decks" / SEED_DECK)  # 'sahel' is then the folder '.'
    build = run("build", SEED_DECK)
    assert build.exit_code == 0, build.stderr
    assert f"{SEED_DECK}: 37 question form(s) not made" in build.stderr
    assert not re.search(r"^: ", build.stderr, re.M)
    check = run("check", "-v", SEED_DECK)
    assert f"{SEED_DECK}: 17 facts, 0 errors" in check.stderr


def test_problems_point_at_files_from_the_folder_the_user_is_in(project, monkeypatch):
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    sheet.write_text(sheet.read_text("utf-8").replace("date: 2023-07-26", "date: 2023-02-30"), "utf-8")
    monkeypatch.chdir(project / "decks" / SEED_DECK)
    result = run("check")
    assert result.exit_code == 1
    assert re.search(rf"^\.\./{SEED_DECK}/{SEED_SHEET}:\d+:\d+: .*2023-02-30", result.stderr, re.M)


@pytest.mark.parametrize(
    "args",
    [("check",), ("build",), ("preview",), ("quiz", "sahel"), ("new", "x.txt"), ("add-article", "x.txt")],
)
def test_outside_a_project_every_command_says_so_and_suggests_init(tmp_path, monkeypatch, args):
    (tmp_path / "x.txt").write_text("date 2024-01-01 Some text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert OUTSIDE in result.stderr and "quizgen init DIR" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()


def test_project_module_agrees_with_the_loader():
    # quizgen.project keeps its own copies so that --help imports nothing else
    assert (PROJECT_ARTICLES_DIR, PROJECT_DECK_FILE) == (ARTICLES_DIR, DECK_FILE)


# --- decks by name ----------------------------------------------------------------------------


def test_a_deck_is_named_by_its_name_from_anywhere_in_the_project(two_decks, monkeypatch):
    project = two_decks
    build = run("build", SEED_DECK)
    assert build.exit_code == 0, build.stderr
    assert (project / "build" / f"{SEED_DECK}.apkg").is_file() and not (
        project / "build" / "copy.apkg"
    ).exists()
    monkeypatch.chdir(project / "source_articles")
    check = run("check", "copy")
    assert check.exit_code == 0 and "checked 1 deck(s)" in check.stderr
    preview = run("preview", SEED_DECK, "--form", "why")
    assert preview.exit_code == 0 and "sahel/coup-removed-bazoum/why" in preview.stdout
    quiz = run("quiz", "copy", "--versions", "1")
    assert quiz.exit_code == 0, quiz.stderr
    assert (project / "build" / "copy-quiz-A.html").is_file()
    migrate = run("migrate", "copy", "--dry-run")
    assert migrate.exit_code == 0, migrate.stderr


def test_serve_takes_a_deck_by_its_name(two_decks, monkeypatch):
    def busy(port: int):
        raise OSError(errno.EADDRINUSE, "Address already in use")

    monkeypatch.setattr("quizgen.serve.server.bind", busy)  # found the deck, then cannot listen
    monkeypatch.chdir(two_decks / "source_articles")
    result = run("serve", "copy")
    assert result.exit_code == 1
    assert "cannot listen on 127.0.0.1:8000" in result.stderr and "no such file" not in result.stderr


def test_a_path_that_exists_wins_over_a_deck_name(two_decks, monkeypatch):
    elsewhere = two_decks / "elsewhere"
    shutil.copytree(two_decks / "decks" / SEED_DECK, elsewhere / SEED_DECK)
    monkeypatch.chdir(elsewhere)
    result = run("check", "-v", SEED_DECK)
    assert result.exit_code == 0
    assert f"{SEED_DECK}: 17 facts" in result.stderr
    assert run("check", "-v", "copy").exit_code == 0  # not here: the project's deck of that name


def test_an_unknown_deck_name_lists_the_decks(two_decks):
    result = run("build", "sahal")
    assert result.exit_code == 1
    assert "sahal: no such file or folder" in result.stderr
    assert "the decks of this project (in decks/): copy, sahel (did you mean 'sahel'?)" in result.stderr


# --- quiet, verbose, colour --------------------------------------------------------------------


def test_quiet_prints_only_problems_and_verbose_says_more(project):
    quiet = run("build", "-q")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = run("-v", "build", "--no-cache")  # on the group, as well as on the command
    assert verbose.exit_code == 0
    assert f"unchanged build/{SEED_DECK}.apkg" in verbose.stdout
    assert re.search(rf"^{SEED_DECK}: built in \d+\.\d\d s$", verbose.stderr, re.M)
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    sheet.write_text(sheet.read_text("utf-8").replace("date: 2023-07-26", "date: 2023-02-30"), "utf-8")
    failed = run("build", "-q")
    assert failed.exit_code == 1 and "2023-02-30 does not exist" in failed.stderr
    assert "not built" in failed.stderr
    assert "checked" not in run("check", "-q").stderr


def test_colour_is_used_on_a_terminal_unless_no_color_is_set(project):
    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    sheet.write_text(sheet.read_text("utf-8").replace("date: 2023-07-26", "date: 2023-02-30"), "utf-8")
    coloured = run("check", color=True)  # as click writes to a terminal
    assert ANSI.search(coloured.stderr) and "2023-02-30 does not exist" in ANSI.sub("", coloured.stderr)
    plain = run("check", color=True, env={"NO_COLOR": "1"})
    assert not ANSI.search(plain.stderr) and "2023-02-30 does not exist" in plain.stderr
    piped = quizgen("check", cwd=project)  # not a terminal: no colour
    assert piped.returncode == 1 and not ANSI.search(piped.stderr)
    terminal = on_terminal("check", cwd=project)
    assert ANSI.search(terminal) and "2023-02-30 does not exist" in terminal
    assert not ANSI.search(on_terminal("check", cwd=project, env={"NO_COLOR": "1"}))


def test_a_progress_bar_shows_on_a_terminal_only(two_decks):
    terminal = ANSI.sub("", on_terminal("build", "-j", "1", cwd=two_decks))
    assert re.search(r"Building.*2/2", terminal), terminal
    assert "wrote build/copy.apkg" in terminal and "built 2 decks" in terminal
    piped = quizgen("build", "--no-cache", cwd=two_decks)
    assert piped.returncode == 0 and "Building" not in piped.stderr + piped.stdout
    quiet = on_terminal("build", "-q", "--no-cache", cwd=two_decks)
    assert "Building" not in quiet
    shutil.rmtree(two_decks / "decks" / "copy")
    one_deck = on_terminal("build", "--no-cache", cwd=two_decks)  # one deck: its stages
    assert re.search(r"Building sahel .*/6 +(\d\d:\d\d:\d\d +)?generating", one_deck), one_deck


# --- wrote, unchanged --------------------------------------------------------------------------


def _files(root: Path) -> dict[str, tuple[bytes, int]]:
    found = {}
    for folder in ("build", f"decks/{SEED_DECK}"):
        for path in (root / folder).iterdir():
            if path.is_file() and path.suffix != ".yaml":  # the outputs
                found[f"{folder}/{path.name}"] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


def test_wrote_is_said_only_of_files_that_changed(project):
    first = run("build", "--no-cache")
    assert first.exit_code == 0
    # a package, two worksheets with their keys, a study sheet, a state file
    assert len(re.findall(r"^wrote ", first.stdout, re.M)) == 7
    assert "built 1 deck: 7 files written, 0 unchanged" in first.stderr
    before = _files(project)

    again = run("build", "--no-cache")
    assert again.exit_code == 0 and again.stdout == ""
    assert "built 1 deck: 0 files written, 7 unchanged" in again.stderr
    assert _files(project) == before  # not even touched

    sheet = project / "decks" / SEED_DECK / SEED_SHEET
    sheet.write_text(sheet.read_text("utf-8").replace("tags: [gabon]", "tags: [gabon, dynasty]"), "utf-8")
    changed = run("build", "--no-cache")
    after = _files(project)
    said = set(re.findall(r"^wrote (.+)$", changed.stdout, re.M))
    differ = {name for name in after if after[name][0] != before[name][0]}
    assert said == differ and f"build/{SEED_DECK}.apkg" in said  # the tag is on the Anki notes
    assert f"build/{SEED_DECK}-quiz-A.html" not in said  # worksheets show no tags
    assert f"{len(said)} files written, {7 - len(said)} unchanged" in changed.stderr


# --- authoring without a terminal, init, new --deck -----------------------------------------------


def test_add_article_without_a_terminal_names_the_missing_options(project, tmp_path):
    pasted = tmp_path / "pasted.txt"
    pasted.write_text("Protesters gathered in Niamey on Friday.\n", encoding="utf-8")
    result = quizgen("add-article", str(pasted), cwd=project, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert "there is no terminal to ask for them on, so give --title, --published, --source" in result.stderr
    assert "Aborted" not in result.stderr + result.stdout
    dated = tmp_path / "dated.txt"
    dated.write_text("date 2023-09-02 Protesters gathered in Niamey on Friday.\n", encoding="utf-8")
    result = quizgen("add-article", str(dated), "--title", "Protest", cwd=project, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "so give --source" in result.stderr
    done = quizgen(
        "add-article",
        str(dated),
        "--title",
        "Protest",
        "--source",
        "Wire",
        cwd=project,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0 and "wrote source_articles/2023-09-02-protest.md" in done.stdout


def test_init_copies_both_schemas_its_files_point_to(tmp_path):
    target = tmp_path / "p"
    result = run("init", str(target))
    assert result.exit_code == 0
    for name in ("fact-sheet.schema.json", "deck.schema.json"):
        copy = target / ".quizgen" / name
        assert copy.read_bytes() == (REPO / "quizgen" / "schema" / name).read_bytes()
        assert f"wrote {copy}" in result.stdout
    for path, name in (
        (target / "decks" / "example" / "deck.yaml", "deck.schema.json"),
        (target / "decks" / "example" / "marrowby-opens-solar-farm.yaml", "fact-sheet.schema.json"),
    ):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        ref = first.removeprefix("# yaml-language-server: $schema=")
        assert ref != first and (path.parent / ref).resolve() == (target / ".quizgen" / name).resolve()


ARTICLE = REPO / "source_articles" / "2023-11-06-french-army-niger-withdrawal-talks.md"


def _deck_name(project: Path, deck: str) -> str:
    text = (project / "decks" / deck / "deck.yaml").read_text(encoding="utf-8")
    return re.search(r'^name: "(.*)"$', text, re.M).group(1)


def test_new_deck_takes_its_title_from_the_option(project):
    result = run("new", str(ARTICLE), "--deck", "coups", "--deck-title", "News::Coups in the Sahel")
    assert result.exit_code == 0, result.output
    assert _deck_name(project, "coups") == "News::Coups in the Sahel"
    assert "wrote decks/coups/deck.yaml" in result.stdout
    assert "--deck-title" not in result.stderr
    deck_yaml = (project / "decks" / "coups" / "deck.yaml").read_text(encoding="utf-8")
    assert deck_yaml.startswith("# yaml-language-server: $schema=../../")
    assert run("check", "coups").exit_code == 0


def test_new_deck_asks_for_its_title_on_a_terminal(project, monkeypatch):
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    result = run("new", str(ARTICLE), "--deck", "coups", input="Coups and their aftermath\n")
    assert result.exit_code == 0, result.output
    assert "Title of the new deck decks/coups/ [Coups]:" in result.stdout
    assert _deck_name(project, "coups") == "Coups and their aftermath"
    again = run("new", str(ARTICLE), "--deck", "coups", "--out", "decks/coups/second.yaml")
    assert again.exit_code == 0 and "Title of the new deck" not in again.stdout  # not new any more


def test_new_deck_without_a_terminal_says_which_title_it_got(project):
    result = run("new", str(ARTICLE), "--deck", "sahel-coups")
    assert result.exit_code == 0, result.output
    assert _deck_name(project, "sahel-coups") == "Sahel Coups"
    assert "the new deck is titled 'Sahel Coups': give --deck-title" in result.stderr


# --- completion and --help -----------------------------------------------------------------------


def _completion(env: dict, cwd: Path) -> list[str]:
    """What the installed quizgen command answers a shell asking for completions."""
    script = Path(sys.executable).parent / "quizgen"
    done = subprocess.run([str(script)], cwd=cwd, env=_env(env), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_readme_documents_shell_completion_and_it_works(project):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for shell in ("bash", "zsh", "fish"):
        assert f"_QUIZGEN_COMPLETE={shell}_source quizgen" in readme
    assert any(
        "_quizgen_completion" in line for line in _completion({"_QUIZGEN_COMPLETE": "bash_source"}, project)
    )
    words = {"_QUIZGEN_COMPLETE": "bash_complete", "COMP_WORDS": "quizgen build sa", "COMP_CWORD": "2"}
    assert "plain,sahel" in _completion(words, project / "source_articles")
    commands = _completion({**words, "COMP_WORDS": "quizgen bu", "COMP_CWORD": "1"}, project)
    assert "plain,build" in commands


def test_help_lists_each_command_with_its_own_short_help_and_imports_none():
    for name, (module, function, short) in COMMANDS.items():
        command = getattr(importlib.import_module(f"quizgen.commands.{module}"), function)
        assert command.name == name and command.short_help == short
    listing = run("--help").stdout
    for name, (_, _, short) in COMMANDS.items():
        assert re.search(rf"^  {name} +{re.escape(short)}$", listing, re.M)
    code = (
        "import sys\nfrom quizgen.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('quizgen')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = eval(loaded.stdout.strip().splitlines()[-1])
    assert modules == [
        "quizgen",
        "quizgen.cli",
        "quizgen.commands",
        "quizgen.commands.common",
        "quizgen.project",
    ]
