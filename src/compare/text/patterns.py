"""Regex scanning shared by the readers of timeframes and cited documents."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


def matches_allowed(
    pattern: re.Pattern[str], text: str, refused: Callable[[str, int], bool]
) -> Iterator[re.Match[str]]:
    """The matches of `pattern`, as finditer gives them for the pattern with a look-behind in
    front: a match whose start `refused(text, start)` rejects is skipped, and the search goes on
    from the next character. A look-behind that opens a pattern makes the regex engine try every
    position of the text; without it the engine jumps to the pattern's first word or digit, and
    the look-behind is checked here, only where a match was found."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if refused(text, start):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1
