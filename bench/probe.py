"""`factx` itself, run so the benchmark can see inside a command.

    python -m bench.probe extract corpus/ --db store.db

Runs the factx command line with the arguments given and, on exit, writes on stderr whether the
command imported spaCy (an unchanged re-run must not load the model) and how long merging took:
`bench: spacy=no merge=0.00`.
"""

from __future__ import annotations

import atexit
import sys
import time

_merge_seconds = 0.0


def _report() -> None:
    sys.stderr.write(f"\nbench: spacy={'yes' if 'spacy' in sys.modules else 'no'} merge={_merge_seconds:.2f}\n")


def _timed_merge(merge):
    def timed(*args, **kwargs):
        global _merge_seconds
        start = time.perf_counter()
        try:
            return merge(*args, **kwargs)
        finally:
            _merge_seconds += time.perf_counter() - start

    return timed


if __name__ == "__main__":
    atexit.register(_report)
    if sys.argv[1:2] == ["extract"]:  # other commands must not pay for importing the pipeline
        import factx.pipeline

        factx.pipeline.merge_with_memory = _timed_merge(factx.pipeline.merge_with_memory)
    from factx.cli import app

    app(prog_name="factx")
