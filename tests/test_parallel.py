"""Decks built in worker processes: what the workers inherit is out of the collector's reach
while they run, and the process that started them is left as it was."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from quizgen.cli import COLLECT_EVERY
from quizgen.parallel import DeckBuilt, run_decks
from quizgen.pipeline import DeckResult
from tests.conftest import REPO


def _frozen_here(deck_dir: Path) -> DeckBuilt:
    """A worker's work: how many objects its collector leaves alone (said as its facts)."""
    return DeckBuilt(DeckResult(deck_dir), 0.0, facts=gc.get_freeze_count())


def test_workers_inherit_frozen_objects_and_the_parent_unfreezes_them(tmp_path):
    decks = [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    for deck in decks:
        deck.mkdir()
    assert gc.get_freeze_count() == 0
    built = run_decks(decks, _frozen_here, jobs=2)
    assert [b.result.deck_dir for b in built] == decks
    assert all(b.facts > 10_000 for b in built)  # the modules and word lists, at least
    assert gc.get_freeze_count() == 0  # a caller that goes on (tests, a library user) collects them again


def test_a_caller_that_froze_objects_itself_finds_them_still_frozen(tmp_path):
    decks = [tmp_path / "a", tmp_path / "b"]
    for deck in decks:
        deck.mkdir()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        built = run_decks(decks, _frozen_here, jobs=2)
        assert [b.result.deck_dir for b in built] == decks
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_the_command_line_collects_young_objects_less_often():
    """In a process of its own (Python's default is 700): the setting is the whole process's."""
    script = (
        "import gc; from quizgen.cli import main; "
        "main(['check', '-q', 'sahel'], standalone_mode=False); print(gc.get_threshold()[0])"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) == COLLECT_EVERY
