"""Merge gold: how well factx merges the same claim told by several sources (issue 6, item 6).

    .venv/bin/python bench/merge_eval.py            # extract, score, print a summary, write docs/merging.md
    .venv/bin/python bench/merge_eval.py --json     # the same, plus every pair's outcome as JSON on stdout

The gold (tests/data/merge_gold.json) is a list of pairs of claim sentences from different articles, each
marked "merge" (the same claim, so factx must put both sentences in one event) or "not merge" (a
look-alike: same people or month, but another action, place or date). The articles are the ones in
samples/ and the test articles in tests/data/merge_articles/, each with its publication date in the gold.

The articles are extracted with the real pipeline (`run_extract`, which also merges), then each quote is
mapped to the event mention(s) of the sentence that contains it, and a pair counts as "merged" when a
mention of one side and a mention of the other end up in the same stored event. Scores are pairwise over
the gold pairs only (see `Evaluation`). The code here is the ONE place that does this: the pytest test
(tests/test_merge_gold.py) imports this file and calls `evaluate` with the session's model.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "merge_gold.json"
REPORT = ROOT / "docs" / "merging.md"
COMMAND = ".venv/bin/python bench/merge_eval.py"

MIN_PER_CLASS = 35  # issue 6: at least 35 pairs that must merge and 35 that must not
TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90

# the pair kinds the gold uses, and what they mean (docs/merging.md prints this table)
KINDS = {
    "paraphrase": "the same fact in other words (few shared content words)",
    "speech": "direct speech in one source, reported speech in the other",
    "role-vs-name": "a role phrase, pronoun or 'les deux dirigeants' in one source, the name in the other",
    "tense": "announced or planned in one source, done in the other ('se rendra' / 'est arrivé')",
    "date-wording": "the same day or period written differently ('mardi' / 'le 18 juin' / 'la veille')",
    "multi-claim-sentence": "one of the sentences states two claims with two dates; 'date' picks one",
    "different-action": "same people and time, another action",
    "different-actor": "same time and kind of action, other people",
    "different-place": "same people and action, another place",
    "different-date": "same people and action, another day or year",
    "plan-vs-cancellation": "a plan, and its cancellation or the opposite decision",
}

# the reasons a pair is predicted wrong, in the order they are told
REASONS = ("quote not found", "no mention", "sentence cut", "date differs", "actors differ", "places differ", "model says apart",
           "merged", "merged through other mentions", "other")


# -------------------------------------------------------------------------------------------------
# The gold file

def load_gold(path: Path = GOLD) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def check_gold(gold: dict, root: Path = ROOT) -> list[str]:
    """Problems with the gold file itself, found without the model (an empty list when it is well-formed)."""
    problems: list[str] = []
    docs = gold.get("docs", {})
    for stem, spec in docs.items():
        path = root / spec.get("path", "")
        if not path.is_file():
            problems.append(f"doc {stem}: no file {spec.get('path')!r}")
        elif path.with_suffix("").name != stem:
            problems.append(f"doc {stem}: file name {path.name!r} does not match the key")
        try:
            date.fromisoformat(spec.get("dct", ""))
        except (TypeError, ValueError):
            problems.append(f"doc {stem}: dct {spec.get('dct')!r} is not YYYY-MM-DD")
    seen: set[str] = set()
    sides_seen: dict[tuple, str] = {}
    for pair in gold.get("pairs", []):
        pid = pair.get("id", "?")
        if pid in seen:
            problems.append(f"{pid}: duplicate id")
        seen.add(pid)
        if not isinstance(pair.get("merge"), bool):
            problems.append(f"{pid}: 'merge' must be true or false")
        if not pair.get("why"):
            problems.append(f"{pid}: no 'why'")
        for kind in pair.get("kinds", []):
            if kind not in KINDS:
                problems.append(f"{pid}: unknown kind {kind!r}")
        for name in ("a", "b"):
            side = pair.get(name) or {}
            if side.get("doc") not in docs:
                problems.append(f"{pid}.{name}: unknown doc {side.get('doc')!r}")
            if not side.get("quote"):
                problems.append(f"{pid}.{name}: empty quote")
        a, b = pair.get("a") or {}, pair.get("b") or {}
        if a.get("doc") == b.get("doc"):
            problems.append(f"{pid}: both sides in document {a.get('doc')!r} (pairs are cross-source)")
        key = tuple(sorted([(a.get("doc"), a.get("quote"), a.get("date")), (b.get("doc"), b.get("quote"), b.get("date"))],
                           key=repr))
        if key in sides_seen:
            problems.append(f"{pid}: same two sides as {sides_seen[key]}")
        sides_seen[key] = pid
    pairs = gold.get("pairs", [])
    n_merge = sum(1 for p in pairs if p.get("merge") is True)
    n_apart = sum(1 for p in pairs if p.get("merge") is False)
    if n_merge < MIN_PER_CLASS or n_apart < MIN_PER_CLASS:
        problems.append(f"{n_merge} merge and {n_apart} not-merge pairs; each class needs at least {MIN_PER_CLASS}")
    return problems


# -------------------------------------------------------------------------------------------------
# Results

@dataclass(frozen=True)
class MentionInfo:
    """What the report says about one mention of a gold sentence."""

    id: str
    event: Optional[str]
    date: Optional[str]  # "2024-06-18" or "2024-06-18/2024-06-19"
    date_text: Optional[str]
    actors: tuple[str, ...]  # canonical person names, as the merge step compares them

    def describe(self) -> str:
        if self.date is None:
            when = f"undated ({self.date_text!r} not placed)" if self.date_text else "undated"
        else:
            when = f"{self.date} ({self.date_text!r})" if self.date_text else f"{self.date} (article date)"
        return f"{when}, actors {list(self.actors)}"


@dataclass
class PairOutcome:
    id: str
    gold: bool  # must merge
    predicted: bool  # found in one event
    kinds: tuple[str, ...]
    story: str
    why: str
    sentence_a: str
    sentence_b: str
    mentions_a: list[MentionInfo]
    mentions_b: list[MentionInfo]
    reasons: list[str] = field(default_factory=list)  # categories from REASONS, for a wrong prediction
    detail: str = ""  # one line, for a wrong prediction
    apart_by: list[str] = field(default_factory=list)  # for a look-alike kept apart: the conditions that did it

    @property
    def correct(self) -> bool:
        return self.gold == self.predicted

    @property
    def outcome(self) -> str:
        return {(True, True): "TP", (False, True): "FP", (True, False): "FN", (False, False): "TN"}[
            (self.gold, self.predicted)]


@dataclass
class Evaluation:
    """Pairwise scores over the gold pairs only.

    A predicted merge is a gold pair whose two sentences end up in the same event. TP: a must-merge pair
    predicted merged; FP: a must-not-merge pair predicted merged; FN: a must-merge pair left apart; TN: a
    must-not-merge pair left apart. precision = TP / (TP + FP), recall = TP / (TP + FN). Merges between
    sentences that no gold pair names are not counted.
    """

    outcomes: list[PairOutcome]
    problems: list[str]  # gold problems: structure, and quotes not in exactly one sentence
    documents: dict[str, dict]
    n_mentions: int
    n_events: int
    factx_version: str

    def count(self, kind: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == kind)

    @property
    def precision(self) -> Optional[float]:
        tp, fp = self.count("TP"), self.count("FP")
        return tp / (tp + fp) if tp + fp else None

    @property
    def recall(self) -> Optional[float]:
        tp, fn = self.count("TP"), self.count("FN")
        return tp / (tp + fn) if tp + fn else None

    @property
    def f1(self) -> Optional[float]:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)

    @property
    def errors(self) -> list[PairOutcome]:
        return [o for o in self.outcomes if not o.correct]

    def summary(self) -> dict:
        return {"pairs": len(self.outcomes), "merge": sum(o.gold for o in self.outcomes),
                "not_merge": sum(not o.gold for o in self.outcomes),
                "tp": self.count("TP"), "fp": self.count("FP"), "fn": self.count("FN"), "tn": self.count("TN"),
                "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "mentions": self.n_mentions, "events": self.n_events, "problems": len(self.problems)}


# -------------------------------------------------------------------------------------------------
# Extraction and scoring

def _norm(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def _interval(iv) -> Optional[str]:
    if iv is None:
        return None
    return iv.start.isoformat() if iv.start == iv.end else f"{iv.start.isoformat()}/{iv.end.isoformat()}"


@contextmanager
def _pipeline_using(nlp) -> Iterator[None]:
    """Make run_extract use the already loaded spaCy pipeline instead of loading its own."""
    import factx.pipeline as pipeline

    saved = pipeline.load_pipeline
    pipeline.load_pipeline = lambda model=None, patterns=(): nlp
    try:
        yield
    finally:
        pipeline.load_pipeline = saved


def stage_documents(gold: dict, folder: Path, root: Path = ROOT) -> Path:
    """Copy the gold articles into folder/articles/<stem><suffix>, each with a sidecar <file>.json holding
    its publication date (ingest reads it, and it wins over front matter and HTML metadata). The document
    ids factx gives them are then the stems the gold uses."""
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for stem, spec in sorted(gold["docs"].items()):
        src = root / spec["path"]
        dst = articles / f"{stem}{src.suffix}"
        shutil.copyfile(src, dst)
        dst.with_name(dst.name + ".json").write_text(json.dumps({"date": spec["dct"]}), encoding="utf-8")
    return articles


def evaluate(gold: dict, nlp, workdir: Path, root: Path = ROOT) -> Evaluation:
    """Extract the gold articles with `nlp` (a loaded factx pipeline: factx.nlp.load_pipeline with the
    gazetteer's patterns) into workdir/merge.db and score every gold pair."""
    from factx import __version__
    from factx.ingest import Article, discover_sources, load_article
    from factx.nlp import parse_articles
    from factx.pipeline import ExtractOptions, run_extract
    from factx.merge import judge_pairs
    from factx.store import Store

    problems = check_gold(gold, root)
    workdir = Path(workdir)
    articles = stage_documents(gold, workdir, root)
    db = workdir / "merge.db"
    if db.exists():
        db.unlink()
    with _pipeline_using(nlp):
        store = Store.open(db)
        try:
            report = run_extract([str(articles)], store, ExtractOptions())
            mentions = store.all_mentions()
            events = list(store.events())
        finally:
            store.close()
    for rejected in report.rejected:
        problems.append(f"article rejected by factx: {rejected.message}")

    # the sentences of each article, as the pipeline cuts them, to check that every quote names one
    loaded = [load_article(source) for source in discover_sources([str(articles)])]
    sentences: dict[str, list[str]] = {}
    for parsed in parse_articles(nlp, [item for item in loaded if isinstance(item, Article)]):
        sentences[parsed.article.doc_id] = [sentence.text for sentence in parsed.sentences]

    event_of = {m.id: e.id for e in events for m in e.mentions}
    names = _canonical_names(mentions)
    judge = judge_pairs(mentions)
    by_doc: dict[str, list] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)

    def info(m) -> MentionInfo:
        return MentionInfo(m.id, event_of.get(m.id), _interval(m.date), m.date_text,
                           tuple(dict.fromkeys(names.get(a, a) for a in m.actors)))

    outcomes: list[PairOutcome] = []
    for pair in gold["pairs"]:
        sides = []
        for name in ("a", "b"):
            side = pair[name]
            quote = _norm(side["quote"])
            holding = [s for s in sentences.get(side["doc"], []) if quote in _norm(s)]
            if len(holding) != 1:
                problems.append(f"{pair['id']}.{name}: quote {side['quote']!r} is in {len(holding)} sentences "
                                f"of {side['doc']}")
            found = [m for m in by_doc.get(side["doc"], []) if quote in _norm(m.sentence)]
            all_of_sentence = found
            if side.get("date"):
                wanted = _norm(side["date"]).casefold()
                found = [m for m in found if m.date_text and (wanted in _norm(m.date_text).casefold()
                                                              or _norm(m.date_text).casefold() in wanted)]
            sides.append((side, holding[0] if holding else "", found, all_of_sentence))
        (sa, sent_a, ma, alla), (sb, sent_b, mb, allb) = sides
        predicted = any(event_of.get(x.id) is not None and event_of.get(x.id) == event_of.get(y.id)
                        for x in ma for y in mb)
        outcome = PairOutcome(
            id=pair["id"], gold=pair["merge"], predicted=predicted, kinds=tuple(pair.get("kinds", ())),
            story=gold["docs"][sa["doc"]].get("story", "?"), why=pair.get("why", ""),
            sentence_a=sent_a or (ma[0].sentence if ma else ""), sentence_b=sent_b or (mb[0].sentence if mb else ""),
            mentions_a=[info(m) for m in ma], mentions_b=[info(m) for m in mb])
        if not outcome.correct:
            outcome.reasons, outcome.detail = _diagnose(outcome, (sa, sent_a, ma, alla), (sb, sent_b, mb, allb), judge)
        elif not outcome.gold:
            outcome.apart_by = (min((_failing(x, y, judge)[0] for x in ma for y in mb), key=len)
                                if ma and mb else ["no mention"])
        outcomes.append(outcome)

    return Evaluation(outcomes=outcomes, problems=problems,
                      documents={k: dict(v) for k, v in sorted(gold["docs"].items())},
                      n_mentions=len(mentions), n_events=len(events), factx_version=__version__)


