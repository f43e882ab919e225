"""How fast `factx dates` reads: words per second through `factx dates - --jsonl`, start-up included.

    .venv/bin/python bench/dates_speed.py            # prints the figures, writes docs/dates_speed.md
    .venv/bin/python bench/dates_speed.py --repeat 5

Texts: the French TimeBank dev half when ../shared/corpus/fr-timebank-dev is there (read at run time,
never copied into the repository), and the team's own samples/ and temporal gold sentences. Each set
is sent as JSON lines {"id", "text", "dct"}, exactly as ../shared/eval/timeml_score.py does, and
timed end to end (process start, imports, lexicon, reading, writing); the best of --repeat runs is
kept, since a shared 2-core machine only ever adds time.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEBANK = ROOT.parent / "shared" / "corpus" / "fr-timebank-dev"
REPORT = ROOT / "docs" / "dates_speed.md"
FACTX = Path(sys.executable).parent / "factx"


def timebank_lines() -> list[dict]:
    """The TimeBank dev texts with their DCT, as the scorer sends them (tags removed)."""
    out = []
    for path in sorted(TIMEBANK.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct = re.search(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", raw, re.S).group(1)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
        text = re.sub(r"<[^>]+>", "", body)
        out.append({"id": path.stem, "text": text, "dct": dct})
    return out


def team_lines() -> list[dict]:
    """samples/ articles (dated by their front matter, sidecar or nothing) and the temporal gold sentences."""
    out = []
    for path in sorted((ROOT / "samples").rglob("*")):
        if path.suffix in (".txt", ".md"):
            out.append({"id": str(path.relative_to(ROOT)), "text": path.read_text(encoding="utf-8"), "dct": "2024-06-20"})
    for name in ("temporal_gold.json", "temporal_heldout.json", "temporal_heldout2.json"):
        gold = ROOT / "tests" / "data" / name
        if gold.is_file():
            items = json.loads(gold.read_text(encoding="utf-8"))
            items = items["items"] if isinstance(items, dict) else items
            out.extend({"id": it["id"], "text": it["text"], "dct": it["dct"]} for it in items)
    return out


def words(lines: list[dict]) -> int:
    return sum(len(re.findall(r"\w+", line["text"])) for line in lines)


def time_factx_dates(lines: list[dict], repeat: int) -> float:
    payload = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([str(FACTX), "dates", "-", "--jsonl"], input=payload, capture_output=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"factx dates failed: {done.stderr.decode()[:500]}")
        if len(done.stdout.splitlines()) != len(lines):
            raise SystemExit("factx dates did not answer one line per input line")
        best = min(best, elapsed)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    sets = []
    if TIMEBANK.is_dir():
        sets.append(("French TimeBank dev half", timebank_lines()))
    sets.append(("team samples and temporal gold sentences", team_lines()))
    rows = []
    for name, lines in sets:
        n = words(lines)
        seconds = time_factx_dates(lines, args.repeat)
        rows.append((name, len(lines), n, seconds, n / seconds))
        print(f"{name}: {len(lines)} texts, {n} words, {seconds:.2f} s, {n / seconds:,.0f} words/s", file=sys.stderr)
    if not args.no_write:
        report = [
            "# How fast `factx dates` reads",
            "",
            "Regenerate with `.venv/bin/python bench/dates_speed.py` (it rewrites this page).",
            "",
            "Each set of texts goes through `factx dates - --jsonl` as JSON lines `{\"id\", \"text\", \"dct\"}`, the",
            "way `../shared/eval/timeml_score.py` sends them; the time is the whole process, start-up included,",
            f"best of {args.repeat} runs. Words are `\\w+` runs.",
            "",
            f"Machine: {platform.machine()}, Python {platform.python_version()}, {_cores()} cores.",
            "",
            "| texts | documents | words | seconds | words/s |",
            "|---|---:|---:|---:|---:|",
            *[f"| {name} | {docs} | {n:,} | {s:.2f} | {wps:,.0f} |" for name, docs, n, s, wps in rows],
            "",
            "Target (issue 3): at least 5,000 words/s; HeidelTime reads about 250 words/s here.",
            "",
        ]
        REPORT.write_text("\n".join(report), encoding="utf-8")
        print(f"wrote {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 0


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
