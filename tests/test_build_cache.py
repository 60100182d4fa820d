"""Incremental and parallel builds: a deck unchanged since its last build is reused from the cache,
decks build in worker processes, and the files are those of a serial, full build, byte for byte."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen import buildcache
from quizgen.cli import main
from quizgen.review import format_review
from tests.conftest import REPO, SEED_DECK, SEED_SHEET

SHEET = Path("decks") / SEED_DECK / SEED_SHEET
STATE = Path("decks") / SEED_DECK / "anki-state.tsv"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _corpus_module():
    spec = importlib.util.spec_from_file_location("scale_corpus", REPO / "benchmarks" / "scale_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _mtimes(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in [*(root / "build").glob("*.*"), root / STATE]}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # changed notes get the same time in every run


# --- the cache, on the seed deck --------------------------------------------------------------


CHANGES = [
    "sheet",
    "article",
    "nearer articles folder",
    "articles folder symlink retargeted",
    "sheet symlink retargeted",
    "review file made a named pipe",
    "deck.yaml",
    "state file",
    "new sheet",
    "output changed",
    "output removed",
    "quizgen",
]


def test_an_unchanged_deck_is_reused_and_says_what_a_build_would_say(project):
    assert run("build").exit_code == 0
    full = run("build", "--no-cache")  # the state file now records every note: a steady build
    assert full.exit_code == 0 and "from the cache" not in full.stderr
    before = _mtimes(project)
    cached = run("build")
    assert cached.exit_code == 0 and cached.stdout == ""
    outputs = (
        len([p for p in (project / "build").iterdir() if not p.name.startswith(".")]) + 1
    )  # + state file
    assert f"built 1 deck (1 from the cache): 0 files written, {outputs} unchanged" in cached.stderr
    assert _mtimes(project) == before  # nothing written, nothing touched
    # the same notes and warnings as the full build gave, before the summary
    assert full.stderr.splitlines()[:-1] == cached.stderr.splitlines()[:-1]
    assert "question form(s) not made" in cached.stderr


def test_warnings_are_said_again_with_paths_from_where_the_user_is(project, monkeypatch):
    _edit(project / SHEET, "    tags: [gabon]\n", "    tags: [gabon]\n    draft: true\n")
    first = run("build")
    assert first.exit_code == 0 and "warning: draft fact 'gabon'" in first.stderr
    monkeypatch.chdir(project / "decks" / SEED_DECK)
    again = run("build")
    assert "(1 from the cache)" in again.stderr
    assert re.search(
        rf"^\.\./{SEED_DECK}/{SEED_SHEET}:\d+:\d+: warning: draft fact 'gabon'", again.stderr, re.M
    )
    # and the command it suggests works from here
    assert f"'quizgen preview ../{SEED_DECK}' says why" in again.stderr, again.stderr


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_to_what_a_build_reads_or_wrote_builds_again(project, monkeypatch, change):
    _prepare(project, change)
    assert run("build").exit_code == 0
    assert "from the cache" in run("build").stderr
    _make(project, change, monkeypatch)
    result = run("build")
    assert "from the cache" not in result.stderr
    assert (project / "build" / f"{SEED_DECK}.apkg").is_file()


@pytest.mark.parametrize("change", [c for c in CHANGES if not c.startswith("output")])
def test_any_change_to_what_a_check_read_checks_again(project, monkeypatch, change):
    """A check's record (no build there) holds as a build's entry does, for the inputs."""
    _prepare(project, change)
    assert run("check").exit_code == 0
    assert "(unchanged since its last check)" in run("check", "-v").stderr
    _make(project, change, monkeypatch)
    assert "(unchanged since its last" not in run("check", "-v").stderr
    assert not (project / "build" / f"{SEED_DECK}.apkg").exists()  # a check builds nothing


def _prepare(project: Path, change: str) -> None:
    if change == "articles folder symlink retargeted":  # its target is where the files are hashed
        (project / "source_articles").rename(project / "articles-1")
        shutil.copytree(project / "articles-1", project / "articles-2")
        (project / "source_articles").symlink_to("articles-1")
    elif change == "sheet symlink retargeted":
        for name in ("one.yaml", "two.yaml"):
            shutil.copy(project / SHEET, project / name)
        (project / SHEET).unlink()
        (project / SHEET).symlink_to(project / "one.yaml")


def _make(project: Path, change: str, monkeypatch) -> None:
    article = project / "source_articles" / "2023-11-06-french-army-niger-withdrawal-talks.md"
    if change == "sheet":
        _edit(project / SHEET, "tags: [gabon]", "tags: [gabon, dynasty]")
    elif change == "article":
        _edit(article, "West Africa.", "West Africa, observers said.")
    elif change == "nearer articles folder":  # the deck's sheets now read their articles there
        nearer = project / "decks" / "source_articles"
        nearer.mkdir()
        shutil.copy(article, nearer / article.name)
        _edit(nearer / article.name, "West Africa.", "West Africa, observers said.")
    elif change == "articles folder symlink retargeted":
        _edit(project / "articles-2" / article.name, "West Africa.", "West Africa, observers said.")
        (project / "source_articles").unlink()
        (project / "source_articles").symlink_to("articles-2")
    elif change == "sheet symlink retargeted":
        _edit(project / "two.yaml", "tags: [gabon]", "tags: [gabon, dynasty]")
        (project / SHEET).unlink()
        (project / SHEET).symlink_to(project / "two.yaml")
    elif change == "review file made a named pipe":  # missing then, now no file to read: an error
        os.mkfifo(project / "decks" / SEED_DECK / "review.yaml")
    elif change == "deck.yaml":
        _edit(project / "decks" / SEED_DECK / "deck.yaml", "versions: 2", "versions: 3")
    elif change == "state file" and not (project / STATE).exists():  # a check before any build
        shutil.copy(REPO / STATE, project / STATE)
    elif change == "state file":
        (project / STATE).write_text((project / STATE).read_text("utf-8") + "\n", encoding="utf-8")
    elif change == "new sheet":
        shutil.copy(project / SHEET, project / "decks" / SEED_DECK / "copy.yml")
    elif change == "output changed":
        (project / "build" / f"{SEED_DECK}-study.html").write_text("edited", encoding="utf-8")
    elif change == "output removed":
        (project / "build" / f"{SEED_DECK}.apkg").unlink()
    elif change == "quizgen":
        buildcache.code_fingerprint.cache_clear()
        monkeypatch.setattr(buildcache, "code_fingerprint", lambda: "another quizgen")


@pytest.mark.parametrize("change", ["sheet edited", "sheet added", "review file added"])
def test_an_input_changed_while_the_deck_builds_is_built_next_time(project, monkeypatch, change):
    """The entry holds what the build read, not what the files hold when it ends: a sheet saved
    during a long build (here, while its outputs are made) reaches them at the next build."""
    from quizgen import pipeline

    export = pipeline.export_outputs

    def export_while_the_author_edits(*args, **kwargs):
        if change == "sheet edited":
            _edit(project / SHEET, "tags: [gabon]", "tags: [gabon, edited]")
        elif change == "sheet added":
            shutil.copy(project / SHEET, project / "decks" / SEED_DECK / "added.yaml")
        else:
            (project / "decks" / SEED_DECK / "review.yaml").write_text(format_review({}), encoding="utf-8")
        return export(*args, **kwargs)

    monkeypatch.setattr(pipeline, "export_outputs", export_while_the_author_edits)
    assert run("build").exit_code == 0
    monkeypatch.setattr(pipeline, "export_outputs", export)
    again = run("build")
    assert "from the cache" not in again.stderr
    if change == "sheet added":  # seen: it repeats the first sheet's ids
        assert again.exit_code == 1 and "duplicate id" in again.stderr
        return
    assert again.exit_code == 0, again.stderr
    if change == "sheet edited":  # the new tag reaches the gabon fact's notes
        assert re.search(r"note\(s\) new or changed: .*/gabon/", again.stderr), again.stderr
    assert "from the cache" in run("build").stderr  # and then it is reused


def test_a_deck_with_errors_is_checked_again_and_its_last_good_build_still_counts(project):
    assert run("build").exit_code == 0
    entries = list((project / "build" / buildcache.CACHE_DIR).glob("*.json"))
    assert len(entries) == 1
    _edit(project / SHEET, "date: 2023-07-26", "date: 2023-02-30")
    assert run("build").exit_code == 1
    again = run("build")
    assert again.exit_code == 1 and "2023-02-30 does not exist" in again.stderr
    # The failed builds wrote nothing: put the sheet back, and the last good build is the outputs.
    _edit(project / SHEET, "date: 2023-02-30", "date: 2023-07-26")
    restored = run("build")
    assert restored.exit_code == 0 and "(1 from the cache)" in restored.stderr


def test_check_says_again_what_the_last_build_found_until_an_input_changes(project, monkeypatch):
    from quizgen import parallel

    _edit(project / SHEET, "    tags: [gabon]\n", "    tags: [gabon]\n    draft: true\n")
    assert run("build").exit_code == 0
    full = run("check", "--no-cache")
    assert "warning: draft fact 'gabon'" in full.stderr
    (project / "build" / f"{SEED_DECK}.apkg").unlink()  # outputs do not matter to check

    def not_again(deck_dir: Path) -> None:
        raise AssertionError(f"{deck_dir} was checked again")

    check_one = parallel._check_one
    monkeypatch.setattr(parallel, "_check_one", not_again)
    cached = run("check", "-v")
    assert cached.exit_code == 0
    assert [line for line in cached.stderr.splitlines() if not line.startswith(SEED_DECK)] == (
        full.stderr.splitlines()
    )
    assert f"{SEED_DECK}: 17 facts, 0 errors, 1 warning (unchanged since its last build)" in cached.stderr
    monkeypatch.setattr(parallel, "_check_one", check_one)
    _edit(project / SHEET, "date: 2023-07-26", "date: 2023-02-30")
    changed = run("check")
    assert changed.exit_code == 1 and "2023-02-30 does not exist" in changed.stderr, changed.stderr


# --- a generated corpus: parallel and incremental builds give the files of a serial, full one -------


def _outputs(root: Path) -> dict[str, bytes]:
    """Every file a build wrote: the output folder (not the cache) and the decks' state files."""
    files = {str(p.relative_to(root)): p.read_bytes() for p in (root / "build").iterdir() if p.is_file()}
    files.update({str(p.relative_to(root)): p.read_bytes() for p in root.glob("decks/*/anki-state.tsv")})
    return files