def _canonical_names(mentions) -> dict[str, str]:
    """Person name -> the canonical name the merge step compares (spelling variants grouped)."""
    try:
        from factx.actors import canonical_person_names

        return dict(canonical_person_names(n for m in mentions for n in m.actors))
    except Exception:  # the diagnosis only; the scores never depend on it
        return {}


def _failing(x, y, judge) -> tuple[list[str], list[str]]:
    """Which of the merge step's conditions a pair of mentions fails (`merge.judge_pairs`):
    (categories, explanations)."""
    v = judge(x.id, y.id)
    cats, words = [], []
    if v.dates is None:
        cats.append("date differs")
        words.append(f"dates cannot agree: {_interval(x.date)} ({x.date_text or 'article date'!r}) vs "
                     f"{_interval(y.date)} ({y.date_text or 'article date'!r})")
    else:
        words.append(f"dates {v.dates}" + (" (one undated)" if v.dates == "open" and (x.date is None or y.date is None)
                                            else ""))
    if not v.persons_agree:
        cats.append("actors differ")
        words.append(f"persons differ: {sorted(x.actors)} vs {sorted(y.actors)}")
    if not v.places_agree and v.dates not in (None, "same"):
        cats.append("places differ")
        words.append("no place in common")
    words.append(f"actions: {v.frames} frames; similarity {v.clause_similarity:.2f} (clause), "
                 f"{v.sentence_similarity:.2f} (sentence)" + (f"; model {v.probability:.2f}, needs {v.threshold:.2f}"
                                                               if v.threshold is not None else ""))
    if v.score is not None and v.score < 0:
        cats.append("model says apart")
    return cats, words


