"""``quizgen build``: decks into their outputs, all or none per deck, in parallel, from the cache
when nothing changed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quizgen.commands.common import (
    DECKS,
    NORMAL,
    PATHS,
    VERBOSE,
    bar_shown,
    default_decks,
    echo_problems,
    jobs_option,
    output_options,
    plural,
    progress,
    project_or_exit,
    reused_sheets,
    say,
    unknown_paths_hint,
    wrote,
)
from quizgen.project import deck_name

if TYPE_CHECKING:
    from quizgen.parallel import DeckBuilt


@click.command(short_help="Build decks into Anki packages and printable quizzes.")
@click.argument("decks", nargs=-1, type=DECKS)
@click.option(
    "--out",
    "out_dir",
    type=PATHS,
    help="Folder to write the .apkg and .html files into.  [default: build/ at the project's root]",
)
@jobs_option("build")
@click.option("--no-cache", is_flag=True, help="Build every deck in full, reusing nothing of the last build.")
@output_options
def build(decks: tuple[Path, ...], out_dir: Path | None, jobs: int, no_cache: bool) -> None:
    """Build decks (default: every deck under decks/) into Anki packages and quizzes.

    A deck is named by its folder (decks/sahel) or its name (sahel). A deck with errors is reported
    and not written; what an earlier build wrote stays. A deck whose files did not change since its
    last build is not built again (the cache is in the output folder's .quizgen-cache/).
    """
    from quizgen.load import find_deck_dirs
    from quizgen.parallel import build_decks, usable_cores
    from quizgen.pipeline import BUILD_STEPS

    paths = default_decks(decks)
    if out_dir is None:
        out_dir = project_or_exit(paths[0]).build
    deck_dirs, extra = find_deck_dirs(paths)
    echo_problems(extra)
    if hint := unknown_paths_hint(paths):
        click.echo(hint, err=True)
    report = _Report(deck_dirs)
    single = len(deck_dirs) == 1  # then the bar shows the deck's stages
    total = len(BUILD_STEPS) if single else len(deck_dirs)
    with progress(total, f"Building {deck_dirs[0].name}" if single else "Building") as bar:
        report.buffered = bar_shown(bar)
        started: list[str] = []

        def step(name: str) -> None:
            bar.update(1 if started else 0, name)
            started.append(name)

        def done(one: DeckBuilt) -> None:
            name = "done" if single else deck_name(one.result.deck_dir)
            bar.update(total - len(started) if single else 1, name)
            report.finished(one)

        jobs = jobs or usable_cores()
        build_decks(
            deck_dirs, out_dir, jobs, use_cache=not no_cache, done=done, step=step if single else None
        )
    report.flush()
    if deck_dirs:
        report.summary()
    if extra or report.failed:
        sys.exit(1)


class _Report:
    """What each deck's build says, in the order the decks were named, as soon as it can be said
    (after the progress bar, when one is shown)."""

    def __init__(self, deck_dirs: list[Path]) -> None:
        self.order = deck_dirs
        self.builds: dict[Path, DeckBuilt] = {}
        self.said = 0
        self.buffered = False
        self.failed = self.written = self.unchanged = self.reused = 0

    def finished(self, one: DeckBuilt) -> None:
        self.builds[one.result.deck_dir] = one
        if not self.buffered:
            self.flush()

    def flush(self) -> None:
        while self.said < len(self.order) and self.order[self.said] in self.builds:
            self._say(self.builds[self.order[self.said]])
            self.said += 1

    def _say(self, one: DeckBuilt) -> None:
        result, name = one.result, deck_name(one.result.deck_dir)
        if one.crash:
            click.echo(
                click.style(f"{name}: not built: {one.crash}; please report this as a quizgen bug", fg="red"),
                err=True,
            )
            self.failed += 1
            return
        echo_problems(result.problems)
        for note in result.notes:
            say(f"{name}: {note}")
        if result.errors or not result.written:
            click.echo(click.style(f"{name}: not built ({len(result.errors)} error(s))", fg="red"), err=True)
            self.failed += 1
            return
        unchanged = set(result.unchanged)
        for path in result.written:
            if path in unchanged:
                say(f"{click.style('unchanged', dim=True)} {path}", err=False, level=VERBOSE)
            else:
                wrote(path)
        self.written += len(result.written) - len(unchanged)
        self.unchanged += len(unchanged)
        self.reused += result.cached
        how = "unchanged since its last build (cache)" if result.cached else f"built in {one.seconds:.2f} s"
        if reused := reused_sheets(result):
            how += f" ({reused})"
        say(f"{name}: {how}", level=VERBOSE)

    def summary(self) -> None:
        built = len(self.order) - self.failed
        parts = [f"{plural(self.written, 'file')} written", f"{self.unchanged} unchanged"]
        if self.failed:
            parts.append(click.style(f"{plural(self.failed, 'deck')} not built", fg="red"))
        reused = f" ({self.reused} from the cache)" if self.reused else ""
        say(f"built {plural(built, 'deck')}{reused}: {', '.join(parts)}", level=NORMAL)
