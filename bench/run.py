"""The scale benchmark (issue 5): one command, figures from one run, written to docs/benchmarks.md.

    .venv/bin/python -m bench.run                      # 5,000 articles (about 2 million words)
    .venv/bin/python -m bench.run --articles 500       # a quick check that everything works
    .venv/bin/python -m bench.run --only d,g --report /tmp/bench.md   # the re-runs and claim matching alone

It builds the corpus at run time (bench/corpus.py, in a temporary folder unless --work is given;
nothing generated is committed), then measures on the same texts and the same model:

  a. spaCy alone (`nlp.pipe`, the components factx uses, the same batch size): the ceiling;
  b. `factx extract --workers 1`, end to end, and its ratio to (a);
  c. `factx extract --workers 2` against (b), and whether both stores hold the same timeline;
  d. a second `factx extract` over the unchanged corpus, and one after 1% of the files changed;
  e. peak resident memory (factx and its worker processes together) at the subset and the full corpus;
  f. `factx timeline --json`, and a filtered timeline, over the full store;
  g. claim matching (`merge.merge_mentions`) over 100,000 mentions;
  and `factx dates` throughput on plain French text (and on the French TimeBank dev texts when
  ../shared/corpus/fr-timebank-dev exists; they are read at run time, never copied).

(a), (b) and (c) run on the first --subset articles (a fifth of the corpus by default), so that the
full run stays under half an hour on two cores. Every command runs in its own process, timed by
the wall clock from start to exit; a watchdog stops any that goes past --max-minutes (--claims-minutes for (g)) or past
--max-memory of the machine's RAM, and the report says so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from .corpus import ROOT, build_corpus, change_files, plain_texts

REPORT = ROOT / "docs" / "benchmarks.md"
PROFILE_NOTES = Path(__file__).resolve().parent / "profile.md"
TIMEBANK = ROOT.parent / "shared" / "corpus" / "fr-timebank-dev"
PYTHON = sys.executable
PARTS = ("a", "b", "c", "d", "e", "f", "g", "dates")
TARGETS = {"b": 0.85, "c": 1.6, "d_same": 20, "d_changed": 10, "e": 1.10, "f": 1.0, "g": 30.0, "dates": 5000}


# ---------------------------------------------------------------------------------------------
# Running a command: wall time and the peak memory of its process tree

@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes, the most the process and its children held at one time
    returncode: Optional[int]
    stderr: str
    stopped: Optional[str] = None  # why the watchdog stopped it

    @property
    def ok(self) -> bool:
        return self.stopped is None and self.returncode in (0, 3)


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out.extend(int(x) for x in f.read().split())
    except OSError:
        pass
    return out


def _tree_rss(pid: int) -> int:
    total, todo, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        todo.extend(_children(p))
    return total


def run(cmd: list[str], *, stdin: Optional[Path] = None, stdout: Optional[Path] = None, max_seconds: float,
        max_rss: int) -> Run:
    """Run `cmd` (stdout to a file or discarded), sampling its tree's resident memory every 50 ms."""
    with open(stdin or os.devnull, "rb") as fin, open(stdout or os.devnull, "wb") as fout:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.PIPE, cwd=ROOT,
                                start_new_session=True)
        peak, stopped = 0, None
        err_chunks: list[bytes] = []
        reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
        reader.start()
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            elapsed = time.perf_counter() - start
            if elapsed > max_seconds or peak > max_rss:
                stopped = (f"stopped after {elapsed / 60:.0f} min" if elapsed > max_seconds
                           else f"stopped at {peak / 2**30:.1f} GB resident")
                os.killpg(proc.pid, 9)
                proc.wait()
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        reader.join(timeout=5)
    return Run(seconds, peak, proc.returncode, b"".join(err_chunks).decode("utf-8", "replace"), stopped)


# ---------------------------------------------------------------------------------------------
# The steps

@dataclass
class Report:
    args: argparse.Namespace
    machine: dict = field(default_factory=dict)
    corpus: dict = field(default_factory=dict)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # item, measure, figure, target
    notes: list[str] = field(default_factory=list)

    def row(self, item: str, measure: str, figure: str, target: str = "") -> None:
        self.rows.append((item, measure, figure, target))
        print(f"  {item:<3} {measure}: {figure}  {target}", flush=True)


def machine_info(model: str) -> dict:
    import spacy

    mem = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    try:
        model_version = __import__(model).__version__
    except Exception:  # the model package may not expose one; the report only names it then
        model_version = "?"
    return {"cores": os.cpu_count(), "cpu": cpu, "ram_bytes": mem, "python": platform.python_version(),
            "spacy": spacy.__version__, "model": f"{model} {model_version}", "sqlite": sqlite3.sqlite_version,
            "os": platform.platform(), "load": os.getloadavg()}


