"""``quizgen serve`` in a real browser: headless Chromium (the system's) driven by Playwright.

A teacher reviews the seed deck: confirms a draft fact, drops one question, rewords another, and
`quizgen build` honours all of it. Every page is photographed and the pictures are checked for
what a person would see (highlighted evidence, the conflict warning). Each test is bounded by
short timeouts; the browser is started once for the module.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from quizgen.pipeline import load_and_check
from quizgen.review import Change, Entry, format_review
from quizgen.serve.app import create_app
from quizgen.serve.server import running
from quizgen.serve.views import anchor
from quizgen.serve.workspace import Workspace
from tests.browser_support import (
    NAVIGATION_TIMEOUT_MS,
    TIMEOUT_MS,
    distinct_colours,
    hex_rgb,
    launched,
    pixels_of,
    shoot,
)
from tests.conftest import SEED_DECK, SEED_SHEET

DECK = Path("decks") / SEED_DECK
SHEET = DECK / SEED_SHEET
REVIEW = DECK / "review.yaml"
DROPPED = f"{SEED_DECK}/mohamed-bazoum/role"
REWORDED = f"{SEED_DECK}/mohamed-bazoum/who"
NEW_PROMPT = "Which president of Niger, a French ally, did the July 2023 coup remove?"
DRAFT_ID = "coup-leaders"
DRAFT = f"""
  # a candidate from quizgen new, not yet confirmed
  - id: {DRAFT_ID}
    type: actor
    draft: true
    name: the coup leaders
    kind: group
    role: the new rulers who ended the military cooperation agreements with France
    evidence: "the coup leaders announced the termination of several military cooperation agreements"
"""
MARK = hex_rgb("#fff0a0")  # app.css --mark: the evidence highlight
CONFLICT = hex_rgb("#fde8e8")  # app.css --bad-bg


@pytest.fixture(scope="module")
def browser():
    with launched() as chromium:
        yield chromium


@pytest.fixture
def app_url(project):
    app = create_app([project / DECK])
    app.state.review.workspace.state(SEED_DECK)  # load and check the deck before the browser waits
    with running(app) as url:
        yield url


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.base = app_url  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert not errors, f"the page reported errors: {errors}"


def write_review(entries: dict[str, dict]) -> None:
    """A review file as a teacher's earlier session left it, with the texts quizgen makes now."""
    state = Workspace([DECK]).state(SEED_DECK)
    reviewed = {}
    for qid, entry in entries.items():
        original = state.originals[qid]
        changes = {}
        if "prompt" in entry:
            changes["prompt"] = Change(original.prompt, entry["prompt"])
        reviewed[qid] = Entry(qid, entry["review"], state.reviewed.hashes[qid], changes)
    REVIEW.write_text(format_review(reviewed), encoding="utf-8")


def sheet_url(page) -> str:
    return f"{page.base}deck/{SEED_DECK}/sheet/{SEED_SHEET}"


def question(page, question_id: str):
    return page.locator(f"#{anchor(question_id)}")