def _looks_cut(sentence: str) -> bool:
    """A sentence the splitter cut out of a longer one: it starts with a hyphen or punctuation ("-Laure
    Pichon a...", ", a déclaré X"), or is a quotation cut off from its speech verb."""
    text = sentence.strip()
    return bool(text) and (text[0] in "-–,;:.)»" or text.endswith("»"))


def _diagnose(outcome: PairOutcome, side_a, side_b, judge) -> tuple[list[str], str]:
    cats, detail = _diagnose_mentions(outcome, side_a, side_b, judge)
    cut = [name for name, side in (("a", side_a), ("b", side_b)) if side[1] and _looks_cut(side[1])]
    if cut and outcome.gold:
        cats = ["sentence cut", *cats]
        detail = f"sentence {' and '.join(cut)} cut by the sentence splitter; " + detail
    return cats, detail


def _diagnose_mentions(outcome: PairOutcome, side_a, side_b, judge) -> tuple[list[str], str]:
    (sa, sent_a, ma, alla), (sb, sent_b, mb, allb) = side_a, side_b
    for name, (side, sent, found, whole) in (("a", side_a), ("b", side_b)):
        if not sent:
            return ["quote not found"], f"{name}: quote {side['quote']!r} not found in any sentence of {side['doc']}"
        if not found:
            if whole and side.get("date"):
                dates = ", ".join(repr(m.date_text) for m in whole)
                return ["no mention"], (f"{name}: no mention of the sentence has date words matching "
                                        f"{side['date']!r} (it has {dates})")
            return ["no mention"], f"{name}: the sentence gave no event mention (no date and no person found)"
    candidates = [(x, y, *_failing(x, y, judge)) for x in ma for y in mb]
    if outcome.gold:  # left apart: say what keeps the closest pair of mentions apart
        x, y, cats, words = min(candidates, key=lambda c: (len(c[2]), not _overlap(c[0], c[1]),
                                                           [REASONS.index(k) for k in c[2]]))
        if not cats:
            return ["other"], ("the pair passes every condition, but the clusters of its two sides could not join "
                               "(a member of one contradicts a member of the other); " + "; ".join(words))
        return cats, "; ".join(words)
    # merged although it must not: say whether the two mentions merged directly or through others
    same = [(x, y, cats, words) for x, y, cats, words in candidates if x.id != y.id
            and outcome_event(x, outcome) == outcome_event(y, outcome)]
    x, y, cats, words = min(same or candidates, key=lambda c: len(c[2]))
    if not cats:
        return ["merged"], "merged directly: " + "; ".join(words)
    return ["merged through other mentions"], "merged through other mentions of the event; directly: " + "; ".join(words)


