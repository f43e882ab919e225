"""Everything the date reader finds in a fixed set of texts, one line per expression: the proof that a
change to factx/temporal/ which should change nothing changed nothing.

    .venv/bin/python bench/temporal_snapshot.py /tmp/before.txt
    ... edit ...
    .venv/bin/python bench/temporal_snapshot.py /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt

Texts: the team's temporal gold and held-out sentences (at their DCT, with no anchor, and with the tense
forced each way), the French TimeBank dev texts with their tags removed (at their DCT and with no
anchor) when ../shared/corpus/fr-timebank-dev is there (read at run time, never copied), and the
samples/ articles (at the date the pipeline gives them, and with no anchor). For each text it also
writes the article date the reader infers from the text alone, and the reading of a few dates a user
types.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# beside the checkout, or beside the folder of worktrees it is one of
TIMEBANK = next((p for p in (ROOT.parent / "shared" / "corpus" / "fr-timebank-dev",
                             ROOT.parent.parent / "shared" / "corpus" / "fr-timebank-dev") if p.is_dir()),
                ROOT.parent / "shared" / "corpus" / "fr-timebank-dev")
TODAY = date(2026, 1, 1)  # the day no inferred article date may pass: fixed, so the output is the clock's no more
USER_DATES = ("2024", "2024-06", "2024-06-18", "juin 2024", "20 juin 2024", "la semaine dernière", "hier",
              "mardi dernier", "June 2024", "3 days ago", "31 février 2024", "n'importe quoi", "l'été 2023",
              "début 2025", "le 3/05/24", "Noël dernier")


def gold_texts() -> list[tuple[str, str, date]]:
    out = []
    for name in ("temporal_gold.json", "temporal_heldout.json", "temporal_heldout2.json"):
        path = ROOT / "tests" / "data" / name
        if path.is_file():
            items = json.loads(path.read_text(encoding="utf-8"))
            items = items["items"] if isinstance(items, dict) else items
            out.extend((f"{name}:{it['id']}", it["text"], date.fromisoformat(it["dct"])) for it in items)
    return out


def timebank_texts() -> list[tuple[str, str, date]]:
    out = []
    if not TIMEBANK.is_dir():
        print(f"no {TIMEBANK}: the TimeBank texts are left out", file=sys.stderr)
    for path in sorted(TIMEBANK.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct = re.search(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", raw, re.S).group(1)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
        out.append((f"timebank:{path.stem}", re.sub(r"<[^>]+>", "", body), date.fromisoformat(dct[:10])))
    return out


def sample_texts() -> list[tuple[str, str, object]]:
    from factx.ingest import Source, load_article
    from factx.temporal import resolve_document_date

    out = []
    for path in sorted((ROOT / "samples").rglob("*")):
        if path.suffix not in (".txt", ".md", ".html"):
            continue
        article = load_article(Source(path.stem, path))
        if not hasattr(article, "text"):
            continue
        dd = resolve_document_date(article.text, metadata=article.metadata_date,
                                   metadata_source=article.metadata_date_source, byline=article.byline, today=TODAY)
        out.append((f"samples:{path.relative_to(ROOT)}", article.text, dd))
    return out


def lines_of(label: str, text: str, anchor, tense=None) -> list[str]:
    from factx.temporal import find_temporal_expressions

    out = []
    for e in find_temporal_expressions(text, anchor, tense):
        iv = e.interval.to_dict() if e.interval else None
        out.append(f"{label}\t{e.start}-{e.end}\t{e.text!r}\t{e.timex_type}\t{e.value}\t{e.kind}\t{int(e.since)}\t"
                   f"{json.dumps(iv, sort_keys=True)}")
    return out


def document_date_line(label: str, text: str) -> str:
    from factx.temporal import infer_document_date

    found = infer_document_date(text, today=TODAY)
    return f"{label}\tDCT\t{json.dumps(found and found.to_dict(), sort_keys=True)}\t{found and found.anchor}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    from factx.temporal import parse_user_date

    lines: list[str] = []
    for label, text, dct in gold_texts():
        lines += lines_of(f"{label}@dct", text, dct)
        lines += lines_of(f"{label}@none", text, None)
        lines += lines_of(f"{label}@past", text, dct, "past")
        lines += lines_of(f"{label}@future", text, dct, "future")
        lines.append(document_date_line(label, text))
    for label, text, dct in timebank_texts():
        lines += lines_of(f"{label}@dct", text, dct)
        lines += lines_of(f"{label}@none", text, None)
        lines.append(document_date_line(label, text))
    for label, text, dd in sample_texts():
        lines.append(f"{label}\tresolved\t{json.dumps(dd and dd.to_dict(), sort_keys=True)}\t{dd and dd.anchor}")
        lines += lines_of(f"{label}@dct", text, dd.anchor if dd else None)
        lines += lines_of(f"{label}@none", text, None)
        lines.append(document_date_line(label, text))
    for words in USER_DATES:
        try:
            lines.append(f"user\t{words}\t{json.dumps(parse_user_date(words, TODAY).to_dict(), sort_keys=True)}")
        except ValueError as exc:
            lines.append(f"user\t{words}\tValueError: {exc}")
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} lines -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
