"""An index of every item for the items screen's search, compact enough to keep beside a
million events and quick enough to answer a first letter over 430,000 items.

A search keeps the items whose `queries.search_text` holds every word. A word never holds
white space (`queries.search_words` splits on it) and the parts of a search text are joined by
a line break, so a word is in the text exactly when it is in one of its parts. The index keeps
the parts apart by what they cost:

- what is the item's own (id, title, the issue of each adoption), lower-cased, in one string
  per block of `BLOCK` items, the item's texts separated by `SEP` and found by offsets: one
  Python object per block instead of one per item, and a block whose text holds an emoji
  takes four bytes a character for itself alone;
- the names of the registry (unit, authors, the channels of the adoptions) as the items that
  name each code: a word is tested against the few names, and the items come from the codes
  whose names hold it, whatever a name was renamed to since;
- for the characters that many items hold, the set of those items as one integer of bits, so
  that a first letter such as 防 is answered without reading any text.

Items are numbered by their place in `State.items` (a fold adds items at the end and replaces a
changed one in place): `update` follows a new state by those places, and a screen's order of
the items is the list of their numbers (`ordinals`). Results are masks: one byte per item
number, 1 if it is kept.
"""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_left, bisect_right, insort
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import contains, is_not
from typing import Any

from .queries import channel_name, person_name, unit_name
from .state import Item, State

SEP = "\x1e"  # between two items' texts: white space, so never in a word
BLOCK = 1024  # items per string
FREQUENT_SHARE = 1 / 16  # a character held by this share of a sample of items gets its bits
MAX_FREQUENT = 64  # at most this many (54 KB each at 430,000 items)
SAMPLE = 4096

_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")
_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")


def own_text(item: Item) -> str:
    """The item's own parts of its search text (id, title, issues), lower-cased, `SEP`-free."""
    parts = [item.id, item.title, *(a.issue for a in item.adoptions)]
    return "\n".join(parts).lower().replace(SEP, "\n")


def codes(item: Item) -> tuple[Any, tuple[str, ...], tuple[str, ...]]:
    """The registry codes the item's search text names: unit, authors, adoptions' channels."""
    return item.unit, tuple(item.authors), tuple(dict.fromkeys(a.channel for a in item.adoptions))


def pack(mask: bytes) -> int:
    """A mask (one 0/1 byte per item) as an integer of bits, item 0 the lowest."""
    return int(mask.translate(_TO_DIGITS)[::-1] or b"0", 2)


def unpack(bits: int, n: int) -> bytes:
    """An integer of bits as a mask of `n` bytes."""
    digits = bin(bits)[:1:-1].encode()[:n]
    return (digits + b"0" * (n - len(digits))).translate(_FROM_DIGITS)


def _set(mask: bytearray, at: Iterable[int]) -> None:
    deque(map(mask.__setitem__, at, repeat(1)), 0)


def _offsets(texts: Sequence[str]) -> array:
    return array("I", itertools.accumulate(map(len, texts), lambda at, n: at + n + 1, initial=0))


