"""How good is the draft of ``quizgen new``? Recall, precision and speed on the seed article.

Run ``python benchmarks/draft_quality.py``. Definitions (docs/writing-fact-sheets.md explains them):

- recall: the share of the hand-written sheet's date, number and actor facts that the draft has
  a candidate for: the same date (at the same precision), the same number, or the same actor
  name once both are normalised (quotes, case, a leading a/an/the and "anonymous" dropped);
- worth keeping: a candidate that passes ``check`` (evidence verbatim in the article, value
  visible in it; only its draft warning) and states a true date, number, actor or cause of the
  article: it matches a hand-written fact, or an entry of the hand annotation of the article in
  ``benchmarks/data/*.gold.yaml``. Each annotated entry is claimed once: a second candidate for
  the same thing is not worth keeping;
- speed: the median time to draft one article (read, find, render), against a baseline measured in
  the same run: reading the article and normalising its text.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from quizgen.authoring.draft.sheet import draft_facts, render_draft  # noqa: E402
from quizgen.check import check_sheet  # noqa: E402
from quizgen.load.article import load_article  # noqa: E402
from quizgen.load.factsheet import load_fact_sheet  # noqa: E402
from quizgen.model import ActorFact, CauseFact, DateFact, Fact, FactSheet, NumberFact  # noqa: E402
from quizgen.text.compare import normalise  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "2023-11-06-french-army-niger-withdrawal-talks.gold.yaml"
RECALL_TYPES = ("date", "number", "actor")
RECALL_THRESHOLD = 0.90
PRECISION_THRESHOLD = 0.60


@dataclass
class Quality:
    """Counts per fact type: (found, of) for recall, (kept, of) for precision."""

    recall: dict[str, tuple[int, int]] = field(default_factory=dict)
    kept: dict[str, tuple[int, int]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    not_kept: list[str] = field(default_factory=list)

    @staticmethod
    def _share(counts: dict[str, tuple[int, int]]) -> tuple[int, int, float]:
        hit = sum(h for h, _ in counts.values())
        total = sum(t for _, t in counts.values())
        return hit, total, hit / total if total else 0.0

    @property
    def recall_share(self) -> float:
        return self._share(self.recall)[2]

    @property
    def precision_share(self) -> float:
        return self._share(self.kept)[2]


def actor_key(name: str) -> str:
    """Names compared: straight quotes, lower case, no leading a/an/the, no 'anonymous'."""
    text = normalise(name).lower()
    text = re.sub(r"^(?:an?|the)\s+", "", text)
    return " ".join(w for w in text.split() if w not in ("anonymous", "unnamed"))


def value_key(fact: Fact) -> str:
    if isinstance(fact, DateFact):
        return fact.date.iso()
    if isinstance(fact, NumberFact):
        return f"{fact.value:g}"
    if isinstance(fact, ActorFact):
        return actor_key(fact.name)
    return ""


def load_draft(article_path: Path) -> tuple[FactSheet, list[Fact]]:
    """Draft the article into a temporary project, and load the draft as the pipeline does."""
    article = load_article(article_path)
    draft = draft_facts(article)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source_articles").mkdir()
        shutil.copy(article_path, root / "source_articles" / article_path.name)
        sheet_path = root / "decks" / "bench" / "draft.yaml"
        sheet_path.parent.mkdir(parents=True)
        sheet_path.write_text(
            render_draft(draft, article_path.name, "schema.json", "bench"), encoding="utf-8"
        )
        problems: list = []
        sheet = load_fact_sheet(sheet_path, problems)
    assert sheet is not None and not problems, problems
    return sheet, list(sheet.facts)


def passes_check(sheet: FactSheet, fact: Fact) -> bool:
    """Only the draft warning: the evidence is verbatim and the value visible in it."""
    problems = check_sheet(replace(sheet, facts=(fact,)))
    return all("draft fact" in p.message for p in problems)


def measure(gold_path: Path = GOLD) -> Quality:
    """Recall against the hand-written sheet and precision against it plus the annotation."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    problems: list = []
    reference = load_fact_sheet(REPO / gold["sheet"], problems)
    assert reference is not None, problems
    sheet, candidates = load_draft(REPO / gold["article"])
    quality = Quality()
    drafted = {(f.type, value_key(f)) for f in candidates if f.type in RECALL_TYPES}
    for fact_type in RECALL_TYPES:
        hand = [f for f in reference.facts if f.type == fact_type]
        found = [f for f in hand if (fact_type, value_key(f)) in drafted]
        quality.recall[fact_type] = (len(found), len(hand))
        quality.missed += [f"{f.id} ({value_key(f)})" for f in hand if f not in found]
    annotated = _annotated(gold, reference)
    for fact_type in ("date", "number", "actor", "cause"):
        mine = [f for f in candidates if f.type == fact_type]
        kept = 0
        for fact in mine:
            entry = _claim(fact, annotated)
            if entry is not None and passes_check(sheet, fact):
                kept += 1
            else:
                quality.not_kept.append(f"{fact.id} ({'fails check' if entry else 'no true statement'})")
        quality.kept[fact_type] = (kept, len(mine))
    return quality