def test_review_a_deck_from_draft_to_build(project, page, run_cli, tmp_path):
    assert run_cli("build").exit_code == 0  # learners already have the deck
    original = SHEET.read_text(encoding="utf-8") + DRAFT
    SHEET.write_text(original, encoding="utf-8")

    page.goto(page.base)
    assert page.url.endswith(f"/deck/{SEED_DECK}"), "one deck: the app opens on it"
    page.get_by_role("heading", level=1, name="News::Sahel::France and Niger after the 2023 coup").wait_for()
    made = len(load_and_check(project / "decks" / SEED_DECK).generated.questions)
    assert f"0 of {made} questions reviewed" in page.inner_text("main")
    deck_shot = shoot(page, tmp_path, "1-deck")

    page.get_by_role(
        "link", name="French army in talks with Niger's military over withdrawing some forces"
    ).click()
    page.get_by_role("heading", name="The article").wait_for()
    draft = page.locator(f"#fact-{DRAFT_ID}")
    assert "Draft" in draft.get_by_role("heading", level=3).inner_text()
    assert page.locator(f'mark[data-facts~="{DRAFT_ID}"]').count() >= 1, "the draft's evidence is marked"
    assert "draft fact 'coup-leaders', confirm it by removing `draft: true`" in draft.inner_text()
    would = draft.locator("details.qg-draft-questions")
    would.locator("summary").click()
    assert "were the new rulers who ended the military cooperation agreements" in would.inner_text()
    sheet_shot = shoot(page, tmp_path, "2-sheet")

    draft.get_by_role("button", name=f"Confirm draft fact {DRAFT_ID}").click()
    page.get_by_text(f"Confirmed the draft fact {DRAFT_ID}.").wait_for()
    assert SHEET.read_text(encoding="utf-8") == original.replace("    draft: true\n", "", 1), (
        "nothing else changed"
    )
    confirmed = page.locator(f"#fact-{DRAFT_ID}")
    assert "Draft" not in confirmed.get_by_role("heading", level=3).inner_text()
    assert confirmed.locator("section.qg-question").count() >= 2, "its questions are made now"

    dropped = question(page, DROPPED)
    dropped.get_by_role("button", name=re.compile(r"^Drop question \d+$")).click()
    page.get_by_text(f"Dropped {DROPPED}.").wait_for()
    assert "Dropped: students will not see it" in question(page, DROPPED).inner_text()

    reworded = question(page, REWORDED)
    reworded.locator("details.qg-edit > summary").click()
    reworded.get_by_label("Question").fill(NEW_PROMPT)
    reworded.get_by_role("button", name=re.compile(r"^Save edit")).click()
    page.get_by_text(f"Saved your edit of {REWORDED}.").wait_for()
    reworded = question(page, REWORDED)
    assert reworded.locator(".qg-prompt").inner_text() == NEW_PROMPT
    assert "Edited" in reworded.locator(".qg-status").inner_text()
    reviewed_shot = shoot(page, tmp_path, "3-reviewed")

    review = yaml.safe_load(REVIEW.read_text(encoding="utf-8"))["questions"]
    assert review[DROPPED]["review"] == "drop"
    assert review[REWORDED]["prompt"]["now"] == NEW_PROMPT

    # Looked at as a person would: pages with text and colour, the evidence visibly highlighted.
    for shot in (deck_shot, sheet_shot, reviewed_shot):
        assert distinct_colours(shot) > 20, f"{shot.name} looks blank"
    assert pixels_of(sheet_shot, MARK) > 20_000, "the evidence is highlighted in the article"
    assert pixels_of(deck_shot, MARK) == 0

    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert f"{DROPPED}: no longer made" in result.stderr, "its Anki note is retired"
    preview = json.loads(run_cli("preview", "--json", str(DECK)).stdout)["questions"]
    made = {q["id"]: q for q in preview}
    assert DROPPED not in made
    assert made[REWORDED]["prompt"] == NEW_PROMPT
    assert any(q["fact_id"] == DRAFT_ID for q in preview), "the confirmed draft is in the build"
    state = (DECK / "anki-state.tsv").read_text(encoding="utf-8")
    assert re.search(rf"\t{re.escape(DROPPED)}\tretired\t", state)
    assert NEW_PROMPT in state


FOCUSED_NAME = (
    "(document.activeElement.textContent || document.activeElement.name || '').split(/\\s+/).join(' ').trim()"
)


