"""A one-line progress bar per source for long fetches, on stderr, only on a terminal.

Readers fetch in the flow process (feeds, sitemaps) and in batch workers (pages), so the
bar is plain text written straight to the inherited stderr, throttled, and silent when
stderr is not a TTY (CI, logs, pipes) or ``AKHBAR_PROGRESS=0``.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TextIO

_WIDTH = 24
_MIN_INTERVAL_S = 0.1


def progress_enabled(stream: TextIO | None = None) -> bool:
    if os.environ.get("AKHBAR_PROGRESS", "").strip().lower() in ("0", "false", "no", "off"):
        return False
    stream = stream or sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Progress:
    """``label [█████·····] 12/40 · failed 1`` updated in place; a no-op when disabled."""

    def __init__(self, label: str, total: int, *, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.label, self.total = label, total
        self.stream = stream or sys.stderr
        self.enabled = (progress_enabled(self.stream) if enabled is None else enabled) and total > 0
        self.done = self.failed = 0
        self._lock = threading.Lock()
        self._last = 0.0
        self._t0 = time.monotonic()

    def advance(self, ok: bool = True) -> None:
        with self._lock:
            self.done += 1
            self.failed += 0 if ok else 1
            if self.enabled and (time.monotonic() - self._last >= _MIN_INTERVAL_S or self.done == self.total):
                self._render()

    def _render(self) -> None:
        self._last = time.monotonic()
        filled = int(_WIDTH * self.done / self.total) if self.total else _WIDTH
        rate = self.done / max(self._last - self._t0, 1e-6)
        line = (f"\r  {self.label} [{'█' * filled}{'·' * (_WIDTH - filled)}] {self.done}/{self.total}"
                f"{f' · failed {self.failed}' if self.failed else ''} · {rate:.1f}/s")
        try:
            self.stream.write(line)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False

    def close(self) -> None:
        with self._lock:
            if self.enabled:
                self._render()
                try:
                    self.stream.write("\n")
                    self.stream.flush()
                except (OSError, ValueError):
                    pass
                self.enabled = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
