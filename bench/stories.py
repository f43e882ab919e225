"""Score factx on the test stories of bench/stories/ with the team's scorer (../shared/eval/score.py).

Each story is a folder of articles written for the purpose (invented events, not the seeds) with a
hand-made gold file in the scorer's format: a check that rules made on the seeds hold elsewhere.

    .venv/bin/python -m bench.stories            # every story
    .venv/bin/python -m bench.stories feux -v    # one story, with the scorer's list of misses
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORIES = Path(__file__).resolve().parent / "stories"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def score_story(folder: Path, verbose: bool = False) -> str:
    """The scorer's output for one story: its last line, or all of it with `verbose`."""
    factx = str(Path(sys.executable).parent / "factx")
    with tempfile.TemporaryDirectory(prefix="factx-story-") as tmp:
        db, timeline = str(Path(tmp) / "story.db"), Path(tmp) / "timeline.json"
        subprocess.run([factx, "extract", str(folder / "articles"), "--db", db, "-q"], check=True)
        timeline.write_text(subprocess.run([factx, "timeline", "--db", db, "--json"], capture_output=True, text=True,
                                           check=True).stdout, encoding="utf-8")
        out = subprocess.run([sys.executable, str(SCORER), str(folder / "gold.json"), str(timeline)],
                             capture_output=True, text=True, check=True).stdout
    return out if verbose else out.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="stories to score (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every figure and miss")
    args = parser.parse_args(argv)
    if not SCORER.exists():
        print(f"{SCORER}: not found (the scorer lives in ../shared/eval)", file=sys.stderr)
        return 1
    names = args.names or sorted(p.name for p in STORIES.iterdir() if (p / "gold.json").exists())
    for name in names:
        print(f"{name}: {score_story(STORIES / name, args.verbose)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
