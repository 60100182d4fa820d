"""Seeded mutation fuzzing of check, build, add-article and new (issue 16), to stay.

A case copies a seed project (``tests/fuzz_corpus/harbour``: every fact type in a version-2
sheet, quiz settings and template overrides; or the shipped ``sahel`` deck, a version-1 sheet)
with its outputs already built, mutates its sheet, ``deck.yaml`` or article (bytes, lines, YAML
values and structure, hostile values from ``NASTY``), then runs the commands in-process. Each run
must end with exit code 0, 1 or 2, without an exception, an "unexpected error", a hang or
running out of memory; a command that fails must leave every file as it was (check never
writes; a failed build keeps the earlier outputs and state file byte for byte).

The default test run takes ``FUZZ_CASES`` cases (seeded: the same cases every run).
``benchmarks/fuzz.py`` runs thousands, in worker processes, and reports the figures.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import resource
import shutil
import signal
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from click.testing import CliRunner

from quizgen.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
FUZZ_CASES = 40  # in the default test run
FUZZ_SEED = 16
CASE_SECONDS = 60  # a command running longer than this counts as a hang
MEMORY_LIMIT = 3 * 1024**3  # address space a case may grow the process by
AUTHORING_RATE = 0.15  # the share of cases that run add-article and new after check and build

# Values that broke or could break a loader, a check, a generator or an exporter.
NASTY: tuple[str, ...] = (
    "[" * 400 + "]" * 400,
    "{a: " * 300 + "1" + "}" * 300,
    "!!int abc",
    '!!int ""',
    "!!int 0b",
    "!!int 1e5",
    "!!float x",
    "!!bool maybe",
    "!!timestamp 2020-99",
    "!!binary '%%%'",
    "!!python/object/apply:os.system ['true']",
    "!!set {a, b}",
    "5.0e-324",
    "1e-9",
    "-1",
    "0",
    "1.7976931348623157e308",
    "99999999999999999999999",
    ".nan",
    ".inf",
    "0x1F",
    "017",
    "1:30",
    "2023-02-30",
    "9999-12-31",
    "0000",
    "2024-05",
    '"\\uD800"',
    '"\\x00\\x07"',
    '"\\U0001F600 \\u202e right-to-left"',
    "*alias",
    "&anchor value",
    "~",
    "null",
    "yes",
    "[]",
    "{}",
    "''",
    '"',
    "'",
    "- ",
    ": ",
    "? ",
    "|\n  block\n",
    ">-\n  folded\n",
    "%YAML 1.1",
    "---",
    "...",
    "x" * 2500,
    "word " * 450,
    "é" * 200 + ".png",
    "a" * 300 + ".md",
    "../../../etc/passwd",
    "/etc/hostname",
    "/dev/zero",
    "images/../../x.png",
    "{{ 9**(9**7) }}",
    "{{ 'x' * 10**8 }}",
    "{% for i in range(10**9) %}x{% endfor %}",
    "{{ fact.__class__.__mro__ }}",
    "{{ fact.location.path.read_text() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ fact.nope.nope }}",
    "{% if %}",
    "{{",
    "<script>alert(1)</script>",
    "&amp; <b>bold</b> {{c1::cloze}}",
    "\t",
    "\ufeff",
    "Ω≈ç√∫˜µ≤≥÷ 田中さん 👍🏽",
    "date",
    "number",
    "list",
)
KEYS = tuple(
    [
        "id",
        "type",
        "event",
        "happened",
        "date",
        "value",
        "range",
        "statement",
        "how_many",
        "unit",
        "hedge",
        "as_of",
        "name",
        "kind",
        "role",
        "display",
        "cause",
        "effect",
        "one_of",
        "who",
        "place",
        "quote",
        "speaker",
        "members",
        "complete",
        "evidence",
        "tags",
        "also_true",
        "question",
        "questions",
        "skip",
        "same_as",
        "gap",
        "draft",
        "image",
        "version",
        "article",
        "facts",
        "description",
        "quiz_title",
        "question_templates",
        "quiz",
        "versions",
        "seed",
        "paper",
        "count",
        "forms",
        "anki_multiple_choice",
        "choice_options",
        "formats",
        "prompt",
        "answer",
        "options",
    ]
)


@dataclass
class Case:
    """One fuzz case: what was done, and what went wrong (nothing, when it passes)."""

    seed: int
    index: int
    corpus: str = ""
    mutations: list[str] = field(default_factory=list)
    runs: list[tuple[str, int]] = field(default_factory=list)  # (command, exit code)
    failures: list[str] = field(default_factory=list)
    kind: str = ""  # "traceback", "hang", "memory", "exit code", "changed files", "message"

    def fail(self, kind: str, text: str) -> None:
        self.kind = self.kind or kind
        self.failures.append(f"{kind}: {text}")

    def describe(self) -> str:
        return f"case {self.seed}/{self.index} on {self.corpus}: {'; '.join(self.mutations)}"


# --- projects ------------------------------------------------------------------------------


def seed_projects() -> dict[str, Path]:
    """The seed projects: folders holding decks/ and source_articles/."""
    return {"harbour": CORPUS / "harbour", "sahel": REPO}


def prepare(workdir: Path) -> dict[str, Path]:
    """A pristine copy of each seed project in ``workdir``, built once (outputs and state file)."""
    prepared = {}
    for name, source in seed_projects().items():
        root = workdir / f"pristine-{name}"
        if not root.exists():
            shutil.copytree(source / "source_articles", root / "source_articles")
            # The repository's own project: the seed deck only, so that a failed build of the
            # mutated deck is the whole build (each deck is built all or none, the rest still are).
            decks = [
                d
                for d in (source / "decks").iterdir()
                if (d / "deck.yaml").is_file() and (source != REPO or d.name == "sahel")
            ]
            for deck in decks:
                shutil.copytree(
                    deck, root / "decks" / deck.name, ignore=shutil.ignore_patterns("anki-state.tsv")
                )
            with chdir(root):
                result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
            assert result.exit_code == 0, result.output
        prepared[name] = root
    return prepared


@contextlib.contextmanager
def chdir(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root``: file bytes, or what a symlink or other entry is."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            found[name] = f"symlink to {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_bytes()
        elif not path.is_dir():
            found[name] = "special file"
    return found


# --- mutations -----------------------------------------------------------------------------


def _targets(root: Path) -> list[Path]:
    deck = next(d for d in sorted((root / "decks").iterdir()) if d.is_dir())
    sheets = sorted(p for p in deck.glob("*.yaml") if p.name != "deck.yaml")
    article = sorted((root / "source_articles").glob("*.md"))
    return [*sheets, *sheets, *sheets, deck / "deck.yaml", *article]  # sheets most often


def _random_char(rng: random.Random) -> str:
    pool = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\u2028\u2029\ufeff\ufffe\t\n\r :-[]{}#&*!|>'\"%@`,?\\"
    return rng.choice(
        [rng.choice(pool), chr(rng.randrange(0x20, 0x3000)), chr(rng.randrange(0x10000, 0x10FFFF))]
    )


def mutate_text(text: str, rng: random.Random) -> tuple[str, str]:
    """One textual change; hostile values in valid YAML most often, as they reach furthest."""
    lines = text.split("\n")
    key_lines = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w-]+:", line)]
    op = rng.choices(range(9), weights=[40, 8, 8, 8, 8, 10, 6, 6, 6])[0]
    if op == 0 and key_lines:  # a value replaced by a hostile one
        at = rng.choice(key_lines)
        nasty = rng.choice(NASTY)
        key = lines[at].split(":", 1)[0]
        lines[at] = f"{key}: {nasty}"
        return "\n".join(lines), f"line {at + 1}: value -> {nasty[:40]!r}"
    if op == 1 and key_lines:  # a key renamed
        at = rng.choice(key_lines)
        new = rng.choice(KEYS)
        lines[at] = re.sub(r"[\w-]+:", f"{new}:", lines[at], count=1)
        return "\n".join(lines), f"line {at + 1}: key -> {new}"
    at = rng.randrange(len(lines))
    if op == 2:
        del lines[at]
        return "\n".join(lines), f"delete line {at + 1}"
    if op == 3:
        lines.insert(at, lines[rng.randrange(len(lines))])
        return "\n".join(lines), f"duplicate a line at {at + 1}"
    if op == 4 and len(lines) > 1:
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
        return "\n".join(lines), f"swap lines {at + 1} and {other + 1}"
    if op == 5:
        change = rng.choice(["  ", " ", "\t", "- ", "dedent"])
        lines[at] = lines[at].lstrip() if change == "dedent" else change + lines[at]
        return "\n".join(lines), f"indent line {at + 1} with {change!r}"
    pos = rng.randrange(len(text) + 1)
    if op == 6:
        char = _random_char(rng)
        return text[:pos] + char + text[pos:], f"insert {char!r} at {pos}"
    if op == 7:
        nasty = rng.choice(NASTY)
        return text[:pos] + nasty + text[pos:], f"insert {nasty[:40]!r} at {pos}"
    if rng.random() < 0.5:
        end = min(len(text), pos + rng.randrange(1, 200))
        return text[:pos] + text[end:], f"delete characters {pos}-{end}"
    return text[:pos], f"truncate at {pos}"


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(data)
    done = []
    for _ in range(rng.randrange(1, 4)):
        pos = rng.randrange(len(data) + 1)
        byte = rng.choice([0xFF, 0xC3, 0xE2, 0x80, 0x00, 0xED, 0xF4, rng.randrange(256)])
        if rng.random() < 0.5 and pos < len(data):
            data[pos] = byte
        else:
            data.insert(pos, byte)
        done.append(f"0x{byte:02X}@{pos}")
    return bytes(data), "bytes " + ",".join(done)


def _nasty_value(rng: random.Random) -> object:
    return rng.choice(
        [
            None,
            True,
            0,
            -1,
            5e-324,
            1e300,
            float("nan"),
            2**70,
            "",
            " ",
            "x" * rng.choice([100, 2001, 5000]),
            [],
            {},
            ["a"] * rng.choice([2, 250]),
            {"a": {"b": {"c": "d"}}},
            "\ud800",
            "\x00",
            "2023-02-30",
            "../../x.png",
            "{{ fact.__class__ }}",
            rng.choice(NASTY),
            rng.choice(KEYS),
        ]
    )


def mutate_structure(text: str, rng: random.Random) -> tuple[str, str] | None:
    """A YAML-aware change: a key dropped, added or retyped, a fact duplicated or emptied."""
    try:
        data = yaml.safe_load(text)
    except Exception:  # an earlier mutation made it unreadable (`!!int abc` raises ValueError)
        return None
    if not isinstance(data, dict):
        return None
    containers: list[tuple[object, str]] = [(data, "")]
    pending: list[tuple[object, str]] = [(data, "")]
    while pending:
        node, where = pending.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(value, dict | list):
                containers.append((value, f"{where}/{key}"))
                pending.append((value, f"{where}/{key}"))
    node, where = rng.choice(containers)
    op = rng.randrange(4)
    if isinstance(node, dict) and node:
        key = rng.choice(list(node))
        if op == 0:
            del node[key]
            change = f"{where}/{key} deleted"
        elif op == 1:
            node[rng.choice(KEYS)] = _nasty_value(rng)
            change = f"{where}: a key added"
        else:
            node[key] = _nasty_value(rng)
            change = f"{where}/{key} -> {str(node[key])[:40]!r}"
    elif isinstance(node, list) and node:
        at = rng.randrange(len(node))
        if op == 0:
            node.append(node[at])
            change = f"{where}[{at}] duplicated"
        elif op == 1:
            del node[at]
            change = f"{where}[{at}] deleted"
        else:
            node[at] = _nasty_value(rng)
            change = f"{where}[{at}] -> {str(node[at])[:40]!r}"
    else:
        return None
    try:
        dumped = yaml.safe_dump(
            data, allow_unicode=rng.random() < 0.5, sort_keys=False, width=rng.choice([80, 10**6])
        )
    except Exception:  # a value PyYAML cannot write
        return None
    return dumped, f"structure: {change}"


def mutate_filesystem(root: Path, rng: random.Random) -> str:
    """A file that is not what its name says: a device, a pipe, a folder, a loop, too large."""
    target = rng.choice([*_targets(root), next((root / "decks").iterdir()) / "anki-state.tsv"])
    name = target.relative_to(root)
    op = rng.randrange(6)
    if op < 2:
        device = rng.choice(["/dev/zero", "/dev/urandom"])
        target.unlink(missing_ok=True)
        target.symlink_to(device)
        return f"{name}: a symlink to {device}"
    if op == 2:
        fifo = target.with_name(f"pipe{target.suffix or '.yaml'}")
        os.mkfifo(fifo)
        return f"{fifo.relative_to(root)}: a named pipe"
    if op == 3:
        target.with_name("folder.yaml").mkdir()
        return f"{name.parent}/folder.yaml: a folder"
    if op == 4:
        target.unlink(missing_ok=True)
        target.symlink_to(target.name)
        return f"{name}: a symlink to itself"
    with target.open("ab") as handle:
        handle.write(b"\n# " + b"x" * 600_000 + b"\n")
    return f"{name}: padded to over 600 KB"


def mutate(root: Path, rng: random.Random) -> list[str]:
    """Apply one to three mutations to the project's files; returns what was done."""
    if rng.random() < 0.04:
        return [mutate_filesystem(root, rng)]
    done = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        target = rng.choice(_targets(root))
        name = target.relative_to(root)
        kind = rng.random()
        if kind < 0.1:
            data, change = mutate_bytes(target.read_bytes(), rng)
            target.write_bytes(data)
        else:
            text = target.read_text(encoding="utf-8", errors="surrogateescape")
            result = mutate_structure(text, rng) if kind < 0.35 and target.suffix == ".yaml" else None
            text, change = result or mutate_text(text, rng)
            target.write_bytes(text.encode("utf-8", errors="surrogateescape"))
        done.append(f"{name}: {change}")
    return done


