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
- for the characters and the pairs of characters that many items hold, the set of those items
  as one integer of bits, so that a first letter such as 防, or a word such as 防汛, is answered
  without reading any text, and a longer word reads only the items holding all its pairs.

Items are numbered by their place in `State.items` (a fold adds items at the end and replaces a
changed one in place): `update` follows a new state by those places, and a screen's order of
the items is the list of their numbers (`ordinals`). A result (`Found`) is a mask (a byte per
item) when many items are found, their numbers when few, with their texts read along so that
the next letter typed tests only those; either is placed in a screen's order by the screen.
"""

from __future__ import annotations

import functools
import itertools
import operator
from array import array
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import add, contains, is_not, itemgetter, ne, sub
from typing import Any

from .queries import channel_name, person_name, unit_name
from .state import Item, State

SEP = "\x1e"  # between two items' texts: white space, so never in a word
BLOCK = 1024  # items per string
FREQUENT_SHARE = 1 / 16  # a character held by this share of a sample of items gets its bits
MAX_FREQUENT = 64  # at most this many (54 KB each at 430,000 items)
MAX_PAIRS = 64  # and as many pairs of characters (a two-character word is then found exactly)
SAMPLE = 4096
DENSE_NAME = 64  # a code named by this share of the items is kept as bits
DENSE = 8  # found in this share of the items: kept as a mask
FEW = 128  # candidates in a block tested one by one without counting the word there first

_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")


def own_text(item: Item) -> str:
    """The item's own parts of its search text (id, title, issues), lower-cased, `SEP`-free."""
    parts = [item.id, item.title, *(a.issue for a in item.adoptions)]
    return "\n".join(parts).lower().replace(SEP, "\n")


def wordlike(a: str, b: str) -> bool:
    """Whether a pair of characters may be a word of its own worth bits: not across a space,
    and not two letters or digits of the Latin alphabet (parts of ids and codes, typed longer
    and found in few blocks)."""
    return not (a.isspace() or b.isspace() or (a + b).isascii())


def codes(item: Item) -> tuple[Any, tuple[str, ...], tuple[str, ...]]:
    """The registry codes the item's search text names: unit, authors, adoptions' channels."""
    return item.unit, tuple(dict.fromkeys(item.authors)), tuple(dict.fromkeys(a.channel for a in item.adoptions))


def pack(mask: bytes | bytearray) -> int:
    """A mask (one 0/1 byte per item) as an integer of bits, item 0 the lowest."""
    return int(mask.translate(_TO_DIGITS)[::-1] or b"0", 2)


def unpack(bits: int, n: int) -> bytes:
    """An integer of bits as a mask of `n` bytes."""
    digits = bin(bits)[:1:-1].encode()[:n]
    return (digits + b"0" * (n - len(digits))).translate(_FROM_DIGITS)


def _offsets(texts: Sequence[str]) -> array:
    return array("I", itertools.accumulate(map(len, texts), lambda at, n: at + n + 1, initial=0))


