"""The re-run memory: what a merge leaves the next one (kept in the store), and the pairs a merge
scores given it: after a few documents changed, candidates are searched only for the new claims."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Optional

import numpy as np

from ..events import EventMention
from .candidates import candidate_pairs
from .claims import claim_key, partial_date, wording
from .decision import scored_pairs
from .features import ClaimColumns
from .parameters import parameters


@dataclass(frozen=True)
class MergeMemory:
    """What a merge leaves the next one: the claims it compared (by `claims.claim_key`) and the pairs of
    them that scored high enough to merge, or nearly; both those of the claims as the articles date
    them and those of the claims the events dated (undated articles' estimated dates), so that a
    re-run finds the claims of unchanged articles known either way. A re-run after a few files
    changed searches candidates only for the claims it does not know, and scores those with the
    pairs remembered here: what costs is the search, not the scoring. The scores are the new ones
    (the word weights move as documents come and go), so the clusters grow from the list a whole new
    merge would make, unless a pair the last merge left more than `memory_margin` below its
    threshold has come to pass it, or the search would now find a pair between known claims that it
    did not find then, or the other way round (the words that block it, `candidates.block_keys_of`,
    and the cut at `open_candidates` depend on all the claims). A re-run whose claims are all known
    merges as a whole merge does; a test bounds the difference when some are not."""

    rules: str  # the scoring rules the pairs were found under (`merge_rules`)
    # the claims' keys; and, as ESTIMATE_INPUTS + key, the inputs of each undated article's estimated
    # date (`estimates.estimates_with_inputs`): an article whose inputs are known keeps its stored estimate
    claims: frozenset
    pairs: tuple  # (claim key, claim key) of the pairs that scored within `memory_margin` of merging

    def estimate_inputs(self) -> frozenset:
        """The input keys of the estimates the merge left (`with_estimate_inputs`)."""
        return frozenset(k[len(ESTIMATE_INPUTS):] for k in self.claims if k.startswith(ESTIMATE_INPUTS))

    def with_estimate_inputs(self, inputs: frozenset) -> "MergeMemory":
        """The memory with the input keys of this merge's estimates, in place of any it held (kept
        with the claims: the store keeps the memory as claims and pairs)."""
        claims = frozenset(k for k in self.claims if not k.startswith(ESTIMATE_INPUTS))
        return replace(self, claims=claims | {ESTIMATE_INPUTS + k for k in inputs})


# what marks an estimate's input key among the claims' keys (which are 16 hexadecimal digits)
ESTIMATE_INPUTS = "estimate:"


def merge_rules() -> str:
    """A fingerprint of what decides which pairs are found and how they score: every parameter and
    rule of the code and every data file (ruleset.rules_fingerprint). Pairs found under other rules
    are not reused."""
    from ..ruleset import rules_fingerprint

    return rules_fingerprint()


def usable(memory: Optional[MergeMemory]) -> Optional[MergeMemory]:
    """The memory, if the pairs in it were found under the rules of this merge."""
    return memory if memory is not None and memory.rules == merge_rules() else None


def fresh_claims(keys: list[str], memory: Optional[MergeMemory]):
    """Which claims the memory does not know (a boolean per claim); None when every pair is to be
    searched: no memory, or one that knows too few of the claims to be worth it."""
    if memory is None or not keys:
        return None
    fresh = np.fromiter((k not in memory.claims for k in keys), dtype=bool, count=len(keys))
    return None if fresh.mean() > parameters().full_merge_share else fresh


def pairs_near_merging(columns: ClaimColumns, keys: list[str], memory: Optional[MergeMemory], fresh,
                       block_keys) -> list:
    """The pairs that score within `memory_margin` of merging, as (-score, i, j), best first: searched
    among all claims (`fresh` None), or among those with a fresh claim, the remembered pairs scored
    again with them (cheap: no search; the word weights moved a little). `block_keys()` gives the
    claims' blocks, when a search needs them."""
    margin = parameters().memory_margin
    if fresh is None:
        return scored_pairs(columns, candidate_pairs(columns, block_keys=block_keys()), margin)
    known = _remembered(keys, memory, lambda a, b: True)
    none = np.zeros(0, dtype=np.int64)
    found = candidate_pairs(columns, fresh, block_keys()) if fresh.any() else (none, none)
    pairs = (np.concatenate([known.min(axis=1), found[0]]), np.concatenate([known.max(axis=1), found[1]]))
    return scored_pairs(columns, pairs, margin)