# --- running -------------------------------------------------------------------------------


class Hang(BaseException):
    """Raised by the alarm: a command ran longer than ``CASE_SECONDS``."""


@contextlib.contextmanager
def limits(seconds: float, memory: int | None) -> Iterator[None]:
    """An alarm after ``seconds``; an address-space limit ``memory`` bytes above today's use."""

    def on_alarm(signum, frame):  # type: ignore[no-untyped-def]
        raise Hang()

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    old_limit = resource.getrlimit(resource.RLIMIT_AS)
    if memory is not None:
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (used + memory, old_limit[1]))
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        resource.setrlimit(resource.RLIMIT_AS, old_limit)


def invoke(case: Case, root: Path, args: list[str], stdin: bytes | None = None) -> int | None:
    """Run one command in ``root``; record what went wrong. Returns its exit code."""
    command = " ".join(a if len(a) < 40 else a[:37] + "..." for a in args)
    try:
        with chdir(root), limits(CASE_SECONDS, MEMORY_LIMIT):
            result = CliRunner().invoke(main, args, input=stdin, catch_exceptions=True)
    except Hang:
        case.fail("hang", f"{command} ran over {CASE_SECONDS} s")
        return None
    exc = result.exception
    if isinstance(exc, Hang):
        case.fail("hang", f"{command} ran over {CASE_SECONDS} s")
        return None
    if isinstance(exc, MemoryError):
        case.fail("memory", f"{command}: MemoryError")
        return None
    if exc is not None and not isinstance(exc, SystemExit):
        where = "".join(traceback.format_exception(exc)[-4:])
        case.fail("traceback", f"{command}: {type(exc).__name__}: {exc}\n{where}")
        return None
    case.runs.append((args[0], result.exit_code))
    if result.exit_code not in (0, 1, 2):
        case.fail("exit code", f"{command} exited {result.exit_code}")
    output = result.stdout + result.stderr
    if "unexpected error" in output or "Traceback" in output:
        case.fail("traceback", f"{command} said: {output[-800:]}")
    problem_line = re.search(r"^[^\n]+?(:\d+){0,2}: ", result.stderr, re.MULTILINE)
    if result.exit_code == 1 and args[0] in ("check", "new", "add-article") and not problem_line:
        case.fail("message", f"{command} failed without a path: message line: {result.stderr[-500:]}")
    long_lines = [line for line in output.splitlines() if len(line) > 2_000]
    if long_lines:
        case.fail("message", f"{command} printed a line of {len(long_lines[0]):,} characters")
    return result.exit_code


