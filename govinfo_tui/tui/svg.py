"""SVG screenshots that browsers draw as the terminal did.

Rich's `export_svg` gives every text run `textLength = cell width × len(text)`, so a run of
Chinese (two cells a character) is squeezed into half its room and overlaps its neighbour in
a browser (Rich issue #2742). A run's `x` is right; its length must count cells. And since a
browser spreads a run's slack evenly over its characters, a run mixing Chinese and ASCII (a
title, spaces, a unit name) would still drift off the terminal's columns: each run is split
where the characters' width changes, and every piece gets its own `x` and length.
"""

from __future__ import annotations

import html
import re

from rich.cells import split_graphemes

_RUN = re.compile(r"<text\b([^>]*)>([^<]*)</text>")
_X = re.compile(r'\bx="([0-9.]+)"')
_LENGTH = re.compile(r'\btextLength="([0-9.]+)"')


def fix_text_length(svg: str) -> str:
    """`svg` with each text run measured in terminal cells, cut into runs of one width."""
    return _RUN.sub(_measure, svg)


def _measure(match: re.Match[str]) -> str:
    attrs, escaped = match[1], match[2]
    x, length = _X.search(attrs), _LENGTH.search(attrs)
    text = html.unescape(escaped)
    if x is None or length is None or not text:
        return match[0]
    pieces = _same_width_pieces(text)
    if all(cells == len(piece) for piece, cells in pieces):
        return match[0]  # one cell a character: Rich measured it right
    cell = float(length[1]) / len(text)  # Rich's width of one cell
    out, left = [], float(x[1])
    for piece, cells in pieces:
        piece_attrs = _X.sub(f'x="{round(left, 2):g}"', attrs)
        piece_attrs = _LENGTH.sub(f'textLength="{round(cell * cells, 2):g}"', piece_attrs)
        shown = html.escape(piece, quote=False).replace("\xa0", "&#160;").replace(" ", "&#160;")
        out.append(f"<text{piece_attrs}>{shown}</text>")
        left += cell * cells
    return "".join(out)


def _same_width_pieces(text: str) -> list[tuple[str, int]]:
    """`text` cut where its characters change width (a joined emoji counts as one), with the
    cells of each piece."""
    pieces: list[tuple[str, int]] = []
    spans, _total = split_graphemes(text)
    last = None
    for start, end, cells in spans:
        if pieces and (cells == last or cells == 0):
            piece, n = pieces[-1]
            pieces[-1] = (piece + text[start:end], n + cells)
        else:
            pieces.append((text[start:end], cells))
            last = cells
    return pieces
