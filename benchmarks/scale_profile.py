"""Where does a build's time go? A profile of ``build_deck`` on a generated corpus, by stage.

    python benchmarks/scale_profile.py SHEETS [--decks M] [--top 25] [--check]

Builds (or with ``--check``, only loads and checks) a corpus of SHEETS sheets over M decks
(``scale_corpus.py``) in this process, serially, under cProfile, after start-up (imports and word
lists are loaded before the profile starts). Prints the share of each part of quizgen (self time
of the functions in it, summed) and of the libraries, then the functions with the most time of
their own, and the quizgen functions with the most time under them.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from scale_corpus import make_corpus  # noqa: E402

from quizgen.pipeline import build_deck, load_and_check  # noqa: E402


def part_of(filename: str) -> str:
    """The part of quizgen (load, generate, text/compare, ...) or the library a file belongs to."""
    path = Path(filename)
    if "quizgen" in path.parts:
        inner = path.parts[path.parts.index("quizgen") + 1 :]
        if len(inner) == 1:
            return f"quizgen/{inner[0]}"
        return (
            f"quizgen/{inner[0]}/{inner[1]}"
            if inner[0] in ("text", "export", "model")
            else f"quizgen/{inner[0]}"
        )
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].split(".")[0]
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    return f"stdlib/{path.stem}" if path.stem in ("re", "_parser", "_compiler", "__init__") else "stdlib"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sheets", type=int)
    parser.add_argument("--decks", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--check", action="store_true", help="load and check only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizgen-profile-") as tmp:
        root = Path(tmp)
        deck_dirs = make_corpus(root, args.sheets, args.decks)
        warm = make_corpus(root / "warm", 1, 1)[0]
        build_deck(warm, root / "warm" / "build")  # start-up: imports, word lists, templates
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        for deck_dir in deck_dirs:
            result = load_and_check(deck_dir) if args.check else build_deck(deck_dir, root / "build")
            assert not result.errors, result.errors[:3]
        profile.disable()
        seconds = time.perf_counter() - start
    stats = pstats.Stats(profile)
    total = sum(tt for (_, _, tt, _, _) in stats.stats.values())  # type: ignore[attr-defined]
    what = "check" if args.check else "build"
    print(f"{what} of {args.sheets} sheets in {args.decks} deck(s): {seconds:.2f} s (profiled)")
    by_part: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tt, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_part[part_of(filename)] += tt
    print("\nself time by part:")
    for part, tt in sorted(by_part.items(), key=lambda item: -item[1])[:20]:
        print(f"  {100 * tt / total:5.1f}%  {tt:8.2f} s  {part}")
    rows = stats.stats.items()  # type: ignore[attr-defined]
    print("\nfunctions by self time:")
    for (filename, line, name), (_, calls, tt, _ct, _) in sorted(rows, key=lambda r: -r[1][2])[: args.top]:
        print(f"  {100 * tt / total:5.1f}%  {tt:7.2f} s  {calls:>9} calls  {_where(filename, line, name)}")
    print("\nquizgen functions by time under them (cumulative):")
    ours = [r for r in rows if "quizgen" in Path(r[0][0]).parts and "benchmarks" not in r[0][0]]
    for (filename, line, name), (_, calls, _tt, ct, _) in sorted(ours, key=lambda r: -r[1][3])[: args.top]:
        print(f"  {100 * ct / total:5.1f}%  {ct:7.2f} s  {calls:>9} calls  {_where(filename, line, name)}")


def _where(filename: str, line: int, name: str) -> str:
    path = Path(filename)
    if "quizgen" in path.parts:
        filename = "/".join(path.parts[path.parts.index("quizgen") :])
    elif "site-packages" in path.parts:
        filename = "/".join(path.parts[path.parts.index("site-packages") + 1 :])
    return f"{filename}:{line}({name})"


if __name__ == "__main__":
    main()