def test_the_previews_show_the_reviewed_deck(project, page, run_cli, tmp_path):
    assert run_cli("build").exit_code == 0
    sheet = (project / "build" / f"{SEED_DECK}-quiz-A.html").read_text(encoding="utf-8")
    generated = load_and_check(project / "decks" / SEED_DECK).generated
    assert generated is not None
    printed = next(  # the question of this fact that worksheet A prints
        q.id
        for q in generated.questions
        if "/french-troops-in-niger/" in q.id and q.kind != "cloze" and html.escape(q.prompt, False) in sheet
    )
    carded = f"{SEED_DECK}/french-troops-in-niger/how_many"  # an Anki note (true/false is none)
    write_review(
        {
            DROPPED: {"review": "drop"},
            carded: {"review": "edit", "prompt": "Roughly how many French troops?"},
            printed: {"review": "edit", "prompt": "Roughly how many French soldiers?"},
        }
    )

    page.goto(f"{page.base}deck/{SEED_DECK}/worksheet")
    frame = page.frame_locator("iframe.qg-sheet-frame")
    frame.get_by_text("Roughly how many French soldiers?").wait_for()
    assert page.get_by_role("link", name="Version B").count() == 1, "the deck prints two versions"
    worksheet_shot = shoot(page, tmp_path, "4-worksheet")

    page.goto(f"{page.base}deck/{SEED_DECK}/anki/")
    page.get_by_role("heading", level=1, name="Anki card preview").wait_for()
    card_prompt = (
        "Roughly how many French soldiers?" if printed == carded else "Roughly how many French troops?"
    )
    assert card_prompt in page.inner_text("main")
    assert page.locator(f"h2.qg-note-h:has-text('{DROPPED} ')").count() == 0
    assert DROPPED in page.locator("h2:has-text('Retired notes') + p + ul").inner_text()
    cloze = page.locator("li.qg-note-card", has_text=f"{SEED_DECK}/french-troops-in-niger/cloze")
    assert "[...]" in cloze.locator("section").first.inner_text(), "the front hides the gap"
    assert "1,500" in cloze.locator("section").nth(1).inner_text()
    cloze.scroll_into_view_if_needed()
    anki_shot = shoot(page, tmp_path, "5-anki")

    for shot in (worksheet_shot, anki_shot):
        assert distinct_colours(shot) > 20, f"{shot.name} looks blank"
    assert pixels_of(anki_shot, hex_rgb("#0b5394")) > 200, "the cloze answer in Anki's blue"


def test_keyboard_alone_reviews_a_question(project, page):
    page.goto(sheet_url(page))
    first = f"{SEED_DECK}/niger-coup-date/when"
    names = []
    for _ in range(20):  # from the top of the page, Tab reaches the first question's controls
        page.keyboard.press("Tab")
        names.append(page.evaluate(FOCUSED_NAME))
        if names[-1] == "Keep question 1":
            break
    assert names[0] == "Skip to the main content", names
    assert names[-1] == "Keep question 1", names
    assert "Show the evidence in the article (niger-coup-date)" in names, "the evidence link comes first"
    page.keyboard.press("Enter")
    page.get_by_text(f"Kept {first}.").wait_for()
    assert page.evaluate("document.activeElement.id") == anchor(first), "focus comes back to the question"

    for _ in range(6):  # on to its edit control, open it, type, save: no mouse
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('name')") == "prompt"
    page.keyboard.press("Control+A")
    page.keyboard.type("On what date did the coup that removed Bazoum take place?")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the answer
    assert page.evaluate(FOCUSED_NAME) == "Save edit of question 1"
    page.keyboard.press("Enter")
    page.get_by_text(f"Saved your edit of {first}.").wait_for()
    assert "coup that removed Bazoum" in question(page, first).locator(".qg-prompt").inner_text()


UNLABELLED = """() => Array.from(document.querySelectorAll(
        'input:not([type=hidden]), textarea, select, button, summary, a'))
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                  && !(el.textContent || '').trim())
    .map(el => el.outerHTML.slice(0, 80))"""
# WCAG 2 contrast of every element that holds text, against the background it is drawn on.
CONTRAST = """() => {
    const rgb = s => s.match(/\\d+(\\.\\d+)?/g).map(Number);
    const lum = c => {
        const v = c.slice(0, 3).map(x => { x /= 255;
            return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    const bg = el => {
        for (; el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length < 4 || c[3] > 0) return c;
        }
        return [255, 255, 255]; };
    const low = []; let checked = 0;
    for (const el of document.querySelectorAll('main *, header *')) {
        if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        const s = getComputedStyle(el);
        if (s.visibility === 'hidden' || s.display === 'none' || el.closest('.qg-vh')) continue;
        const a = lum(rgb(s.color)), b = lum(bg(el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        checked += 1;
        if (ratio < 4.5) low.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2));
    }
    return {checked, low}; }"""


def test_every_control_is_labelled_and_text_has_contrast(project, page):
    SHEET.write_text(SHEET.read_text(encoding="utf-8") + DRAFT, encoding="utf-8")
    REVIEW.write_text(
        f"questions:\n  {DROPPED}: {{review: drop}}\n"
        f"  {SEED_DECK}/ali-mahaman-lamine-zeine/who: {{review: keep, fact: 0}}\n",
        encoding="utf-8",
    )  # every badge and warning on the page: dropped, stale, draft
    page.goto(sheet_url(page))
    page.locator(".qg-b-stale").first.wait_for()
    assert page.evaluate(UNLABELLED) == []
    contrast = page.evaluate(CONTRAST)
    assert contrast["checked"] > 500 and contrast["low"] == [], "text below WCAG AA contrast (4.5:1)"
    assert page.locator("main h1").count() == 1
    assert page.locator("[id]").evaluate_all("els => els.length - new Set(els.map(e => e.id)).size") == 0


