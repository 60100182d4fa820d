"""The review web app (Starlette): pages for decks and sheets, the review and draft controls,
previews of the worksheet and the Anki cards, and live reload.

Safety: the app answers only to the Host names 127.0.0.1 and localhost (no DNS rebinding), every
form carries a secret made at start-up (no other site can post to it), every page is autoescaped
and sent with a Content-Security-Policy that allows no inline script, and paths in URLs only
look up decks, sheets and media by name, never open a path built from the URL.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from collections.abc import Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from quizgen.assemble import assemble_quiz
from quizgen.export.anki_notetypes import shipped_note_types
from quizgen.export.html_quiz import render_quiz_versions
from quizgen.load.deck import sheet_paths
from quizgen.serve import actions, views
from quizgen.serve.anki_cards import cards
from quizgen.serve.watch import Watcher, events
from quizgen.serve.workspace import DeckState, Workspace
from quizgen.serve.writes import Conflict
from quizgen.templating import html_environment

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
    "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
# A worksheet is quizgen's own self-contained HTML: its inline style, nothing else.
WORKSHEET_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
STATIC = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"}
DONE = {
    "kept": "Kept",
    "dropped": "Dropped",
    "edited": "Saved your edit of",
    "cleared": "Undid the review of",
    "restored": "Back to quizgen's text for",
    "nothing": "Nothing to save for",
}
DRAFT_DONE = {"confirmed": "Confirmed the draft fact", "deleted": "Deleted the draft fact"}


@functools.cache
def environment() -> jinja2.Environment:
    return html_environment(jinja2.PackageLoader("quizgen", "templates/serve"), {})


def _static(name: str) -> str:
    return resources.files("quizgen").joinpath(f"templates/serve/static/{name}").read_text("utf-8")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class ReviewApp:
    """The handlers, around one workspace of decks."""

    def __init__(self, deck_dirs: list[Path], announce: Callable[[str], None] | None = None):
        self.workspace = Workspace(deck_dirs)
        self.secret = secrets.token_urlsafe(24)
        self.announce = announce or (lambda message: None)
        self.watcher: Watcher | None = None

    # --- rendering ----------------------------------------------------------------------------

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = (
            environment()
            .get_template(template)
            .render(csrf=self.secret, version=context.pop("version", ""), **context)
        )
        headers = {**HEADERS, "Content-Security-Policy": PAGE_POLICY}
        return HTMLResponse(html, status_code=status, headers=headers)

    def not_found(self, what: str) -> HTMLResponse:
        return self.page("message.html.j2", 404, title="Not found", message=what, decks=self._decks())

    def _decks(self) -> list[dict[str, str]]:
        return [{"key": key, "dir": _shown(path)} for key, path in self.workspace.decks.items()]

    def _state(self, key: str) -> tuple[str, DeckState]:
        version = self.workspace.fingerprint()
        return version, self.workspace.state(key)

    # --- pages --------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        if len(self.workspace.decks) == 1:
            return RedirectResponse(f"/deck/{next(iter(self.workspace.decks))}", 303)
        return await run_in_threadpool(self._index)

    def _index(self) -> Response:
        version = self.workspace.fingerprint()
        decks = []
        for key in self.workspace.decks:
            state = self.workspace.state(key)
            decks.append(self._deck_summary(state))
        return self.page("index.html.j2", version=version, decks=decks)

    def _deck_summary(self, state: DeckState) -> dict[str, Any]:
        deck = state.deck
        return {
            "key": state.key,
            "name": deck.settings.name if deck else state.key,
            "dir": _shown(state.deck_dir),
            "progress": views.progress(state),
            "errors": len(state.result.errors),
            "warnings": len(state.result.problems) - len(state.result.errors),
        }

    async def deck(self, request: Request) -> Response:
        key = request.path_params["key"]
        if key not in self.workspace.decks:
            return self.not_found(f"No deck '{key}' here.")
        notice = self._notice(request.query_params.get("done", ""), request.query_params.get("q", ""))
        return await run_in_threadpool(self._deck_page, key, notice)

    def _deck_page(
        self, key: str, notice: str = "", conflict: dict | None = None, status: int = 200
    ) -> Response:
        version, state = self._state(key)
        deck = state.deck
        sheets = []
        for path in sheet_paths(state.deck_dir):
            sheet = state.sheet(path.name)
            ids = {f.id for f in sheet.facts} if sheet else set()
            questions = [q for q in state.originals.values() if ids.intersection(q.fact_ids)]
            problems = [p for p in state.result.problems if p.location.path.resolve() == path.resolve()]
            sheets.append(
                {
                    "name": path.name,
                    "read": sheet is not None,
                    "title": sheet.article.title if sheet and sheet.article else "",
                    "facts": len(sheet.facts) if sheet else 0,
                    "drafts": sum(f.draft for f in sheet.facts) if sheet else 0,
                    "questions": len(questions),
                    "errors": sum(p.severity == "error" for p in problems),
                    "warnings": sum(p.severity == "warning" for p in problems),
                }
            )
        gone = [
            {"id": qid, "why": state.reviewed.stale.get(qid, "") if state.reviewed else ""}
            for qid in state.review.entries
            if qid not in state.originals
        ]
        return self.page(
            "deck.html.j2",
            status,
            version=version,
            key=key,
            summary=self._deck_summary(state),
            description=deck.settings.description if deck else "",
            review_file=_shown(state.review_path),
            review_exists=state.review.exists,
            review_token=state.tokens.get(state.review_path, ""),
            sheets=sheets,
            problems=[views.problem_data(p) for p in state.result.problems],
            gone=gone,
            notice=notice,
            conflict=conflict,
            can_preview=state.result.generated is not None and not state.result.errors,
        )

    async def sheet(self, request: Request) -> Response:
        key, name = request.path_params["key"], request.path_params["name"]
        if key not in self.workspace.decks:
            return self.not_found(f"No deck '{key}' here.")
        notice = self._notice(request.query_params.get("done", ""), request.query_params.get("q", ""))
        return await run_in_threadpool(self._sheet_page, key, name, notice)

    def _notice(self, done: str, subject: str) -> str:
        if done in DONE:
            return f"{DONE[done]} {subject}." if subject else ""
        if done in DRAFT_DONE:
            return f"{DRAFT_DONE[done]} {subject}." if subject else ""
        return ""

    def _sheet_page(
        self,
        key: str,
        name: str,
        notice: str = "",
        conflict: dict | None = None,
        form: dict | None = None,
        status: int = 200,
    ) -> Response:
        version, state = self._state(key)
        sheet = state.sheet(name)
        if sheet is None:
            return self.not_found(
                f"No fact sheet '{name}' that can be read in deck '{key}': see its problems."
            )
        data = views.sheet_page(state, sheet)
        if form is not None:
            _refill(data, form)
        return self.page(
            "sheet.html.j2",
            status,
            version=version,
            key=key,
            deck_name=state.deck.settings.name if state.deck else key,
            page=data,
            sheet_file=_shown(sheet.path),
            sheet_token=state.tokens.get(sheet.path, ""),
            review_token=state.tokens.get(state.review_path, ""),
            review_file=_shown(state.review_path),
            notice=notice,
            conflict=conflict,
        )

    # --- controls -----------------------------------------------------------------------------

    async def _form(self, request: Request) -> dict[str, Any] | None:
        form = await request.form()
        if not hmac.compare_digest(str(form.get("csrf", "")), self.secret):
            return None
        data: dict[str, Any] = {k: str(v) for k, v in form.items() if k != "option"}
        data["options"] = tuple(str(v) for v in form.getlist("option"))
        return data

    def _refused_form(self) -> Response:
        message = (
            "This form comes from another run of quizgen serve (or another site), so nothing was "
            "written. Reload the page and do it again."
        )
        return self.page("message.html.j2", 403, title="Not saved", message=message, decks=self._decks())

    async def review(self, request: Request) -> Response:
        key = request.path_params["key"]
        if key not in self.workspace.decks:
            return self.not_found(f"No deck '{key}' here.")
        form = await self._form(request)
        if form is None:
            return self._refused_form()
        return await run_in_threadpool(self._review, key, form)

    def _review(self, key: str, form: dict[str, Any]) -> Response:
        state = self.workspace.state(key)
        qid = form.get("question", "")
        action = form.get("action", "")
        back = form.get("back", "")
        values: dict[str, Any] = {}
        for name in ("prompt", "answer"):
            if name in form:
                values[name] = form[name]
        if form["options"]:
            values["options"] = form["options"]
        request = actions.ReviewRequest(qid, action, form.get("token", ""), form.get("qtoken", ""), values)
        anchor = views.anchor(qid)
        try:
            if action not in actions.REVIEW_ACTIONS:
                raise actions.Refused(f"no such action '{action}'")
            done = actions.review_action(state, request)
        except Conflict as exc:
            conflict = _conflict(_shown(exc.path), _asked(action, qid))
            form_back = {"question": qid, "values": values, "error": None} if action == "edit" else None
            return self._back(key, back, conflict=conflict, form=form_back, status=409)
        except actions.Refused as exc:
            form_back = {"question": qid, "values": values, "error": str(exc)}
            return self._back(key, back, form=form_back, status=422)
        self.announce(f"wrote {_shown(state.review_path)} ({done}: {qid})")
        target = f"/deck/{key}/sheet/{back}" if state.sheet(back) is not None else f"/deck/{key}"
        return RedirectResponse(f"{target}?done={done}&q={_quote(qid)}#{anchor}", 303)

    def _back(self, key: str, back: str, status: int, conflict: dict | None = None, form: dict | None = None):
        state = self.workspace.state(key)
        if back and state.sheet(back) is not None:
            return self._sheet_page(key, back, conflict=conflict, form=form, status=status)
        if form is not None and form.get("error"):
            conflict = _conflict("", form["error"], refused=True)
        return self._deck_page(key, conflict=conflict, status=status)

    async def draft(self, request: Request) -> Response:
        key = request.path_params["key"]
        if key not in self.workspace.decks:
            return self.not_found(f"No deck '{key}' here.")
        form = await self._form(request)
        if form is None:
            return self._refused_form()
        return await run_in_threadpool(self._draft, key, form)

    def _draft(self, key: str, form: dict[str, Any]) -> Response:
        state = self.workspace.state(key)
        sheet, fact, action = form.get("sheet", ""), form.get("fact", ""), form.get("action", "")
        try:
            if action not in actions.DRAFT_ACTIONS:
                raise actions.Refused(f"no such action '{action}'")
            done = actions.draft_action(state, sheet, fact, action, form.get("token", ""))
        except Conflict as exc:
            asked = f"{'Confirm' if action == 'confirm' else 'Delete'} the draft fact {fact}"
            conflict = _conflict(_shown(exc.path), asked)
            return self._sheet_page(key, sheet, conflict=conflict, status=409)
        except actions.Refused as exc:
            conflict = _conflict("", str(exc), refused=True)
            return self._sheet_page(key, sheet, conflict=conflict, status=422)
        path = state.sheet(sheet).path  # type: ignore[union-attr]
        self.announce(f"wrote {_shown(path)} ({done} {fact})")
        fragment = f"#fact-{fact}" if action == "confirm" else ""
        return RedirectResponse(f"/deck/{key}/sheet/{sheet}?done={done}&q={_quote(fact)}{fragment}", 303)

    # --- previews -----------------------------------------------------------------------------

    async def worksheet(self, request: Request) -> Response:
        key = request.path_params["key"]
        if key not in self.workspace.decks:
            return self.not_found(f"No deck '{key}' here.")
        return await run_in_threadpool(self._worksheet_page, key, request.query_params.get("v", "A"))

    def _worksheets(self, state: DeckState) -> dict[str, str]:
        deck, generated = state.deck, state.result.generated
        if deck is None or generated is None or state.result.errors:
            return {}
        quiz = assemble_quiz(generated.questions, deck.settings.quiz)
        files = render_quiz_versions(deck, quiz, deck.settings.quiz.paper)
        return {name.rsplit("-", 1)[-1].removesuffix(".html"): text for name, text in files.items()}

    def _worksheet_page(self, key: str, letter: str) -> Response:
        version, state = self._state(key)
        letters = list(self._worksheets(state))
        return self.page(
            "worksheet.html.j2",
            version=version,
            key=key,
            deck_name=state.deck.settings.name if state.deck else key,
            letters=letters,
            letter=letter if letter in letters else (letters[0] if letters else ""),
            errors=[views.problem_data(p) for p in state.result.errors],
        )

    async def worksheet_file(self, request: Request) -> Response:
        key, letter = request.path_params["key"], request.path_params["letter"]
        if key not in self.workspace.decks:
            return self.not_found(f"No deck '{key}' here.")
        files = await run_in_threadpool(lambda: self._worksheets(self.workspace.state(key)))
        if letter not in files:
            return self.not_found(f"No worksheet version '{letter}'.")
        headers = {**HEADERS, "Content-Security-Policy": WORKSHEET_POLICY}
        return HTMLResponse(files[letter], headers=headers)

    async def anki(self, request: Request) -> Response:
        key = request.path_params["key"]
        if key not in self.workspace.decks:
            return self.not_found(f"No deck '{key}' here.")
        return await run_in_threadpool(self._anki_page, key)

    def _anki_page(self, key: str) -> Response:
        version, state = self._state(key)
        plan = state.result.plan
        notes, retired = [], []
        if plan is not None and not state.result.errors:
            order = {qid: i for i, qid in enumerate(q.id for q in state.questions)}
            last = len(order)
            records = sorted(
                plan.records.values(), key=lambda r: (order.get(r.question_id, last), r.question_id)
            )
            for record in records:
                if record.status != "active":
                    retired.append(record.question_id)
                    continue
                note_type = plan.types[record.note["model"]]
                notes.append(
                    {
                        "id": record.question_id,
                        "model": record.note["model"],
                        "changed": record.question_id in plan.changed,
                        "cards": [
                            {"front": c.front, "back": c.back}
                            for c in cards(note_type, record.note["fields"])
                        ],
                        "tags": record.note.get("tags", []),
                    }
                )
        return self.page(
            "anki.html.j2",
            version=version,
            key=key,
            deck_name=state.deck.settings.name if state.deck else key,
            notes=notes,
            retired=retired,
            errors=[views.problem_data(p) for p in state.result.errors],
            has_state=(state.deck_dir / "anki-state.tsv").is_file(),
        )

    async def media(self, request: Request) -> Response:
        key, name = request.path_params["key"], request.path_params["name"]
        if key not in self.workspace.decks:
            return self.not_found(f"No deck '{key}' here.")
        state = await run_in_threadpool(self.workspace.state, key)
        plan = state.result.plan
        files = dict(plan.media) if plan is not None else {}
        if name not in files:
            return self.not_found(f"No image '{name}' in this deck.")
        return FileResponse(files[name], headers=HEADERS)

    # --- static files and live reload ---------------------------------------------------------

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name == "anki-cards.css":
            css = next(iter(shipped_note_types().values())).css
            return Response(css, media_type="text/css; charset=utf-8", headers=HEADERS)
        if name not in STATIC:
            return self.not_found(f"No file '{name}'.")
        return Response(_static(name), media_type=STATIC[name], headers=HEADERS)

    async def events(self, request: Request) -> Response:
        if self.watcher is None:
            return Response(status_code=503)
        stream = events(self.watcher, request.query_params.get("v", ""), self.workspace.fingerprint)
        headers = {**HEADERS, "X-Accel-Buffering": "no"}
        return StreamingResponse(stream, media_type="text/event-stream", headers=headers)

    @asynccontextmanager
    async def lifespan(self, app: Starlette):
        self.watcher = Watcher(self.workspace.watch_paths())
        self.watcher.start()
        try:
            yield
        finally:
            await self.watcher.stop()


def _quote(text: str) -> str:
    return quote(text, safe="")


def _conflict(file: str, asked: str, refused: bool = False) -> dict[str, Any]:
    """What the page says when nothing was written: a file changed on disk (``file``), or the
    action was refused (``asked`` is then why)."""
    return {"file": file, "asked": asked, "refused": refused}


def _asked(action: str, question_id: str) -> str:
    verb = {"keep": "Keep", "drop": "Drop", "edit": "Save an edit of", "clear": "Undo the review of"}
    return f"{verb.get(action, action)} {question_id}"


def _refill(data: dict[str, Any], form: dict[str, Any]) -> None:
    """Put a refused or conflicting edit back into its form, with the message."""
    for question in [*data["combined"], *(q for f in data["facts"] for q in f["questions"])]:
        if question["id"] != form["question"]:
            continue
        question["error"] = form.get("error")
        question["open"] = True
        for field in question["fields"]:
            if field["name"] in form["values"]:
                field["value"] = form["values"][field["name"]]


def create_app(deck_dirs: list[Path], announce: Callable[[str], None] | None = None) -> Starlette:
    """The app reviewing ``deck_dirs``; ``announce`` hears of every file written."""
    review_app = ReviewApp(deck_dirs, announce)
    routes = [
        Route("/", review_app.index),
        Route("/deck/{key}", review_app.deck),
        Route("/deck/{key}/sheet/{name}", review_app.sheet),
        Route("/deck/{key}/review", review_app.review, methods=["POST"]),
        Route("/deck/{key}/draft", review_app.draft, methods=["POST"]),
        Route("/deck/{key}/worksheet", review_app.worksheet),
        Route("/deck/{key}/worksheet/{letter}", review_app.worksheet_file),
        Route("/deck/{key}/anki/", review_app.anki),
        Route("/deck/{key}/anki/{name}", review_app.media),
        Route("/static/{name}", review_app.static),
        Route("/events", review_app.events),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS)]
    app = Starlette(routes=routes, middleware=middleware, lifespan=review_app.lifespan)
    app.state.review = review_app
    return app
