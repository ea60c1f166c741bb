"""A command line's progress bar (:class:`ProgressBar`), shared by ingest, fetch and reextract."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO


class ProgressBar:
    """A progress bar on a terminal (redrawn in place), or a few plain lines otherwise."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self._last_quarter = -1
        self._last_draw = 0.0

    def __call__(self, done: float, total: int, name: str) -> None:
        """``done`` of ``total`` files; a fraction while inside a long bulk file (its rows)."""
        if total <= 0:
            return
        if self.tty:
            now = time.monotonic()
            if done < total and now - self._last_draw < 0.05:
                return
            self._last_draw = now
            filled = int(self.width * done // total)
            bar = "#" * filled + "-" * (self.width - filled)
            tail = Path(name).name[-50:]  # the end: a bulk file's rows so far
            self.stream.write(f"\r{self.label} [{bar}] {int(done)}/{total} {tail:<50}")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()
        else:
            quarter = int(4 * done // total)
            if quarter != self._last_quarter:
                self._last_quarter = quarter
                secs = time.monotonic() - self.start
                rows = f", {Path(name).name}" if done != int(done) else ""  # inside a bulk file
                self.stream.write(f"{self.label}: {int(done)}/{total} files{rows} ({secs:.1f} s)\n")
                self.stream.flush()