class ItemIndex:
    """The search index of a state's items; see the module's docstring."""

    def __init__(self, items: dict[str, Item]) -> None:
        self.items = items  # the dict followed last
        self.seen: list[Item] = list(items.values())
        self.blocks: list[str] = []
        self.starts: list[array] = []  # per block: where each text starts, and one past the last
        self.named: tuple[dict[Any, array], dict[str, array], dict[str, array]] = ({}, {}, {})
        self.bits: dict[str, int] = {}
        sample, sampled = Counter[str](), 0
        for at in range(0, len(self.seen), BLOCK):
            texts = list(map(own_text, self.seen[at : at + BLOCK]))
            self.blocks.append(SEP.join(texts))
            self.starts.append(_offsets(texts))
            if at < SAMPLE or at >= len(self.seen) - SAMPLE:  # the oldest and the newest
                for text in texts:
                    sample.update(set(text))
                sampled += len(texts)
        for n, item in enumerate(self.seen):
            self._name(n, item)
        least = max(sampled * FREQUENT_SHARE, 1)
        self._build_bits([c for c, k in sample.most_common(MAX_FREQUENT) if k >= least])

    @property
    def n(self) -> int:
        return len(self.seen)

    # --- building and following ---------------------------------------------------------

    def _name(self, n: int, item: Item) -> None:
        unit, authors, channels = codes(item)
        for table, keys in zip(self.named, ((unit,), authors, channels), strict=True):
            for key in keys:
                where = table.setdefault(key, array("I"))
                if where and where[-1] > n:  # an item changed in place: kept in order
                    insort(where, n)
                else:
                    where.append(n)

    def _unname(self, n: int, item: Item) -> None:
        unit, authors, channels = codes(item)
        for table, keys in zip(self.named, ((unit,), authors, channels), strict=True):
            for key in keys:
                where = table[key]
                del where[bisect_left(where, n)]

    def _build_bits(self, chars: list[str]) -> None:
        parts: dict[str, list[bytes]] = {c: [] for c in chars}
        for block in self.blocks:
            texts = block.split(SEP)
            present = set(block)
            for c in chars:
                bits = pack(bytes(map(contains, texts, repeat(c)))) if c in present else 0
                parts[c].append(bits.to_bytes(BLOCK // 8, "little"))
        self.bits = {c: int.from_bytes(b"".join(p), "little") for c, p in parts.items()}

    def text(self, n: int) -> str:
        block, at = divmod(n, BLOCK)
        starts = self.starts[block]
        return self.blocks[block][starts[at] : starts[at + 1] - 1]

    def _replace_text(self, n: int, text: str) -> None:
        block, at = divmod(n, BLOCK)
        texts = self.blocks[block].split(SEP)
        old = texts[at]
        texts[at] = text
        self.blocks[block] = SEP.join(texts)
        self.starts[block] = _offsets(texts)
        for c, bits in self.bits.items():
            if (c in old) != (c in text):
                self.bits[c] = bits ^ (1 << n)

    def _append_text(self, n: int, text: str) -> None:
        if n % BLOCK == 0:
            self.blocks.append(text)
            self.starts.append(_offsets([text]))
        else:
            self.blocks[-1] += SEP + text
            self.starts[-1].append(len(self.blocks[-1]) + 1)
        for c in set(text).intersection(self.bits):
            self.bits[c] |= 1 << n

    def update(self, items: dict[str, Item]) -> bool:
        """Follow a newer state of the same journal: items changed in place and added at the
        end. False if the items are not that (one gone, the order changed): build anew."""
        values = list(items.values())
        seen, n = self.seen, len(self.seen)
        if len(values) < n:
            return False
        changed = list(compress(range(n), map(is_not, values[:n], seen)))
        if any(values[k].id != seen[k].id for k in changed):
            return False
        for k in changed:
            old, new = seen[k], values[k]
            text = own_text(new)
            if text != self.text(k):
                self._replace_text(k, text)
            if codes(old) != codes(new):
                self._unname(k, old)
                self._name(k, new)
        for k in range(n, len(values)):
            self._append_text(k, own_text(values[k]))
            self._name(k, values[k])
        self.seen, self.items = values, items
        return True

    # --- searching ------------------------------------------------------------------------

    def _names_holding(self, st: State, word: str) -> bytearray | None:
        """The items that name a registry entry whose name holds `word`; None if none does."""
        units, people, channels = self.named
        hit: list[array] = []
        hit += (where for code, where in units.items() if word in unit_name(st, code).lower())
        hit += (where for code, where in people.items() if word in person_name(st, code).lower())
        hit += (where for code, where in channels.items() if word in channel_name(st, code).lower())
        if not hit:
            return None
        mask = bytearray(self.n)
        for where in hit:
            _set(mask, where)
        return mask

    def _find(self, word: str, candidates: bytes | None) -> bytearray:
        """The mask of the items whose own text holds `word`, reading only the blocks that
        hold it; in each, testing the `candidates` (a mask: the items that may) one by one,
        or going from one place it is found to the next, whichever reads fewer items."""
        mask = bytearray(self.n)
        for b, block in enumerate(self.blocks):
            starts, base = self.starts[b], b * BLOCK
            rows = len(starts) - 1
            if candidates is not None:
                local = list(compress(range(rows), candidates[base : base + rows]))
                if not local:
                    continue
                if len(local) <= 128 or len(local) < block.count(word) * 4:  # test each candidate
                    ends = starts[1:]
                    held = map(block.count, repeat(word), map(starts.__getitem__, local), map(ends.__getitem__, local))
                    hits = bytearray(rows)
                    _set(hits, compress(local, held))
                    mask[base : base + rows] = hits
                    continue
            find = block.find
            at = find(word)
            while at >= 0:
                k = bisect_right(starts, at) - 1
                mask[base + k] = 1
                at = find(word, starts[k + 1])
        return mask

    def holding(self, st: State, word: str, among: bytes | None = None) -> bytes:
        """The mask of the items whose search text holds `word` (a word of
        `queries.search_words`); `among`, a mask, if only those items matter."""
        n = self.n
        few = among is not None and among.count(1) * 8 < n
        names = self._names_holding(st, word)
        chars = [self.bits[c] for c in dict.fromkeys(word) if c in self.bits]
        if len(word) == 1 and chars:
            own: bytes | bytearray = unpack(chars[0], n)
        else:
            candidates = None
            if chars:
                bits = chars[0]
                for more in chars[1:]:
                    bits &= more
                if among is not None and few:
                    bits &= pack(among)
                candidates = unpack(bits, n)
            elif among is not None and few:
                candidates = among
            own = self._find(word, candidates)
        if names is not None:
            own = either(own, names)
        return bytes(own) if among is None else both(own, among)

    def select(self, st: State, words: list[str], among: bytes | None = None) -> bytes:
        """The mask of the items whose search text holds every word (of those in `among`)."""
        mask = among if among is not None else b"\x01" * self.n
        for word in words:
            mask = self.holding(st, word, mask)
        return mask


def both(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    """The items in both masks."""
    return (int.from_bytes(a) & int.from_bytes(b)).to_bytes(len(a))


def either(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    """The items in either mask."""
    return (int.from_bytes(a) | int.from_bytes(b)).to_bytes(len(a))


def places(ordinals: Sequence[int]) -> array:
    """Where each item number stands in an order given as its list of numbers."""
    where = array("I", bytes(4 * len(ordinals)))
    deque(map(where.__setitem__, ordinals, range(len(ordinals))), 0)
    return where


def in_order(mask: bytes, where: array) -> bytes:
    """A mask over item numbers as a mask over an order (`places` of that order): the items
    kept are placed, or the items left out if they are fewer."""
    kept = mask.count(1)
    flip = kept * 2 > len(mask)
    if flip:
        mask = mask.translate(_FLIP)
    out = bytearray(len(where))
    _set(out, map(where.__getitem__, compress(range(len(mask)), mask)))
    return bytes(out.translate(_FLIP)) if flip else bytes(out)
