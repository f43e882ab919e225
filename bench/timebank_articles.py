"""The French TimeBank texts read as news articles: a look at factx on real articles of other stories.

    .venv/bin/python bench/timebank_articles.py               # counts, persons found, events of several mentions
    .venv/bin/python bench/timebank_articles.py --show        # and every document's events, for reading

The seeds tell one story; the kept-aside evaluation also reads real articles on other stories. The
French TimeBank (../shared/corpus/fr-timebank-dev) holds 54 Est Républicain articles from 1999 to 2003
(local news, politics, sport, obituaries) with their creation dates. Their text, without the TimeML
tags, is written to a temporary folder with each date in a sidecar `<file>.json` (as a user would
give it), and extracted with the real pipeline. Nothing here is scored: there is no gold for events
on these texts. It is for reading what factx makes of articles it was not written against; the
mistakes it showed (a role phrase beside another person's name, comparison dates, two sentences
guessed at the article's date merged on weak words, street names taken for persons) were fixed with
general rules, each with its own test.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEBANK = ROOT.parent / "shared" / "corpus" / "fr-timebank-dev"

sys.path.insert(0, str(ROOT))


def write_articles(source: Path, folder: Path) -> int:
    """Each .tml file as `<id>.txt` (its TEXT element without tags) and `<id>.txt.json` (its DCT)."""
    count = 0
    for path in sorted(source.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct = re.search(r"<DCT>.*?value=\"([\d-]+)\"", raw, re.S)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        if dct is None or body is None:
            continue
        text = html.unescape(re.sub(r"<[^>]+>", "", body.group(1))).strip()
        (folder / f"{path.stem}.txt").write_text(text + "\n", encoding="utf-8")
        (folder / f"{path.stem}.txt.json").write_text(json.dumps({"date": dct.group(1)}), encoding="utf-8")
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timebank", type=Path, default=TIMEBANK)
    parser.add_argument("--show", action="store_true", help="print every document's events")
    args = parser.parse_args()
    if not args.timebank.is_dir():
        print(f"{args.timebank}: not found", file=sys.stderr)
        return 1

    from factx.pipeline import run_extract
    from factx.store import Store

    with tempfile.TemporaryDirectory(prefix="factx-timebank-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        n = write_articles(args.timebank, folder)
        store = Store.open(Path(tmp) / "timebank.db")
        report = run_extract([str(folder)], store)
        events = list(store.events())
    mentions = sum(len(e.mentions) for e in events)
    persons = sorted({a for e in events for a in e.actors})
    print(f"{n} articles, {len(report.stored)} extracted, {mentions} event mentions, {len(events)} events")
    print(f"{len(persons)} persons: {', '.join(persons)}")
    by_doc: dict[str, list] = {}
    for e in events:
        for m in e.mentions:
            by_doc.setdefault(m.doc_id, []).append((e, m))
    several = [e for e in events if len(e.mentions) > 1]
    print(f"\n{len(several)} events of several mentions:")
    for e in several:
        print(f"- {e.date.edtf if e.date else 'undated'}: " + " | ".join(m.sentence[:90] for m in e.mentions))
    if args.show:
        for doc in sorted(by_doc):
            print(f"\n## {doc}")
            for e, m in by_doc[doc]:
                when = e.date.edtf if e.date else "undated"
                source = f" [{m.modality}{', ' + m.attributed_to if m.attributed_to else ''}]" if m.modality != "asserted" else ""
                print(f"- {when} ({m.date_text or 'no date words'}) {', '.join(e.actors)}{source}: {m.sentence[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
