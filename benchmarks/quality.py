"""The judged set: every generated question of the dev-set decks with a teacher's verdict.

Verdicts live in ``benchmarks/quality/<deck>.yaml``, one per question id, with a hash of the
question's text as it was judged, the verdict (keep: usable as is; fix: say the edit; reject: say
why), the fault class and the reason. A question whose text changed since it was judged is
stale and must be judged again; its old verdict does not count.

    python benchmarks/quality.py report [DECK…]        keep rate per form and overall, stale and unjudged
    python benchmarks/quality.py packet DECK [--all]   a judging packet (Markdown) for fresh eyes
    python benchmarks/quality.py merge DECK FILE        add a judge's verdicts (YAML) to the deck's file
    python benchmarks/quality.py ranks [DECK…]         where the answer stands among ordered options

The figure is worth what the judging is worth: a judge who wrote the generator gives an upper
bound; the packets are for judges who see only the questions and the article.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizgen.generate import generate_deck  # noqa: E402
from quizgen.load import load_deck  # noqa: E402
from quizgen.model import Deck, Question  # noqa: E402

VERDICTS = ROOT / "benchmarks" / "quality"
DEV_SET = ("chile-miners", "paris-agreement", "black-hole", "notre-dame", "who-pandemic", "ever-given")
TARGET = 0.95
LETTERS = "ABCDEFGH"


def visible_text(question: Question) -> str:
    """Everything a student and a teacher read of a question, in one string."""
    parts = [question.kind, question.note, question.prompt, *question.options, question.answer]
    parts += [f"{a} -> {b}" for a, b in question.pairs]
    parts += list(question.sequence) + list(question.accepted)
    return "\n".join(parts)


def text_hash(question: Question) -> str:
    return hashlib.sha256(visible_text(question).encode("utf-8")).hexdigest()[:12]


def deck_questions(name: str) -> tuple[Deck, tuple[Question, ...]]:
    problems: list = []
    deck = load_deck(ROOT / "decks" / name, problems)
    if deck is None:
        raise SystemExit(f"{name}: cannot load: {problems[:3]}")
    return deck, generate_deck(deck).questions


def load_verdicts(name: str) -> dict[str, dict]:
    path = VERDICTS / f"{name}.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get("verdicts", {}) or {}


def report(names: list[str]) -> int:
    by_form: dict[str, Counter] = defaultdict(Counter)
    stale, unjudged, faults = [], [], []
    for name in names:
        _, questions = deck_questions(name)
        verdicts = load_verdicts(name)
        for q in questions:
            v = verdicts.get(q.id)
            if v is None:
                unjudged.append(q.id)
                continue
            if v.get("hash") != text_hash(q):
                stale.append(q.id)
                continue
            by_form[q.form][v["verdict"]] += 1
            if v["verdict"] != "keep":
                faults.append((q.id, v["verdict"], v.get("class", ""), v.get("reason", "")))
    total = Counter()
    print(f"{'form':<16}{'judged':>8}{'keep':>7}{'fix':>6}{'reject':>8}{'kept':>8}")
    for form in sorted(by_form):
        c = by_form[form]
        total.update(c)
        judged = sum(c.values())
        print(f"{form:<16}{judged:>8}{c['keep']:>7}{c['fix']:>6}{c['reject']:>8}{c['keep'] / judged:>8.0%}")
    judged = sum(total.values())
    share = total["keep"] / judged if judged else 0.0
    print(f"{'all':<16}{judged:>8}{total['keep']:>7}{total['fix']:>6}{total['reject']:>8}{share:>8.0%}")
    met = "met" if share >= TARGET and not stale and not unjudged else "NOT met"
    print(f"target: at least {TARGET:.0%} kept as is — {met}")
    print(f"stale (text changed since judged): {len(stale)}; never judged: {len(unjudged)}")
    for qid in stale[:50]:
        print(f"  stale: {qid}")
    for qid in unjudged[:50]:
        print(f"  unjudged: {qid}")
    if faults:
        print("fix and reject:")
        for qid, verdict, cls, reason in faults:
            print(f"  {verdict:<7}{qid}  [{cls}] {reason}")
    return 0


def _question_block(q: Question) -> str:
    lines = [f"### {q.id}  (hash {text_hash(q)}, {q.kind})"]
    if q.lead:
        lines.append(f"*{q.lead}*")
    if q.kind == "cloze":
        lines.append(f"Fill in the blank: {q.prompt}")
    elif q.kind == "true_false":
        lines.append(f"True or false? {q.prompt}")
    else:
        lines.append(q.prompt)
    for i, option in enumerate(q.options if q.kind == "choice" else ()):
        lines.append(f"- {LETTERS[i]}) {option}")
    for left, right in q.pairs:
        lines.append(f"- {left}  ↔  {right}")
    if q.sequence:
        lines.append("Events (key order, earliest first): " + " | ".join(q.sequence))
    lines.append(f"**Key:** {q.answer}")
    if q.accepted:
        lines.append(f"Also accepted: {', '.join(q.accepted)}")
    if q.tolerance and q.tolerance[0] != q.tolerance[1]:
        lines.append(f"Accepted range: {q.tolerance[0]:g} to {q.tolerance[1]:g}")
    return "\n".join(lines)


def packet(name: str, everything: bool) -> int:
    deck, questions = deck_questions(name)
    verdicts = load_verdicts(name)
    todo = [q for q in questions if everything or verdicts.get(q.id, {}).get("hash") != text_hash(q)]
    articles = {s.article.path for s in deck.sheets if s.article}
    print(f"# Judging packet: deck `{name}` ({len(todo)} questions)\n")
    for path in sorted(articles):
        print(f"## The article: {path.name}\n")
        print(path.read_text(encoding="utf-8"))
        print()
    print("## The questions\n")
    print("Choice options are shown in one order here; printed versions shuffle them (numbers and")
    print("dates stay in ascending order). Timeline events are shown in the key's order; students")
    print("see them shuffled.\n")
    for q in todo:
        print(_question_block(q))
        print()
    return 0


def merge(name: str, source: Path) -> int:
    new = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    new = new.get("verdicts", new)
    path = VERDICTS / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    data = data or {"deck": name, "verdicts": {}}
    _, questions = deck_questions(name)
    known = {q.id: text_hash(q) for q in questions}
    for qid, verdict in new.items():
        if qid not in known:
            print(f"skipped {qid}: no such question")
            continue
        if verdict.get("verdict") not in ("keep", "fix", "reject"):
            print(f"skipped {qid}: verdict must be keep, fix or reject")
            continue
        data["verdicts"][qid] = verdict
    VERDICTS.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=100), encoding="utf-8")
    print(f"{path}: {len(data['verdicts'])} verdicts")
    return 0


def ranks(names: list[str]) -> int:
    """The answer's rank among the sorted options of every ordered multiple-choice question (numbers
    and dates), over the decks: uniform is a quarter each."""
    counts: Counter[int] = Counter()
    for name in names:
        _, questions = deck_questions(name)
        for q in questions:
            if q.kind == "choice" and q.ordered and q.options:
                counts[q.options.index(q.answer)] += 1
    total = sum(counts.values())
    expected = total / 4 if total else 0
    chi_square = sum((counts[r] - expected) ** 2 / expected for r in range(4)) if total else 0.0
    for rank in range(4):
        share = counts[rank] / total if total else 0
        print(f"option {LETTERS[rank]} (rank {rank + 1} of 4): {counts[rank]:>4}  {share:.0%}")
    print(f"{total} ordered questions; chi-square {chi_square:.2f} (1% critical value for uniform: 11.34)")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("report", "packet", "merge", "ranks"):
        print(__doc__)
        return 2
    if argv[0] == "report":
        return report(argv[1:] or [d for d in DEV_SET if (ROOT / "decks" / d).is_dir()])
    if argv[0] == "packet":
        return packet(argv[1], "--all" in argv)
    if argv[0] == "ranks":
        return ranks(argv[1:] or [d for d in DEV_SET if (ROOT / "decks" / d).is_dir()])
    return merge(argv[1], Path(argv[2]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
