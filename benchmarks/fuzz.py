"""The long fuzz run, for local use: thousands of seeded cases of ``tests/test_fuzz.py`` in worker
processes, with the figures issue 16 asks for.

Run ``python benchmarks/fuzz.py --cases 10000`` (``--workers`` defaults to the cores). Every case
mutates a seed project and runs check, build and, in a share of the cases (``--authoring``; 1 for
all), add-article and new in-process (see ``tests/test_fuzz.py``). Each worker has an address-space
limit (``--memory``); a case that runs past ``--timeout`` seconds is killed from outside (the worker
is replaced), so that a hang in C code is caught too. Reported: cases, runs per command and exit
code, tracebacks, hangs, memory blow-ups, changed outputs of failed commands, bad messages, the peak
memory of a worker and the time per case. Failing cases are written to ``--report`` (default
``build/fuzz-failures.txt``) with their seed and index: ``python benchmarks/fuzz.py --seed S --only
I`` runs one again.

Target: 0 tracebacks, 0 hangs, 0 memory blow-ups, 0 changed outputs.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import test_fuzz  # noqa: E402

KINDS = ("traceback", "hang", "memory", "exit code", "changed files", "message", "harness")


def _worker(conn: Connection, seed: int, memory: int, soft_timeout: float, authoring: float) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    test_fuzz.CASE_SECONDS = soft_timeout
    test_fuzz.AUTHORING_RATE = authoring
    test_fuzz.MEMORY_LIMIT = None  # the worker's own limit above holds
    with tempfile.TemporaryDirectory(prefix="quizgen-fuzz-") as tmp:
        prepared = test_fuzz.prepare(Path(tmp))
        while True:
            index = conn.recv()
            if index is None:
                return
            try:
                case = test_fuzz.run_case(seed, index, Path(tmp), prepared)
            except MemoryError:
                case = test_fuzz.Case(seed, index)
                case.fail("memory", "MemoryError outside a command")
            except Exception as exc:  # the fuzzer's own fault: say so, and go on
                case = test_fuzz.Case(seed, index)
                case.fail("harness", f"{type(exc).__name__}: {exc}")
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            conn.send((case, peak_kb))


class Worker:
    def __init__(self, seed: int, memory: int, soft_timeout: float, authoring: float) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(
            target=_worker, args=(child, seed, memory, soft_timeout, authoring), daemon=True
        )
        self.process.start()
        self.index: int | None = None
        self.started = 0.0

    def give(self, index: int) -> None:
        self.index, self.started = index, time.monotonic()
        self.conn.send(index)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def run(args: argparse.Namespace) -> int:
    indices = [args.only] if args.only is not None else list(range(args.start, args.start + args.cases))
    todo = collections.deque(indices)
    spawn = lambda: Worker(args.seed, args.memory * 1024**2, args.timeout / 2, args.authoring)  # noqa: E731
    workers = [spawn() for _ in range(min(args.workers, len(indices)))]
    cases: list[test_fuzz.Case] = []
    peak_kb = 0
    began = time.monotonic()
    for worker in workers:
        worker.give(todo.popleft())
    shown = 0
    while any(w.index is not None for w in workers):
        for position, worker in enumerate(workers):
            if worker.index is None:
                continue
            if worker.conn.poll(0.05):
                try:
                    case, worker_peak = worker.conn.recv()
                except EOFError:  # the worker died: killed by the system, or crashed in C
                    case, worker_peak = test_fuzz.Case(args.seed, worker.index), 0
                    case.fail("memory", f"the worker died (exit code {worker.process.exitcode})")
                    worker.stop()
                    worker = workers[position] = spawn()
                peak_kb = max(peak_kb, worker_peak)
                cases.append(case)
                worker.index = None
            elif time.monotonic() - worker.started > args.timeout:
                case = test_fuzz.Case(args.seed, worker.index)
                case.fail("hang", f"killed after {args.timeout} s")
                cases.append(case)
                worker.stop()
                worker = workers[position] = spawn()
            if worker.index is None and todo:
                worker.give(todo.popleft())
        if args.progress and len(cases) >= shown + 500:
            shown = len(cases) - len(cases) % 500
            print(f"… {len(cases)} cases, {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
    for worker in workers:
        if worker.process.is_alive():
            worker.conn.send(None)
        worker.process.join(5)
        worker.stop()
    return report(args, cases, peak_kb, time.monotonic() - began)


def report(args: argparse.Namespace, cases: list[test_fuzz.Case], peak_kb: int, seconds: float) -> int:
    runs = collections.Counter((command, code) for c in cases for command, code in c.runs)
    kinds = collections.Counter(failure.split(":", 1)[0] for c in cases for failure in c.failures)
    failed = [c for c in cases if c.failures]
    print(f"fuzz: seed {args.seed}, {len(cases)} cases, {sum(runs.values())} runs, {args.workers} worker(s)")
    print(f"  share of cases that run add-article and new: {args.authoring:g}")
    print(f"  time: {seconds:.0f} s, {seconds / max(1, len(cases)) * args.workers:.2f} s per case per worker")
    print(f"  peak memory of a worker: {peak_kb / 1024:.0f} MB (limit {args.memory} MB)")
    print(
        "  runs by command and exit code: " + ", ".join(f"{c} {e}: {n}" for (c, e), n in sorted(runs.items()))
    )
    for kind in KINDS:
        print(f"  {kind}: {kinds.get(kind, 0)}")
    print(f"  cases with a failure: {len(failed)}")
    if failed:
        path = Path(args.report)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "".join(f"{c.describe()}\n  " + "\n  ".join(c.failures) + "\n\n" for c in failed),
            encoding="utf-8",
        )
        print(f"  failing cases written to {path}")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="first case index")
    parser.add_argument("--only", type=int, help="run this one case index")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a case counts as a hang")
    parser.add_argument("--memory", type=int, default=3072, help="address space of a worker, MB")
    parser.add_argument("--report", default=str(REPO / "build" / "fuzz-failures.txt"))
    parser.add_argument(
        "--authoring",
        type=float,
        default=test_fuzz.AUTHORING_RATE,
        help="share of cases that also run add-article and new (1 for every case)",
    )
    parser.add_argument("--progress", action="store_true", help="say how far it is every 500 cases")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