def _overlap(x, y) -> bool:
    return x.date is not None and y.date is not None and x.date.start <= y.date.end and y.date.start <= x.date.end


def outcome_event(mention, outcome: PairOutcome) -> Optional[str]:
    for info in (*outcome.mentions_a, *outcome.mentions_b):
        if info.id == mention.id:
            return info.event
    return None


# -------------------------------------------------------------------------------------------------
# The report

def _pct(x: Optional[float]) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _cut(text: str, n: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def breakdown_by_kind(ev: Evaluation) -> list[tuple[str, str, int, int]]:
    """(kind, class, pairs, correct) for every kind and gold class that occurs."""
    rows = []
    for kind in KINDS:
        for gold_class in (True, False):
            group = [o for o in ev.outcomes if kind in o.kinds and o.gold == gold_class]
            if group:
                rows.append((kind, "merge" if gold_class else "not merge", len(group), sum(o.correct for o in group)))
    return rows


def breakdown_by_story(ev: Evaluation) -> list[tuple[str, int, int, int, int]]:
    """(story, merge pairs, merged, not-merge pairs, kept apart)."""
    stories = sorted({o.story for o in ev.outcomes})
    rows = []
    for story in stories:
        group = [o for o in ev.outcomes if o.story == story]
        must = [o for o in group if o.gold]
        apart = [o for o in group if not o.gold]
        rows.append((story, len(must), sum(o.predicted for o in must), len(apart), sum(not o.predicted for o in apart)))
    return rows


def reason_counts(ev: Evaluation) -> dict[str, Counter]:
    out = {"FN": Counter(), "FP": Counter()}
    for o in ev.errors:
        for r in o.reasons:
            out[o.outcome][r] += 1
    return out


def _model_section() -> list[str]:
    """How the pair decision was fitted, from the weights file bench/fit_merge.py writes."""
    raw = json.loads((ROOT / "models" / "merge_model.json").read_text(encoding="utf-8"))
    cv = raw["cross_validation"]
    lines = ["## The pair decision",
             "",
             "Two claims that no hard condition parts (dates that cannot agree, one sentence, persons that differ, "
             "places that differ on different days: `factx/merge/decision.py`) merge when a logistic regression "
             "over their inputs (`factx/merge/model.py`) says they are one claim with a probability of at least "
             f"{raw['threshold']['value']}. It is fitted by `bench/fit_merge.py` on `tests/data/merge_pairs.csv`: "
             f"{raw['fitted_on']['named_pairs']} named pairs ({raw['fitted_on']['same']} same claim; the real corpus's "
             "same-claim sets and look-alikes, eval/real/ dev, and this gold) and "
             f"{raw['fitted_on']['background_pairs']} background pairs, every pair of one real story that the "
             "annotators did not link and no hard condition parts: the look-alikes the candidate search hands the "
             "decision, in the proportion it does, all weighing alike. The threshold is the lowest at which a "
             "cross-validation across stories (GroupKFold) keeps a precision of 0.95 over the named pairs; the "
             "background is not counted in it, since the most alike of its pairs are often one claim the gold left "
             f"in two sets. Cross-validated: precision {cv['precision']}, recall {cv['recall']} over the named pairs "
             "(those a hard condition parts count as kept apart); it merges "
             f"{cv['background_merged']} of the {cv['background']} background pairs. This gold is part of the "
             "training pairs: its figures above are not held out (its out-of-fold figures are in the folds).",
             "",
             "| fold | stories | named pairs | same | TP | FP | FN | precision | recall | background merged |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {f['fold']} | {f['stories']} | {f['pairs']} | {f['same']} | {f['tp']} | {f['fp']} | {f['fn']} | "
              f"{f['precision']} | {f['recall']} | {f['background_merged']}/{f['background']} |" for f in cv["folds"]]
    lines += ["", "| input | weight | what |", "|---|---:|---|"]
    lines += [f"| `{name}` | {weight:+.3f} | {raw['inputs'][name]} |" for name, weight in raw["weights"].items()]
    lines += [f"| (intercept) | {raw['intercept']:+.3f} | |", ""]
    return lines


def render_markdown(ev: Evaluation) -> str:
    s = ev.summary()
    lines = [
        "# Merging: the team's gold set and the current scores",
        "",
        "<!-- Generated by `" + COMMAND + "`: edit the gold or the generator (bench/merge_eval.py), not this file. -->",
        "",
        "factx merges the same claim told by several sources into one event (`factx/merge/`). This page measures "
        "that step on a gold set of the team's own (issue 6, item 6): pairs of sentences from different articles "
        "that must end up in one event, and look-alike pairs that must not. Target: precision ≥ "
        f"{TARGET_PRECISION} and recall ≥ {TARGET_RECALL}.",
        "",
        "Run it (under a minute; it loads the spaCy model once):",
        "",
        f"    {COMMAND}          # prints the figures, rewrites this page",
        f"    {COMMAND} --json   # also prints every pair's outcome as JSON",
        "",
        "The same gold and the same evaluation function are checked by `tests/test_merge_gold.py` (well-formedness "
        "as a normal test; the targets as an `xfail` test until the merge step reaches them).",
        "",
        "## Current figures",
        "",
        f"factx {ev.factx_version}; {len(ev.documents)} articles extracted, {s['mentions']} event mentions, "
        f"{s['events']} events.",
        "",
        "| gold pairs | must merge | must not merge | TP | FP | FN | TN | precision | recall | F1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s['pairs']} | {s['merge']} | {s['not_merge']} | {s['tp']} | {s['fp']} | {s['fn']} | {s['tn']} | "
        f"{_pct(s['precision'])} | {_pct(s['recall'])} | {_pct(s['f1'])} |",
        "",
        f"Target: precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL}. "
        + ("Both are met." if (s["precision"] or 0) >= TARGET_PRECISION and (s["recall"] or 0) >= TARGET_RECALL
           else "Not met yet.")
        + f" Precision rests on {s['tp'] + s['fp']} predicted merges among the gold pairs: it only means much "
          "once recall is high, since a merge step that merges nothing keeps every look-alike apart.",
        "",
        *_model_section(),
        "## What is measured",
        "",
        "- **Pairwise, over the gold pairs only.** A *predicted merge* is a gold pair whose two sentences end up "
        "in the same event. TP = must-merge pair predicted merged; FP = must-not-merge pair predicted merged; "
        "FN = must-merge pair left apart; TN = must-not-merge pair left apart. "
        "precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = their harmonic mean. Merges between "
        "sentences that no gold pair names are not counted, so precision here is the precision on the "
        "look-alikes the gold chose, not over all pairs of mentions.",
        "- **Extraction.** The articles are copied into a temporary folder, each with a sidecar "
        "`<file>.json` `{\"date\": dct}` giving its publication date from the gold (ingest reads it; it "
        "wins over front matter and HTML metadata), and extracted with one `run_extract` call, the real "
        "pipeline including the merge. The events are read back from the store.",
        "- **From quote to mentions.** Each side of a pair names a document and a quote, a substring of "
        "exactly one sentence of the cleaned article (checked). Its mentions are the event mentions of that "
        "sentence. factx makes one mention per date in a sentence; when a sentence holds two claims with two "
        "dates, the side's `date` picks the mention whose date words contain it (or are contained in it). "
        "The pair is predicted merged if any mention of one side shares an event with any mention of the other.",
        "- **Why a pair is wrong** (the error list below). For a must-merge pair left apart, the closest pair "
        "of mentions is judged as the merge step judges it (`merge.judge_pairs`): dates that can agree "
        "('same', 'near', or 'open' when one side is undated), persons that agree (one side's include the "
        "other's), a place in common unless the days are the same, and the fitted model's probability that "
        "the two are one claim reaching its threshold (models/merge_model.json, fitted by bench/fit_merge.py); "
        "every failing condition is listed. A side with no mention at all is "
        "'no mention' (the sentence was not kept as an event mention, or no mention has the wanted date). "
        "For a must-not-merge pair that was merged, it says whether the two mentions passed the conditions "
        "directly or were chained through other mentions of the event.",
        "- Deterministic: same gold, same code, same model, same figures.",
        "",
        "## The gold",
        "",
        "`tests/data/merge_gold.json`: `docs` maps each document stem to its file and publication date (`dct`); "
        "each pair is `{\"id\", \"a\": {\"doc\", \"quote\", \"date\"?}, \"b\": {...}, \"merge\", \"kinds\", \"why\"}`. "
        "Every pair is cross-source (two different articles). The eight articles of `samples/` "
        "(docs/samples.md) are used with their documented dates, plus "
        "`tests/data/merge_articles/`: twenty short articles written for this gold, in the style of different "
        "outlets. Besides two on Poutine's June 2024 trip (Pyongyang, then Hanoï), they tell six made-up "
        "stories, each by three outlets: a rail strike, a Marseille ministers' summit, an appeal ruling, a "
        "municipal by-election, a football transfer and floods in the Var. The people, outlets and numbers "
        "of those six stories are invented.",
        "",
        "| document | published | story |",
        "|---|---|---|",
    ]
    for stem, spec in ev.documents.items():
        lines.append(f"| `{spec['path']}` | {spec['dct']} | {spec.get('story', '')} |")
    lines += ["", "Kinds of pairs (a pair may have several):", "", "| kind | meaning |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in KINDS.items()]

    lines += ["", "## Breakdown by kind", "",
              "For must-merge pairs, *correct* = merged (recall within the kind); for must-not-merge pairs, "
              "*correct* = kept apart.", "",
              "| kind | class | pairs | correct | share correct |", "|---|---|---:|---:|---:|"]
    for kind, cls, n, ok in breakdown_by_kind(ev):
        lines.append(f"| {kind} | {cls} | {n} | {ok} | {ok / n:.2f} |")
    lines += ["", "## Breakdown by story", "",
              "| story | must merge | merged | must not merge | kept apart |", "|---|---:|---:|---:|---:|"]
    for story, nm, ok_m, na, ok_a in breakdown_by_story(ev):
        lines.append(f"| {story} | {nm} | {ok_m} | {na} | {ok_a} |")

    counts = reason_counts(ev)
    lines += ["", "## Why pairs are wrong", "",
              "A must-merge pair left apart can fail several conditions at once, so the counts add up to more "
              "than the number of errors.", "",
              "| error | reason | pairs |", "|---|---|---:|"]
    for outcome, label in (("FN", "must merge, left apart"), ("FP", "must not merge, merged")):
        for reason in REASONS:
            if counts[outcome][reason]:
                lines.append(f"| {label} | {reason} | {counts[outcome][reason]} |")
    single = Counter(o.reasons[0] for o in ev.errors if o.outcome == "FN" and len(o.reasons) == 1)
    if single:
        lines += ["", "Must-merge pairs kept apart by one condition only (fixing that one alone would merge them):",
                  "", "| only reason | pairs |", "|---|---:|"]
        lines += [f"| {r} | {single[r]} |" for r in REASONS if single[r]]
    kept = [o for o in ev.outcomes if o.outcome == "TN"]
    if kept:
        by = Counter(r for o in kept for r in o.apart_by)
        only = Counter(o.apart_by[0] for o in kept if len(o.apart_by) == 1)
        lines += ["", "## What keeps the look-alikes apart", "",
                  "For each must-not-merge pair kept apart, the conditions of the merge step its closest pair of "
                  "mentions fails (several at once is robust; one alone is fragile: loosening that condition "
                  "would merge the pair).", "",
                  "| condition | look-alikes it keeps apart | the only one keeping them apart |", "|---|---:|---:|"]
        lines += [f"| {r} | {by[r]} | {only[r]} |" for r in REASONS if by[r]]
        none = sum(1 for o in kept if not o.apart_by)
        if none:
            lines.append(f"| none (kept apart for another reason) | {none} | |")
    lines += ["", "## Every wrong pair", ""]
    if not ev.errors:
        lines.append("None.")
    for o in ev.errors:
        lines += [f"- **{o.id}** ({o.outcome}: {'must merge' if o.gold else 'must not merge'}; "
                  f"{', '.join(o.kinds)}) — {_cell(o.why)}",
                  f"  - a: “{_cut(o.sentence_a)}” — " + ("; ".join(m.describe() for m in o.mentions_a) or "no mention"),
                  f"  - b: “{_cut(o.sentence_b)}” — " + ("; ".join(m.describe() for m in o.mentions_b) or "no mention"),
                  f"  - why: {o.detail}"]
    lines += ["", "## Gold problems", ""]
    lines += [f"- {p}" for p in ev.problems] or ["None: every quote is in exactly one sentence of its document."]
    lines += ["", "## Adding a pair", "",
              "Add the article (if new) under `tests/data/merge_articles/` and to `docs` with its publication date; "
              "add the pair with a quote copied from one sentence (and `date` if that sentence has two dates); "
              "keep both classes at least "
              f"{MIN_PER_CLASS}; run `{COMMAND}` and `.venv/bin/python -m pytest tests/test_merge_gold.py`. "
              "Do not write pairs to fit what factx does today: the gold says what a careful reader would merge.",
              ""]
    return "\n".join(lines)


def outcomes_json(ev: Evaluation) -> dict:
    return {"summary": ev.summary(), "problems": ev.problems,
            "pairs": [{**{k: v for k, v in asdict(o).items() if k not in ("mentions_a", "mentions_b")},
                       "outcome": o.outcome,
                       "mentions_a": [asdict(m) for m in o.mentions_a],
                       "mentions_b": [asdict(m) for m in o.mentions_b]} for o in ev.outcomes]}


def load_model():
    from factx.actors import Gazetteer
    from factx.nlp import DEFAULT_MODEL, load_pipeline

    return load_pipeline(DEFAULT_MODEL, Gazetteer.load().patterns())


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold file (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=REPORT, help="the Markdown report to write (default: %(default)s)")
    parser.add_argument("--no-write", action="store_true", help="do not write the report")
    parser.add_argument("--json", action="store_true", help="print every pair's outcome as JSON on stdout")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold)
    print("loading the spaCy model...", file=sys.stderr)
    nlp = load_model()
    with tempfile.TemporaryDirectory(prefix="factx-merge-eval-") as tmp:
        print(f"extracting {len(gold['docs'])} articles...", file=sys.stderr)
        ev = evaluate(gold, nlp, Path(tmp))
    s = ev.summary()
    print(f"pairs {s['pairs']} (merge {s['merge']}, not merge {s['not_merge']}): TP {s['tp']} FP {s['fp']} "
          f"FN {s['fn']} TN {s['tn']}; precision {_pct(s['precision'])} recall {_pct(s['recall'])} "
          f"F1 {_pct(s['f1'])}", file=sys.stderr)
    for p in ev.problems:
        print(f"gold problem: {p}", file=sys.stderr)
    if not args.no_write:
        args.out.write_text(render_markdown(ev), encoding="utf-8")
        print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}", file=sys.stderr)
    if args.json:
        json.dump(outcomes_json(ev), sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 1 if ev.problems else 0


if __name__ == "__main__":
    sys.exit(main())
