"""Merging: the same claim told by several sources (or twice by one) becomes one event.

Claims are compared, not whole sentences: two mentions are the same claim when their dates agree
(a day's slack; wider for approximate dates), their persons agree (the persons one side names
include all those the other names), the kind of action agrees (`models/event_frames.json` puts
"visite" and "se rendre", "signature" and "parapher" in one frame), their places do not
contradict, and what they say is close enough: shared content lemmas, or shared character grams
weighted by rarity (TF-IDF) for paraphrases with inflected words. Clusters grow best pair first,
and two clusters join only if no pair across them contradicts: chains of look-alikes cannot glue
two different events together. An undated mention that joins a dated event takes its date
(`resolved_by: "corpus"`); where the sources disagree on a date or a count, the event lists the
values in `conflicts`.

One module a job, in the order a merge runs them:
- parameters.py: the parameters of models/merge.json, read once and checked;
- lexicon.py: the words the merge reads (models/event_frames.json, temporal_fr.json, merge.json);
- claims.py: what a mention is compared on (its claim), once per wording;
- similarity.py: grams weighted by rarity, and sets and weights as rows for many pairs at once;
- candidates.py: which pairs are worth scoring (blocks, date sweeps, a prefix index for the undated);
- features.py: what the merge knows of each claim and each pair, as columns;
- decision.py: the rule over those features: can two claims be one, and how alike must they be;
- clustering.py: claims grouped best pair first, no contradiction inside a group;
- memory.py: what a merge leaves the next (kept in the store), so a re-run searches only new claims;
- build.py: events from groups of mentions (date, summary, modality, conflicts);
- estimates.py: undated articles' dates, estimated from the claims they share;
- engine.py: all of it in order; judge.py: the rule's verdict on given pairs, for diagnostics.
"""

from .build import Conflict, Event, event_modality, find_conflicts, sort_events
from .engine import merge_mentions, merge_with_memory
from .estimates import estimate_document_dates
from .judge import PairVerdict, judge_pairs, similarity
from .memory import MergeMemory, merge_rules

__all__ = ["Conflict", "Event", "MergeMemory", "PairVerdict", "estimate_document_dates", "event_modality",
           "find_conflicts", "judge_pairs", "merge_mentions", "merge_rules", "merge_with_memory", "similarity",
           "sort_events"]
