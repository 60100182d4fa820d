"""Live reload: one watcher (watchfiles) over the decks and their articles tells every open page
when what it shows changed on disk, as server-sent events."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from watchfiles import Change, awatch

from quizgen.serve.workspace import WATCHED_SUFFIXES

DEBOUNCE_MS = 150  # changes within this time are one reload
KEEPALIVE_S = 15.0  # a comment line this often keeps proxies and browsers from closing the stream


def watched(change: Change, path: str) -> bool:
    """Sheets, deck settings, review files, state files and articles; not our temporary files."""
    name = Path(path).name
    return name.endswith(WATCHED_SUFFIXES) and not name.startswith(".")


class Watcher:
    """Runs while the app runs; ``changed`` wakes every waiting page."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self._event = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        self._stop.set()
        self._event.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        async for _ in awatch(
            *self.paths,
            watch_filter=watched,
            debounce=DEBOUNCE_MS,
            step=30,
            stop_event=self._stop,
            recursive=False,
        ):
            event, self._event = self._event, asyncio.Event()
            event.set()

    def next_change(self) -> asyncio.Event:
        """The event the next change sets: take it before looking at the files, so that no
        change between the look and the wait is missed."""
        return self._event

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()


async def events(watcher: Watcher, version: str, fingerprint: Callable[[], str]) -> AsyncIterator[str]:
    """The event stream of one page made at ``version``: 'changed' whenever the files differ."""
    yield "retry: 1000\n\n"
    while not watcher.stopping:
        change = watcher.next_change()
        now = await asyncio.to_thread(fingerprint)
        if now != version:
            yield f"event: changed\ndata: {now}\n\n"
            version = now
        try:
            await asyncio.wait_for(change.wait(), KEEPALIVE_S)
        except asyncio.TimeoutError:
            yield ": still here\n\n"
