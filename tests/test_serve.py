"""``quizgen serve`` without a browser: editing sheets byte for byte, evidence spans, the review
actions and their conflicts, the Anki preview against real Anki, and the server's safety."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen.model import Problem
from quizgen.review import load_review
from quizgen.serve import actions
from quizgen.serve.anki_cards import cards, plain
from quizgen.serve.app import create_app
from quizgen.serve.highlight import find_span, normalised_with_origins, paragraphs
from quizgen.serve.server import running
from quizgen.serve.sheet_edit import EditRefused, confirm_draft, delete_fact, item_ranges
from quizgen.serve.views import question_token
from quizgen.serve.workspace import Workspace
from quizgen.serve.writes import Conflict, file_token
from quizgen.text.compare import normalise
from tests.anki_support import Learner
from tests.conftest import SEED_DECK, SEED_SHEET

DECK = Path("decks") / SEED_DECK
SHEET = "sheet.yaml"
DRAFTED = """\
# yaml-language-server: $schema=../../.quizgen/fact-sheet.schema.json
# A draft written by `quizgen new`.
version: 1
article: "a.md"   # the article
facts:
  # --- dates -----------------------------------------------------------------------
  - id: date-1
    type: date
    draft: true
    event: "the putsch"  # review: a noun phrase
    evidence: "The putsch that occurred on July 26"

  - id: date-2
    type: date
    draft: true  # says the drafter
    event: |
      a block
      of text
    evidence: "x"
    # a note inside date-2

  # --- numbers ---------------------------------------------------------------------
  - draft: true
    id: number-1
    value: 3
