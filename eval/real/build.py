#!/usr/bin/env python3
"""The real-article corpus, kept out of git as text and in git as offsets and hashes.

    python3 eval/real/build.py freeze            # texts/_gold/*.json (quotes) -> gold/*.json (offsets)
    python3 eval/real/build.py check             # every text present, hashes right, gold offsets land
    python3 eval/real/build.py make SPLIT OUT    # OUT/input/ (the texts as factx reads them) and OUT/gold.json

The texts are third-party: they live in texts/<story>/<doc>.txt, which git ignores; a machine that
lacks them captures them again with the `search` tool (corpus `pages`) from each source's `url` and
`query` in sources/<story>.json, and `check` says which are missing or changed. The gold written by
the annotators quotes the texts (texts/_gold/<story>.json, git-ignored); `freeze` keeps only where
each quote stands (start, end in the text) and its hash, which is what git holds in gold/.

`make` writes one folder per split of splits.json, the way the kept-aside sets are given to factx:
each text file starts with a `URL:` header line, and only an article whose date nothing but its
page's metadata holds (`date_in_text` false, a `metadata_date` known) gets that date as front
matter. The gold is rebuilt in score.py's format (../shared/eval/README.md).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
QUOTED_GOLD = TEXTS / "_gold"  # the annotators' gold, with quotes: never committed
GOLD = HERE / "gold"
SOURCES = HERE / "sources"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stories() -> list[str]:
    return sorted(p.stem for p in SOURCES.glob("*.json"))


def sources(story: str) -> list[dict]:
    return json.loads((SOURCES / f"{story}.json").read_text(encoding="utf-8"))


def text_of(story: str, doc: str) -> str | None:
    path = TEXTS / story / f"{doc}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def _locate(text: str, quote: str, where: str, unique: bool = True) -> dict:
    start = text.find(quote)
    if start < 0 or unique and text.find(quote, start + 1) >= 0:
        raise SystemExit(f"{where}: the quote must occur {'exactly once' if unique else ''} in its text")
    return {"start": start, "end": start + len(quote), "sha256": sha(quote)}


def freeze() -> None:
    """gold/<story>.json from texts/_gold/<story>.json: each quote replaced by its offsets and hash."""
    for path in sorted(QUOTED_GOLD.glob("*.json")):
        story = path.stem
        gold = json.loads(path.read_text(encoding="utf-8"))
        texts = {s["doc"]: text_of(story, s["doc"]) for s in sources(story)}
        items = []
        for item in gold["items"]:
            frozen = {k: v for k, v in item.items() if k != "quote"}
            frozen.update(_locate(texts[item["doc"]], item["quote"], f"{story} item {item['id']}"))
            items.append(frozen)
        # page junk may repeat ("Partager" under each photo): where it first stands is enough
        junk = [{"doc": j["doc"], **_locate(texts[j["doc"]], j["quote"], f"{story} junk in {j['doc']}", unique=False)}
                for j in gold.get("not_events", [])]
        # the annotators' notes quote the texts: only the dates a careful reader gives stay
        docs = {doc: {"dct": d["dct"]} for doc, d in gold["docs"].items()}
        frozen_gold = {"story": story, "aliases": gold.get("aliases", {}), "docs": docs, "items": items,
                       "same_claim": gold.get("same_claim", []), "different": gold.get("different", []),
                       "not_events": junk}
        (GOLD / f"{story}.json").write_text(json.dumps(frozen_gold, ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")
        print(f"{story}: {len(items)} items, {len(junk)} junk lines")


def check() -> int:
    """Every text present and unchanged, every frozen quote where the gold says; exit 1 otherwise."""
    problems = 0
    for story in stories():
        for s in sources(story):
            text = text_of(story, s["doc"])
            if text is None:
                print(f"missing: texts/{story}/{s['doc']}.txt (capture it again from {s['url']})")
                problems += 1
            elif sha(text) != s["sha256"]:
                print(f"changed: texts/{story}/{s['doc']}.txt (sha256 differs from sources/{story}.json)")
                problems += 1
        gold_path = GOLD / f"{story}.json"
        if not gold_path.exists():
            print(f"no gold: gold/{story}.json")
            problems += 1
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for item in [*gold["items"], *gold["not_events"]]:
            text = text_of(story, item["doc"])
            if text is not None and sha(text[item["start"]:item["end"]]) != item["sha256"]:
                print(f"gold/{story}.json: {item.get('id', 'junk')} does not land in its text")
                problems += 1
    print(f"{len(stories())} stories, {problems} problems")
    return 1 if problems else 0


def splits() -> dict[str, list[str]]:
    return json.loads((HERE / "splits.json").read_text(encoding="utf-8"))["splits"]


def make(split: str, out: Path) -> None:
    """OUT/input/<doc>.txt as factx reads them and OUT/gold.json in score.py's format."""
    chosen = splits()[split]
    (out / "input").mkdir(parents=True, exist_ok=True)
    merged: dict = {"aliases": {}, "docs": {}, "items": [], "same_claim": [], "different": [], "not_events": []}
    for story in chosen:
        for s in sources(story):
            text = text_of(story, s["doc"])
            if text is None or sha(text) != s["sha256"]:
                raise SystemExit(f"texts/{story}/{s['doc']}.txt missing or changed: run 'build.py check'")
            header = f"URL: {s['url']}\n\n"
            if not s.get("date_in_text") and s.get("metadata_date"):
                header = f"---\ndate: {s['metadata_date']}\n---\n" + header
            (out / "input" / f"{s['doc']}.txt").write_text(header + text, encoding="utf-8")
        gold = json.loads((GOLD / f"{story}.json").read_text(encoding="utf-8"))
        for name, forms in gold["aliases"].items():
            merged["aliases"].setdefault(name, [])
            merged["aliases"][name] += [f for f in forms if f not in merged["aliases"][name]]
        merged["docs"].update(gold["docs"])
        for item in gold["items"]:
            quote = text_of(story, item["doc"])[item["start"]:item["end"]]
            merged["items"].append({"id": item["id"], "doc": item["doc"], "quote": quote, "date": item["date"],
                                    "actors": item["actors"]})
        merged["same_claim"] += gold["same_claim"]
        merged["different"] += gold["different"]
        merged["not_events"] += [{"doc": j["doc"], "quote": text_of(story, j["doc"])[j["start"]:j["end"]]}
                                 for j in gold["not_events"]]
    (out / "gold.json").write_text(json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{split}: {len(chosen)} stories, {len(merged['docs'])} texts, {len(merged['items'])} items -> {out}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["freeze"]:
        freeze()
        return 0
    if argv[:1] == ["check"]:
        return check()
    if argv[:1] == ["make"] and len(argv) == 3:
        make(argv[1], Path(argv[2]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
