"""Does a school's corpus build in seconds? quizgen against the floor, for 10, 100 and 1,000 sheets.

    python benchmarks/scale.py [--sizes 10,100,1000] [--layouts many,one] [--timeout 900]

For each layout (``many``: one deck per sheet; ``one``: every sheet in one deck) and size N, the
corpus generator (``scale_corpus.py``) writes N distinct sheets and articles that pass ``check``.
Then, each as a whole process (start-up included), timed from outside:

- ``quizgen build``: wall and CPU seconds, and the peak memory of its largest process;
- the floor, in the same run on the same corpus: parse the sheets with ``yaml.CSafeLoader``, read
  their articles, write as many notes as quizgen's packages hold with raw genanki, and render one
  Jinja2 page per deck (``--floor``, serial, one process);
- an incremental rebuild after one sheet changed (a tag added), and one with nothing changed.

Ratios to the floor and growth are judged on CPU time: quizgen's wall time gains from its worker
processes, and the floor's loses to genanki syncing its scratch database to disk after every
statement, so wall ratios depend on the disk and the cores; both are printed.

It also times ``quizgen check`` on 100 sheets, whole and after its start-up (the interpreter,
quizgen's modules and the word lists they load; timed inside the process, median of 3, since
two whole-process timings differ by more than the target), cold (``--no-cache``: check keeps
its work for the next one), then again after a check and after a build, one sheet changed anew
before each run (check then reuses what they kept of the rest), and ``quizgen --help`` beside
``python -c "import click"`` (paired runs, median ratio). A run slower than ``--timeout`` is
stopped, and the larger sizes of its layout are not tried. The last table puts each target of
issue 15 beside its figure. Nothing here is a test: timings vary with the machine. quizgen runs
from its bytecode, as an installed copy does (``_as_installed``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale_corpus import make_corpus  # noqa: E402

QUIZGEN = [sys.executable, "-m", "quizgen"]
STARTUP = (
    "import quizgen.cli, quizgen.pipeline, quizgen.export.formats, quizgen.text.grammar; "
    "quizgen.text.grammar.load_word_lists()"
)


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    code: int
    stopped: bool = False

    def __str__(self) -> str:
        if self.stopped:
            return f"stopped after {self.wall:.0f} s"
        return f"{self.wall:8.2f} s wall {self.cpu:8.2f} s cpu {self.peak_mb:7.0f} MB"


def measure(command: list[str], cwd: Path, timeout: float) -> Run:
    """Run ``command`` in a process of its own that reports its children's CPU time and peak
    memory (the largest single process, workers included)."""
    probe = [sys.executable, str(Path(__file__).resolve()), "--measure", str(timeout), "--", *command]
    start = time.perf_counter()
    done = subprocess.run(probe, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    try:
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        sys.exit(f"cannot measure {command}: {done.stderr}")
    if figures["code"] not in (0, None) and not figures["stopped"]:
        print(f"  note: {' '.join(command[-3:])} exited {figures['code']}: {figures['err'][-300:]}")
    return Run(
        wall if figures["stopped"] else figures["wall"],
        figures["cpu"],
        figures["peak_kb"] / 1024,
        figures["code"],
        figures["stopped"],
    )


def _probe(timeout: float, command: list[str]) -> None:
    """The process ``measure`` starts: runs the command, prints its figures as JSON."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, err = process.communicate(timeout=timeout)
        code, stopped = process.returncode, False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the command and its workers
        process.communicate()
        code, err, stopped = None, "", True
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_kb": usage.ru_maxrss,
        "code": code,
        "err": err,
        "stopped": stopped,
    }
    print(json.dumps(figures))


# --- the floor ---------------------------------------------------------------------------------


