"""The Anki state file kept beside each deck: per-note content hash and modification time.

Anki updates a note on re-import only when the incoming modification time is newer than its
own. Moving a note's time forward exactly when its content changes updates corrected facts
and keeps a learner's edits to every other note. The file is sorted tab-separated text, one
note a line, so that it diffs well in version control:

    guid <TAB> mod <TAB> hash <TAB> question id <TAB> status <TAB> note JSON

The note JSON (fields, tags, note type) lets a build ship a removed fact's note once more,
marked retired, even though its fact is gone from the sheet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from quizgen.model import InputError, Location, Problem

STATE_FILE = "anki-state.tsv"
HEADER = "# quizgen anki state v1: guid, mod, hash, question id, status, note (JSON). Commit this file."
ACTIVE = "active"
RETIRED = "retired"


@dataclass(frozen=True)
class NoteRecord:
    guid: str
    mod: int
    hash: str
    question_id: str
    status: str
    note: dict  # {"model": "recall"|"cloze", "fields": [...], "tags": [...]}

    def line(self) -> str:
        note = json.dumps(self.note, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return "\t".join([self.guid, str(self.mod), self.hash, self.question_id, self.status, note])


def read_state(path: Path) -> dict[str, NoteRecord]:
    """Records by GUID; an absent file is an empty state. Bad lines raise InputError."""
    if not path.exists():
        return {}
    records: dict[str, NoteRecord] = {}
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            guid, mod, digest, qid, status, note = line.split("\t")
            if status not in (ACTIVE, RETIRED):
                raise ValueError(f"unknown status '{status}'")
            records[guid] = NoteRecord(guid, int(mod), digest, qid, status, json.loads(note))
        except ValueError as exc:
            problems.append(
                Problem(
                    Location(path, number),
                    f"damaged state line ({exc}); restore it from version control or delete the "
                    "file (notes then all count as changed)",
                )
            )
    if problems:
        raise InputError(problems)
    return records


def format_state(records: dict[str, NoteRecord]) -> str:
    lines = [records[guid].line() for guid in sorted(records)]
    return "\n".join([HEADER, *lines]) + "\n"
