"""Where a build's time goes, stage by stage: a full build, then a rebuild after one sheet changed.

    python benchmarks/scale_stages.py SHEETS [--decks M]

Makes a corpus of SHEETS sheets over M decks (``scale_corpus.py``), builds it in this process
as ``quizgen build -j1`` does (through the build cache; after start-up: imports, word lists and
templates are loaded first), adds a tag to one sheet and builds again. Prints the seconds each
stage took in both builds, summed over the decks: what an incremental rebuild still does again.
No profiler runs, so the figures are those of a plain build; they vary with the machine.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from scale_corpus import make_corpus  # noqa: E402

import quizgen.buildcache as buildcache  # noqa: E402
import quizgen.pipeline as pipeline  # noqa: E402
from quizgen.parallel import build_decks  # noqa: E402

# (module, function, label), in pipeline order; assembly runs inside export_outputs
STAGES = (
    (buildcache, "kept_sheets", "reading kept questions"),
    (pipeline, "load_deck", "load"),
    (pipeline, "check_deck", "check sheets"),
    (pipeline, "generate_deck", "generate"),
    (pipeline, "check_questions", "check questions"),
    (pipeline, "_plan_anki", "plan Anki notes"),
    (pipeline, "assemble_quiz", "assemble quiz"),
    (pipeline, "export_outputs", "export (assembly included)"),
    (pipeline, "write_outputs", "write"),
    (buildcache, "keep_sheets", "keeping questions"),
)


def _timed(seconds: dict[str, float], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - start

    return wrapper


def _edit_one(deck_dirs: list[Path]) -> None:
    """Add a tag to the middle sheet of the first deck (only that sheet's questions change)."""
    sheets = sorted(deck_dirs[0].glob("story-*.yaml"))
    sheet = sheets[len(sheets) // 2]
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("tags: [", "tags: [edited, ", 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sheets", type=int)
    parser.add_argument("--decks", type=int, default=1)
    args = parser.parse_args()
    seconds: dict[str, float] = defaultdict(float)
    for module, name, label in STAGES:
        setattr(module, name, _timed(seconds, label, getattr(module, name)))
    with tempfile.TemporaryDirectory(prefix="quizgen-stages-") as tmp:
        root = Path(tmp)
        deck_dirs = make_corpus(root, args.sheets, args.decks)
        warm = make_corpus(root / "warm", 1, 1)[0]
        pipeline.build_deck(warm, root / "warm" / "build")  # start-up: imports, word lists, templates
        runs: list[tuple[str, float, dict[str, float]]] = []
        for what in ("full build", "one sheet changed"):
            if what == "one sheet changed":
                _edit_one(deck_dirs)
            seconds.clear()
            start = time.perf_counter()
            for built in build_decks(deck_dirs, root / "build", jobs=1, use_cache=True):
                assert not built.crash and not built.result.errors, (built.crash, built.result.errors[:3])
            runs.append((what, time.perf_counter() - start, dict(seconds)))
    print(f"{args.sheets} sheets in {args.decks} deck(s), seconds per stage (wall, in this process)")
    print(f"| stage | {' | '.join(what for what, _, _ in runs)} |")
    print(f"| --- | {' | '.join('---:' for _ in runs)} |")
    for _, _, label in STAGES:
        print(f"| {label} | {' | '.join(f'{times.get(label, 0.0):.2f}' for _, _, times in runs)} |")
    print(f"| **whole build** | {' | '.join(f'{total:.2f}' for _, total, _ in runs)} |")


if __name__ == "__main__":
    main()
