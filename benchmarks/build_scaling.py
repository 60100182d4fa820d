"""Does a build stay linear as a deck grows? Time and memory per fact, as ratios to the seed deck.

Run ``python benchmarks/build_scaling.py``. The seed deck (the baseline, measured in the same
run) is copied into a deck of N times its facts (ids suffixed, evidence unchanged, so every
fact still checks), then loaded, checked, generated, planned for Anki and written as .apkg and
worksheets. Reported: the median time per fact and the peak memory (tracemalloc) per fact of
each size, divided by the baseline's.

Target: time per fact at 10x the seed stays under 3x the baseline's (distractor choice looks
at every fact of the deck, so some growth is expected), and memory per fact under 2x.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from quizgen.pipeline import build_deck  # noqa: E402

SIZES = (1, 5, 10)
RUNS = 3
TIME_TARGET, MEMORY_TARGET = 3.0, 2.0


class _NoAliases(yaml.SafeDumper):
    """quizgen refuses YAML aliases: write shared values out in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def make_project(root: Path, times: int) -> Path:
    """A project whose one deck holds the seed facts ``times`` over."""
    shutil.copytree(REPO / "source_articles", root / "source_articles")
    deck = root / "decks" / "scaled"
    deck.mkdir(parents=True)
    shutil.copy(REPO / "decks" / "sahel" / "deck.yaml", deck / "deck.yaml")
    sheet_path = next(p for p in (REPO / "decks" / "sahel").glob("*.yaml") if p.name != "deck.yaml")
    sheet = yaml.safe_load(sheet_path.read_text(encoding="utf-8"))
    facts = sheet["facts"]
    sheet["facts"] = [{**fact, "id": f"{fact['id']}-{copy}"} for copy in range(times) for fact in facts]
    (deck / "sheet.yaml").write_text(yaml.dump(sheet, Dumper=_NoAliases, allow_unicode=True), "utf-8")
    return deck


def measure(times: int) -> tuple[int, float, int]:
    """Facts, median seconds and peak bytes of building a deck of ``times`` x the seed."""
    seconds, peaks, facts = [], [], 0
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            deck = make_project(Path(tmp), times)
            tracemalloc.start()
            start = time.perf_counter()
            result = build_deck(deck, Path(tmp) / "build")
            seconds.append(time.perf_counter() - start)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            assert not result.errors, result.errors
            assert result.deck is not None
            facts = len(result.deck.facts)
    return facts, statistics.median(seconds), max(peaks)


def main() -> int:
    rows = [(times, *measure(times)) for times in SIZES]
    _, base_facts, base_time, base_peak = rows[0]
    print(f"{'size':>5} {'facts':>6} {'time':>9} {'time/fact ratio':>16} {'memory/fact ratio':>18}")
    ok = True
    for times, facts, seconds, peak in rows:
        time_ratio = (seconds / facts) / (base_time / base_facts)
        memory_ratio = (peak / facts) / (base_peak / base_facts)
        print(f"{times:>4}x {facts:>6} {seconds:>8.3f}s {time_ratio:>16.2f} {memory_ratio:>18.2f}")
        if times == SIZES[-1]:
            ok = time_ratio <= TIME_TARGET and memory_ratio <= MEMORY_TARGET
    print(
        f"target at {SIZES[-1]}x: time/fact <= {TIME_TARGET}x, memory/fact <= {MEMORY_TARGET}x: "
        f"{'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
