"""The crash harness: faults injected into the write path (`faults`), runs judged from outside
(`runner`); `bench/harness.py` prints its figures, `test_crash.py` runs it in small."""