"""


# --- editing a sheet -------------------------------------------------------------------------


def _without(text: str, *lines: str) -> str:
    out = text.splitlines(keepends=True)
    for line in lines:
        out.remove(line)
    return "".join(out)


def test_confirming_a_draft_removes_its_line_and_nothing_else():
    path = Path(SHEET)
    assert confirm_draft(DRAFTED, "date-1", path) == _without(DRAFTED, "    draft: true\n")
    assert confirm_draft(DRAFTED, "date-2", path) == _without(
        DRAFTED, "    draft: true  # says the drafter\n"
    )
    # `- draft: true` opens the item: saying false in place keeps the list item whole
    assert confirm_draft(DRAFTED, "number-1", path) == DRAFTED.replace("  - draft: true", "  - draft: false")
    crlf = DRAFTED.replace("\n", "\r\n")
    assert confirm_draft(crlf, "date-1", path) == _without(crlf, "    draft: true\r\n")


def test_deleting_a_draft_removes_its_lines_and_keeps_the_headings():
    path = Path(SHEET)
    assert delete_fact(DRAFTED, "date-1", path) == DRAFTED.replace(
        '  - id: date-1\n    type: date\n    draft: true\n    event: "the putsch"  # review: a noun phrase\n'
        '    evidence: "The putsch that occurred on July 26"\n\n',
        "",
    )
    gone = delete_fact(DRAFTED, "date-2", path)
    assert "a note inside date-2" not in gone and "block" not in gone
    assert "  # --- numbers ---" in gone and "  # --- dates ---" in gone
    assert gone.count("\n\n") == DRAFTED.count("\n\n") - 1
    numbers = next(line for line in DRAFTED.splitlines(keepends=True) if "--- numbers" in line)
    assert delete_fact(DRAFTED, "number-1", path).endswith(f"\n\n{numbers}"), "its heading stays"


@pytest.mark.parametrize(
    ("text", "fact", "message"),
    [
        ("facts: [{id: a, draft: true}]\n", "a", "flow list"),
        ("facts:\n  - id: a\n", "b", "no fact 'b'"),
        ("facts:\n  - id: a\n    type: [\n", "a", "cannot be read now"),
    ],
)
def test_an_edit_that_cannot_be_made_safely_is_refused(text, fact, message):
    with pytest.raises(EditRefused, match=re.escape(message)):
        delete_fact(text, fact, Path(SHEET))


def test_confirm_refuses_a_fact_that_is_not_a_draft():
    with pytest.raises(EditRefused, match="not a draft"):
        confirm_draft("facts:\n  - id: a\n    type: date\n", "a", Path(SHEET))


def test_item_ranges_cover_each_fact_with_its_id():
    assert item_ranges(DRAFTED, Path(SHEET)) == [(7, 11, "date-1"), (13, 19, "date-2"), (23, 25, "number-1")]


# --- evidence in the article -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["a - b", "x  \u2014  y ", " lead\n\ntrail ", "a\u00a0b \u201cq\u201d", "a - - b", "- a -"]
)
def test_the_article_is_normalised_as_check_normalises_it(text):
    assert normalised_with_origins(text)[0] == normalise(text)


def test_evidence_is_found_in_the_articles_own_words():
    body = "He said: \u201cWe  will\nleave\u201d \u2014 soon.\n\nNext paragraph."
    start, end = find_span(body, '"We will leave" - soon')
    assert body[start:end] == "\u201cWe  will\nleave\u201d \u2014 soon"
    assert find_span(body, "not there") is None
    pieces = paragraphs(body, {"f": (start, end)})
    assert len(pieces) == 2
    assert [(p.text, p.facts, p.starts) for p in pieces[0]] == [
        ("He said: ", (), ()),
        ("\u201cWe  will\nleave\u201d \u2014 soon", ("f",), ("f",)),
        (".", (), ()),
    ]


def test_every_evidence_that_check_finds_is_marked(project):
    state = Workspace([DECK]).state(SEED_DECK)
    sheet = state.sheet(SEED_SHEET)
    body = sheet.article.body
    for fact in sheet.facts:
        start, end = find_span(body, fact.evidence)
        assert normalise(body[start:end]) == normalise(fact.evidence), fact.id


# --- review actions --------------------------------------------------------------------------


def _request(state, qid: str, action: str, **values) -> actions.ReviewRequest:
    original = state.originals[qid]
    token = question_token(original, state.reviewed.hashes[qid])
    return actions.ReviewRequest(qid, action, file_token(state.review_path), token, values)


def test_review_actions_write_the_review_file(project):
    workspace = Workspace([DECK])
    qid = f"{SEED_DECK}/mohamed-bazoum/who"
    state = workspace.state(SEED_DECK)
    assert actions.review_action(state, _request(state, qid, "drop")) == "dropped"
    assert load_review(DECK, []).entries[qid].action == "drop"

    state = workspace.state(SEED_DECK)
    done = actions.review_action(state, _request(state, qid, "edit", prompt="Who  was   removed?\n"))
    assert done == "edited"
    change = load_review(DECK, []).entries[qid].changes["prompt"]
    assert change.now == "Who was removed?" and change.was == state.originals[qid].prompt

    state = workspace.state(SEED_DECK)
    assert actions.review_action(state, _request(state, qid, "clear")) == "cleared"
    assert load_review(DECK, []).entries == {}
    assert (DECK / "review.yaml").read_text(encoding="utf-8").startswith("# The teacher's review")


def test_an_entry_whose_question_is_gone_can_be_removed(project):
    (DECK / "review.yaml").write_text(
        f"questions:\n  {SEED_DECK}/gone/when: {{review: drop}}\n", encoding="utf-8"
    )
    state = Workspace([DECK]).state(SEED_DECK)
    request = actions.ReviewRequest(f"{SEED_DECK}/gone/when", "clear", file_token(state.review_path), "")
    assert actions.review_action(state, request) == "cleared"
    assert load_review(DECK, []).entries == {}


def test_a_review_file_changed_on_disk_is_a_conflict_and_stays(project):
    state = Workspace([DECK]).state(SEED_DECK)
    request = _request(state, f"{SEED_DECK}/mohamed-bazoum/who", "drop")
    (DECK / "review.yaml").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(Conflict):
        actions.review_action(state, request)
    assert (DECK / "review.yaml").read_text(encoding="utf-8") == "# mine\n"


def test_a_question_changed_since_the_page_is_a_conflict(project):
    workspace = Workspace([DECK])
    qid = f"{SEED_DECK}/mohamed-bazoum/who"
    request = _request(workspace.state(SEED_DECK), qid, "edit", prompt="Who?")
    sheet = DECK / SEED_SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("an ally of France, who", "a French ally, who")
    )
    with pytest.raises(Conflict):
        actions.review_action(workspace.state(SEED_DECK), request)
    assert not (DECK / "review.yaml").exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"prompt": "Was it Mohamed Bazoum?"}, "the prompt gives away its answer"),
        ({"prompt": "   "}, "write the prompt: it cannot be empty"),
        ({"answer": "Mohamed Bazoum"}, "nothing changed"),
    ],
)
def test_an_edit_that_would_teach_badly_is_refused(project, values, message):
    state = Workspace([DECK]).state(SEED_DECK)
    with pytest.raises(actions.Refused, match=message):
        actions.review_action(state, _request(state, f"{SEED_DECK}/mohamed-bazoum/who", "edit", **values))
    assert not (DECK / "review.yaml").exists()


def test_a_review_file_with_errors_is_never_rewritten(project):
    (DECK / "review.yaml").write_text("questions:\n  a/b/c:\n    review: dorp\n", encoding="utf-8")
    state = Workspace([DECK]).state(SEED_DECK)
    with pytest.raises(actions.Refused, match="has errors, so it is not rewritten"):
        actions.review_action(state, _request(state, f"{SEED_DECK}/mohamed-bazoum/who", "keep"))
    assert "dorp" in (DECK / "review.yaml").read_text(encoding="utf-8")


def test_a_draft_changed_on_disk_is_a_conflict(project):
    sheet = DECK / SEED_SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("  - id: gabon\n", "  - id: gabon\n    draft: true\n")
    )
    state = Workspace([DECK]).state(SEED_DECK)
    token = state.tokens[sheet]
    sheet.write_text(sheet.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    with pytest.raises(Conflict):
        actions.draft_action(state, SEED_SHEET, "gabon", "delete", token)
    assert "  - id: gabon\n" in sheet.read_text(encoding="utf-8")


def test_writes_are_atomic_and_refused_when_the_file_changed(tmp_path, monkeypatch):
    from quizgen.serve import writes

    target = tmp_path / "review.yaml"
    writes.write_if_unchanged(target, writes.ABSENT, b"one\n")
    assert target.read_bytes() == b"one\n"
    with pytest.raises(Conflict):
        writes.write_if_unchanged(target, writes.ABSENT, b"two\n")
    token = file_token(target)
    target.write_bytes(b"edited in an editor\n")
    with pytest.raises(Conflict):
        writes.write_if_unchanged(target, token, b"two\n")
    # the editor saves while our temporary file is being written: still nothing replaced
    token = file_token(target)
    answers = iter([token, "changed meanwhile"])
    monkeypatch.setattr(writes, "file_token", lambda path: next(answers))
    with pytest.raises(Conflict):
        writes.write_if_unchanged(target, token, b"two\n")
    assert target.read_bytes() == b"edited in an editor\n"
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"], "no temporary file left"


# --- the Anki preview is what Anki shows -----------------------------------------------------


def _text(card_html: str) -> str:
    card_html = re.sub(r"<style>.*?</style>", "", card_html, flags=re.S)
    return plain(card_html.replace("[[type:Answer]]", ""))


def test_the_anki_preview_matches_real_anki(project, run_cli, tmp_path):
    assert run_cli("build").exit_code == 0
    state = Workspace([DECK]).state(SEED_DECK)
    plan = state.result.plan
    assert plan is not None
    learner = Learner.create(tmp_path / "learner")
    try:
        learner.import_package(Path("build") / f"{SEED_DECK}.apkg")
        notes = learner.notes_by_guid()
        compared = 0
        for record in plan.records.values():
            note = notes[record.guid]
            preview = cards(plan.types[record.note["model"]], record.note["fields"])
            for card, shown in zip(note.cards(), preview, strict=True):
                assert _text(shown.front) == _text(card.question()), record.question_id
                if record.note["model"] != "typed":  # Anki compares the typed answer on the back
                    assert _text(shown.back) == _text(card.answer()), record.question_id
                compared += 1
        assert compared == len(notes) >= 20  # every note the seed ships, and there are many
    finally:
        learner.col.close()


# --- the server ------------------------------------------------------------------------------


def _get(url: str, path: str, host: str | None = None) -> tuple[int, str, dict]:
    address = url.split("//")[1].rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body, dict(response.getheaders())


def _post(url: str, path: str, body: str) -> tuple[int, str]:
    address = url.split("//")[1].rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    connection.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, text


def test_the_server_refuses_other_hosts_and_forms_without_its_secret(project):
    with running(create_app([DECK])) as url:
        assert url.startswith("http://127.0.0.1:")
        status, body, headers = _get(url, f"/deck/{SEED_DECK}")
        assert status == 200 and "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert _get(url, f"/deck/{SEED_DECK}", host="evil.example:80")[0] == 400, "no DNS rebinding"
        status, body = _post(
            url, f"/deck/{SEED_DECK}/review", f"question={SEED_DECK}/ali-mahaman-lamine-zeine/who&action=drop"
        )
        assert status == 403 and "nothing was written" in body
        assert not (DECK / "review.yaml").exists()
        assert _get(url, "/deck/nope")[0] == 404
        assert _get(url, "/deck/sahel/sheet/..%2F..%2Fpyproject.toml")[0] == 404
        assert _get(url, "/deck/sahel/anki/..%2Fdeck.yaml")[0] == 404


def _listening_on(port: int) -> list[str]:
    """The local addresses listening on ``port``, as the kernel lists them (Linux)."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("no /proc/net/tcp here")
    found = []
    for line in table.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_quizgen_serve_prints_its_address_and_stops_on_ctrl_c(project):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "quizgen", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = process.stdout.readline()
        match = re.fullmatch(
            r"quizgen serve: reviewing decks/sahel at (http://127\.0\.0\.1:\d+/) \(Ctrl\+C to stop\)\n", line
        )
        assert match, line
        status, body, _ = _get(match.group(1), "/", host="127.0.0.1")
        assert status == 303
        port = int(match.group(1).rsplit(":", 1)[1].rstrip("/"))
        assert _listening_on(port) == ["127.0.0.1"], "on the loopback address only"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert process.stderr.read().strip() == "quizgen serve: stopped"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_quizgen_serve_says_when_the_port_is_taken(project, run_cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port 0 picks a free one" in result.stderr
    )


