"""A reader process: open the published store, answer one question, close; again until told to stop.

Usage: python -m helpers.reader_loop SELECTOR STOP_FILE OUT_JSON. Every answer is recorded as the store's
triple count and the number of rows of `conflicts`; failures are recorded with their message.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kg.catalogue import run_query
from kg.store import open_store


def main(selector: str, stop_file: Path, out: Path) -> None:
    answers: list[list[int]] = []
    failures: list[str] = []
    deadline = time.monotonic() + 120
    while not stop_file.exists() and time.monotonic() < deadline:
        try:
            store = open_store(selector, must_exist=True)
            answers.append([store.triple_count(), len(run_query(store, "conflicts").rows)])
            store.close()
        except Exception as error:  # recorded, the test fails on any
            failures.append(f"{type(error).__name__}: {error}")
    out.write_text(json.dumps({"answers": answers, "failures": failures}), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