def test_an_edit_made_elsewhere_is_never_overwritten(project, page, browser, app_url, tmp_path):
    # A page left open without live reload (JavaScript off) while the teacher's editor changes
    # the files: both writes are refused, the page says so, the files keep the editor's text.
    SHEET.write_text(SHEET.read_text(encoding="utf-8") + DRAFT, encoding="utf-8")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    stale = context.new_page()
    try:
        stale.goto(sheet_url(page))
        REVIEW.write_text("# the teacher's own notes\nquestions: {}\n", encoding="utf-8")
        question(stale, DROPPED).get_by_role("button", name=re.compile(r"^Drop question")).click()
        stale.get_by_role("heading", name="Not saved: the file changed on disk").wait_for()
        assert "decks/sahel/review.yaml was changed after this page was loaded" in stale.inner_text(
            ".qg-conflict"
        )
        assert REVIEW.read_text(encoding="utf-8") == "# the teacher's own notes\nquestions: {}\n"
        conflict_shot = shoot(stale, tmp_path, "6-conflict")
        assert pixels_of(conflict_shot, CONFLICT) > 5_000, "the conflict shows, in red"

        edited = SHEET.read_text(encoding="utf-8").replace("kind: group", "kind: group  # my note")
        SHEET.write_text(edited, encoding="utf-8")
        stale.locator(f"#fact-{DRAFT_ID}").get_by_text("Delete…").click()
        stale.get_by_role("button", name=f"Delete draft fact {DRAFT_ID}").click()
        stale.get_by_role("heading", name="Not saved: the file changed on disk").wait_for()
        assert SHEET.read_text(encoding="utf-8") == edited

        # The page now shows the files as they are: deleting again works, and only the fact goes.
        stale.locator(f"#fact-{DRAFT_ID}").get_by_text("Delete…").click()
        stale.get_by_role("button", name=f"Delete draft fact {DRAFT_ID}").click()
        stale.get_by_text(f"Deleted the draft fact {DRAFT_ID}.").wait_for()
        assert DRAFT_ID not in SHEET.read_text(encoding="utf-8")
    finally:
        context.close()


def test_live_reload_shows_an_edit_from_disk_but_keeps_a_half_typed_edit(project, page):
    page.goto(sheet_url(page))
    page.locator("body[data-version]").wait_for()
    page.wait_for_timeout(300)  # the event stream is open
    text = SHEET.read_text(encoding="utf-8")
    SHEET.write_text(
        text.replace(
            "kind: person\n    role: Niger’s",
            "kind: person\n    role: the Prime Minister of Niger, Niger’s",
            1,
        ),
        encoding="utf-8",
    )
    page.get_by_text(
        "the Prime Minister of Niger, Niger’s military-appointed Prime Minister"
    ).first.wait_for()

    reworded = question(page, REWORDED)
    reworded.locator("details.qg-edit > summary").click()
    reworded.get_by_label("Question").fill("Half typed")
    SHEET.write_text(
        SHEET.read_text(encoding="utf-8").replace("name: Gabon", "name: Gabon ", 1), encoding="utf-8"
    )
    page.get_by_role("button", name="Reload the page").wait_for()
    assert question(page, REWORDED).get_by_label("Question").input_value() == "Half typed"


def test_text_from_the_files_is_escaped(project, page):
    article = next(Path("source_articles").glob("*.md"))
    body = article.read_text(encoding="utf-8")
    article.write_text(
        body.replace("the Sahel region.", "the Sahel region <img src=x onerror=alert(1)>.", 1),
        encoding="utf-8",
    )
    SHEET.write_text(
        SHEET.read_text(encoding="utf-8").replace(
            "removed from power by the coup", "removed <b>from power</b> by the coup", 1
        ),
        encoding="utf-8",
    )
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    page.goto(sheet_url(page))
    assert page.locator("main img").count() == 0 and page.locator("main b").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.inner_text(".qg-article-text")
    assert "removed <b>from power</b> by the coup" in page.inner_text("#fact-mohamed-bazoum")
