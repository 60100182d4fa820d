"""``quizgen preview``: the questions of sheets or decks, with answers and skipped forms."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import (
    DECKS,
    default_decks,
    echo_problems,
    output_options,
    say,
    unknown_paths_hint,
)


@click.command(short_help="Show the questions generated from sheets or decks.")
@click.argument("paths", nargs=-1, type=DECKS)
@click.option("--form", "forms", multiple=True, help="Only this form or kind (repeatable), e.g. why, choice.")
@click.option("--json", "as_json", is_flag=True, help="Print the question model as JSON.")
@output_options
def preview(paths: tuple[Path, ...], forms: tuple[str, ...], as_json: bool) -> None:
    """Show the questions generated from sheets or decks, with answers and skipped forms."""
    from quizgen.export.preview import to_json, to_text
    from quizgen.pipeline import check_paths
    from quizgen.text.compare import suggest

    given = default_decks(paths)
    results, extra = check_paths(given)
    echo_problems(extra + [p for r in results for p in r.problems])
    if hint := unknown_paths_hint(given):
        click.echo(hint, err=True)
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
    say(f"{len(questions)} question(s), {len(skipped)} form(s) skipped")
