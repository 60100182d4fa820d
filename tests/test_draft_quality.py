"""The measure of issue 6 on the seed article, from benchmarks/draft_quality.py (no timing here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _benchmark():
    spec = importlib.util.spec_from_file_location("draft_quality", REPO / "benchmarks" / "draft_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_draft_finds_the_hand_written_dates_numbers_and_actors():
    bench = _benchmark()
    quality = bench.measure()
    assert quality.recall_share >= bench.RECALL_THRESHOLD, quality.missed
    assert sum(n for _, n in quality.recall.values()) == 12  # 3 dates, 1 number, 8 actors in the sheet


def test_most_draft_candidates_are_worth_keeping():
    bench = _benchmark()
    quality = bench.measure()
    assert quality.precision_share >= bench.PRECISION_THRESHOLD, quality.not_kept
    assert all(n > 0 for _, n in quality.kept.values())  # every type drafted something


def test_matching_rules():
    bench = _benchmark()
    assert bench.actor_key("an anonymous defense ministry source") == bench.actor_key(
        "a defense ministry source"
    )
    assert bench.actor_key("the French army") == bench.actor_key("French army")
    assert bench.actor_key("Niger’s military") == bench.actor_key("Niger's military")
    assert bench.actor_key("Niger") != bench.actor_key("Nigeria")