class ItemIndex:
    """The search index of a state's items; see the module's docstring."""

    def __init__(self, items: dict[str, Item], values: list[Item] | None = None) -> None:
        # the values of the dict followed last, not the dict: a screen keeping the index would
        # otherwise keep a replaced state's table of items (tens of MB at a million events)
        self.seen: list[Item] = list(items.values()) if values is None else values
        self.blocks: list[str] = []
        self.starts: list[array] = []  # per block: where each text starts, and one past the last
        # per registry (units, people, channels): code -> the items naming it, in order, or
        # as an integer of bits when they are many (one item in `DENSE_NAME`)
        self.named: tuple[dict[Any, array | int], dict[str, array | int], dict[str, array | int]] = ({}, {}, {})
        self.bits: dict[str, int] = {}
        sample, pairs, sampled = Counter[str](), Counter[str](), 0
        for at in range(0, len(self.seen), BLOCK):
            texts = list(map(own_text, self.seen[at : at + BLOCK]))
            self.blocks.append(SEP.join(texts))
            self.starts.append(_offsets(texts))
            if at < SAMPLE or at >= len(self.seen) - SAMPLE:  # the oldest and the newest
                for text in texts:
                    sample.update(set(text))
                    pairs.update({a + b for a, b in itertools.pairwise(text) if wordlike(a, b)})
                sampled += len(texts)
        self._name_all()
        least = max(sampled * FREQUENT_SHARE, 1)
        chars = [c for c, k in sample.most_common(MAX_FREQUENT) if k >= least]
        self._build_bits(chars + [p for p, k in pairs.most_common(MAX_PAIRS) if k >= least])

    @property
    def n(self) -> int:
        return len(self.seen)

    # --- building and following ---------------------------------------------------------

    def _name(self, n: int, item: Item) -> None:
        unit, authors, channels = codes(item)
        for table, keys in zip(self.named, ((unit,), authors, channels), strict=True):
            for key in keys:
                where = table.setdefault(key, array("I"))
                if isinstance(where, int):
                    table[key] = where | (1 << n)
                elif where and where[-1] > n:  # an item changed in place: kept in order
                    insort(where, n)
                else:
                    where.append(n)

    def _unname(self, n: int, item: Item) -> None:
        unit, authors, channels = codes(item)
        for table, keys in zip(self.named, ((unit,), authors, channels), strict=True):
            for key in keys:
                where = table[key]
                if isinstance(where, int):
                    table[key] = where & ~(1 << n)
                else:
                    del where[bisect_left(where, n)]

    def _name_all(self) -> None:
        """`_name` of every item, in one loop (a second at 430,000 items otherwise)."""
        units: dict[Any, array] = defaultdict(lambda: array("I"))
        people: dict[str, array] = defaultdict(lambda: array("I"))
        channels: dict[str, array] = defaultdict(lambda: array("I"))
        for n, item in enumerate(self.seen):
            units[item.unit].append(n)
            for code in set(item.authors):
                people[code].append(n)
            if item.adoptions:
                for code in {a.channel for a in item.adoptions}:
                    channels[code].append(n)
        self.named = (dict(units), dict(people), dict(channels))
        self._pack_names()

    def _pack_names(self) -> None:
        """The codes named by many items kept as bits: a word found in every unit's name
        (镇) is then answered by or-ing a few integers."""
        n = self.n
        for table in self.named:
            for key, where in table.items():
                if not isinstance(where, int) and len(where) * DENSE_NAME >= n:
                    table[key] = pack(ordinals_mask(where, n))

    def _build_bits(self, keys: list[str]) -> None:
        """The bits of each of `keys` (characters, pairs of characters): the items holding it."""
        parts: dict[str, list[bytes]] = {c: [] for c in keys}
        for block in self.blocks:
            texts = block.split(SEP)
            for c in keys:
                bits = pack(bytes(map(contains, texts, repeat(c)))) if c in block else 0
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
        for c, bits in self.bits.items():
            if c in text:
                self.bits[c] = bits | (1 << n)

    def update(self, items: dict[str, Item], values: list[Item] | None = None) -> bool:
        """Follow a newer state of the same journal: items changed in place and added at the
        end (`values`: the dict's, if the caller has them). False if the items are not that
        (one gone, the order changed): build anew."""
        values = list(items.values()) if values is None else values
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
        self.seen = values
        return True

    # --- searching ------------------------------------------------------------------------

    def _names_holding(self, st: State, word: str) -> Found | None:
        """The items that name a registry entry whose name holds `word`; None if no name
        holds it."""
        units, people, channels = self.named
        hit: list[array | int] = []
        hit += (where for code, where in units.items() if word in unit_name(st, code).lower())
        hit += (where for code, where in people.items() if word in person_name(st, code).lower())
        hit += (where for code, where in channels.items() if word in channel_name(st, code).lower())
        if not hit:
            return None
        n = self.n
        bits = [where for where in hit if isinstance(where, int)]
        lists = [where for where in hit if not isinstance(where, int)]
        if sum(map(len, lists)) * DENSE >= n:  # many: marked, not sorted
            found = Found(n, mask=bytes(ordinals_mask(itertools.chain.from_iterable(lists), n)))
        else:
            found = Found(n, ordinals=distinct(sorted(itertools.chain.from_iterable(lists))))
        if bits:
            found = found | Found(self.n, mask=unpack(functools.reduce(operator.or_, bits), self.n))
        return found

    def _find(self, word: str, among: Found | None) -> Found:
        """The items whose own text holds `word` (of `among`, if given: the only items that
        may), reading only the blocks that hold it: in each, the candidates tested in their
        texts, or, if it is found in fewer places than that, followed from one place to the
        next. The texts of the items found come along when every block was read the first way
        (a search typed on then tests only those)."""
        mask = among.mask if among is not None and among.dense else None
        candidates = among.ordinals if among is not None and mask is None else None
        out: list[int] = []
        texts: list[str] | None = [] if among is not None else None
        i = 0
        for b, block in enumerate(self.blocks):
            starts, base = self.starts[b], b * BLOCK
            rows = len(starts) - 1
            part: list[int] | None = None
            if candidates is not None:
                j = bisect_left(candidates, base + rows, i)
                part, i = candidates[i:j], j
                if not part:
                    continue
            if part is None or len(part) > FEW:
                found = block.count(word)
                if not found:
                    continue
                if mask is not None:
                    part = list(map(add, compress(range(rows), mask[base : base + rows]), repeat(base)))
            if part is not None and (len(part) <= FEW or len(part) < found * 4):  # test each candidate
                local = list(map(sub, part, repeat(base)))
                spans = map(slice, gather(starts, local), gather(starts, list(map(add, local, repeat(1)))))
                read = list(map(block.__getitem__, spans))
                held = list(map(contains, read, repeat(word)))
                out += compress(part, held)
                if texts is not None:
                    texts += compress(read, held)
                continue
            texts = None
            find = block.find
            at = find(word)
            hits: list[int] = []
            while at >= 0:
                k = bisect_right(starts, at) - 1
                hits.append(base + k)
                at = find(word, starts[k + 1])
            if part is not None:
                kept = set(part)
                hits = [k for k in hits if k in kept]
            out += hits
        return Found(self.n, ordinals=out, texts=texts)

    def holding(self, st: State, word: str, among: Found | None = None) -> Found:
        """The items whose search text holds `word` (a word of `queries.search_words`); of
        `among` if given."""
        n = self.n
        keys = dict.fromkeys([*word, *map(str.__add__, word, word[1:])])  # its characters and pairs
        chars = [self.bits[c] for c in keys if c in self.bits]
        if among is not None and among.texts is not None:  # typing on: their texts at hand
            held = list(map(contains, among.texts, repeat(word)))
            own = Found(n, ordinals=list(compress(among.ordinals, held)), texts=list(compress(among.texts, held)))
        elif chars:
            bits = chars[0]
            for more in chars[1:]:
                bits &= more
            own = Found(n, mask=unpack(bits, n))
            if among is not None:
                own = own & among
            if len(word) > 2 or word not in self.bits:  # not exact: each candidate read
                own = self._find(word, own)
        else:
            own = self._find(word, among)
        names = self._names_holding(st, word)
        if names is None:
            return own
        return own | (names if among is None else names & among)

    def select(self, st: State, words: list[str], among: Found | None = None) -> Found:
        """The items whose search text holds every word (of `among`, if given); their texts
        along if they are few, so that a search typed on reads only those."""
        for word in words:
            among = self.holding(st, word, among)
        if among is None:
            return Found(self.n, ordinals=list(range(self.n)))
        if among.texts is None and not among.dense:
            among.texts = self.read(among.ordinals)
        return among

    def read(self, ordinals: list[int]) -> list[str]:
        """The own texts of the items `ordinals` (ascending)."""
        out: list[str] = []
        i = 0
        for b, block in enumerate(self.blocks):
            starts, base = self.starts[b], b * BLOCK
            j = bisect_left(ordinals, base + len(starts) - 1, i)
            if j > i:
                local = list(map(sub, ordinals[i:j], repeat(base)))
                spans = map(slice, gather(starts, local), gather(starts, list(map(add, local, repeat(1)))))
                out += map(block.__getitem__, spans)
            i = j
        return out


