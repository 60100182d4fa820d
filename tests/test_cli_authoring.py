"""From pasted text to a built deck: add-article, new, check, build, and init — end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from quizgen.authoring import prompts
from quizgen.cli import main
from quizgen.load.article import load_article

REPO = Path(__file__).resolve().parent.parent
SEED_NAME = "seeds/000_d26ec732620d3932.txt"  # the original paste, in shared/ beside the repository
SEED_TEXTS = [REPO.parent / "shared" / SEED_NAME, Path("/work/shared") / SEED_NAME]
ARTICLE = REPO / "source_articles" / "2023-11-06-french-army-niger-withdrawal-talks.md"
TITLE = "French army in talks with Niger's military over withdrawing some forces"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def pasted() -> str:
    """The seed as it was pasted: a first line 'date 2023-11-06' that the text continues."""
    for seed in SEED_TEXTS:
        if seed.is_file():
            return seed.read_text(encoding="utf-8")
    return " date 2023-11-06 " + load_article(ARTICLE).body + "\n"


@pytest.fixture
def without_seed(project: Path) -> Path:
    """The project without the seed article, so that storing its text writes a new file."""
    (project / "source_articles" / ARTICLE.name).unlink()
    return project


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _sheet_ids(path: Path) -> list[str]:
    return re.findall(r"^  - id: (\S+)$", path.read_text(encoding="utf-8"), re.M)


def test_add_article_from_stdin(without_seed, pasted):
    project = without_seed
    result = run("add-article", "-", "--title", TITLE, "--source", "seed 000", input=pasted)
    assert result.exit_code == 0, result.output
    stored = project / "source_articles" / "2023-11-06-french-army-talks-niger-military-withdrawing-forces.md"
    assert result.stdout == f"wrote {stored.relative_to(project)}\n"
    article = load_article(stored)
    assert (article.title, article.published.iso(), article.source) == (TITLE, "2023-11-06", "seed 000")
    assert article.body == load_article(ARTICLE).body  # the words, verbatim
    again = run("add-article", "-", "--title", TITLE, "--source", "seed 000", input=pasted)
    assert again.exit_code == 0 and "already holds this article" in again.stdout


def test_add_article_asks_for_what_is_missing(project, tmp_path, monkeypatch):
    monkeypatch.setattr(prompts, "interactive", lambda: True)  # as on a terminal
    text = tmp_path / "pasted.txt"
    text.write_text("Protesters gathered in Niamey on Friday.\n", encoding="utf-8")
    result = run("add-article", str(text), input="Protest in Niamey\n2023-09-02\nExample Wire\n")
    assert result.exit_code == 0, result.output
    article = load_article(project / "source_articles" / "2023-09-02-protest-niamey.md")
    assert (article.title, article.source, article.body) == (
        "Protest in Niamey",
        "Example Wire",
        "Protesters gathered in Niamey on Friday.",
    )


def test_add_article_from_stdin_without_options_is_a_usage_error(project, pasted):
    result = run("add-article", "-", input=pasted)
    assert result.exit_code == 2
    assert "give --title, --source" in result.stderr and "Traceback" not in result.output


def test_add_article_bad_inputs_point_at_the_line(project, tmp_path):
    bad_date = tmp_path / "bad.txt"
    bad_date.write_text("date 2023-13-06 Some text.\n", encoding="utf-8")
    result = run("add-article", str(bad_date), "--title", "t", "--source", "s")
    assert result.exit_code == 1
    assert f"{bad_date}:1:6: 'date' line: month 13 does not exist" in result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("date 2023-11-06\n\n", encoding="utf-8")
    result = run("add-article", str(empty), "--title", "t", "--source", "s")
    assert result.exit_code == 1 and f"{empty}:1: the article has no text" in result.stderr
    result = run("add-article", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1 and "missing.txt: no such file" in result.stderr
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"date 2023-11-06\n\xff\xfe")
    result = run("add-article", str(binary), "--title", "t", "--source", "s")
    assert result.exit_code == 1 and f"{binary}:2:1: not UTF-8 text (byte 0xFF here)" in result.stderr
    result = run(
        "add-article", "-", "--title", "t", "--source", "s", "--published", "2023-02-30", input="Text."
    )
    assert result.exit_code == 1 and "--published: 2023-02-30 does not exist" in result.stderr


def test_new_then_check_lists_drafts_and_build_leaves_them_out(without_seed, pasted):
    project = without_seed
    run("add-article", "-", "--title", TITLE, "--source", "seed 000", "--slug", "niger talks", input=pasted)
    result = run("new", "source_articles/2023-11-06-niger-talks.md", "--deck", "drafts")
    assert result.exit_code == 0, result.output
    sheet = project / "decks" / "drafts" / "niger-talks.yaml"
    assert result.stdout.startswith(f"wrote decks/drafts/deck.yaml\nwrote {sheet.relative_to(project)}: ")
    assert (project / "decks" / "drafts" / "deck.yaml").is_file()
    assert "the new deck is titled 'Drafts': give --deck-title" in result.stderr  # no terminal to ask
    ids = _sheet_ids(sheet)
    assert len(ids) >= 12 and {"date-1", "date-2", "date-3", "number-1", "actor-8"} <= set(ids)

    check = run("check", "decks/drafts")
    assert check.exit_code == 0, check.stderr
    drafts = [line for line in check.stderr.splitlines() if "warning: draft fact" in line]
    assert len(drafts) == len(ids)
    pattern = r"decks/drafts/niger-talks\.yaml:\d+:5: warning: draft fact 'date-1', confirm"
    assert any(re.match(pattern, line) for line in drafts)
    assert run("check", "--strict", "decks/drafts").exit_code == 1

    text = sheet.read_text(encoding="utf-8")
    confirmed = text.replace(
        "  - id: date-1\n    type: date\n    draft: true\n",
        "  - id: date-1\n    type: date\n",
    )
    assert confirmed != text
    sheet.write_text(confirmed, encoding="utf-8")
    build = run("build", "decks/drafts", "--out", "out")
    assert build.exit_code == 0, build.stderr
    state = (project / "decks" / "drafts" / "anki-state.tsv").read_text(encoding="utf-8")
    assert "drafts/date-1/" in state
    assert not any(f"drafts/{i}/" in state for i in ids if i != "date-1")


def test_new_reads_a_pasted_file_with_a_date_line(without_seed, tmp_path, pasted):
    project = without_seed
    source = tmp_path / "000.txt"
    source.write_text(pasted, encoding="utf-8")
    result = run("new", str(source), "--deck", "drafts", "--title", TITLE)
    assert result.exit_code == 0, result.output
    stored = project / "source_articles" / "2023-11-06-french-army-talks-niger-military-withdrawing-forces.md"
    assert result.stdout.splitlines()[0] == f"wrote {stored.relative_to(project)}"
    assert load_article(stored).source == "pasted from 000.txt"


def test_new_on_plain_text_needs_a_date(project, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("The army said on Wednesday that 300 soldiers had left.\n", encoding="utf-8")
    result = run("new", str(plain), "--deck", "drafts")
    assert result.exit_code == 1
    assert (
        f"{plain}:1: no publication date" in result.stderr and "give --published YYYY-MM-DD" in result.stderr
    )
    result = run("new", str(plain), "--deck", "drafts", "--published", "2024-05-10")
    assert result.exit_code == 0, result.output
    assert 'confirm date-1: "on Wednesday" read as Wednesday 8 May 2024' in result.stderr


def test_new_never_overwrites_and_never_reuses_a_decks_ids(project):
    again = run("new", str(ARTICLE), "--deck", "sahel")
    assert again.exit_code == 1
    assert (
        "french-army-niger-withdrawal-talks.yaml: a fact sheet is already here: give --force" in again.stderr
    )
    result = run("new", str(ARTICLE), "--deck", "sahel", "--out", "decks/sahel/draft.yaml")
    assert result.exit_code == 0, result.output
    first = _sheet_ids(project / "decks" / "sahel" / "draft.yaml")
    second = run("new", str(ARTICLE), "--deck", "sahel", "--out", "decks/sahel/draft-2.yaml")
    assert second.exit_code == 0, second.output
    ids = _sheet_ids(project / "decks" / "sahel" / "draft-2.yaml")
    assert len(ids) == len(first) and not set(ids) & set(first)
    dates = sorted(i for i in ids if i.startswith("date-"))
    assert dates == ["date-4", "date-5", "date-6"] and "number-2" in ids  # numbered on after the first draft
    check = run("check", "decks/sahel")
    assert check.exit_code == 0 and "duplicate id" not in check.stderr


def test_new_needs_a_deck_when_there_are_several_and_a_project(project, tmp_path, monkeypatch):
    run("new", str(ARTICLE), "--deck", "other", "--out", "decks/other/x.yaml")
    result = run("new", str(ARTICLE))
    assert result.exit_code == 1 and "several decks (other, sahel): choose one with --deck" in result.stderr
    bad = run("new", str(ARTICLE), "--deck", "Bad Name")
    assert bad.exit_code == 1 and "--deck: deck name 'Bad Name'" in bad.stderr
    monkeypatch.chdir(tmp_path)
    result = run("new", str(ARTICLE))
    assert result.exit_code == 1 and "not inside a quizgen project" in result.stderr
    assert "run `quizgen init DIR`" in result.stderr and "Traceback" not in result.output


def test_init_makes_a_project_that_builds_at_once(tmp_path, monkeypatch):
    target = tmp_path / "my-decks"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    assert (target / "decks" / "example" / "deck.yaml").is_file() and (target / "README.md").is_file()
    assert (target / ".gitignore").read_text(encoding="utf-8") == "build/\n"
    monkeypatch.chdir(target)
    check = run("check")
    assert check.exit_code == 0 and "0 error(s), 0 warning(s)" in check.stderr
    build = run("build")
    assert build.exit_code == 0, build.stderr
    assert (target / "build" / "example.apkg").is_file()
    again = run("init", str(target))
    assert again.exit_code == 1 and "this folder is not empty" in again.stderr


def test_init_then_new_points_the_draft_at_the_project_schema(tmp_path, monkeypatch):
    target = tmp_path / "p"
    run("init", str(target))
    monkeypatch.chdir(target)
    result = run(
        "new", "source_articles/2024-03-15-marrowby-opens-solar-farm.md", "--out", "decks/example/draft.yaml"
    )
    assert result.exit_code == 0, result.output
    first = (target / "decks" / "example" / "draft.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = "../../.quizgen/fact-sheet.schema.json"
    assert first == f"# yaml-language-server: $schema={schema}"
    assert (target / "decks" / "example" / schema).resolve().is_file()


def test_pre_commit_hook_runs_check_on_deck_yaml():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("quizgen-check", "quizgen check", "python")
    files = re.compile(hook["files"])
    assert files.search("decks/sahel/french-army-niger-withdrawal-talks.yaml") and files.search(
        "decks/x/deck.yml"
    )
    assert not files.search("source_articles/2023-11-06-x.md") and not files.search(
        "decks/sahel/anki-state.tsv"
    )
    assert main.get_command(None, hook["entry"].split()[1]) is not None


def test_pasted_fixture_matches_the_stored_article(pasted):
    """The seed as pasted and the stored article hold the same words."""
    body = pasted.split("2023-11-06", 1)[1]
    assert " ".join(body.split()) == " ".join(load_article(ARTICLE).body.split())


def test_a_name_clash_names_the_option_of_the_command_used(project, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("The army said on Wednesday that 300 soldiers had left.\n", encoding="utf-8")
    second.write_text("The army said on Thursday that 400 soldiers had left.\n", encoding="utf-8")
    common = ["--title", "Soldiers leave", "--published", "2024-05-10"]
    assert run("add-article", str(first), *common, "--source", "s").exit_code == 0
    stored = project / "source_articles" / "2024-05-10-soldiers-leave.md"
    clash = f"{stored}: this file holds another text: give --force to replace it"
    added = run("add-article", str(second), *common, "--source", "s")
    assert added.exit_code == 1 and f"{clash}, or another --slug\n" in added.stderr
    new = run("new", str(second), "--deck", "drafts", *common)
    assert new.exit_code == 1 and f"{clash}, or another --title\n" in new.stderr
    assert "--slug" not in new.stderr


def test_new_writes_nothing_when_the_article_has_no_candidates(project, tmp_path):
    text = tmp_path / "art.txt"
    text.write_text("It rained and the river rose.\n", encoding="utf-8")
    before = _files(project)
    result = run("new", str(text), "--deck", "fresh", "--published", "2024-05-05")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{text}: found no candidate facts (dates, numbers, actors, causes), so nothing was written: "
        "store the article with `quizgen add-article` and write its sheet by hand\n"
    )
    assert _files(project) == before
    assert run("build", "--out", "out").exit_code == 0
    stored = project / "source_articles" / "2024-05-05-rain.md"
    stored.write_text(
        "---\ntitle: Rain\npublished: 2024-05-05\nsource: s\n---\nIt rained.\n", encoding="utf-8"
    )
    before = _files(project)
    result = run("new", "source_articles/2024-05-05-rain.md", "--deck", "fresh")
    assert result.exit_code == 1 and result.stderr.endswith(
        "so nothing was written: write its sheet by hand\n"
    )
    assert _files(project) == before


def test_new_checks_the_draft_before_writing_anything(project, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("The army said on Wednesday that 300 soldiers had left.\n", encoding="utf-8")
    before = _files(project)
    outside = tmp_path / "elsewhere" / "draft.yaml"
    result = run("new", str(plain), "--deck", "fresh", "--published", "2024-05-10", "--out", str(outside))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{outside}: the sheet would be outside the project")
    assert _files(project) == before and not outside.parent.exists()


def test_add_article_reuses_an_article_with_the_same_text(project, pasted):
    stored = f"source_articles/{ARTICLE.name}"
    before = sorted((project / "source_articles").iterdir())
    added = run("add-article", "-", "--title", TITLE, "--source", "seed 000", input=pasted)
    assert added.exit_code == 0, added.output
    assert added.stdout == f"{stored} already holds this article\n"
    # Compared normalised: straight quotes for curly ones, lines wrapped otherwise.
    retyped = pasted.replace("\u2019", "'").replace(". ", ".\n")
    assert retyped != pasted
    added = run("add-article", "-", "--title", "Other", "--source", "s", input=retyped)
    assert added.exit_code == 0 and added.stdout == f"{stored} already holds this article\n"
    assert sorted((project / "source_articles").iterdir()) == before


def test_new_reuses_an_article_with_the_same_text(project, tmp_path, pasted):
    stored = f"source_articles/{ARTICLE.name}"
    before = sorted((project / "source_articles").iterdir())
    source = tmp_path / "000.txt"
    source.write_text(pasted, encoding="utf-8")
    result = run("new", str(source), "--deck", "drafts", "--title", TITLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"{stored} already holds this article: using it"
    renamed = tmp_path / "2023-11-06-another-name.md"
    renamed.write_text(
        ARTICLE.read_text(encoding="utf-8").replace("title:", "title: Other"), encoding="utf-8"
    )
    again = run("new", str(renamed), "--deck", "drafts", "--out", "decks/drafts/again.yaml")
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[0] == f"{stored} already holds this article: using it"
    assert sorted((project / "source_articles").iterdir()) == before
    for sheet in (ARTICLE.with_suffix(".yaml").name.replace("2023-11-06-", ""), "again.yaml"):
        data = yaml.safe_load((project / "decks" / "drafts" / sheet).read_text(encoding="utf-8"))
        assert data["article"] == ARTICLE.name
    assert run("check", "decks/drafts").exit_code == 0