def _remembered(keys: list[str], memory: MergeMemory, wanted) -> np.ndarray:
    """The remembered pairs between claims of `keys` for which `wanted(i, j)`, as rows (i, j)."""
    number = {k: i for i, k in enumerate(keys)}
    return np.array([(number[a], number[b]) for a, b in memory.pairs if a in number and b in number
                     and wanted(number[a], number[b])], dtype=np.int64).reshape(-1, 2)


def with_new_dates(mentions: list[EventMention], columns: ClaimColumns, keys: list[str], copies: list[list[int]],
                   near: list, changed: set[int], block_keys, memory: Optional[MergeMemory], fresh
                   ) -> tuple[ClaimColumns, list[str], list[list[int]], list, set[int]]:
    """The claims after the mentions `changed` got dates: each such mention leaves its claim for one
    of its own (same words, so the same rows of word weights and the same blocks, `block_keys()`).
    Their pairs are scored again, those the date lets them meet in their blocks added; the other
    pairs stand.

    With a memory (and `fresh`, the claims it did not know before the dates), a renewed claim the
    memory knows (the last merge gave it the same date) takes its remembered pairs, and meets in
    its blocks only the fresh claims."""
    before = columns
    claims, keys, copies = list(columns.claims), list(keys), [list(g) for g in copies]
    origin: dict[int, int] = {}  # each renewed claim: the claim it came from
    claim_of = {i: c for c, g in enumerate(copies) for i in g}
    for c in sorted({claim_of[i] for i in changed}):
        stay = [i for i in copies[c] if i not in changed]
        moved: dict[tuple, list[int]] = defaultdict(list)
        for i in copies[c]:
            if i in changed:
                moved[wording(mentions[i])].append(i)
        old = claims[c]
        for n, (words, g) in enumerate(moved.items()):
            sentences = frozenset((mentions[i].doc_id, mentions[i].sentence_index) for i in g)
            claim = old.told(mentions[g[0]], sentences, partial_date(mentions[g[0]]))
            if n == 0 and not stay:
                at = c
                claims[at], keys[at], copies[at] = claim, claim_key(words, sentences), g
            else:
                at = len(claims)
                claims.append(claim)
                keys.append(claim_key(words, sentences))
                copies.append(g)
            origin[at] = c
        if stay:
            sentences = frozenset((mentions[i].doc_id, mentions[i].sentence_index) for i in stay)
            claims[c], copies[c] = old.told(mentions[stay[0]], sentences, old.partial), stay
    renewed = np.zeros(len(claims), dtype=bool)
    renewed[list(origin)] = True
    # the claims whose pairs are searched: the renewed the memory does not know, and those it did not
    # know before the dates; without a memory, every renewed claim
    searched = renewed.copy()
    remembered = np.zeros((0, 2), dtype=np.int64)
    if memory is not None:
        searched[:len(fresh)] |= fresh
        for r in origin:
            searched[r] = keys[r] not in memory.claims
        remembered = _remembered(keys, memory, lambda i, j: renewed[i] and not searched[i] or renewed[j] and not searched[j])
    kept = [pair for pair in near if not renewed[pair[1]] and not renewed[pair[2]]]
    partners: dict[int, set[int]] = defaultdict(set)
    for _, i, j in near:
        partners[i].add(j)
        partners[j].add(i)
    again = [(r, p) for r, c in origin.items() for p in partners[c] if p != r and (searched[r] or searched[p])]
    # a renewed claim has the words, so the rows of words and the blocks, of the claim it came from
    source = list(range(len(before.claims))) + [origin[at] for at in range(len(before.claims), len(claims))]
    columns = ClaimColumns(claims, copying=(before, source))
    if searched.any():
        blocks = [block_keys()[k] for k in source]
        found_i, found_j = candidate_pairs(columns, searched, blocks, open_search=False)
    else:
        found_i = found_j = np.zeros(0, dtype=np.int64)
    first = np.concatenate([np.array([min(r, p) for r, p in again], dtype=np.int64), remembered.min(axis=1), found_i])
    second = np.concatenate([np.array([max(r, p) for r, p in again], dtype=np.int64), remembered.max(axis=1), found_j])
    unique = np.unique(first * len(claims) + second)
    scored = scored_pairs(columns, (unique // len(claims), unique % len(claims)), parameters().memory_margin)
    # the claims whose groups must be made again: those renewed, those their mentions left, and the
    # partners they merge with
    merging = [(i, j) for score, i, j in scored if score <= 0]
    touched = set(origin) | set(origin.values()) | {i for i, _ in merging} | {j for _, j in merging}
    return columns, keys, copies, sorted(kept + scored), touched
