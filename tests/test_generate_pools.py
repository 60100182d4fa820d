"""Option pools: which values a question looks at, and in what order."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from quizgen.generate.pools import BUCKETS_LOOKED_AT, OptionPools, _hash
from quizgen.load import load_deck

REPO = Path(__file__).resolve().parent.parent


def _corpus_deck(root: Path, sheets: int):
    spec = importlib.util.spec_from_file_location("scale_corpus", REPO / "benchmarks" / "scale_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    deck = load_deck(module.make_corpus(root, sheets, 1)[0], [])
    assert deck is not None
    return deck


def _every_candidate(pools: OptionPools, fact, kind: str, question_id: str, skip: set[str]) -> list[str]:
    """What ranked gave before it gave each value once: the same article's values (as ranked
    orders them), then each bucket looked at, sorted by the question's hash, repeats and all.
    Only where the candidates' offices play no part: a one-word answer, for a group."""
    pool = pools.pool(kind, fact.option_class(kind))
    sheet = pools._sheet_of[fact.id]
    seed = _hash(question_id)
    buckets = pool.buckets()
    same_sheet = {str(c.value) for c in pool.by_sheet.get(sheet, []) if c.fact_id not in skip}
    here = [str(v) for v in pools.ranked(fact, kind, question_id, skip)][: len(same_sheet)]
    values = []
    for offset in range(min(len(buckets), BUCKETS_LOOKED_AT)):
        bucket = buckets[(seed % len(buckets) + offset) % len(buckets)]
        others = [c for c in bucket if c.sheet != sheet and c.fact_id not in skip]
        values += [str(c.value) for c in sorted(others, key=lambda c: _hash(f"{seed}/{c.hash}"))]
    return here + values


def test_a_value_many_sheets_share_is_offered_once_where_it_first_ranked(tmp_path: Path) -> None:
    deck = _corpus_deck(tmp_path, 300)
    facts = tuple(deck.facts)
    sheet_of = {f.id: i for i, sheet in enumerate(deck.sheets) for f in sheet.facts}
    pools = OptionPools(facts, sheet_of)
    group = next(f for f in facts if f.type == "actor" and f.kind == "group" and f.shown == "jihadists")
    question_id = f"corpus-0/{group.id}/name"
    ranked = [str(v) for v in pools.ranked(group, "name", question_id, {group.id})]
    assert len(ranked) == len(set(ranked))
    every = _every_candidate(pools, group, "name", question_id, {group.id})
    assert len(every) > 1.5 * len(ranked)  # the corpus's sheets share many of their groups
    assert ranked == list(dict.fromkeys(every))
