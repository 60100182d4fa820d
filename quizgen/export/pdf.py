"""Print HTML files to PDF through headless Chromium, with the network and the profile kept out."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser")
TIMEOUT_SECONDS = 120
INSTALL_HINT = (
    "printing to PDF needs headless Chromium, and no 'chromium' command was found. "
    "Install it (Debian/Ubuntu: sudo apt-get install chromium; Fedora: sudo dnf install chromium; "
    "macOS: brew install --cask chromium), or leave out --pdf and print the HTML files from a browser"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--metrics-recording-only",
    "--mute-audio",
    "--hide-scrollbars",
    "--disable-breakpad",
    "--disable-crash-reporter",
)


class PdfError(Exception):
    """Printing failed, or cannot be done here; the message says why and what to do."""


def find_chromium() -> str | None:
    """The path of the Chromium binary on PATH, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(
    html: Path, target: Path, timeout: float = TIMEOUT_SECONDS, chromium: str | None = None
) -> None:
    """Print ``html`` to ``target`` with headless Chromium; raise PdfError when it cannot.

    Chromium gets a fresh profile in a temporary folder and no network services; it is
    stopped, with every process it started, after ``timeout`` seconds. Callers that need an
    atomic file wrap this in ``quizgen.files.atomic_write``."""
    binary = chromium or find_chromium()
    if binary is None:
        raise PdfError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="quizgen-chromium-", ignore_cleanup_errors=True) as profile:
        out = Path(profile) / "out.pdf"
        command = [
            binary,
            *FLAGS,
            f"--user-data-dir={Path(profile) / 'profile'}",
            f"--print-to-pdf={out}",
            html.resolve().as_uri(),
        ]
        _run(command, timeout, html)
        if not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
            raise PdfError(f"{html}: chromium finished but wrote no PDF")
        shutil.copyfile(out, target)


def _run(command: Sequence[str], timeout: float, html: Path) -> None:
    """Run Chromium in its own process group, so that a timeout ends all of its processes."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise PdfError(f"could not start chromium ({command[0]}): {exc}") from exc
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfError(f"{html}: chromium took more than {timeout:g} s to print it; stopped") from None
    if process.returncode != 0:
        last = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()][-3:]
        detail = "; ".join(last) or "no message"
        raise PdfError(f"{html}: chromium failed (exit {process.returncode}): {detail}")
