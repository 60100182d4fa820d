"""Constructed decks and questions of every form, for the worksheet and printing tests."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from quizgen.model import (
    Cloze,
    Deck,
    DeckSettings,
    PartialDate,
    Question,
    QuizSettings,
    Source,
)

SOURCE = Source("Talks on a withdrawal", PartialDate(2023, 11, 6), "2023-11-06-talks.md")


def sample_deck(title: str = "Sample quiz", quiz: QuizSettings | None = None) -> Deck:
    settings = DeckSettings(
        key="sample",
        path=Path("decks/sample/deck.yaml"),
        name=f"News::Sample::{title}",
        description="Constructed questions of every form.",
        quiz_title=title,
        quiz=quiz or QuizSettings(),
    )
    return Deck(settings, ())


def question(fact_id: str, form: str, kind: str, prompt: str, answer: str, **extra) -> Question:
    return Question(
        deck="sample",
        fact_id=fact_id,
        form=form,
        kind=kind,  # type: ignore[arg-type]
        prompt=prompt,
        answer=answer,
        evidence=extra.pop("evidence", f"Evidence sentence for {fact_id}."),
        source=extra.pop("source", SOURCE),
        tags=("sample",),
        **extra,
    )


def every_form(copies: int = 1) -> tuple[Question, ...]:
    """``copies`` questions of each worksheet form (recall and typed both as short answers).

    Every prompt starts with a token ``QSTART<n>`` and every question's last printed line holds
    ``QEND<n>``, so a test can find both in extracted PDF text."""
    out: list[Question] = []
    for n in range(copies):
        # Each copy has answers of its own: a worksheet never keeps a question whose answer
        # stands in another question.
        tag = COPY_TAGS[n]
        place = f" in {BODIES[n][2]}"  # each copy's pairs its own: pairs shown twice give each other away
        scale = 10**n
        out += [
            question(
                f"choice-{n}",
                "choice",
                "choice",
                f"QSTART{n}c Which body announced the end of the agreements?",
                BODIES[n][0],
                options=(*BODIES[n][:3], f"{BODIES[n][3]} QEND{n}c"),
            ),
            question(
                f"numbers-{n}",
                "choice_number",
                "choice",
                f"QSTART{n}n About how many French troops were stationed in Niger?",
                f"around {1500 * scale:,}",
                options=tuple(f"around {v * scale:,}" for v in (1000, 1500, 2000))
                + (f"around {3000 * scale:,} QEND{n}n",),
                ordered=True,
            ),
            question(
                f"tf-{n}",
                "true_false",
                "true_false",
                f"QSTART{n}t The coup in Niger took place after the takeover in Mali. QEND{n}t",
                "True" if n % 2 == 0 else "False",  # a quiz balances true and false
                options=("True", "False"),
            ),
            question(
                f"m1-{n}+m2-{n}+m3-{n}",
                "matching",
                "matching",
                f"QSTART{n}m Match each person to their role.",
                "",
                pairs=(
                    (f"Mohamed Bazoum{place}", f"the President removed by the coup{place}"),
                    (f"Ali Mahaman Lamine Zeine{place}", f"the military-appointed Prime Minister{place}"),
                    (f"the French army{place}", f"the force discussing a withdrawal QEND{n}m"),
                ),
            ),
            question(
                f"o1-{n}+o2-{n}+o3-{n}+o4-{n}",
                "timeline",
                "ordering",
                f"QSTART{n}o Put these events in order, earliest first.",
                "",
                sequence=(
                    "the takeover in Mali",
                    "the takeover in Burkina Faso",
                    "the coup in Niger",
                    f"the talks on a withdrawal QEND{n}o",
                ),
            ),
            question(
                f"cloze-{n}",
                "cloze",
                "cloze",
                f"QSTART{n}z The putsch occurred on _____ in Niamey. QEND{n}z",
                f"July {20 + n}",
                cloze=Cloze(f"QSTART{n}z The putsch occurred on ", f"July {20 + n}", f" in Niamey. QEND{n}z"),
            ),
            question(
                f"recall-{n}",
                "why",
                "recall",
                f"QSTART{n}r Why were several military agreements with France ended? QEND{n}r",
                f"Paris recognized the post-coup regime{tag} as illegitimate",
            ),
            question(
                f"typed-{n}",
                "typed",
                "typed",
                f"QSTART{n}y How many military cooperation agreements were ended? QEND{n}y",
                f"{5 + n}",
                tolerance=(5.0 + n, 5.0 + n),
            ),
        ]
    return tuple(out)


TOKENS = ("c", "n", "t", "m", "o", "z", "r", "y")
COPY_TAGS = ("", " of Alpha", " of Bravo", " of Charlie", " of Delta", " of Echo", " of Foxtrot")
BODIES = (
    ("The coup leaders", "The French army", "Paris", "The United Nations"),
    ("The junta", "The European Union", "Bamako", "The African Union"),
    ("The council", "NATO", "Dakar", "ECOWAS"),
    ("The ministry", "The Red Cross", "Accra", "The World Bank"),
    ("The assembly", "The police", "Lomé", "The IMF"),
)


def _text(fragment: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", fragment).split()))


def _blocks(page: str, pattern: str) -> dict[int, str]:
    """The HTML of each numbered block (question or key row), by number."""
    starts = [(int(m.group(1)), m.start()) for m in re.finditer(pattern, page)]
    ends = [s for _, s in starts[1:]] + [len(page)]
    return {n: page[s:e] for (n, s), e in zip(starts, ends, strict=True)}


@dataclass(frozen=True)
class Shown:
    """One question as the rendered worksheet shows it, with its rendered key row."""

    number: int
    form: str
    prompt: str
    options: tuple[str, ...]  # choice options, matching right column, or timeline events
    left: tuple[str, ...]
    key_letters: tuple[str, ...]  # choice: one letter; matching: one per left item
    key_ranks: tuple[int, ...]
    key_texts: tuple[str, ...]


def shown_items(page: str) -> list[Shown]:
    """Parse a rendered worksheet: its questions in order, each with its key row."""
    sheet, _, key = page.partition('<section class="sheet key">')
    questions = _blocks(sheet, r'<div class="q q-[a-z_]+" id="q(\d+)">')
    rows = _blocks(key, r'<div class="krow" id="key(\d+)">')
    assert list(questions) == list(rows), "every question has one key row, in the same order"
    out = []
    for number, block in questions.items():
        form = re.search(r'class="q q-([a-z_]+)"', block).group(1)
        prompt = re.search(r'<p class="prompt[^"]*">(.*?)</p>', block, re.S).group(1)
        prompt = re.sub(r' <span class="marks">.*?</span>', "", prompt)  # "(3 marks)"
        options = re.findall(r'<span class="(?:option|right-item|event)">(.*?)</span>', block, re.S)
        left = re.findall(r'<span class="left-item">(.*?)</span>', block, re.S)
        row = rows[number]
        out.append(
            Shown(
                number,
                form,
                _text(prompt),
                tuple(_text(o) for o in options),
                tuple(_text(t) for t in left),
                tuple(re.findall(r'<strong class="k-letter">([A-Z])</strong>', row)),
                tuple(int(r) for r in re.findall(r'<strong class="k-rank">(\d+)</strong>', row)),
                tuple(_text(t) for t in re.findall(r'class="k-text">(.*?)</(?:span|strong)>', row, re.S)),
            )
        )
    return out


def with_keys(files: dict[str, str]) -> dict[str, str]:
    """Each students' sheet followed by its answer key (a file of its own), by the sheet's name,
    for tests that read a version's questions and key together."""
    return {
        name: page + files[name.replace(".html", "-key.html")]
        for name, page in files.items()
        if not name.endswith("-key.html")
    }