def run_case(seed: int, index: int, workdir: Path, prepared: dict[str, Path] | None = None) -> Case:
    """Make, mutate and run case ``index`` of ``seed`` in ``workdir``."""
    rng = random.Random(f"{seed}-{index}")
    prepared = prepared or prepare(workdir)
    case = Case(seed, index, corpus=rng.choice(sorted(prepared)))
    root = workdir / f"case-{index}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(prepared[case.corpus], root, symlinks=True)
    try:
        case.mutations = mutate(root, rng)
        _check_and_build(case, root)
        if rng.random() < AUTHORING_RATE:
            _authoring(case, root, rng)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return case


def _unchanged(case: Case, command: str, before: dict, root: Path) -> None:
    after = snapshot(root)
    if after != before:
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        case.fail("changed files", f"{command} failed but changed {changed[:5]}")


KEPT = "build/.quizgen-cache/"  # where check keeps its work (of its sheets, of a deck) for the next one


def _check_and_build(case: Case, root: Path) -> None:
    before = snapshot(root)
    invoke(case, root, ["check"])
    after = snapshot(root)
    wrote = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if [k for k in wrote if not (k.startswith(KEPT) and k.endswith((".sheets", ".check")))]:
        case.fail("changed files", f"check wrote files {wrote[:5]}")
    code = invoke(case, root, ["build"])
    if code not in (0, None):
        _unchanged(case, "build", after, root)