def words_of(files: list[Path]) -> int:
    from factx.ingest import Rejected, Source, load_article

    total = 0
    for path in files:
        article = load_article(Source(path.stem, path))
        if not isinstance(article, Rejected):
            total += len(article.text.split())
    return total


def factx(*args: str) -> list[str]:
    return [PYTHON, "-m", "bench.probe", *args]


def _gb(n: int) -> str:
    return f"{n / 2**30:.2f} GB"


def _check(value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "met" if ok else "NOT met"


def _merging(stderr: str) -> str:
    found = re.findall(r"bench: spacy=\w+ merge=([\d.]+)", stderr)
    return f"merging {float(found[-1]):.1f} s" if found else "merging ?"


def _summary_line(stderr: str) -> str:
    """factx's own account of the run: "5000 stored, 0 unchanged, 0 skipped; 61234 events"."""
    found = re.findall(r"factx: (\d+ stored, \d+ unchanged, \d+ skipped; \d+ events)", stderr)
    if found:
        return found[-1]
    last = stderr.strip().splitlines()[-1:] or ["no output"]
    return f"({last[0][:200]})"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="corpus size (default 5000)")
    parser.add_argument("--subset", type=int, default=None, help="articles for (a), (b), (c) (default: a fifth)")
    parser.add_argument("--mentions", type=int, default=100_000, help="mentions for (g) (default 100000)")
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--work", type=Path, default=None, help="keep the corpus and stores here")
    parser.add_argument("--max-minutes", type=float, default=10.0, help="watchdog: minutes per command")
    parser.add_argument("--claims-minutes", type=float, default=5.0, help="watchdog: minutes for (g)")
    parser.add_argument("--max-memory", type=float, default=0.5, help="watchdog: share of RAM per command")
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--only", default=",".join(PARTS),
                        help="the parts to run, comma-separated (default: all): " + ",".join(PARTS))
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    if not parts <= set(PARTS):
        parser.error(f"--only takes some of {','.join(PARTS)}")
    subset = args.subset or max(1, args.articles // 5)

    from factx.pipeline import ExtractOptions

    batch_size = ExtractOptions().batch_size
    report = Report(args)
    report.machine = machine_info(args.model)
    max_rss = int(report.machine["ram_bytes"] * args.max_memory)
    limits = dict(max_seconds=args.max_minutes * 60, max_rss=max_rss)
    work = args.work or Path(tempfile.mkdtemp(prefix="factx-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    try:
        print(f"bench: corpus of {args.articles} articles in {work}", flush=True)
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        t = time.perf_counter()
        files = build_corpus(corpus, args.articles)
        build_s = time.perf_counter() - t
        small = files[:subset]
        (work / "subset.json").write_text(json.dumps([str(p) for p in small]), encoding="utf-8")
        subset_dir = work / "subset"
        shutil.rmtree(subset_dir, ignore_errors=True)
        subset_dir.mkdir()
        for p in small:  # the same files, reachable as one folder (hard links: no copy)
            os.link(p, subset_dir / p.name)
        subset_words, all_words = words_of(small), words_of(files)
        report.corpus = {"articles": len(files), "words": all_words, "subset": len(small), "subset_words": subset_words,
                         "build_s": build_s}
        print(f"bench: {all_words} words; subset {len(small)} articles, {subset_words} words", flush=True)

        # a part not asked for is not run, nor are those only another part needs: (e) compares (c)
        # with the full run; (d), (e), (f) and (g) read the full store
        skipped = Run(0.0, 0, None, "", "not run")

        # (a) the ceiling
        a = run([PYTHON, "-m", "bench.bare_spacy", str(work / "subset.json"), args.model, str(batch_size)],
                stdout=work / "bare.json", **limits) if "a" in parts else skipped
        a_wps = None
        bare = json.loads((work / "bare.json").read_text()) if a.ok else None
        if bare:
            a_wps = bare["words"] / bare["pipe_s"]
            report.row("a", f"spaCy nlp.pipe alone, {len(small)} articles ({', '.join(bare['components'])}; "
                            f"batch {batch_size} blocks)",
                       f"{a_wps:,.0f} words/s (pipe {bare['pipe_s']:.1f} s; model load {bare['load_s']:.1f} s more)")
        elif "a" in parts:
            report.row("a", "spaCy nlp.pipe alone", f"failed: {a.stopped or a.stderr[-300:]}")

        # (b) factx, one process
        db_b, db_c = work / "b.db", work / "c.db"
        for db in (db_b, db_c):
            _remove_db(db)
        b = run(factx("extract", str(subset_dir), "--db", str(db_b), "--workers", "1"), **limits) \
            if parts & {"b", "c", "e"} else skipped
        b_wps = subset_words / b.seconds if b.ok else None
        if b.ok and a_wps and "b" in parts:
            ratio = b_wps / a_wps
            report.row("b", f"factx extract --workers 1, {len(small)} articles, end to end",
                       f"{b_wps:,.0f} words/s ({b.seconds:.1f} s, {_merging(b.stderr)}); {ratio:.2f} of (a)",
                       f"≥ {TARGETS['b']}: {_check(ratio, TARGETS['b'])}")
            if bare:
                with_load = subset_words / (bare["pipe_s"] + bare["load_s"])
                report.notes.append(f"(b) against spaCy including its model load ({with_load:,.0f} words/s): "
                                    f"{b_wps / with_load:.2f}.")
        elif b.ok and "b" in parts:  # (a) not run: the figure without its ratio
            report.row("b", f"factx extract --workers 1, {len(small)} articles, end to end",
                       f"{b_wps:,.0f} words/s ({b.seconds:.1f} s, {_merging(b.stderr)}); (a) not run", "")
        elif "b" in parts:
            report.row("b", "factx extract --workers 1", f"failed: {b.stopped or b.stderr[-300:]}")

        # (c) factx, two processes
        c = run(factx("extract", str(subset_dir), "--db", str(db_c), "--workers", "2"), **limits) \
            if parts & {"c", "e"} else skipped
        if c.ok and b.ok and "c" in parts:
            same = _timeline(db_b) == _timeline(db_c)
            report.row("c", f"factx extract --workers 2, {len(small)} articles",
                       f"{subset_words / c.seconds:,.0f} words/s ({c.seconds:.1f} s, {_merging(c.stderr)}); "
                       f"{b.seconds / c.seconds:.2f}× "
                       f"--workers 1; same timeline: {'yes' if same else 'NO'}",
                       f"≥ {TARGETS['c']}×: {_check(b.seconds / c.seconds, TARGETS['c'])}")
        elif "c" in parts:
            report.row("c", "factx extract --workers 2", f"failed: {c.stopped or c.stderr[-300:]}")

        # the full corpus: first run, re-run unchanged, re-run after 1% changed
        db = work / "full.db"
        _remove_db(db)
        first = run(factx("extract", str(corpus), "--db", str(db), "--workers", "2"), **limits) \
            if parts & {"d", "e", "f", "g"} else skipped
        if first.ok and "d" in parts:
            report.row("d", f"first factx extract --workers 2, {len(files)} articles",
                       f"{first.seconds:.1f} s ({all_words / first.seconds:,.0f} words/s, {_merging(first.stderr)}); "
                       f"{_summary_line(first.stderr)}")
            again = run(factx("extract", str(corpus), "--db", str(db), "--workers", "2"), **limits)
            spacy_loaded = "spacy=yes" in again.stderr
            report.row("d", "second run, corpus unchanged",
                       f"{again.seconds:.2f} s: {first.seconds / again.seconds:.0f}× faster; spaCy loaded: "
                       f"{'yes' if spacy_loaded else 'no'}; {_summary_line(again.stderr)}",
                       f"≥ {TARGETS['d_same']}×: {_check(first.seconds / again.seconds, TARGETS['d_same'])}")
            changed = change_files(files, 0.01)
            third = run(factx("extract", str(corpus), "--db", str(db), "--workers", "2"), **limits)
            if third.ok:
                report.row("d", f"third run, {len(changed)} files changed (1%)",
                           f"{third.seconds:.1f} s ({_merging(third.stderr)}): {first.seconds / third.seconds:.1f}× faster; "
                           f"{_summary_line(third.stderr)}",
                           f"≥ {TARGETS['d_changed']}×: {_check(first.seconds / third.seconds, TARGETS['d_changed'])}")
            else:
                report.row("d", "third run, 1% changed", f"failed: {third.stopped or third.stderr[-300:]}")
        elif first is not skipped:
            report.row("d", f"first factx extract --workers 2, {len(files)} articles",
                       f"failed: {first.stopped or first.stderr[-300:]} (documents stored by then: "
                       f"{_stored_documents(db)}); the re-runs and (f) need it finished",
                       f"≥ {TARGETS['d_same']}× and ≥ {TARGETS['d_changed']}×: not measured")

        # (e) memory: the subset run with two workers, and the full run
        if "e" in parts and c.ok and not first.ok and first.stopped:
            report.row("e", f"peak resident memory, --workers 2: {len(small)} → {len(files)} articles",
                       f"{_gb(c.peak_rss)} → at least {_gb(first.peak_rss)} when the full run was stopped",
                       f"≤ +{(TARGETS['e'] - 1) * 100:.0f}%: NOT met" if first.peak_rss > TARGETS["e"] * c.peak_rss
                       else "")
        if "e" in parts and c.ok and first.ok:
            growth = first.peak_rss / c.peak_rss
            report.row("e", f"peak resident memory, --workers 2: {len(small)} → {len(files)} articles",
                       f"{_gb(c.peak_rss)} → {_gb(first.peak_rss)} ({(growth - 1) * 100:+.0f}%)",
                       f"≤ +{(TARGETS['e'] - 1) * 100:.0f}%: {_check(growth, TARGETS['e'], higher_is_better=False)}")
            report.notes.append(f"(e) --workers 1 on {len(small)} articles: {_gb(b.peak_rss)} peak." if b.ok else "")

        # (f) reading the full store
        if "f" in parts and first.ok:
            for label, extra in (("factx timeline --json", ()),
                                 ("factx timeline --json --actor Poutine --since 2024-06 --until 2024-07",
                                  ("--actor", "Poutine", "--since", "2024-06", "--until", "2024-07"))):
                written = work / "timeline.json"
                runs = [run(factx("timeline", "--db", str(db), "--json", *extra), stdout=written, **limits)
                        for _ in range(3)]
                if all(r.ok for r in runs):
                    secs = statistics.median(r.seconds for r in runs)
                    report.row("f", f"{label}, full store (median of 3, process start included)",
                               f"{secs:.2f} s ({written.stat().st_size / 2**20:.1f} MB of JSON)",
                               f"< {TARGETS['f']:.0f} s: {_check(secs, TARGETS['f'], higher_is_better=False)}")
                else:
                    bad = next(r for r in runs if not r.ok)
                    report.row("f", label, f"failed: {bad.stopped or bad.stderr[-300:]}")

        # (g) claim matching
        if "g" in parts:
            source_db = db if first.ok else db_b
            out = work / "claims.json"
            g = run([PYTHON, "-m", "bench.claims", str(source_db), str(args.mentions)], stdout=out,
                    max_seconds=min(args.claims_minutes, args.max_minutes) * 60, max_rss=max_rss)
            if g.ok:
                found = json.loads(out.read_text())
                report.row("g", f"claim matching, {found['mentions']:,} mentions ({found['stored_mentions']:,} from the "
                                f"store, the rest copies in earlier years)",
                           f"{found['seconds']:.1f} s → {found['events']:,} events; peak {_gb(g.peak_rss)}",
                           f"< {TARGETS['g']:.0f} s: {_check(found['seconds'], TARGETS['g'], higher_is_better=False)}")
            else:
                report.row("g", f"claim matching, {args.mentions:,} mentions", f"failed: {g.stopped or g.stderr[-300:]}",
                           f"< {TARGETS['g']:.0f} s: NOT met")

        # factx dates
        if "dates" in parts:
            _dates_rows(report, work, min(args.articles, 1000), limits)
    finally:
        report.corpus["total_s"] = time.perf_counter() - began
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    write_report(report)
    print(f"bench: wrote {args.report.relative_to(ROOT) if args.report.is_relative_to(ROOT) else args.report}")
    return 0


def _stored_documents(db: Path) -> str:
    try:
        conn = sqlite3.connect(db)
        try:
            return str(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return "?"


def _remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _timeline(db: Path) -> dict:
    out = subprocess.run([PYTHON, "-m", "factx.cli", "timeline", "--db", str(db), "--json"], capture_output=True,
                         cwd=ROOT, check=True).stdout
    doc = json.loads(out)
    doc.pop("factx_version", None)
    return doc


def _dates_rows(report: Report, work: Path, texts: int, limits: dict) -> None:
    sets = [("plain text from the samples", _jsonl(work / "dates_samples.jsonl", [
        {"id": str(n), "text": text, "dct": "2024-06-20"} for n, text in enumerate(plain_texts(texts))]))]
    if TIMEBANK.is_dir():
        items = []
        for path in sorted(TIMEBANK.glob("*.tml")):  # read here, written only to the temporary folder
            raw = path.read_text(encoding="utf-8")
            dct = re.search(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", raw, re.S)
            body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
            if body:
                items.append({"id": path.stem, "text": re.sub(r"<[^>]+>", "", body.group(1)),
                              "dct": dct.group(1) if dct else None})
        sets.append((f"French TimeBank dev ({len(items)} texts)", _jsonl(work / "dates_timebank.jsonl", items)))
    for label, (path, words) in sets:
        runs = [run([PYTHON, "-m", "factx.cli", "dates", "-", "--jsonl"], stdin=path, **limits) for _ in range(3)]
        if all(r.ok for r in runs):
            secs = min(r.seconds for r in runs)
            report.row("dates", f"factx dates - --jsonl, {label}, {words:,} words (best of 3, start included)",
                       f"{words / secs:,.0f} words/s ({secs:.2f} s)",
                       f"≥ {TARGETS['dates']:,}: {_check(words / secs, TARGETS['dates'])}")
        else:
            bad = next(r for r in runs if not r.ok)
            report.row("dates", label, f"failed: {bad.stopped or bad.stderr[-300:]}")


def _jsonl(path: Path, items: list[dict]) -> tuple[Path, int]:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path, sum(len(i["text"].split()) for i in items)


def write_report(report: Report) -> None:
    m, c, args = report.machine, report.corpus, report.args
    lines = [
        "# Benchmarks",
        "",
        "Written by `.venv/bin/python -m bench.run"
        + (f" --articles {args.articles}" if args.articles != 5000 else "")
        + (f" --subset {args.subset}" if args.subset else "") + "` (bench/run.py); do not edit by hand: run it again.",
        f"Run of {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, {c.get('total_s', 0) / 60:.0f} minutes in all.",
        "",
        "## Machine",
        "",
        f"- {m['cores']} cores ({m['cpu']}), {m['ram_bytes'] / 2**30:.1f} GB RAM, {m['os']}",
        f"- Python {m['python']}, spaCy {m['spacy']}, {m['model']}, SQLite {m['sqlite']}",
        f"- load average when the run began: {', '.join(f'{x:.1f}' for x in m['load'])} (other work on the machine "
        "adds time to every figure)",
        "",
        "## Method",
        "",
        f"- Corpus: {c.get('articles', 0):,} articles, {c.get('words', 0):,} words after cleaning, generated at run time "
        "by bench/corpus.py from the eight articles in samples/: each takes the paragraphs of one sample and some of "
        "another, renames its people (a few invented names recur across many articles, most are rare), moves its "
        "dates to other months and years, and wraps it in page junk (menus, reading time, byline, share lines). "
        "Words are counted on the cleaned text, the text factx and spaCy read.",
        f"- (a), (b) and (c) read the first {c.get('subset', 0):,} articles ({c.get('subset_words', 0):,} words), so "
        "that the whole run fits in half an hour on two cores. (a) is spaCy alone in its own process: the same "
        "model, the components factx uses (every one but the sentence recogniser, which factx excludes since the "
        "parser cuts sentences), the same blocks (one line of cleaned text is one spaCy document, as in factx) and "
        "the same batch size; model loading is not counted in (a). (b) and (c) are `factx extract` from process "
        "start to exit: reading, cleaning, the model, dates, actors, events, the store, merging.",
        "- (d) runs `factx extract --workers 2` three times on the full corpus into one store: first, again "
        "unchanged, then after 1% of the files got one more paragraph. `spaCy loaded` says whether the "
        "process imported spaCy at all.",
        "- (e) is the most resident memory factx and its worker processes held at one time (sampled every 50 ms), "
        "with --workers 2 on the subset and on the full corpus.",
        "- (f) times `factx timeline` over the full store, process start included (median of three).",
        "- (g) times `merge.merge_mentions` alone; the full store's mentions, completed to the count with copies "
        "moved to earlier years when the store holds fewer.",
        "- `factx dates` reads JSON lines on stdin (`factx dates - --jsonl`), process start included (best of three). "
        "The French TimeBank texts are read from ../shared/corpus/fr-timebank-dev at run time, tags removed.",
        "",
        "## Figures",
        "",
        "| | measure | figure | target |",
        "|---|---|---|---|",
    ]
    for item, measure, figure, target in report.rows:
        lines.append(f"| {item} | {measure} | {figure} | {target} |")
    notes = [n for n in report.notes if n]
    if notes:
        lines += ["", *[f"- {n}" for n in notes]]
    if PROFILE_NOTES.exists():
        lines += ["", PROFILE_NOTES.read_text(encoding="utf-8").strip()]
    report.args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
