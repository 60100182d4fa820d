"""Shared fixtures: a copy of the shipped project in a temp folder, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED_DECK = "sahel"
SEED_SHEET = "french-army-niger-withdrawal-talks.yaml"


SEED_ARTICLE = "2023-11-06-french-army-niger-withdrawal-talks.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh project holding the seed deck and its article (no state file), as the working
    directory. The dev-set decks are read from the repository by the tests that need them."""
    root = tmp_path / "project"
    (root / "source_articles").mkdir(parents=True)
    shutil.copy(REPO / "source_articles" / SEED_ARTICLE, root / "source_articles" / SEED_ARTICLE)
    shutil.copytree(
        REPO / "decks" / SEED_DECK,
        root / "decks" / SEED_DECK,
        ignore=shutil.ignore_patterns("anki-state.tsv"),
    )
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def run_cli():
    """Run the quizgen CLI in-process; returns click's Result (exit_code, stdout, stderr)."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def printing_tools_missing() -> bool:
    """True when headless Chromium or poppler is missing here and the printing tests may skip.

    In CI (CI set) they never skip: .ci/run installs both, and a skipped print test would let
    a broken worksheet land unseen.
    """
    from quizgen.export import pdf

    missing = pdf.find_chromium() is None or any(shutil.which(t) is None for t in ("pdfinfo", "pdftotext"))
    return missing and not os.environ.get("CI")
