"""Claim matching alone: `merge.merge_mentions` over N event mentions, in a process of its own.

    python -m bench.claims STORE.db 100000

The mentions are those of the store (the benchmark's full corpus). When the store holds fewer than
N, copies of them are added as if other outlets had told the same stories in earlier years: copy k
belongs to other documents and its dates move k years back. Prints one JSON line.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from dataclasses import replace


def _years_back(iv, years: int):
    if iv is None or years == 0:
        return iv

    def move(d):
        try:
            return d.replace(year=d.year - years)
        except ValueError:  # 29 February
            return d.replace(year=d.year - years, day=28)

    return replace(iv, start=move(iv.start), end=move(iv.end))


def mentions(db: str, count: int) -> tuple[list, int]:
    from factx.store import Store

    with Store.open(db, create=False) as store:
        base = store.all_mentions()
    out = list(base[:count])
    copy = 1
    while len(out) < count and base:
        for m in base[:count - len(out)]:
            out.append(replace(m, id=hashlib.sha1(f"{m.id}#{copy}".encode()).hexdigest()[:16],
                               doc_id=f"{m.doc_id}#{copy}", date=_years_back(m.date, copy)))
        copy += 1
    return out, len(base)


def main(db: str, count: int) -> None:
    from factx.merge import merge_mentions

    items, stored = mentions(db, count)
    start = time.perf_counter()
    events = merge_mentions(items)
    seconds = time.perf_counter() - start
    print(json.dumps({"mentions": len(items), "stored_mentions": stored, "events": len(events), "seconds": seconds}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
