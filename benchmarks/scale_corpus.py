"""A synthetic corpus for scaling runs: N distinct fact sheets and articles that pass ``check``.

Every sheet is the seed sheet (``decks/sahel``) rewritten for an invented story: its countries,
capitals, region, people, troop number and years are replaced, the same way in the article and in
the sheet, by names made from the sheet's index. So every fact is distinct (its ids are suffixed,
its wording names other places and people), every evidence quote is still in its article, and
each sheet checks as the seed does.

    python benchmarks/scale_corpus.py DIR N [--decks M]

writes a project into DIR: ``source_articles/`` and ``decks/`` with the N sheets in one deck
(``--decks 1``, the default), one deck each (``--decks N``), or spread evenly over M decks.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_DECK = REPO / "decks" / "sahel"
SEED_SHEET = SEED_DECK / "french-army-niger-withdrawal-talks.yaml"
SEED_ARTICLE = REPO / "source_articles" / "2023-11-06-french-army-niger-withdrawal-talks.md"

SYLLABLES = (
    *("ka", "lo", "ver", "mi", "tan", "dor", "se", "ru"),
    *("bel", "no", "qui", "zan", "fe", "ho", "lis", "pa"),
)
FIRST_NAMES = ("Amara", "Bruno", "Chidi", "Dalia", "Emeka", "Farid", "Greta", "Hamid", "Ines", "Jonas")


def _root(index: int, salt: int) -> str:
    """A made-up word, distinct for every index below 4096 (one per salt): three syllables."""
    number = (index * 2654435761 + salt * 40503) % 4096  # a bijection of 0..4095 for each salt
    digits = [(number >> shift) & 15 for shift in (8, 4, 0)]
    return "".join(SYLLABLES[d] for d in digits).capitalize()


def names_of(index: int) -> dict[str, str]:
    """The invented names of story ``index``: what each seed name becomes."""
    home, power = _root(index, 1), _root(index, 2)
    return {
        # longest first: a name inside another is replaced with it
        "Ali Mahaman Lamine Zeine": f"{FIRST_NAMES[index % 10]} {_root(index, 3)}",
        "Mohamed Bazoum": f"{FIRST_NAMES[(index + 3) % 10]} {_root(index, 4)}",
        "Burkina Faso": f"{_root(index, 5)}ora",
        "Nigerien": f"{home}ian",
        "Niger": f"{home}ia",
        "Niamey": f"{home}ville",
        "France": f"{power}land",
        "French": f"{power}ish",
        "Paris": f"{power}burg",
        "Mali": f"{_root(index, 6)}ar",
        "Gabon": f"{_root(index, 7)}ea",
        "Sahel": f"{_root(index, 8)}ra",
    }


def _years(index: int) -> int:
    """How many years the story is moved back: its dates differ from its neighbours'."""
    return index % 23


def _troops(index: int) -> int:
    return 1000 + (index * 37) % 9000


def rewrite(text: str, index: int) -> str:
    """The seed's text (article or sheet) told as story ``index``."""
    names = names_of(index)
    pattern = re.compile("|".join(re.escape(name) for name in names))
    text = pattern.sub(lambda m: names[m.group(0)], text)
    shift = _years(index)
    text = re.sub(r"\b(20[12][0-9])\b", lambda m: str(int(m.group(1)) - shift), text)
    troops = _troops(index)
    return text.replace("1,500", f"{troops:,}").replace("value: 1500", f"value: {troops}")


def article_name(index: int) -> str:
    return rewrite(SEED_ARTICLE.name, index).replace(".md", f"-{index:04d}.md")


def sheet_text(index: int) -> str:
    """The seed sheet as story ``index``, its ids suffixed so that they stay unique in one deck."""
    text = rewrite(SEED_SHEET.read_text(encoding="utf-8"), index)
    text = re.sub(r"^(  - id: )(\S+)$", rf"\g<1>\g<2>-{index:04d}", text, flags=re.MULTILINE)
    return re.sub(r"^article: .*$", f"article: {article_name(index)}", text, count=1, flags=re.MULTILINE)


def deck_yaml(key: str, title: str) -> str:
    return (
        f'name: "Corpus::{title}"\n'
        f'description: "A synthetic deck for scaling runs."\n'
        f'quiz_title: "{title}"\n'
        "quiz:\n  versions: 2\n"
    )


def make_corpus(root: Path, sheets: int, decks: int = 1) -> list[Path]:
    """Write a project of ``sheets`` sheets over ``decks`` decks into ``root``; the deck folders."""
    if not 1 <= decks <= sheets:
        raise ValueError("decks must be between 1 and the number of sheets")
    articles = root / "source_articles"
    articles.mkdir(parents=True, exist_ok=True)
    seed_article = SEED_ARTICLE.read_text(encoding="utf-8")
    width = len(str(decks))
    deck_dirs = [root / "decks" / f"corpus-{d:0{width}d}" for d in range(decks)]
    for number, deck_dir in enumerate(deck_dirs):
        deck_dir.mkdir(parents=True, exist_ok=True)
        (deck_dir / "deck.yaml").write_text(deck_yaml(deck_dir.name, f"Corpus {number}"), "utf-8")
    for index in range(sheets):
        (articles / article_name(index)).write_text(rewrite(seed_article, index), "utf-8")
        deck_dir = deck_dirs[index * decks // sheets]
        (deck_dir / f"story-{index:04d}.yaml").write_text(sheet_text(index), "utf-8")
    return deck_dirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("sheets", type=int)
    parser.add_argument("--decks", type=int, default=1)
    args = parser.parse_args()
    if args.folder.exists():
        shutil.rmtree(args.folder)
    make_corpus(args.folder, args.sheets, args.decks)


if __name__ == "__main__":
    main()
