"""The commentary model, fitted on labelled sentences of the real corpus (issue 18, item 5).

    python3 eval/real/build.py make dev /tmp/cm_dev                          # the texts, as factx is given them
    .venv/bin/python eval/real/fit_commentary.py inputs /tmp/cm_dev/input    # recompute the table's inputs
    .venv/bin/python eval/real/fit_commentary.py cv                          # cross-validation only, printed
    .venv/bin/python eval/real/fit_commentary.py fit                         # refit, rewrite models/commentary.json

The table is tests/data/commentary_labels.csv: one row per sentence factx turns into event mentions
on the dev split (32 stories, 157 texts), named by its document, its character offsets in the
cleaned text and the first 12 hex digits of its text's sha1 (no article text: the texts are third
party and stay out of git), with its label and the model's inputs (factx/commentary.py `INPUTS`).
Labels (guideline: docs/commentary.md):
- `fact`, source `gold`: the sentence holds a gold item of eval/real/gold/ (an annotator dated it:
  a fact by construction);
- `fact`, `commentary` or `junk`, source `manual`: every other sentence, labelled by hand. `junk`
  (page furniture, credits) is neither and is left out of the fit.

`inputs` runs factx's own stages (reading, parse, actors, dates, events) over the texts and records,
for each row, the inputs `is_commentary` computed for its sentence; a row whose sentence is no longer
found (the hash differs, or factx no longer makes it an event) is reported and keeps its old inputs.

`fit` needs scikit-learn (the runtime applies the weights with numpy). The threshold is chosen by
cross-validation across stories (GroupKFold by story): over the out-of-fold probabilities of every
row, the lowest threshold whose precision on "commentary" is at least TARGET_PRECISION (a fact
hidden costs more than a comment shown), which gives the best recall at that precision. The model
is then fitted on every row.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

TABLE = ROOT / "tests" / "data" / "commentary_labels.csv"
WEIGHTS = ROOT / "models" / "commentary.json"
KEYS = ("doc", "story", "start", "end", "sha1", "label", "source")
TARGET_PRECISION = 0.90
FOLDS = 5
# inverse strengths of the L2 penalty tried; the one whose out-of-fold probabilities rank the rows best
# (average precision on "commentary") is kept
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
# "commentary" rows are few (about one in eighteen); weighting them up ("balanced") ranked the
# sentences no better in cross-validation, and the threshold is chosen on the ranking anyway
CLASS_WEIGHT = None
# a threshold is only chosen over at least this many hidden rows (one row at precision 1 says nothing)
MIN_HIDDEN = 5


def sentence_hash(text: str) -> str:
    return hashlib.sha1(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:12]


def read_table() -> list[dict]:
    with TABLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_table(rows: list[dict], names: tuple[str, ...]) -> None:
    with TABLE.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=(*KEYS, *names), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def compute_inputs(input_dir: str) -> None:
    """Each row's inputs, as the pipeline computes them, from the texts of `input_dir`."""
    import factx.events as events
    import factx.pipeline as pipeline
    from factx import commentary
    from factx.actors import Gazetteer
    from factx.ingest import Rejected, discover_sources, load_article

    names = tuple(commentary.INPUTS)
    recorded: dict[tuple[str, int], tuple[str, list[float]]] = {}
    current = {"doc": ""}
    extract, judge = pipeline.extract_event_mentions, events.is_commentary

    def extract_recording(parsed, *args, **kwargs):
        current["doc"] = parsed.article.doc_id
        return extract(parsed, *args, **kwargs)

    def judge_recording(sentence, *args):
        view = commentary.view_of(sentence, *args)
        recorded[(current["doc"], sentence.start)] = (sentence_hash(sentence.text),
                                                       [round(float(x), 4) for x in commentary.inputs(view, names)])
        return judge(sentence, *args)

    pipeline.extract_event_mentions, events.is_commentary = extract_recording, judge_recording
    articles = [a for a in (load_article(s) if not isinstance(s, Rejected) else s for s in discover_sources([input_dir]))
                if not isinstance(a, Rejected)]
    for _ in pipeline.analyse_articles(articles, Gazetteer.load()):
        pass
    rows = read_table()
    missing = 0
    for row in rows:
        got = recorded.get((row["doc"], int(row["start"])))
        if got is None or got[0] != row["sha1"]:
            missing += 1
            print(f"not found: {row['doc']} {row['start']} {row['sha1']} ({row['label']})", file=sys.stderr)
            continue
        row.update(zip(names, got[1]))
    write_table(rows, names)
    print(f"{len(rows)} rows, {missing} not found; inputs written to {TABLE.relative_to(ROOT)}")


def _matrix(rows: list[dict]):
    import numpy as np
    from factx.commentary import INPUTS

    names = tuple(INPUTS)
    absent = [n for n in names if n not in rows[0]]
    if absent:
        raise SystemExit(f"the table lacks inputs {absent}: run 'inputs' first")
    kept = [r for r in rows if r["label"] in ("fact", "commentary")]
    x = np.array([[float(r[n]) for n in names] for r in kept])
    y = np.array([r["label"] == "commentary" for r in kept], dtype=int)
    return names, kept, x, y, [r["story"] for r in kept]


def _model(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight=CLASS_WEIGHT, max_iter=10000)


def _out_of_fold(x, y, groups, c: float):
    import numpy as np
    from sklearn.model_selection import GroupKFold

    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        oof[test] = _model(c).fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return oof


