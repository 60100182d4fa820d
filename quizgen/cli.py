"""The ``quizgen`` command line."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from quizgen import __version__
from quizgen.load import find_deck_dirs
from quizgen.model import PAPER_SIZES, QUIZ_FORMS, Problem
from quizgen.pipeline import DeckResult, build_deck, check_paths
from quizgen.text.compare import suggest

PATHS = click.Path(path_type=Path)


def _echo_problems(problems: list[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: (str(p.location.path), p.location.line, p.location.column)):
        click.echo(str(problem), err=True)


def _summary(results: list[DeckResult], extra: list[Problem]) -> tuple[int, int]:
    errors = len(extra) + sum(len(r.errors) for r in results)
    warnings = sum(len(r.problems) - len(r.errors) for r in results)
    return errors, warnings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Turn news articles and their fact sheets into Anki decks and printable quizzes."""


@main.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(paths: tuple[Path, ...], strict: bool) -> None:
    """Check fact sheets and decks (default: every deck under decks/).

    Prints every problem as path:line:column: message and exits 1 if there is any error.
    """
    results, extra = check_paths(list(paths) or [Path("decks")])
    problems = extra + [p for r in results for p in r.problems]
    _echo_problems(problems)
    errors, warnings = _summary(results, extra)
    facts = sum(len(r.deck.facts) for r in results if r.deck)
    click.echo(
        f"checked {len(results)} deck(s), {facts} fact(s): {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    if errors or (strict and warnings):
        sys.exit(1)


@main.command()
@click.argument("decks", nargs=-1, type=PATHS)
@click.option(
    "--out",
    "out_dir",
    type=PATHS,
    default=Path("build"),
    show_default=True,
    help="Folder to write the .apkg and .html files into.",
)
def build(decks: tuple[Path, ...], out_dir: Path) -> None:
    """Build decks (default: every deck under decks/) into Anki packages and quizzes.

    A deck with errors is reported and not written; what an earlier build wrote stays.
    """
    deck_dirs, extra = find_deck_dirs(list(decks) or [Path("decks")])
    _echo_problems(extra)
    failed = bool(extra)
    for deck_dir in deck_dirs:
        try:
            result = build_deck(deck_dir, out_dir)
        except Exception as exc:  # a bug: say so, and still build the other decks
            where = traceback.extract_tb(exc.__traceback__)[-1]
            click.echo(
                f"{deck_dir.name}: not built: unexpected error ({type(exc).__name__}: {exc}, at "
                f"{Path(where.filename).name}:{where.lineno}); please report this as a quizgen bug",
                err=True,
            )
            failed = True
            continue
        _echo_problems(result.problems)
        for note in result.notes:
            click.echo(f"{deck_dir.name}: {note}", err=True)
        if result.errors or not result.written:
            click.echo(f"{deck_dir.name}: not built ({len(result.errors)} error(s))", err=True)
            failed = True
            continue
        for path in result.written:
            click.echo(f"wrote {path}")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option("--form", "forms", multiple=True, help="Only this form or kind (repeatable), e.g. why, choice.")
@click.option("--json", "as_json", is_flag=True, help="Print the question model as JSON.")
def preview(paths: tuple[Path, ...], forms: tuple[str, ...], as_json: bool) -> None:
    """Show the questions generated from sheets or decks, with answers and skipped forms."""
    from quizgen.export.preview import to_json, to_text

    results, extra = check_paths(list(paths) or [Path("decks")])
    _echo_problems(extra + [p for r in results for p in r.problems])
    if extra or any(r.errors for r in results):
        sys.exit(1)
    sheets = [p.resolve() for p in paths if p.is_file() and p.name != "deck.yaml"]
    known_sheets = {s.path.resolve() for r in results if r.deck for s in r.deck.sheets}
    for sheet in sheets:
        if sheet not in known_sheets:
            raise click.BadParameter(f"{sheet.name} is not a fact sheet of its deck", param_hint="PATH")
    known_forms = {f for r in results if r.generated for q in r.generated.questions for f in (q.form, q.kind)}
    known_forms |= {s.form for r in results if r.generated for s in r.generated.skipped}
    for form in forms:
        if form not in known_forms:
            choices = ", ".join(sorted(known_forms))
            hint = suggest(form, known_forms)
            raise click.BadParameter(f"no form or kind '{form}'{hint}; known: {choices}", param_hint="--form")
    questions, skipped = [], []
    for result in results:
        assert result.deck is not None and result.generated is not None
        wanted = {
            f.id for s in result.deck.sheets if not sheets or s.path.resolve() in sheets for f in s.facts
        }
        for q in result.generated.questions:
            if wanted.intersection(q.fact_ids) and (not forms or q.form in forms or q.kind in forms):
                questions.append(q)
        for s in result.generated.skipped:
            if s.fact_id in wanted and (not forms or s.form in forms or s.kind in forms):
                skipped.append({"id": f"{s.deck}/{s.fact_id}/{s.form}", "reason": s.reason})
    if as_json:
        click.echo(to_json(questions, skipped), nl=False)
        return
    for question in questions:
        click.echo(to_text(question) + "\n")
    for skip in skipped:
        click.echo(f"{skip['id']}  [skipped] {skip['reason']}")
    click.echo(f"{len(questions)} question(s), {len(skipped)} form(s) skipped", err=True)


# --- quiz: printable worksheets (issue 5) ---------------------------------------------------


def _forms_option(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from quizgen.printing import parse_forms

    try:
        return parse_forms(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


@main.command()
@click.argument("deck", type=PATHS)
@click.option("--versions", type=click.IntRange(1, 26), help="How many versions (A, B, …) to print.")
@click.option("--seed", help="Seed of the shuffles: the same seed prints the same versions.")
@click.option("--paper", type=click.Choice(PAPER_SIZES, case_sensitive=False), help="Paper size.")
@click.option("--count", type=click.IntRange(min=1), help="How many questions, spread over forms and facts.")
@click.option(
    "--forms",
    multiple=True,
    callback=_forms_option,
    help=f"Sections to include, comma-separated or repeated: {', '.join(QUIZ_FORMS)}.",
)
@click.option("--out", "out_dir", type=PATHS, default=Path("build"), show_default=True, help="Output folder.")
@click.option("--pdf", "with_pdf", is_flag=True, help="Also print each file to PDF (needs chromium).")
def quiz(
    deck: Path,
    versions: int | None,
    seed: str | None,
    paper: str | None,
    count: int | None,
    forms: tuple[str, ...],
    out_dir: Path,
    with_pdf: bool,
) -> None:
    """Print a deck's quiz: one worksheet per version, each with its answer key on a page of its
    own, and a study sheet. Options left out come from the `quiz:` settings in deck.yaml."""
    from quizgen.export.pdf import PdfError
    from quizgen.printing import quiz_deck

    deck_dirs, extra = find_deck_dirs([deck])
    _echo_problems(extra)
    if extra:
        sys.exit(1)
    if len(deck_dirs) != 1:
        raise click.BadParameter(f"{deck} holds {len(deck_dirs)} decks: name one", param_hint="DECK")
    settings = {"versions": versions, "seed": seed, "paper": paper and paper.lower(), "count": count}
    try:
        result = quiz_deck(deck_dirs[0], out_dir, with_pdf, forms=forms, **settings)
    except PdfError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    _echo_problems(result.problems)
    for note in result.notes:
        click.echo(f"{deck_dirs[0].name}: {note}", err=True)
    if result.errors or not result.written:
        click.echo(f"{deck_dirs[0].name}: not printed ({len(result.errors)} error(s))", err=True)
        sys.exit(1)
    for path in result.written:
        click.echo(f"wrote {path}")


# --- authoring: add-article, new, init (issue 6) -------------------------------------------


def _shown(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@main.command("add-article")
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--title", help="The article's headline.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--source", help="Where the article comes from: outlet, author, link.")
@click.option("--slug", "name_slug", help="Words for the file name (default: the title's main words).")
@click.option("--force", is_flag=True, help="Replace an article file of the same name.")
def add_article_command(
    file: Path,
    title: str | None,
    published: str | None,
    source: str | None,
    name_slug: str | None,
    force: bool,
) -> None:
    """Store pasted text (FILE, or - for standard input) as source_articles/<published>-<slug>.md.

    The text may start with YAML front matter or a line 'date YYYY-MM-DD'. What is still missing
    (title, date, source) is asked for, or taken from the options.
    """
    from quizgen.authoring.articles import article_name, articles_dir, complete, read_pasted, write_article
    from quizgen.authoring.prompts import ask_missing, read_input
    from quizgen.model import InputError

    from_stdin = str(file) == "-"
    try:
        folder = articles_dir(Path.cwd())
        origin, text = read_input(file)
        pasted = complete(read_pasted(origin, text), title, published, source)
        if pasted.missing():
            if from_stdin:
                options = ", ".join(f"--{key}" for key in pasted.missing())
                raise click.UsageError(f"the article comes from standard input, so give {options}")
            pasted = ask_missing(pasted)
        path, written = write_article(pasted, folder, article_name(pasted, name_slug), force)
    except InputError as exc:
        _echo_problems(exc.problems)
        sys.exit(1)
    click.echo(f"wrote {_shown(path)}" if written else f"{_shown(path)} already holds this article")
    click.echo(f"next: quizgen new {_shown(path)} --deck DECK", err=True)


@main.command("new")
@click.argument("article", type=PATHS)
@click.option("--deck", help="Deck folder under decks/ (made if new; default: the only deck).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date, for text without front matter.")
@click.option("--title", help="Title, for text without front matter (default: its first words).")
@click.option("--source", help="Source, for text without front matter.")
@click.option("--out", type=PATHS, help="Where to write the draft (default: decks/DECK/<slug>.yaml).")
@click.option("--force", is_flag=True, help="Replace an existing sheet or article file.")
def new_command(
    article: Path,
    deck: str | None,
    published: str | None,
    title: str | None,
    source: str | None,
    out: Path | None,
    force: bool,
) -> None:
    """Draft a fact sheet from ARTICLE: candidate facts with their evidence, all `draft: true`.

    ARTICLE is an article in source_articles/, or text with a first line 'date YYYY-MM-DD', or
    plain text with --published; the last two are stored in source_articles/ first.
    """
    from quizgen.authoring.draft.new import NewOptions, new_sheet
    from quizgen.model import InputError

    options = NewOptions(deck, published, title, source, out, force)
    try:
        result = new_sheet(article, options, Path.cwd())
    except InputError as exc:
        _echo_problems(exc.problems)
        sys.exit(1)
    if result.article_written:
        click.echo(f"wrote {_shown(result.article)}")
    elif result.article_reused:
        click.echo(f"{_shown(result.article)} already holds this article: using it")
    counts = ", ".join(
        f"{result.draft.count(kind)} {kind}{'s' if result.draft.count(kind) != 1 else ''}"
        for kind in ("date", "number", "actor", "cause")
    )
    click.echo(f"wrote {_shown(result.sheet)}: {len(result.draft.facts)} draft facts ({counts})")
    for note in result.notes:
        click.echo(f"confirm {note}", err=True)
    click.echo(
        "next: review each fact, delete what is not worth asking, remove `draft: true` from the rest, "
        f"then run quizgen check {_shown(result.sheet.parent)}",
        err=True,
    )


@main.command("init")
@click.argument("directory", type=PATHS)
def init_command(directory: Path) -> None:
    """Start a project in DIRECTORY: decks/, source_articles/, an example deck that builds at once."""
    from quizgen.authoring.scaffold import init_project
    from quizgen.model import InputError

    try:
        written = init_project(directory)
    except InputError as exc:
        _echo_problems(exc.problems)
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {directory} && quizgen build", err=True)
