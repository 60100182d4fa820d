"""The draft benchmark: issue 6's measure on the seed, issue 13's dev-set annotation (no timing here)."""

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


def test_the_dev_set_annotation_is_version_2_facts_that_pass_check_strictly(tmp_path):
    bench = _benchmark()
    for source in sorted(bench.ARTICLES.glob("*.txt")):
        root = tmp_path / source.stem
        bench._project(root)
        made, _ = bench.draft_article(source, root)
        annotated, problems = bench.load_annotations(
            bench.DATA / f"{source.stem}.yaml", made.article.name, root
        )
        assert problems == [], source.stem
        assert all(a.span is not None for a in annotated if a.fact.evidence), source.stem
        assert sum(1 for a in annotated if a.wanted) >= 30


def test_dev_set_matching_rules():
    bench = _benchmark()
    assert bench._same_name("Mr Urzúa", "Luis Urzúa") and bench._same_name("Dr Tedros", "Tedros")
    assert not bench._same_name("France", "France Córdova")
    assert bench.content_words("the removal of French ally President Mohamed Bazoum") == {
        "removal", "french", "ally", "president", "mohamed", "bazoum",
    }  # fmt: skip
    assert bench._overlaps((0, 10), (5, 20)) and not bench._overlaps((0, 5), (5, 10))
