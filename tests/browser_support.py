"""Helpers for the browser tests: the system's Chromium through Playwright (nothing downloads a
browser), the review app served in a thread, and screenshots looked at pixel by pixel."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
TIMEOUT_MS = 5_000  # every wait of a browser test is bounded by this
NAVIGATION_TIMEOUT_MS = 15_000  # a page made after a file changed loads and checks the deck again
SHOTS_ENV = "QUIZGEN_SCREENSHOTS"  # set to a folder to keep the screenshots for people to look at


def chromium_path() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


def need_chromium() -> str:
    """The browser; skips where there is none, except in CI, where it must be there."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs chromium for the browser tests (.ci/run installs it)")
        pytest.skip("no chromium here: apt-get install chromium")
    return path


@contextmanager
def launched() -> Iterator:
    """Playwright's Chromium, the system's own binary."""
    from playwright.sync_api import sync_playwright

    path = need_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def shoot(page, folder: Path, name: str) -> Path:
    """A screenshot of what the window shows, as a person first sees the page, kept in
    ``folder`` (and in $QUIZGEN_SCREENSHOTS if set)."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled")
    keep = os.environ.get(SHOTS_ENV)
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


def pixels_of(png: Path, rgb: tuple[int, int, int], tolerance: int = 6) -> int:
    """How many pixels of the image have (about) this colour."""
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    return sum(
        count
        for count, colour in colours
        if all(abs(a - b) <= tolerance for a, b in zip(colour, rgb, strict=True))
    )


def distinct_colours(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as image:
        return len(image.convert("RGB").getcolors(maxcolors=1 << 24) or [])


def hex_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