FLOOR_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{{ title }}</title></head><body>
<h1>{{ title }}</h1>{% for sheet in sheets %}<h2>{{ sheet.article }}</h2><ol>
{% for fact in sheet.facts %}<li>{{ fact.id }}: {{ fact.evidence }}</li>{% endfor %}</ol>{% endfor %}
</body></html>"""


def floor(project: Path, out: Path, notes_per_deck: dict[str, int]) -> None:
    """The unavoidable work of a build, with the libraries quizgen uses, nothing more."""
    import genanki
    import jinja2
    import yaml

    model = genanki.Model(
        1607392319,
        "floor",
        fields=[{"name": "Question"}, {"name": "Answer"}],
        templates=[{"name": "Card", "qfmt": "{{Question}}", "afmt": "{{FrontSide}}<hr>{{Answer}}"}],
    )
    page = jinja2.Environment(autoescape=True).from_string(FLOOR_PAGE)
    out.mkdir(parents=True, exist_ok=True)
    for number, deck_dir in enumerate(sorted((project / "decks").iterdir())):
        sheets = []
        for path in sorted(deck_dir.glob("*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            if path.name == "deck.yaml":
                continue
            (project / "source_articles" / data["article"]).read_text(encoding="utf-8")
            sheets.append(data)
        facts = [f for s in sheets for f in s["facts"]]
        deck = genanki.Deck(2059400110 + number, deck_dir.name)
        for i in range(notes_per_deck[deck_dir.name]):
            fact = facts[i % len(facts)]
            deck.add_note(genanki.Note(model=model, fields=[f"{fact['id']} {i}", fact["evidence"]]))
        genanki.Package(deck).write_to_file(out / f"{deck_dir.name}.apkg")
        html = page.render(title=deck_dir.name, sheets=sheets)
        (out / f"{deck_dir.name}.html").write_text(html, encoding="utf-8")


def notes_in_state(project: Path) -> dict[str, int]:
    """How many notes quizgen's build shipped per deck, from each deck's state file."""
    counts = {}
    for deck_dir in sorted((project / "decks").iterdir()):
        state = deck_dir / "anki-state.tsv"
        text = state.read_text(encoding="utf-8") if state.is_file() else ""
        counts[deck_dir.name] = sum(1 for line in text.splitlines() if line.startswith("note:"))
    return counts


# --- the runs ----------------------------------------------------------------------------------


@dataclass
class SizeRun:
    layout: str
    sheets: int
    facts: int
    build: Run
    floor: Run | None = None
    rebuild_one: Run | None = None
    rebuild_none: Run | None = None


def change_one_sheet(project: Path) -> None:
    """Add a tag to the first fact of the middle sheet: its notes change, nothing else does."""
    sheets = sorted(p for p in (project / "decks").glob("*/story-*.yaml"))
    sheet = sheets[len(sheets) // 2]
    text = sheet.read_text(encoding="utf-8")
    changed = re.sub(r"tags: \[niger, coup\]", "tags: [niger, coup, changed]", text, count=1)
    assert changed != text
    sheet.write_text(changed, encoding="utf-8")


def run_size(layout: str, sheets: int, root: Path, timeout: float) -> SizeRun:
    project = root / f"{layout}-{sheets}"
    make_corpus(project, sheets, sheets if layout == "many" else 1)
    facts = sum(
        len(re.findall(r"^  - id: ", p.read_text("utf-8"), re.M)) for p in project.glob("decks/*/*.yaml")
    )
    build = measure([*QUIZGEN, "build", "-q"], project, timeout)
    result = SizeRun(layout, sheets, facts, build)
    if build.stopped or build.code != 0:
        return result
    counts = project / "notes.json"
    counts.write_text(json.dumps(notes_in_state(project)), encoding="utf-8")
    floor_command = [sys.executable, str(Path(__file__).resolve()), "--floor", str(project), str(counts)]
    result.floor = measure(floor_command, project, timeout)
    change_one_sheet(project)
    result.rebuild_one = measure([*QUIZGEN, "build", "-q"], project, timeout)
    result.rebuild_none = measure([*QUIZGEN, "build", "-q"], project, timeout)
    return result


def paired_ratio(a: list[str], b: list[str], runs: int = 11) -> tuple[float, float, float]:
    """Median seconds of a and b, run in turn, and the median of the pairwise ratios a/b."""
    times_a, times_b, ratios = [], [], []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(a, capture_output=True, check=True)
        middle = time.perf_counter()
        subprocess.run(b, capture_output=True, check=True)
        end = time.perf_counter()
        times_a.append(middle - start)
        times_b.append(end - middle)
        ratios.append((middle - start) / (end - middle))
    # the first pair warms the file cache
    return statistics.median(times_a[1:]), statistics.median(times_b[1:]), statistics.median(ratios[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--layouts", default="many,one")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a run is stopped")
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"quizgen scaling: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    _as_installed()

    help_a, help_b, help_ratio = paired_ratio(
        [str(Path(sys.executable).parent / "quizgen"), "--help"], [sys.executable, "-c", "import click"]
    )
    print(
        f"quizgen --help {help_a * 1000:.0f} ms, python -c 'import click' {help_b * 1000:.0f} ms: "
        f"{help_ratio:.2f}x (median of paired runs)"
    )

    root = args.keep or Path(tempfile.mkdtemp(prefix="quizgen-scale-"))
    runs: list[SizeRun] = []
    try:
        for layout in args.layouts.split(","):
            for sheets in sizes:
                print(f"{layout}: {sheets} sheets ...", flush=True)
                one = run_size(layout, sheets, root, args.timeout)
                runs.append(one)
                _print_run(one)
                if one.build.stopped:
                    print(f"  {layout}: larger sizes not tried")
                    break
        check = _check_100(root, args.timeout)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    _print_table(runs)
    _print_targets(runs, check, help_ratio)
    return 0


def _as_installed() -> None:
    """Run quizgen as an installed copy runs: from its bytecode. pip compiles an installed
    package's bytecode, and Python writes it on first import; a sandbox that sets
    PYTHONDONTWRITEBYTECODE (this one does) would have every timed run compile quizgen's
    modules again (0.15 s each), which no user pays."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    package = Path(__file__).resolve().parent.parent / "quizgen"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


