"""Optional morphology: lemmas and part-of-speech tags from CAMeL Tools' MLE disambiguator.

It needs CAMeL Tools' data packages (a morphology database and the MLE model), which are
not on PyPI and which camel-tools downloads on first use. akhbar never lets that happen:
:func:`detect` looks for installed data up front (``$CAMELTOOLS_DATA``, else
``~/.camel_tools``) by reading the data catalogue as plain JSON, without importing
``camel_tools.data`` (whose import alone creates folders and whose loaders download).
Without the data, runs record ``morphology: none`` and everything else works.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class MorphologyMode:
    """What morphology a run can do: ``mle`` with its model, or ``none`` and why."""

    mode: str  # "mle" or "none"
    detail: str
    data_dir: str | None = None

    def describe(self) -> str:
        return f"{self.mode} ({self.detail})"


def data_dir() -> Path:
    env = os.environ.get("CAMELTOOLS_DATA")
    return Path(env).expanduser() if env else Path.home() / ".camel_tools"


def detect() -> MorphologyMode:
    """Is the MLE disambiguator's data installed? Reads files only; never downloads."""
    root = data_dir()
    catalogue = root / "catalogue.json"
    if not catalogue.is_file():
        return MorphologyMode("none", f"no CAMeL Tools data at {root} (set CAMELTOOLS_DATA)")
    try:
        cat = json.loads(catalogue.read_text(encoding="utf-8"))
        component = cat["components"]["DisambigMLE"]
        name = component["default"]
        dataset = component["datasets"][name]
        model = root / "data" / dataset["path"] / "model.json"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return MorphologyMode("none", f"unreadable CAMeL Tools catalogue {catalogue}: {exc}")
    if not model.is_file():
        return MorphologyMode("none", f"the MLE model {name} is not installed under {root}")
    return MorphologyMode("mle", name, str(root))


@cache
def _disambiguator(root: str) -> Any:
    os.environ["CAMELTOOLS_DATA"] = root  # the data detect() found, nothing else
    from camel_tools.disambig.mle import MLEDisambiguator

    return MLEDisambiguator.pretrained()


def analyze(words: list[str], mode: MorphologyMode) -> tuple[list[str | None], list[str | None]]:
    """Lemma and POS per word (``None`` for words the model does not analyze)."""
    if mode.mode != "mle" or not words:
        return [], []
    lemmas: list[str | None] = []
    tags: list[str | None] = []
    for word in _disambiguator(mode.data_dir or "").disambiguate(words):
        best = word.analyses[0].analysis if word.analyses else {}
        lemmas.append(best.get("lex"))
        tags.append(best.get("pos"))
    return lemmas, tags
