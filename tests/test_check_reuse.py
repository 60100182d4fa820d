"""Reusing a sheet's checks: the same problems as checked anew, and checked anew whenever the
sheet's file, its article or the path it is named by changed."""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import threading
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

import quizgen.check.sheets as sheets
from quizgen.check import check_deck
from quizgen.check.reuse import PREFIX, kept_problems, problems_data
from quizgen.cli import main
from quizgen.load import load_deck
from quizgen.model import Deck, Location, Problem
from tests.conftest import REPO


def _scale_corpus() -> ModuleType:
    """The benchmarks' corpus generator, which is no package."""
    spec = importlib.util.spec_from_file_location("scale_corpus", REPO / "benchmarks" / "scale_corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return corpus


def _check(runner: CliRunner, *extra: str) -> tuple[int, str]:
    """``quizgen check`` in this process: its exit code and all it printed."""
    done = runner.invoke(main, ["check", "-j", "1", *extra], catch_exceptions=False)
    return done.exit_code, done.output


def _corpus(root: Path, count: int = 4) -> Path:
    """A deck of ``count`` sheets, the first and third with problems of their own: a value its
    evidence does not show, a draft fact, a review comment."""
    corpus = _scale_corpus()
    corpus.make_corpus(root, count, 1)
    deck_dir = root / "decks" / "corpus-0"
    for sheet in _sheets(deck_dir)[0::2]:
        _shift_year(sheet, 0, -1)
        _edit(sheet, "    type: date\n", "    type: date\n    draft: true\n")
        _edit(sheet, "facts:\n", "facts:\n  # quizgen migrate: check the dates of this sheet\n")
    return deck_dir


def _sheets(deck_dir: Path) -> list[Path]:
    return sorted(deck_dir.glob("story-*.yaml"))


def _years(sheet: Path) -> list[str]:
    """The dates of the sheet's facts that are a bare year, in order (the corpus moves them)."""
    return re.findall(r"^    date: (\d{4})$", sheet.read_text(encoding="utf-8"), re.M)


def _shift_year(sheet: Path, which: int, by: int) -> None:
    year = _years(sheet)[which]
    _edit(sheet, f"    date: {year}\n", f"    date: {int(year) + by}\n")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load(deck_dir: Path) -> Deck:
    deck = load_deck(deck_dir, [])
    assert deck is not None
    return deck


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The names of the sheets checked, not reused."""
    names: list[str] = []
    real = sheets.check_sheet

    def counting(sheet, *raw):
        names.append(sheet.path.name)
        return real(sheet, *raw)

    monkeypatch.setattr(sheets, "check_sheet", counting)
    return names


def test_reused_checks_are_those_made_anew(tmp_path, checked):
    deck = _load(_corpus(tmp_path))
    anew = check_deck(deck)
    assert {p.severity for p in anew} == {"error", "warning"}  # problems of both kinds to keep
    kept: dict[str, str] = {}
    assert check_deck(deck, {}, kept) == anew
    assert len(kept) == 4 and all(key.startswith(PREFIX) for key in kept)
    checked.clear()
    again: dict[str, str] = {}
    assert check_deck(deck, kept, again) == anew
    assert checked == [] and again == kept


def _add_a_comment(deck_dir: Path, root: Path) -> Path:
    sheet = _sheets(deck_dir)[1]
    _edit(sheet, "facts:\n", "# a line more: every problem of the sheet moves down\nfacts:\n")
    return sheet


def _add_a_review_comment(deck_dir: Path, root: Path) -> Path:
    """At the end of a line: nothing moves, and the loaded sheet is the same."""
    sheet = _sheets(deck_dir)[1]
    said = "  # quizgen migrate: is this the right article?"
    _edit(sheet, "tags: [niger, coup]\n", f"tags: [niger, coup]{said}\n")
    return sheet


def _change_a_value(deck_dir: Path, root: Path) -> Path:
    sheet = _sheets(deck_dir)[1]
    _shift_year(sheet, 1, -1)
    return sheet


def _change_the_article(deck_dir: Path, root: Path) -> Path:
    sheet = _sheets(deck_dir)[1]
    article = next((root / "source_articles").glob(f"*{sheet.stem.removeprefix('story')}.md"))
    year = _years(sheet)[1]
    _edit(article, f" in {year}", f" in {int(year) + 1}")  # that takeover's evidence is no longer in it
    return sheet


CHANGES = [_add_a_comment, _add_a_review_comment, _change_a_value, _change_the_article]


@pytest.mark.parametrize("change", CHANGES)
def test_a_sheet_is_checked_again_when_its_file_or_article_changed(tmp_path, checked, change):
    deck_dir = _corpus(tmp_path)
    kept: dict[str, str] = {}
    check_deck(_load(deck_dir), {}, kept)
    changed = change(deck_dir, tmp_path)
    deck = _load(deck_dir)
    anew = check_deck(deck)
    checked.clear()
    assert check_deck(deck, kept, {}) == anew
    assert checked == [changed.name]


def test_a_sheet_saved_after_it_was_loaded_keeps_nothing(tmp_path, checked):
    """Its places and review comments are those of the bytes loaded, which the file no longer
    holds: kept under the key of what it holds now, they would be said of it until it changes."""
    deck_dir = _corpus(tmp_path)
    deck = _load(deck_dir)
    saved = _add_a_review_comment(deck_dir, tmp_path)  # the loaded sheet is the same, not its bytes
    kept: dict[str, str] = {}
    check_deck(deck, {}, kept)
    assert len(kept) == 3
    now = _load(deck_dir)
    anew = check_deck(now)
    checked.clear()
    assert check_deck(now, kept, {}) == anew and checked == [saved.name]
    assert any("right article" in p.message for p in anew)


@pytest.mark.parametrize("kept", [None, {}], ids=["checked anew", "reusing"])
def test_a_named_pipe_put_in_place_of_a_loaded_sheet_does_not_hang_its_check(tmp_path, kept):
    """Its review comments are read again from the file when its bytes are not at hand: a plain
    read of a pipe would wait for a writer for ever."""
    deck_dir = _corpus(tmp_path)
    deck = _load(deck_dir)
    sheet = _sheets(deck_dir)[1]
    sheet.unlink()
    os.mkfifo(sheet)
    done: list[list[Problem]] = []
    worker = threading.Thread(
        target=lambda: done.append(check_deck(deck, kept, None if kept is None else {})), daemon=True
    )
    worker.start()
    worker.join(timeout=30)
    assert done, "checking a sheet that a named pipe replaced did not end"
    assert not any(p.location.path == sheet for p in done[0] if "migrate" in p.message)


def test_a_deck_named_by_another_path_is_checked_again(tmp_path, checked):
    """Problems say the path as the deck was named: kept ones would say it as it was named then."""
    deck_dir = _corpus(tmp_path)
    kept: dict[str, str] = {}
    check_deck(_load(deck_dir), {}, kept)
    deck = _load(deck_dir.parent / ".." / "decks" / deck_dir.name)
    anew = check_deck(deck)
    checked.clear()
    found = check_deck(deck, kept, {})
    assert found == anew and len(checked) == 4
    assert all(".." in str(p.location.path) for p in found if p.location.path.suffix == ".yaml")


@pytest.mark.parametrize(
    "tampered",
    [
        "not json",
        "{}",
        '[[1, 2, "three fields"]]',
        '[[-1, 0, "a line before the first", "warning"]]',
        '[[true, 0, "a line that is not a number", "warning"]]',
        '[[1.5, 0, "a line that is not whole", "warning"]]',
        '[[1, 0, "a severity quizgen has not", "fatal"]]',
        '[[1, 0, ["a message that is not text"], "error"]]',
        "[" * 100_000,
    ],
)
def test_kept_problems_of_another_shape_are_checked_again(tmp_path, checked, tampered):
    deck = _load(_corpus(tmp_path))
    kept: dict[str, str] = {}
    anew = check_deck(deck, {}, kept)
    checked.clear()
    assert check_deck(deck, dict.fromkeys(kept, tampered), {}) == anew
    assert len(checked) == 4


def test_problems_elsewhere_than_in_the_sheet_are_not_kept(tmp_path):
    sheet = _load(_corpus(tmp_path, 2)).sheets[0]
    here = Problem(Location(sheet.path, 3, 1), "here", "warning")
    assert kept_problems(problems_data([here], sheet) or "", sheet) == [here]
    assert problems_data([here, Problem(Location(tmp_path / "other.yaml", 1), "elsewhere")], sheet) is None


def test_check_after_a_build_says_what_a_check_anew_says(tmp_path, checked, monkeypatch):
    """End to end: the build keeps the checks, ``check`` reuses them for the sheets not edited."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    deck_dir = _corpus(tmp_path)
    for sheet in _sheets(deck_dir)[0::2]:  # no errors: the build keeps what it checked
        _shift_year(sheet, 0, +1)
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        runner = CliRunner()
        built = runner.invoke(main, ["build", "-j", "1"], catch_exceptions=False)
        assert built.exit_code == 0, built.output
        _add_a_review_comment(deck_dir, tmp_path)
        checked.clear()
        reused = runner.invoke(main, ["check", "-j", "1"], catch_exceptions=False)
        assert checked == [_sheets(deck_dir)[1].name]
        anew = runner.invoke(main, ["check", "-j", "1", "--no-cache"], catch_exceptions=False)
        assert len(checked) == 5
        assert (reused.exit_code, reused.output) == (anew.exit_code, anew.output)
        assert "is this the right article?" in reused.output and "draft fact" in reused.output
    finally:
        os.chdir(cwd)


def test_check_alone_keeps_its_work_for_the_next_check(tmp_path, checked, monkeypatch):
    """The authoring loop, with no build: each check keeps what it checked and made, so the next
    one after an edit checks the edited sheet only, and says what a check anew says."""
    deck_dir = _corpus(tmp_path)  # sheets 1 and 3 have errors: no questions made at first
    monkeypatch.chdir(tmp_path)
    check = functools.partial(_check, CliRunner())
    first = check()
    assert first[0] == 1 and len(checked) == 4
    comment = _add_a_review_comment(deck_dir, tmp_path)
    checked.clear()
    again = check()
    assert checked == [comment.name] and again == check("--no-cache")
    for sheet in _sheets(deck_dir)[0::2]:  # the errors mended: questions are made and kept
        _shift_year(sheet, 0, +1)
    assert check()[0] == 0
    _edit(comment, "  # quizgen migrate: is this the right article?", "")
    checked.clear()
    verbose = check("-v")[1]
    assert checked == [comment.name] and "questions of 4 of 4 sheets reused" in verbose
    assert check() == check("--no-cache")


@pytest.mark.parametrize("pipe", ["review file", "kept file"])
def test_a_named_pipe_in_place_of_a_review_or_kept_file_does_not_hang_check(tmp_path, pipe):
    deck_dir = _corpus(tmp_path)
    for sheet in _sheets(deck_dir)[0::2]:  # no errors: the review file is read
        _shift_year(sheet, 0, +1)
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        runner = CliRunner()
        assert runner.invoke(main, ["check", "-j", "1"], catch_exceptions=False).exit_code == 0
        _add_a_comment(deck_dir, tmp_path)  # the deck is checked again, not said again as it was
        if pipe == "review file":
            os.mkfifo(deck_dir / "review.yaml")
        else:
            (kept,) = (tmp_path / "build" / ".quizgen-cache").glob("*.sheets")
            kept.unlink()
            os.mkfifo(kept)
        done: list[int] = []
        worker = threading.Thread(
            target=lambda: done.append(runner.invoke(main, ["check", "-j", "1"]).exit_code), daemon=True
        )
        worker.start()
        worker.join(timeout=60)
        assert done, f"check did not end with a named pipe as its {pipe}"
        assert done[0] == (1 if pipe == "review file" else 0)  # a pipe is no review file
    finally:
        os.chdir(cwd)


def test_a_deck_unchanged_since_its_last_check_is_said_again_and_never_skips_a_build(
    tmp_path, checked, monkeypatch
):
    """Decks of one sheet keep no sheets' work, so only a record of the check as a whole spares
    checking them again; a build, which must write its outputs, never takes it for a build."""
    corpus = _scale_corpus()
    decks = corpus.make_corpus(tmp_path, 3, 3)
    _edit(decks[0] / "story-0000.yaml", "    type: date\n", "    type: date\n    draft: true\n")  # a warning
    monkeypatch.chdir(tmp_path)
    check = functools.partial(_check, CliRunner())
    first = check()
    assert first[0] == 0 and "draft fact" in first[1] and len(checked) == 3
    checked.clear()
    verbose = check("-v")[1]
    assert checked == [] and verbose.count("(unchanged since its last check)") == 3
    assert check() == first == check("--no-cache")
    sheet = next(decks[1].glob("story-*.yaml"))
    _shift_year(sheet, 0, -1)  # now an error: checked again, and said
    checked.clear()
    failed = check()
    assert checked == [sheet.name] and failed[0] == 1 and failed == check("--no-cache")
    _shift_year(sheet, 0, +1)  # mended as it was: the record of the last good check holds again
    checked.clear()
    assert check() == first and checked == []
    built = CliRunner().invoke(main, ["build", "-j", "1"], catch_exceptions=False)
    assert built.exit_code == 0 and "built 3 decks" in built.output
    packages = sorted(p.name for p in (tmp_path / "build").glob("*.apkg"))
    assert packages == [f"{d.name}.apkg" for d in decks]
