#!/usr/bin/env python3
"""Write the texts and the sources file of one story from a raw capture file.

usage: save_texts.py texts/_raw/<story>.json

The raw file (git-ignored, under texts/) is a JSON object:
 {"story": slug, "domain": ..., "entries": [{"n": "a01", "outlet_slug": .., "outlet": .., "url": ..,
   "query": .., "excerpt": <the excerpt string exactly as the search tool returned it>,
   "date_in_text": bool, "metadata_date": "YYYY-MM-DD" | null}]}
The search tool prefixes some excerpts with " date YYYY-MM " (its own metadata, not article text):
that prefix is removed from the text and kept as "search_date" in the sources file.
Doc id = <n>_<story>__<outlet_slug> (the scorer matches documents on the first 3 characters).
"""
import hashlib, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def main():
    raw = json.load(open(sys.argv[1], encoding="utf-8"))
    story = raw["story"]
    os.makedirs(os.path.join(HERE, "texts", story), exist_ok=True)
    out = []
    for e in raw["entries"]:
        text = e["excerpt"]
        m = re.match(r"^ date (\d{4}-\d{2}) ", text)
        search_date = None
        if m:
            search_date = m.group(1)
            text = text[m.end():]
        doc = f"{e['n']}_{story}__{e['outlet_slug']}"
        path = os.path.join(HERE, "texts", story, doc + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        out.append({"doc": doc, "url": e["url"], "outlet": e["outlet"], "story": story,
                    "domain": raw["domain"], "captured": "search pages excerpt, 2026-12-07",
                    "query": e["query"], "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    "chars": len(text), "words": len(text.split()), "date_in_text": e["date_in_text"],
                    "metadata_date": e.get("metadata_date"), "search_date": search_date})
    with open(os.path.join(HERE, "sources", story + ".json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    for o in out:
        print(o["doc"], o["chars"], o["words"], o["search_date"])

if __name__ == "__main__":
    main()
