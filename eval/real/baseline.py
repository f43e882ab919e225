#!/usr/bin/env python3
"""The naive baseline factx is measured against on the real corpus (docs/real.md).

    .venv/bin/python eval/real/baseline.py OUT/input OUT/gold.json > baseline.json

Each spaCy sentence is an event; its date is the first date dateparser finds in it, counted from the
article's date, or else the article's date; its actors are the PER entities spaCy finds; nothing is
merged. The article's date is given (the gold's first day for each document), as in the issue's
"dates given" row: the baseline measures what factx adds beyond dates it is handed.
"""

from __future__ import annotations

import json
import sys
import warnings
from datetime import date, datetime
from pathlib import Path


def _body(text: str) -> str:
    """The article without the header lines build.py writes (front matter, URL:)."""
    lines = text.splitlines()
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1:]
    return "\n".join(line for line in lines if not line.startswith("URL: "))


def main(folder: Path, gold_path: Path) -> None:
    import spacy
    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    nlp = spacy.load("fr_core_news_md")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    documents, events = [], []
    for path in sorted(folder.glob("*.txt")):
        doc_id = path.stem
        dct = date.fromisoformat(gold["docs"][doc_id]["dct"][0])
        documents.append({"id": doc_id, "date": {"start": dct.isoformat(), "end": dct.isoformat()}})
        base = datetime(dct.year, dct.month, dct.day)
        for block in _body(path.read_text(encoding="utf-8")).split("\n"):
            if not block.strip():
                continue
            for sentence in nlp(block).sents:
                text = sentence.text.strip()
                found = search_dates(text, languages=["fr"], settings={"RELATIVE_BASE": base}) or []
                day = found[0][1].date() if found else dct
                events.append({"date": {"start": day.isoformat(), "end": day.isoformat()},
                               "actors": sorted({e.text for e in sentence.ents if e.label_ == "PER"}),
                               "mentions": [{"doc": doc_id, "sentence": text}]})
    json.dump({"documents": documents, "events": events}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