def test_quizgen_serve_without_decks_says_so(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    result = run_cli("serve")
    assert result.exit_code == 1
    assert "not inside a quizgen project" in result.stderr
    assert "quizgen init" in result.stderr
    assert "Traceback" not in result.stderr


def test_problems_are_kept_beside_their_fact(project):
    sheet = DECK / SEED_SHEET
    text = sheet.read_text(encoding="utf-8").replace("kind: person", "kind: persn", 1)
    sheet.write_text(text, encoding="utf-8")
    from quizgen.serve.views import attribute

    state = Workspace([DECK]).state(SEED_DECK)
    deck_sheet = state.sheet(SEED_SHEET)
    found = attribute(state, deck_sheet)
    # the actor fact is not read at all: its problem stands beside its lines, as check says it
    [(first, last, problems)] = found.unread
    assert all(isinstance(p, Problem) for p in problems)
    assert any("'kind': 'persn' is not one of" in p.message for p in problems)
    assert first < problems[0].location.line <= last


def test_a_deck_edited_live_makes_again_only_the_questions_of_the_sheet_that_changed(tmp_path, monkeypatch):
    """The page of a large deck reloads after each save: the sheets that did not change keep the
    questions the last load made, and the page shows what a fresh load shows."""
    import importlib.util

    import quizgen.generate as generate
    from quizgen.generate import generate_deck
    from quizgen.pipeline import load_and_check
    from tests.conftest import REPO

    spec = importlib.util.spec_from_file_location("scale_corpus", REPO / "benchmarks" / "scale_corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    deck_dir = corpus.make_corpus(tmp_path, 3, 1)[0]
    workspace = Workspace([deck_dir])
    workspace.state(deck_dir.name)
    made: list[str] = []
    real = generate._fact_made
    monkeypatch.setattr(generate, "_fact_made", lambda fact, ctx: made.append(fact.id) or real(fact, ctx))
    sheet = sorted(deck_dir.glob("story-*.yaml"))[1]
    sheet.write_text(sheet.read_text().replace("tags: [niger, coup]", "tags: [niger, coup, x]", 1))
    state = workspace.state(deck_dir.name)
    assert made and all(fact.endswith(sheet.stem.removeprefix("story")) for fact in made)
    fresh = load_and_check(deck_dir)
    assert state.result.generated == fresh.generated
    assert fresh.deck is not None and list(state.originals.values()) == list(
        generate_deck(fresh.deck).questions
    )
