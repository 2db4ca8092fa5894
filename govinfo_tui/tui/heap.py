"""A heap that gives back what the app's large tables free (glibc).

glibc serves a large allocation (a list or dict of a million references) by a mapping of its own,
returned whole when freed, until one such mapping is freed: then it raises its threshold to that
size and serves the next ones from the heap. The app makes and frees such tables at every poll
and step in time (a state's log, its lists by type, its item table, each a little longer than the
last), and from the heap their memory stays with the process, in holes too scattered to give
back: at a million events it grew 10-40 MB a poll (1,311 MiB after six appends and five steps
in time; 1,070 with the threshold held). Holding glibc's threshold at its starting value keeps
large tables in mappings of their own. Elsewhere (another C library, another system) nothing is
done.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
THRESHOLD = 128 * 1024  # glibc's own starting value: larger blocks get a mapping of their own
# While the whole journal is read (at the start, and again if a file is replaced): each
# file's bytes (a month, up to a megabyte or two) from the heap, where the next file reuses the
# place the last one left, instead of a new mapping whose every page the kernel must fault in
# and zero (0.1 s of a 2.5 s cold start at 1M events, for ~20 MB more at the end of the
# benchmark's walk).
READING = 2 * 1024 * 1024


def hold_threshold(threshold: int = THRESHOLD) -> bool:
    """Fix glibc's mmap threshold for this process (which also stops its adjustment); whether
    that was done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the process runs on
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, threshold) == 1