def _changed_sheet(root: Path) -> None:
    sheet = sorted(root.glob("decks/*/story-*.yaml"))[1]
    _edit(sheet, "tags: [gabon]", "tags: [gabon, changed]")


def _build(root: Path, *args: str) -> Result:
    cwd = Path.cwd()
    os.chdir(root)
    try:
        result = run("build", *args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    return result


# a package, two worksheets with their keys, a study sheet, a state file
OUTPUTS_PER_DECK = 7


def _same_builds(tmp_path: Path, sheets: int, decks: int) -> None:
    corpus = _corpus_module()
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    corpus.make_corpus(serial, sheets, decks)
    shutil.copytree(serial, parallel)

    _build(serial, "--no-cache", "-j", "1")
    _build(parallel, "-j", "2")
    assert _outputs(parallel) == _outputs(serial), "a parallel build wrote other files"
    assert len(_outputs(serial)) == OUTPUTS_PER_DECK * decks

    # one sheet changes: the cached, parallel rebuild builds one deck; the serial full one all of them
    for root in (serial, parallel):
        _changed_sheet(root)
    full = _build(serial, "--no-cache", "-j", "1")
    incremental = _build(parallel, "-j", "2")
    assert f"({decks - 1} from the cache)" in incremental.stderr
    assert _outputs(parallel) == _outputs(serial), "an incremental build wrote other files"
    changed = set(re.findall(r"^wrote (.+)$", incremental.stdout, re.M))
    assert changed == set(re.findall(r"^wrote (.+)$", full.stdout, re.M))
    assert any(name.endswith(".apkg") for name in changed) and len(changed) < OUTPUTS_PER_DECK * decks


def test_parallel_and_incremental_builds_write_the_files_of_a_serial_full_build(tmp_path):
    _same_builds(tmp_path, sheets=8, decks=4)


def test_a_thousand_sheet_corpus_builds_the_same_in_parallel_and_incrementally(tmp_path):
    """The suite's one long test (about 100 s on two cores), in every run: issue 15 asks the
    tests themselves to show that a 1,000-sheet corpus builds in parallel and incrementally into
    the files of a serial, full build."""
    _same_builds(tmp_path, sheets=1000, decks=1000)


# --- one deck of many sheets: a rebuild makes the questions of the sheet that changed ------------


@pytest.fixture
def made_facts(monkeypatch) -> list[str]:
    """The ids of the facts whose questions are made, not reused from the cache."""
    import quizgen.generate as generate

    made: list[str] = []
    real = generate._fact_made
    monkeypatch.setattr(generate, "_fact_made", lambda fact, ctx: made.append(fact.id) or real(fact, ctx))
    return made


def test_a_rebuild_of_a_large_deck_makes_only_the_changed_sheets_questions(tmp_path, made_facts):
    corpus = _corpus_module()
    cached, full = tmp_path / "cached", tmp_path / "full"
    corpus.make_corpus(cached, 6, 1)
    shutil.copytree(cached, full)
    _build(cached)
    facts = len(made_facts)
    _build(full, "--no-cache")
    assert buildcache.kept_sheets(cached / "build", cached / "decks" / "corpus-0")

    for root in (cached, full):
        _changed_sheet(root)
    made_facts.clear()
    rebuilt = _build(cached, "-v", "-j", "1")
    assert "corpus-0: built in" in rebuilt.stderr and "(questions of 5 of 6 sheets reused)" in rebuilt.stderr
    changed = sorted((cached / "decks" / "corpus-0").glob("story-*.yaml"))[1]
    assert made_facts and all(fact.endswith(changed.stem.removeprefix("story")) for fact in made_facts)
    assert len(made_facts) < facts / 4
    _build(full, "--no-cache", "-j", "1")
    assert _outputs(cached) == _outputs(full), "a rebuild reusing sheets wrote other files"

    # check reuses them too, and keeps what it made (no output written); --no-cache makes every
    # sheet again
    _edit(changed, "tags: [gabon, changed]", "tags: [gabon]")
    made_facts.clear()
    outputs = _outputs(cached)
    cwd = Path.cwd()
    os.chdir(cached)
    try:
        checked = run("check", "-v")
        assert checked.exit_code == 0 and "s; questions of 5 of 6 sheets reused)" in checked.stderr
        assert 0 < len(made_facts) < facts / 4 and _outputs(cached) == outputs
        made_facts.clear()
        assert run("check", "--no-cache").exit_code == 0
        assert len(made_facts) == facts
        made_facts.clear()  # quiz prints from the same questions: all kept by the check
        assert run("quiz", "corpus-0").exit_code == 0
        assert len(made_facts) == 0
    finally:
        os.chdir(cwd)


def test_kept_sheets_of_another_quizgen_are_not_reused(tmp_path, made_facts, monkeypatch):
    corpus = _corpus_module()
    corpus.make_corpus(tmp_path, 3, 1)
    _build(tmp_path)
    deck_dir = tmp_path / "decks" / "corpus-0"
    kept = buildcache.sheets_path(tmp_path / "build", deck_dir)
    assert buildcache.kept_sheets(tmp_path / "build", deck_dir)
    monkeypatch.setattr(buildcache, "code_fingerprint", lambda: "another quizgen")
    assert buildcache.kept_sheets(tmp_path / "build", deck_dir) == {}
    kept.write_text("garbage\n", encoding="utf-8")
    assert buildcache.kept_sheets(tmp_path / "build", deck_dir) == {}


def test_a_deck_of_one_sheet_keeps_no_sheets_questions(project):
    """Any change that would remake its questions is a change to its one sheet: nothing to reuse."""
    assert run("build").exit_code == 0
    assert not buildcache.sheets_path(project / "build", project / "decks" / SEED_DECK).exists()


def test_kept_sheets_are_written_again_when_one_changed_and_read_back_whole(tmp_path):
    """One line per sheet: text holding U+2028 (which JSON leaves as is) stays one line; a
    value replaced under the same key is written."""
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    out = tmp_path / "build"
    first = {"a": '["line\u2028separator"]', "b": "[]"}
    buildcache.keep_sheets(out, deck_dir, first, {})
    assert buildcache.kept_sheets(out, deck_dir) == first
    second = {**first, "b": "[1]"}
    buildcache.keep_sheets(out, deck_dir, second, first)
    assert buildcache.kept_sheets(out, deck_dir) == second


def test_a_build_without_the_cache_records_it_afresh(tmp_path):
    """What the cache held (tampered with here, in a shape it reads) is replaced, not trusted by
    the next build: building once with --no-cache is how a received project is made safe."""
    corpus = _corpus_module()
    corpus.make_corpus(tmp_path, 3, 1)
    _build(tmp_path)
    out, deck_dir = tmp_path / "build", tmp_path / "decks" / "corpus-0"
    good = buildcache.kept_sheets(out, deck_dir)
    assert len(good) == 6  # each sheet's questions and checks
    tampered = dict.fromkeys(good, "[]")
    buildcache.keep_sheets(out, deck_dir, tampered, good)
    assert buildcache.kept_sheets(out, deck_dir) == tampered
    _build(tmp_path, "--no-cache")
    assert buildcache.kept_sheets(out, deck_dir) == good
    assert buildcache.lookup(out, deck_dir) is not None  # the next build is this one


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_review_file_that_is_a_symlink_loop_is_no_crash(project, command):
    """Recording what a run read resolves every path: a loop (which Path.resolve raises on) is
    an input like any other, and the run says what ``--no-cache`` says."""
    (project / "decks" / SEED_DECK / "review.yaml").symlink_to("review.yaml")
    done = run(command)
    assert "unexpected error" not in done.stderr and "Traceback" not in done.output
    anew = run(command, "--no-cache")
    assert done.exit_code == anew.exit_code == 0
    assert command == "build" or done.stderr == anew.stderr == run(command).stderr  # the last from the cache


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_folder_on_the_way_to_an_input_made_a_symlink_is_a_change(project, command, tmp_path):
    """The image is hashed where it was; the same bytes, now reached through a folder linked out
    of the project, are an error a run anew finds: the entry must not hide it."""
    (project / "images").mkdir()
    (project / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    first_event = "    event: the coup in Niger that removed President Mohamed Bazoum\n"
    _edit(project / SHEET, first_event, first_event + "    image: ../../images/a.png\n")
    assert run(command).exit_code == 0
    outside = tmp_path / "outside"
    shutil.move(project / "images", outside)
    (project / "images").symlink_to(outside)
    again = run(command)
    assert again.exit_code == 1 and "outside the project" in again.stderr


def test_warnings_inside_the_deck_keep_the_path_they_are_named_by(project, monkeypatch):
    """A sheet symlinked to a file in a folder of the deck is named by its link: said again from
    the cache, its warning names the link, as a run anew does, from wherever the user is."""
    deck = project / "decks" / SEED_DECK
    (deck / "src").mkdir()
    shutil.move(project / SHEET, deck / "src" / SEED_SHEET)
    (project / SHEET).symlink_to(Path("src") / SEED_SHEET)
    with (deck / "src" / SEED_SHEET).open("a", encoding="utf-8") as sheet:
        sheet.write("# quizgen migrate: look at this\n")  # a warning at the sheet's last line
    assert run("check").exit_code == 0
    monkeypatch.chdir(deck)
    said = run("check", SEED_DECK)
    assert said.stderr == run("check", "--no-cache", SEED_DECK).stderr
    assert f"{SEED_SHEET}:" in said.stderr and "src/" not in said.stderr