def _threshold(oof, y) -> tuple[float, tuple[float, float, int], bool]:
    """The lowest threshold whose precision is at least TARGET_PRECISION over MIN_HIDDEN rows or more;
    when none is, the one of the highest precision over MIN_HIDDEN rows or more (the most rows among
    equals), and False."""
    import numpy as np

    points = []
    for t in sorted(set(np.round(oof, 6)), reverse=True):
        hidden = oof >= t
        if hidden.sum() < MIN_HIDDEN:
            continue
        tp = int((hidden & (y == 1)).sum())
        points.append((float(t), (tp / int(hidden.sum()), tp / int(y.sum()), int(hidden.sum()))))
    met = [p for p in points if p[1][0] >= TARGET_PRECISION]
    if met:
        return (*met[-1], True)
    best = max(points, key=lambda p: (round(p[1][0], 6), p[1][2]))
    return (*best, False)


def cross_validate(rows: list[dict]) -> dict:
    """Out-of-fold probabilities by story, the penalty that ranks best, the threshold for
    TARGET_PRECISION, and what it gives."""
    import numpy as np
    from sklearn.metrics import average_precision_score
    from sklearn.model_selection import GroupKFold

    names, kept, x, y, groups = _matrix(rows)
    ranked = {c: _out_of_fold(x, y, groups, c) for c in C_GRID}
    scores = {c: float(average_precision_score(y, oof)) for c, oof in ranked.items()}
    c = max(C_GRID, key=lambda k: scores[k])
    oof = ranked[c]
    threshold, best, met = _threshold(oof, y)
    hidden = oof >= threshold
    manual = np.array([r["source"] == "manual" for r in kept])
    folds = []
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        h, yy = hidden[test], y[test]
        folds.append({"stories": len(set(groups[i] for i in test)), "rows": int(len(test)), "commentary": int(yy.sum()),
                      "hidden": int(h.sum()), "right": int((h & (yy == 1)).sum())})
    return {"names": names, "c": c, "average_precision": scores, "target_met": met, "threshold": threshold, "precision": best[0], "recall": best[1], "hidden": best[2],
            "rows": len(y), "commentary": int(y.sum()), "folds": folds,
            "facts_hidden": [(kept[i]["doc"], kept[i]["start"], kept[i]["source"], round(float(oof[i]), 3))
                             for i in np.flatnonzero(hidden & (y == 0))],
            "manual_precision": float((hidden & manual & (y == 1)).sum() / max((hidden & manual).sum(), 1)),
            "gold_facts_hidden": int((hidden & ~manual).sum())}


def report(cv: dict) -> None:
    print(f"penalty C={cv['c']} (average precision by C: {cv['average_precision']})")
    if not cv["target_met"]:
        print(f"no threshold reaches precision {TARGET_PRECISION} over {MIN_HIDDEN} rows or more: the most precise kept")
    print(f"{cv['rows']} rows, {cv['commentary']} commentary; threshold {cv['threshold']:.3f}: "
          f"precision {cv['precision']:.2f}, recall {cv['recall']:.2f} ({cv['hidden']} hidden), "
          f"gold facts hidden {cv['gold_facts_hidden']}")
    for f in cv["folds"]:
        print(f"  fold: {f}")
    for fact in cv["facts_hidden"]:
        print(f"  fact hidden: {fact}")


def fit(rows: list[dict]) -> None:
    from factx.commentary import INPUTS

    cv = cross_validate(rows)
    report(cv)
    names, kept, x, y, _ = _matrix(rows)
    model = _model(cv["c"]).fit(x, y)
    out = {
        "_comment": "The commentary model (factx/commentary.py): a logistic regression over the inputs of one sentence. "
                    "Written by eval/real/fit_commentary.py fit from tests/data/commentary_labels.csv: do not edit by hand, refit.",
        "inputs": {n: INPUTS[n][0] for n in names},
        "weights": {n: round(float(w), 6) for n, w in zip(names, model.coef_[0])},
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": {"value": round(cv["threshold"], 6),
                      "why": (f"the lowest probability whose out-of-fold precision on 'commentary' (GroupKFold by story, "
                              f"{FOLDS} folds, penalty C={cv['c']} of {list(C_GRID)} by average precision) is at least "
                              f"{TARGET_PRECISION} over {MIN_HIDDEN} rows or more: a fact hidden costs more than a comment shown"
                              if cv["target_met"] else
                              f"no probability reaches an out-of-fold precision of {TARGET_PRECISION} on 'commentary' over "
                              f"{MIN_HIDDEN} rows or more (GroupKFold by story, {FOLDS} folds, penalty C={cv['c']} of "
                              f"{list(C_GRID)} by average precision): the one of the highest precision, "
                              f"{cv['precision']:.2f} over {cv['hidden']} rows, so that few facts are hidden")},
        "fitted_on": {"table": str(TABLE.relative_to(ROOT)), "rows": cv["rows"], "commentary": cv["commentary"]},
        "cross_validation": {"precision": round(cv["precision"], 4), "recall": round(cv["recall"], 4),
                             "hidden": cv["hidden"], "target_precision": TARGET_PRECISION, "target_met": cv["target_met"],
                             "penalty_c": cv["c"], "folds": cv["folds"]},
    }
    WEIGHTS.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("inputs", help="recompute the table's inputs from the texts").add_argument("input_dir")
    sub.add_parser("cv", help="cross-validation only, printed")
    sub.add_parser("fit", help="refit and rewrite models/commentary.json")
    args = parser.parse_args()
    if args.command == "inputs":
        compute_inputs(args.input_dir)
    elif args.command == "cv":
        report(cross_validate(read_table()))
    else:
        fit(read_table())


if __name__ == "__main__":
    main()
