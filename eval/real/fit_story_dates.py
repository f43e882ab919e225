#!/usr/bin/env python3
"""Fit the same-story model of factx/merge/story_dates.py on the real corpus, and write its weights to
models/story_dates.json.

    python3 eval/real/build.py make dev /tmp/dev            # the split as factx is given it
    .venv/bin/factx extract /tmp/dev/input --db /tmp/dev.db -q
    .venv/bin/python eval/real/fit_story_dates.py pairs /tmp/dev.db   # -> eval/real/story_pairs.csv
    .venv/bin/python eval/real/fit_story_dates.py fit                 # -> models/story_dates.json

The labelled pairs are every pair of articles of the folder (same story or not, read from the doc
ids `xNN_<story>__<outlet>`), measured twice: in the whole split's folder (many stories side by side)
and in each story's folder alone (the usual user's folder: one story, where the words every article
shares are common, not rare). The table holds doc ids and similarities, no article text.

Cross-validation leaves one story out at a time: the model is fitted on the pairs that do not touch
it and predicts those that do. The threshold is the lowest probability at which the out-of-fold
predictions of the mixed folder are right at least 95% of the time; scikit-learn is needed here only.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PAIRS = HERE / "story_pairs.csv"
MODEL = ROOT / "models" / "story_dates.json"
TARGET_PRECISION = 0.95
LENDER_MAX_DAYS = 7
_STORY = re.compile(r"^[a-z]\d\d_(?P<story>.+?)__")


def story_of(doc_id: str) -> str:
    match = _STORY.match(Path(doc_id).stem)
    if match is None:
        raise SystemExit(f"{doc_id}: not a corpus doc id (xNN_<story>__<outlet>)")
    return match["story"]


def write_pairs(db: str) -> None:
    sys.path.insert(0, str(ROOT))
    from factx.merge.story_dates import StorySimilarity, document_profiles
    from factx.store import Store

    profiles = document_profiles(Store.open(db, create=False).all_mentions())
    folders = {"mixed": sorted(profiles)}
    for doc_id in sorted(profiles):
        folders.setdefault(story_of(doc_id), []).append(doc_id)
    rows = []
    for folder, docs in folders.items():
        similarity = StorySimilarity({d: profiles[d] for d in docs})
        for a, b in combinations(docs, 2):
            names, lemmas = similarity.pair(a, b)
            rows.append({"folder": folder, "doc_a": Path(a).stem, "doc_b": Path(b).stem,
                         "story_a": story_of(a), "story_b": story_of(b), "name_similarity": f"{names:.6f}",
                         "lemma_similarity": f"{lemmas:.6f}", "same_story": int(story_of(a) == story_of(b))})
    with PAIRS.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} pairs ({sum(r['same_story'] for r in rows)} same story) -> {PAIRS}")


def _read_pairs():
    import numpy as np

    with PAIRS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["name_similarity"]), float(r["lemma_similarity"])] for r in rows])
    y = np.array([int(r["same_story"]) for r in rows])
    return rows, x, y


def _precision_threshold(probabilities, labels) -> float:
    """The lowest probability at which every prediction above is right at least TARGET_PRECISION of the time."""
    import numpy as np

    order = np.argsort(-probabilities)
    right = np.cumsum(labels[order])
    precision = right / np.arange(1, len(order) + 1)
    ok = np.flatnonzero(precision >= TARGET_PRECISION)
    # the longest prefix that keeps the precision, then its last probability
    return float(probabilities[order][ok[-1]]) if len(ok) else 1.0


def fit() -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows, x, y = _read_pairs()
    stories = sorted({r["story_a"] for r in rows} | {r["story_b"] for r in rows})
    mixed = np.array([r["folder"] == "mixed" for r in rows])
    oof = np.zeros(len(rows))
    for story in stories:
        touches = np.array([story in (r["story_a"], r["story_b"]) for r in rows])
        model = LogisticRegression(class_weight="balanced").fit(x[~touches], y[~touches])
        oof[touches] = model.predict_proba(x[touches])[:, 1]
    threshold = _precision_threshold(oof[mixed], y[mixed])
    chosen = oof >= threshold
    folds = []
    for story in stories:
        touches = np.array([story in (r["story_a"], r["story_b"]) for r in rows]) & mixed
        tp = int((chosen & touches & (y == 1)).sum())
        fp = int((chosen & touches & (y == 0)).sum())
        single = np.array([r["folder"] == story for r in rows])
        folds.append({"story": story, "mixed_precision": round(tp / (tp + fp), 3) if tp + fp else None,
                      "mixed_recall": round(tp / max(1, int((touches & (y == 1)).sum())), 3),
                      "alone_recall": round(float(chosen[single].mean()), 3) if single.any() else None})
    tp, fp = int((chosen & mixed & (y == 1)).sum()), int((chosen & mixed & (y == 0)).sum())
    final = LogisticRegression(class_weight="balanced").fit(x, y)
    (name_w, lemma_w), intercept = final.coef_[0], final.intercept_[0]
    record = {
        "fitted": date.today().isoformat(), "pairs": len(rows), "same_story": int(y.sum()), "stories": len(stories),
        "cross_validation": "leave one story out",
        "mixed_precision": round(tp / max(1, tp + fp), 3),
        "mixed_recall": round(tp / max(1, int((mixed & (y == 1)).sum())), 3),
        "alone_recall": round(float(chosen[~mixed].mean()), 3), "folds": folds,
    }
    why = "fitted by eval/real/fit_story_dates.py (logistic regression on the labelled pairs of eval/real/story_pairs.csv)"
    out = {
        "_comment": "Whether two articles of a folder tell one story, from their similarities (factx/merge/story_dates.py). Written by eval/real/fit_story_dates.py; do not edit by hand: refit.",
        "_fit": record,
        "name_weight": {"value": round(float(name_w), 6), "why": f"how much shared persons, places and organisations say; {why}"},
        "lemma_weight": {"value": round(float(lemma_w), 6), "why": f"how much shared content words say; {why}"},
        "intercept": {"value": round(float(intercept), 6), "why": why},
        "threshold": {"value": round(threshold, 6), "why": f"the lowest probability at which the out-of-fold predictions on the mixed folder are right {TARGET_PRECISION:.0%} of the time"},
        "lender_max_days": {"value": LENDER_MAX_DAYS, "why": "an article known only within more days than this (a month, a year) says too little of when its story was told"},
        "slip_days": json.loads(MODEL.read_text(encoding="utf-8"))["slip_days"],
    }
    MODEL.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(record, indent=1))


def main(argv: list[str]) -> int:
    if argv[:1] == ["pairs"] and len(argv) == 2:
        write_pairs(argv[1])
    elif argv == ["fit"]:
        fit()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