class Found:
    """Items found: as a mask (one 0/1 byte per item number) or as their numbers in order,
    whichever was made; the other made when asked for. Many items are best kept as a mask,
    combined with another as integers of bits, in C; few as numbers."""

    __slots__ = ("_mask", "_ordinals", "n", "texts")

    def __init__(
        self, n: int, *, mask: bytes | None = None, ordinals: list[int] | None = None, texts: list[str] | None = None
    ) -> None:
        self.n, self._mask, self._ordinals = n, mask, ordinals
        # the items' own texts, aligned with `ordinals`, kept only for few items
        self.texts = texts if texts is not None and ordinals is not None and not self.dense else None

    def bare(self) -> Found:
        """The same items without their texts, in their smallest form (to remember a search)."""
        if self.dense:
            return Found(self.n, mask=self.mask)
        return Found(self.n, ordinals=array("I", self.ordinals))  # type: ignore[arg-type]

    @property
    def mask(self) -> bytes:
        if self._mask is None:
            self._mask = bytes(ordinals_mask(self.ordinals, self.n))
        return self._mask

    @property
    def ordinals(self) -> list[int]:
        if self._ordinals is None:
            self._ordinals = ones(self.mask)
        elif isinstance(self._ordinals, array):  # kept compact (`bare`)
            return list(self._ordinals)
        return self._ordinals

    def __len__(self) -> int:
        return len(self._ordinals) if self._ordinals is not None else self.mask.count(1)

    @property
    def dense(self) -> bool:
        """Many enough that a mask is the cheaper form (an eighth of the items)."""
        return len(self) * DENSE >= self.n

    def __and__(self, other: Found) -> Found:
        both_masks = self._mask is not None and other._mask is not None
        if both_masks or (self.dense and other.dense):
            return Found(self.n, mask=both(self.mask, other.mask))
        few, many = (self, other) if len(self) <= len(other) else (other, self)
        return Found(self.n, ordinals=among_mask(few.ordinals, many.mask))

    def __or__(self, other: Found) -> Found:
        if self.dense or other.dense:
            return Found(self.n, mask=either(self.mask, other.mask))
        return Found(self.n, ordinals=distinct(sorted(self.ordinals + other.ordinals)))