# `check` timed inside its process, after the same imports as STARTUP: the difference of two
# whole-process timings drowned 0.5 s in the start-up's own noise (2.5 s, give or take 0.5 s)
CHECK_AFTER_STARTUP = (
    STARTUP + "; import sys, time, quizgen.cli; started = time.perf_counter(); "
    "quizgen.cli.main({args!r}, standalone_mode=False); "
    "print(f'after start-up: {{time.perf_counter() - started:.3f}}', file=sys.stderr)"
)
COLD = ["check", "-q", "--no-cache"]  # check keeps its work: a cold check reuses and keeps none


def edit_one_sheet_anew(project: Path) -> None:
    """Give the middle sheet's first tagged fact a tag it never had (``edit-1``, ``edit-2``…):
    each call leaves the corpus in a state no run has seen, so no record of a check or build
    holds for it (going back and forth between two states would be said again from them)."""
    sheets = sorted(p for p in (project / "decks").glob("*/story-*.yaml"))
    sheet = sheets[len(sheets) // 2]
    text = sheet.read_text(encoding="utf-8")
    found = re.search(r"tags: \[niger, coup(?:, edit-(\d+))?\]", text)
    assert found is not None
    count = int(found.group(1) or 0) + 1
    edited = f"tags: [niger, coup, edit-{count}]"
    sheet.write_text(text[: found.start()] + edited + text[found.end() :], "utf-8")


def _after_startup(
    project: Path, timeout: float, args: list[str], runs: int = 3, before: Any = None
) -> float | None:
    """The median time of ``quizgen`` with ``args`` in ``project``, its process's start-up left
    out; ``before(project)`` is called before each run."""
    times = []
    for _ in range(runs):
        if before is not None:
            before(project)
        try:
            done = subprocess.run(
                [sys.executable, "-c", CHECK_AFTER_STARTUP.format(args=args)], cwd=project,
                capture_output=True, text=True, timeout=timeout,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            return None
        found = re.search(r"after start-up: ([\d.]+)", done.stderr)
        if found is None:
            return None
        times.append(float(found.group(1)))
    return statistics.median(times)


def _check_100(root: Path, timeout: float) -> dict[str, Any]:
    figures = {}
    for layout in ("one", "many"):
        project = root / f"check-{layout}"
        make_corpus(project, 100, 1 if layout == "one" else 100)
        figures[layout] = measure([*QUIZGEN, *COLD], project, timeout)
        figures[f"{layout}-after"] = _after_startup(project, timeout, COLD)
        print(f"check of 100 sheets ({layout} deck{'s' if layout == 'many' else ''}): {figures[layout]}")
        after = figures[f"{layout}-after"]
        print(f"  of which after start-up (median of 3, timed inside the process): {after} s")
        # as an author checks again: one sheet changed since the last check (no build), then
        # since a build; each run after a change of its own
        measure([*QUIZGEN, "check", "-q"], project, timeout)
        checked = _after_startup(project, timeout, ["check", "-q"], before=edit_one_sheet_anew)
        figures[f"{layout}-rechecked"] = checked
        print(f"  after a check and one sheet changed, after start-up: {checked} s")
        measure([*QUIZGEN, "build", "-q"], project, timeout)
        edited = _after_startup(project, timeout, ["check", "-q"], before=edit_one_sheet_anew)
        figures[f"{layout}-edited"] = edited
        print(f"  after a build and one sheet changed, after start-up: {edited} s")
    figures["startup"] = min(
        (measure([sys.executable, "-c", STARTUP], root, timeout) for _ in range(3)), key=lambda r: r.wall
    )
    print(f"start-up (interpreter, quizgen's modules, word lists): {figures['startup']}")
    return figures


def _print_run(run: SizeRun) -> None:
    print(f"  build        {run.build}")
    if run.floor:
        print(f"  floor        {run.floor}")
    if run.rebuild_one:
        print(f"  1 changed    {run.rebuild_one}")
    if run.rebuild_none:
        print(f"  none changed {run.rebuild_none}")


def _print_table(runs: list[SizeRun]) -> None:
    print()
    print(
        "| corpus | facts | quizgen wall | quizgen CPU | peak | floor | ratio (wall) | ratio (CPU) | "
        "rebuild, 1 sheet changed |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in runs:
        corpus = f"{r.sheets} decks of 1 sheet" if r.layout == "many" else f"1 deck of {r.sheets} sheets"
        if r.build.stopped or r.floor is None or r.rebuild_one is None:
            print(f"| {corpus} | {r.facts} | {r.build} | | | | | | |")
            continue
        print(
            f"| {corpus} | {r.facts} | {r.build.wall:.2f} s | {r.build.cpu:.2f} s | "
            f"{r.build.peak_mb:.0f} MB | "
            f"{r.floor.wall:.2f} s | {r.build.wall / r.floor.wall:.1f}x | {r.build.cpu / r.floor.cpu:.1f}x | "
            f"{r.rebuild_one.wall:.2f} s ({100 * r.rebuild_one.wall / r.build.wall:.1f}%) |"
        )


def _print_targets(runs: list[SizeRun], check: dict[str, Any], help_ratio: float) -> None:
    def row(measure_: str, target: str, figure: str, met: bool | None) -> None:
        verdict = "not measured" if met is None else "met" if met else "NOT met"
        print(f"| {measure_} | {target} | {figure} | {verdict} |")

    print()
    print("| measure | target | figure | verdict |")
    print("| --- | --- | --- | --- |")
    done = {(r.layout, r.sheets): r for r in runs if not r.build.stopped and r.floor is not None}
    for layout in ("many", "one"):
        big, small = done.get((layout, 1000)), done.get((layout, 100))
        name = "1,000 decks of 1 sheet" if layout == "many" else "1 deck of 1,000 sheets"
        if big is not None and big.floor is not None:
            ratio = big.build.cpu / big.floor.cpu
            figure = f"{ratio:.1f}x CPU ({big.build.wall / big.floor.wall:.1f}x wall)"
            row(f"build of {name}", "at most 3x the floor", figure, ratio <= 3)
        else:
            row(f"build of {name}", "at most 3x the floor", _why_missing(runs, layout), None)
        if big is not None and small is not None:
            growth = big.build.cpu / small.build.cpu
            figure = f"{growth:.1f}x CPU ({big.build.wall / small.build.wall:.1f}x wall)"
            row(f"{name}: 10x the input", "at most 11x the time", figure, growth <= 11)
        if big is not None and big.rebuild_one is not None:
            share = big.rebuild_one.wall / big.build.wall
            figure = f"{100 * share:.1f}% wall, {100 * big.rebuild_one.cpu / big.build.cpu:.1f}% CPU"
            row(
                f"{name}: incremental rebuild, one sheet changed",
                "at most 10% of a full build",
                figure,
                share <= 0.10,
            )
    peaks = [r.build.peak_mb for r in runs if not r.build.stopped]
    if peaks:
        row("peak memory (largest process)", "at most 1 GB", f"{max(peaks):.0f} MB", max(peaks) <= 1024)
    for layout in ("one", "many"):
        if check[layout].stopped:
            row(
                f"check of 100 sheets ({'one deck' if layout == 'one' else 'one deck each'})",
                "at most 0.5 s after start-up",
                f"over {check[layout].wall:.0f} s (stopped)",
                False,
            )
            continue
        after = check[f"{layout}-after"]
        row(
            f"check of 100 sheets ({'one deck' if layout == 'one' else 'one deck each'})",
            "at most 0.5 s after start-up",
            f"{after:.2f} s (whole process {check[layout].wall:.2f} s)"
            if after is not None
            else "not measured",
            after is not None and after <= 0.5,
        )
        for key, after_what in (("rechecked", "a check"), ("edited", "a build")):
            again = check.get(f"{layout}-{key}")
            figure = f"{again:.2f} s after start-up" if again is not None else "not measured"
            label = f"the same, after {after_what} and one sheet changed"
            print(f"| {label} | (beside the target) | {figure} | |")
    row("quizgen --help", "at most 1.3x import click", f"{help_ratio:.2f}x", help_ratio <= 1.3)


def _why_missing(runs: list[SizeRun], layout: str) -> str:
    stopped = [r for r in runs if r.layout == layout and r.build.stopped]
    if stopped:
        return f"not run: {stopped[0].sheets} sheets already took over {stopped[0].build.wall:.0f} s"
    return "not run"


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        _probe(float(sys.argv[2]), sys.argv[4:])
    elif len(sys.argv) == 4 and sys.argv[1] == "--floor":
        project = Path(sys.argv[2])
        floor(project, project / "floor-build", json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")))
    else:
        sys.exit(main())