def _annotated(gold: dict, reference: FactSheet) -> dict[str, list[dict]]:
    """The true statements of the article, by type; each a dict of keys that match it."""
    true: dict[str, list[dict]] = {
        "date": [{"keys": {str(d)}} for d in gold["dates"]],
        "number": [{"keys": {f"{float(n):g}"}} for n in gold["numbers"]],
        "actor": [{"keys": {actor_key(n) for n in names}} for names in gold["actors"]],
        "cause": [{"cause": c["cause"].lower(), "effect": c["effect"].lower()} for c in gold["causes"]],
    }
    for fact in reference.facts:  # the hand-written facts are true statements too
        if isinstance(fact, CauseFact):
            continue  # the annotation words each hand-written cause as key phrases
        key = value_key(fact)
        if not any(key in entry["keys"] for entry in true[fact.type]):
            true[fact.type].append({"keys": {key}})
    return true


def _claim(fact: Fact, annotated: dict[str, list[dict]]) -> dict | None:
    """The first unclaimed annotated entry that the candidate states, now claimed; or None."""
    for entry in annotated[fact.type]:
        if entry.get("claimed"):
            continue
        if isinstance(fact, CauseFact):
            hit = (
                entry["cause"] in normalise(fact.cause).lower()
                and entry["effect"] in normalise(fact.effect).lower()
            )
        else:
            hit = value_key(fact) in entry["keys"]
        if hit:
            entry["claimed"] = True
            return entry
    return None


def timing(article_path: Path, repeat: int = 30) -> tuple[float, float]:
    """Median seconds per article: (draft, baseline). Start-up (imports, word lists) excluded."""

    def baseline() -> None:
        normalise(load_article(article_path).body)

    def draft() -> None:
        article = load_article(article_path)
        render_draft(draft_facts(article), article_path.name, "schema.json", "bench")

    draft()  # warm: the word lists are read once per process
    return _median(draft, repeat), _median(baseline, repeat)


def _median(step, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(quality: Quality, speed: tuple[float, float], article: str) -> str:
    lines = [f"draft quality on {article}"]
    hit, total, share = Quality._share(quality.recall)
    lines.append(
        f"recall of the hand-written sheet's dates, numbers and actors: {hit}/{total} = {share:.0%} "
        f"(needs {RECALL_THRESHOLD:.0%})"
    )
    lines += [f"  {t:<7} {h}/{n}" for t, (h, n) in quality.recall.items()]
    if quality.missed:
        lines.append(f"  missed: {', '.join(quality.missed)}")
    hit, total, share = Quality._share(quality.kept)
    lines.append(f"candidates worth keeping: {hit}/{total} = {share:.0%} (needs {PRECISION_THRESHOLD:.0%})")
    lines += [f"  {t:<7} {h}/{n}" for t, (h, n) in quality.kept.items()]
    if quality.not_kept:
        lines.append(f"  not kept: {', '.join(quality.not_kept)}")
    draft, base = speed
    lines.append(
        f"speed: {draft * 1000:.1f} ms to draft the article, {draft / base:.0f}x the baseline "
        f"(reading and normalising it: {base * 1000:.2f} ms), median of 30 runs"
    )
    return "\n".join(lines)


def main() -> int:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    article = REPO / gold["article"]
    quality = measure()
    print(report(quality, timing(article), article.name))
    good = quality.recall_share >= RECALL_THRESHOLD and quality.precision_share >= PRECISION_THRESHOLD
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
