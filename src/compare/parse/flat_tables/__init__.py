"""Flattened task tables → one table line per row.

A task table (Stt | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian) that went through
a scanner and OCR, or through a PDF-to-text tool, comes out as interleaved lines: each physical
line holds a piece of the content column followed by the pieces of the narrow columns beside
it; the row number lands on whichever line is in the middle of its row; footnotes sit between
rows; group headings are set in capitals, and a page break can carry half a heading elsewhere.

This step sits between clean lines and blocks. It finds such a region below a table header,
splits every line into (row number, content, column debris), cuts the region into rows, reads
the lead unit, partners and timeframe out of each row's debris (fuzzily, in accent-folded space,
against general unit and timeframe vocabulary, never against one plan's text), and puts back one
line of kind "table" per row, group heading and header, each carrying the numbers of all the
source lines it was made of. Nothing here knows a particular plan.
"""

from compare.parse.flat_tables.cells import read_time
from compare.parse.flat_tables.rebuild import rebuild
from compare.parse.flat_tables.tokens import split_line, token_class

__all__ = ["read_time", "rebuild", "split_line", "token_class"]
