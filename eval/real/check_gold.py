#!/usr/bin/env python3
"""Check the real-article gold files against their texts and sources.

NOTE (helper B, domains disaster/sport/science/culture): a first version of this file by helper A
was overwritten by accident when both helpers created it at the same minute; this version checks
at least what the brief asks (quotes once, intervals, ids, sha256). Improve it freely.

usage: check_gold.py [STORY ...] [--fill-hashes]

For each texts/_gold/<story>.json (the annotators' quoted gold, git-ignored; build.py freezes it into gold/) (or only the named stories) it checks:
  - every doc id of the gold has a text file texts/<story>/<doc>.txt (or texts/<doc>.txt)
  - each item's quote (and each not_event quote) occurs exactly once in its text
    (exact match; a match after the scorer's normalisation is reported as a warning-level error
    so quotes are kept byte-exact)
  - each item's date is null or a valid [start, end] interval of ISO days with start <= end
  - each doc's dct is a valid interval
  - item ids are unique (within the file and across all gold files)
  - same_claim / different ids exist; same_claim groups join items of different docs
  - items' doc ids and not_events' doc ids are known docs; each doc has 6..10 items
  - doc ids are unique on their first 3 characters (score.py matches article dates by key[:3])
  - actors are canonical names (keys of "aliases" or names used as-is), listed without duplicates
  - sources/<story>.json: one entry per text, sha256 and chars match the text file
--fill-hashes rewrites sha256 and chars of sources/*.json from the text files first.
Exit status 1 when an error is found.
"""
import hashlib
import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def norm_text(s):  # as score.py
    s = unicodedata.normalize("NFC", s or "")
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ").replace("\u202f", " ")
    s = re.sub(r"[\u201c\u201d\u00ab\u00bb]", '"', s)
    return re.sub(r"\s+", " ", s).strip().lower()


def iso(s):
    try:
        return date.fromisoformat(s)
    except (TypeError, ValueError):
        return None


def text_path(story, doc):
    for p in (ROOT / "texts" / story / f"{doc}.txt", ROOT / "texts" / f"{doc}.txt"):
        if p.exists():
            return p
    return None


