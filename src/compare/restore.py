"""Line-for-line restoration of a plan's text (the `compare restore` command).

Today this decodes and normalises (NFC, one tone convention); diacritic restoration of OCR
text is a separate piece of work (issue: recover scanned plans) and will slot in here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .vietnamese import normalize


def restore_lines(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield normalize(line)