def ones(mask: bytes) -> list[int]:
    """The places of the 1s of a mask: for few, from the lengths of the runs of 0s between
    them (in C, without an integer for every place); for many, by testing every place."""
    if mask.count(1) * 8 >= len(mask):
        return list(compress(range(len(mask)), mask))
    runs = mask.split(b"\x01")[:-1]
    return list(map(sub, itertools.accumulate(map(add, map(len, runs), repeat(1))), repeat(1)))


def distinct(ordered: list[int]) -> list[int]:
    """An ordered list without its repeats."""
    return list(compress(ordered, map(ne, ordered, itertools.chain(itertools.islice(ordered, 1, None), (-1,)))))


def gather(seq: Sequence[Any], at: Sequence[int]) -> list[Any]:
    """The elements of `seq` at the places `at`, in C."""
    if len(at) < 2:
        return [seq[k] for k in at]
    return list(itemgetter(*at)(seq))


def among_mask(among: list[int], mask: bytes | bytearray) -> list[int]:
    """Those of `among` that `mask` keeps."""
    return list(compress(among, gather(mask, among)))


def ordinals_mask(ordinals: Iterable[int], n: int) -> bytearray:
    """A mask keeping `ordinals`."""
    mask = bytearray(n)
    deque(map(mask.__setitem__, ordinals, repeat(1)), 0)
    return mask


def places(ordinals: Sequence[int]) -> array:
    """Where each item number stands in an order given as its list of numbers."""
    where = array("I", bytes(4 * len(ordinals)))
    deque(map(where.__setitem__, ordinals, range(len(ordinals))), 0)
    return where


def in_order(found: list[int], where: array) -> list[int]:
    """The places in an order (`places` of it) of the items `found`, ascending."""
    return sorted(gather(where, found))


def both(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    """The items in both masks."""
    return (int.from_bytes(a) & int.from_bytes(b)).to_bytes(len(a))


def either(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    """The items in either mask."""
    return (int.from_bytes(a) | int.from_bytes(b)).to_bytes(len(a))