def fill_hashes(story):
    sp = ROOT / "sources" / f"{story}.json"
    if not sp.exists():
        return
    src = json.loads(sp.read_text(encoding="utf-8"))
    for e in src:
        doc = e["doc"].split("/")[-1]
        p = text_path(story, doc)
        if p:
            t = p.read_text(encoding="utf-8")
            e["sha256"] = hashlib.sha256(t.encode("utf-8")).hexdigest()
            e["chars"] = len(t)
    sp.write_text(json.dumps(src, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def check_story(story, all_ids, all_prefixes):
    errs = []
    gp = ROOT / "texts" / "_gold" / f"{story}.json"
    try:
        gold = json.loads(gp.read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        return [f"{story}: cannot read gold: {e}"], {}
    docs = gold.get("docs", {})
    texts = {}
    for doc, info in docs.items():
        p = text_path(story, doc)
        if not p:
            errs.append(f"{story}: no text for doc {doc}")
            continue
        texts[doc] = p.read_text(encoding="utf-8")
        dct = info.get("dct")
        if not (isinstance(dct, list) and len(dct) == 2 and iso(dct[0]) and iso(dct[1]) and iso(dct[0]) <= iso(dct[1])):
            errs.append(f"{story}: bad dct for {doc}: {dct}")
        if not info.get("note"):
            errs.append(f"{story}: no note for doc {doc}")
        pre = doc[:3]
        if pre in all_prefixes and all_prefixes[pre] != doc:
            errs.append(f"{story}: doc {doc} shares its first 3 characters with {all_prefixes[pre]} (score.py dct matching)")
        all_prefixes.setdefault(pre, doc)

    def quote_ok(where, doc, quote):
        if doc not in texts:
            errs.append(f"{story}: {where}: unknown doc {doc}")
            return
        t = texts[doc]
        n = t.count(quote)
        if n != 1:
            nn = norm_text(t).count(norm_text(quote))
            errs.append(f"{story}: {where}: quote found {n} times exactly ({nn} normalised) in {doc}: {quote!r}")
        if "\n" in quote:
            errs.append(f"{story}: {where}: quote spans lines: {quote!r}")

    canon = set(gold.get("aliases", {}))
    alias_forms = {a: k for k, v in gold.get("aliases", {}).items() for a in v}
    ids = {}
    per_doc = {d: 0 for d in docs}
    for it in gold.get("items", []):
        iid = it.get("id")
        if not iid:
            errs.append(f"{story}: item without id: {it}")
            continue
        if iid in ids or iid in all_ids:
            errs.append(f"{story}: duplicate id {iid}")
        ids[iid] = it
        all_ids.add(iid)
        doc = it.get("doc")
        per_doc[doc] = per_doc.get(doc, 0) + 1
        quote_ok(f"item {iid}", doc, it.get("quote", ""))
        d = it.get("date")
        if d is not None:
            if not (isinstance(d, list) and len(d) == 2 and iso(d[0]) and iso(d[1]) and iso(d[0]) <= iso(d[1])):
                errs.append(f"{story}: item {iid}: bad date {d}")
        acts = it.get("actors")
        if not isinstance(acts, list):
            errs.append(f"{story}: item {iid}: actors must be a list")
        else:
            if len(set(acts)) != len(acts):
                errs.append(f"{story}: item {iid}: duplicate actors")
            for a in acts:
                if a in alias_forms and a not in canon:
                    errs.append(f"{story}: item {iid}: actor {a!r} is an alias of {alias_forms[a]!r}, use the canonical name")
    for doc, n in per_doc.items():
        lo = 5 if docs.get(doc, {}).get("short_text") else 6  # a very short excerpt may hold only 5 sentences
        if doc in docs and not lo <= n <= 10:
            errs.append(f"{story}: doc {doc} has {n} items (want 6..10)")
    for g in gold.get("same_claim", []):
        for i in g:
            if i not in ids:
                errs.append(f"{story}: same_claim: unknown id {i}")
        dd = [ids[i]["doc"] for i in g if i in ids]
        if len(set(dd)) != len(dd):
            errs.append(f"{story}: same_claim group {g} has two items of one doc")
        if len(g) < 2:
            errs.append(f"{story}: same_claim group {g} has fewer than 2 ids")
    for p in gold.get("different", []):
        if len(p) != 2:
            errs.append(f"{story}: different: not a pair {p}")
        for i in p:
            if i not in ids:
                errs.append(f"{story}: different: unknown id {i}")
    same_pairs = {frozenset((g[i], g[j])) for g in gold.get("same_claim", []) for i in range(len(g)) for j in range(i + 1, len(g))}
    for p in gold.get("different", []):
        if frozenset(p) in same_pairs:
            errs.append(f"{story}: pair {p} is both same_claim and different")
    for ne in gold.get("not_events", []):  # page junk may repeat (e.g. "Partager sur:"): at least once
        doc, q = ne.get("doc"), ne.get("quote", "")
        if doc not in texts:
            errs.append(f"{story}: not_event: unknown doc {doc}")
        elif q not in texts[doc]:
            errs.append(f"{story}: not_event: quote not found in {doc}: {q!r}")
        else:
            for it in gold.get("items", []):
                if it.get("doc") == doc and norm_text(q) in norm_text(it.get("quote", "")):
                    errs.append(f"{story}: not_event {q!r} is inside item {it.get('id')}")

    # sources
    sp = ROOT / "sources" / f"{story}.json"
    if not sp.exists():
        errs.append(f"{story}: no sources file")
    else:
        src = json.loads(sp.read_text(encoding="utf-8"))
        seen = set()
        need = ["doc", "url", "outlet", "story", "domain", "captured", "query", "sha256", "chars", "date_in_text", "metadata_date"]
        for e in src:
            for k in need:
                if k not in e:
                    errs.append(f"{story}: source {e.get('doc')}: missing {k}")
            doc = str(e.get("doc", "")).split("/")[-1]
            seen.add(doc)
            if e.get("domain") not in ("disaster", "sport", "science", "culture", "politics", "justice", "economy"):
                errs.append(f"{story}: source {doc}: odd domain {e.get('domain')}")
            md = e.get("metadata_date")
            if md is not None and not iso(md):
                errs.append(f"{story}: source {doc}: metadata_date not YYYY-MM-DD: {md}")
            p = text_path(story, doc)
            if not p:
                errs.append(f"{story}: source {doc}: no text file")
                continue
            t = p.read_text(encoding="utf-8")
            if hashlib.sha256(t.encode("utf-8")).hexdigest() != e.get("sha256"):
                errs.append(f"{story}: source {doc}: sha256 mismatch")
            if len(t) != e.get("chars"):
                errs.append(f"{story}: source {doc}: chars {e.get('chars')} != {len(t)}")
        for doc in docs:
            if doc not in seen:
                errs.append(f"{story}: doc {doc} has no sources entry")
        tdir = ROOT / "texts" / story
        if tdir.is_dir():
            for p in tdir.glob("*.txt"):
                if p.stem not in seen:
                    errs.append(f"{story}: text {p.name} has no sources entry")
                if p.stem not in docs:
                    errs.append(f"{story}: text {p.name} is not in the gold docs")
    stats = {
        "docs": len(docs),
        "items": len(ids),
        "same_pairs": len(same_pairs),
        "different": len(gold.get("different", [])),
        "not_events": len(gold.get("not_events", [])),
        "outlets": len({str(d).split("__")[-1] for d in docs}),
    }
    return errs, stats


def main(argv):
    fill = "--fill-hashes" in argv
    names = [a for a in argv if not a.startswith("--")]
    stories = names or sorted(p.stem for p in (ROOT / "texts" / "_gold").glob("*.json"))
    if fill:
        for s in stories:
            fill_hashes(s)
    all_ids, all_prefixes = set(), {}
    n_err = 0
    tot = {}
    for s in stories:
        errs, stats = check_story(s, all_ids, all_prefixes)
        for e in errs:
            print("ERROR", e)
        n_err += len(errs)
        if stats:
            print(f"ok-ish {s}: " + " ".join(f"{k}={v}" for k, v in stats.items()) + ("" if not errs else f" errors={len(errs)}"))
            for k, v in stats.items():
                tot[k] = tot.get(k, 0) + v
    print("TOTAL " + " ".join(f"{k}={v}" for k, v in tot.items()) + f" errors={n_err}")
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