def _authoring(case: Case, root: Path, rng: random.Random) -> None:
    """add-article and new on a mutated copy of the article, outside source_articles/; new drafts
    into the mutated deck, so that it reads the mutated sheets (deep, a pipe, a device...). An
    article that a filesystem mutation made a pipe, a device or a loop is given to both as it is."""
    deck = next(d for d in sorted((root / "decks").iterdir()) if d.is_dir())
    draft = ["--deck", deck.name, "--out", f"decks/{deck.name}/fuzz-draft.yaml"]
    articles = sorted((root / "source_articles").glob("*.md"))
    article = next((a for a in articles if not a.is_symlink() and a.is_file()), None)
    if article is None:  # a pipe, a device or a loop now (a filesystem mutation)
        odd = str(articles[0].relative_to(root)) if articles else "source_articles/missing.md"
        meta = ["--title", "T", "--source", "S", "--published", "2024-05-20"]
        runs: list[tuple[list[str], bytes | None]] = [
            (["add-article", odd, *meta], None),
            (["new", odd, *draft], None),
        ]
    else:
        text = article.read_text(encoding="utf-8", errors="surrogateescape")
        pasted, change = mutate_text(text, rng)
        if rng.random() < 0.5:  # as pasted text, without front matter
            pasted = "date 2024-05-20\n" + pasted.split("---", 2)[-1]
        case.mutations.append(f"pasted article: {change}")
        data = pasted.encode("utf-8", errors="surrogateescape")
        (root / "pasted.txt").write_bytes(data)
        runs = [
            (["add-article", "-", "--title", "T", "--source", "S", "--published", "2024-05-20"], data),
            (["new", "pasted.txt", *draft], None),
        ]
    for args, stdin in runs:
        before = snapshot(root)
        code = invoke(case, root, args, stdin)
        if code not in (0, None):
            _unchanged(case, args[0], before, root)


def run_cases(
    seed: int, indices: range, workdir: Path, on_case: Callable[[Case], None] | None = None
) -> list[Case]:
    prepared = prepare(workdir)
    cases = []
    for index in indices:
        case = run_case(seed, index, workdir, prepared)
        cases.append(case)
        if on_case is not None:
            on_case(case)
    return cases


# --- the test ------------------------------------------------------------------------------


def test_fuzzed_inputs_never_crash_hang_or_change_outputs(tmp_path):
    cases = run_cases(FUZZ_SEED, range(FUZZ_CASES), tmp_path)
    failed = [f"{c.describe()}\n  " + "\n  ".join(c.failures) for c in cases if c.failures]
    assert failed == []
    codes = {code for c in cases for _, code in c.runs}
    assert codes <= {0, 1, 2} and {0, 1} <= codes  # some cases still build, some are refused
