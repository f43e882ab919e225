"""The claims' words as rows for many pairs at once: character grams weighted by rarity (TF-IDF, one
unit-length row per distinct text), and sets of words, names or sentences as 0/1 rows. What two
rows share is their row-by-row product, computed for a whole column of pairs at a time."""

from __future__ import annotations

import copy
import re
from itertools import chain
from typing import TYPE_CHECKING

from ..actors import fold
from .parameters import parameters

if TYPE_CHECKING:
    from .claims import Claim

def gram_text(text: str) -> str:
    """The text whose character grams are counted (`count_grams`): folded, and every run of
    characters other than letters and digits one space."""
    return re.sub(r"\W+", " ", fold(text))


def count_grams(texts: list[str], chunk: int = 4096):
    """The grams of each text counted: a sparse matrix (a row per text, a column per distinct gram)
    and each column's gram as a 64-bit code (16 bits a character; the rare character beyond 16 bits
    counts as the last one). Numpy over all texts at once, a chunk of texts at a time: a Counter of
    string slices per text cost seconds over 100,000 mentions, and more memory."""
    import numpy as np
    from scipy import sparse

    n = parameters().gram_size
    rows, codes, counts = [], [], []
    for at in range(0, len(texts), chunk):
        part = texts[at:at + chunk]
        lengths = np.fromiter(map(len, part), dtype=np.int64, count=len(part))
        chars = np.minimum(np.frombuffer("".join(part).encode("utf-32-le"), dtype=np.uint32), 0xFFFF).astype(np.uint64)
        per_text = np.maximum(lengths - n + 1, 0)
        first_gram = np.cumsum(per_text) - per_text
        row = np.repeat(np.arange(len(part)), per_text)
        position = np.arange(int(per_text.sum())) - np.repeat(first_gram, per_text) + np.repeat(np.cumsum(lengths) - lengths, per_text)
        code = np.zeros(len(position), dtype=np.uint64)
        for k in range(n):
            code |= chars[position + k] << np.uint64(16 * (n - 1 - k))
        order = np.lexsort((code, row))
        row, code = row[order], code[order]
        starts = np.flatnonzero(np.concatenate(([True], (row[1:] != row[:-1]) | (code[1:] != code[:-1]))))
        counts.append(np.diff(np.append(starts, len(row))).astype(np.float64))
        rows.append(row[starts] + at)
        codes.append(code[starts])
    row, code, count = (np.concatenate(x) if x else np.zeros(0) for x in (rows, codes, counts))
    vocabulary, columns = np.unique(code.astype(np.uint64), return_inverse=True)
    indptr = np.concatenate(([0], np.cumsum(np.bincount(row.astype(np.int64), minlength=len(texts)))))
    matrix = sparse.csr_matrix((count, columns.astype(np.int32), indptr), shape=(len(texts), max(len(vocabulary), 1)))
    return matrix, vocabulary


def weigh(claims: list[Claim]) -> None:
    """TF-IDF weights of each claim's grams over the mentions being merged: the grams every
    sentence shares ("ent ", " de ") say nothing about the claim. Computed as numpy columns over all
    the claims' grams at once: a loop per gram in Python cost seconds over 100,000 mentions."""
    import numpy as np
    from scipy import sparse

    unique: list[str] = []
    row_of: dict[str, int] = {}
    for c in claims:
        for text in (c.gram_text, c.clause_gram_text):
            if text not in row_of:
                row_of[text] = len(unique)
                unique.append(text)
    counted, vocabulary = count_grams(unique)
    indices, indptr, counts = counted.indices, counted.indptr, counted.data
    lengths = np.diff(indptr)
    # a gram's document frequency: the claims whose sentence holds it (a clause's grams are the sentence's)
    claims_per_row = np.bincount(np.fromiter((row_of[c.gram_text] for c in claims), dtype=np.int64, count=len(claims)),
                                 minlength=len(unique))
    df = np.bincount(indices, weights=np.repeat(claims_per_row, lengths).astype(np.float64), minlength=len(vocabulary))
    idf = np.where(df > 0, np.log((len(claims) + 1) / (1 + df)) + 1.0, 1.0)
    weights = counts * idf[indices]
    norms = np.sqrt(np.bincount(np.repeat(np.arange(len(unique)), lengths), weights=weights * weights,
                                minlength=len(unique)))
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix((weights / np.repeat(norms, lengths), indices, indptr), shape=counted.shape)
    for c in claims:
        c.gram_weights, c.row, c.clause_row = matrix, row_of[c.gram_text], row_of[c.clause_gram_text]


class SparseRows:
    """One row per item (a set, or a dict of weights), for what many pairs of rows share at once."""

    def __init__(self, items: list, row_of):
        import numpy as np
        from scipy import sparse

        # claims with the same words hold the same objects: one row each
        row_number: dict[int, int] = {}
        unique: list = []
        self.row_of_claim = np.empty(len(items), dtype=np.int64)
        for k, item in enumerate(items):
            row = row_of(item)
            number = row_number.get(id(row))
            if number is None:
                number = row_number[id(row)] = len(unique)
                unique.append(row)
            self.row_of_claim[k] = number
        # column numbers and values read by C loops (map, fromiter): rows hold millions of grams in all
        columns = {x: k for k, x in enumerate(dict.fromkeys(chain.from_iterable(unique)))}
        lengths = np.fromiter(map(len, unique), dtype=np.int64, count=len(unique))
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        indices = np.fromiter(map(columns.__getitem__, chain.from_iterable(unique)), dtype=np.int64, count=int(indptr[-1]))
        self.sizes_of_rows = lengths.astype(np.float64)
        self.sizes = self.sizes_of_rows[self.row_of_claim]
        if unique and isinstance(unique[0], dict):
            data = np.fromiter(chain.from_iterable(r.values() for r in unique), dtype=np.float64, count=int(indptr[-1]))
            self.matrix = sparse.csr_matrix((data, indices.astype(np.int32), indptr),
                                            shape=(len(unique), max(len(columns), 1)))
            self.members = None
        else:
            # a set's members, each as (row, column) in one sorted array: whether a row holds a column
            # is one binary search, for any number of pairs
            self.width = max(len(columns), 1)
            self.indptr = indptr
            self.members = np.sort(np.repeat(np.arange(len(unique)), lengths) * self.width + indices)
            self.columns = self.members % self.width
            # a bit per member (its column modulo 64): two rows with no bit in common share no member,
            # which spares most pairs the search (different sentences, documents, places)
            bits = np.left_shift(np.uint64(1), (self.columns % 64).astype(np.uint64))
            self.bits = np.zeros(len(unique), dtype=np.uint64)
            np.bitwise_or.at(self.bits, np.repeat(np.arange(len(unique)), lengths), bits)

    @classmethod
    def of_matrix(cls, matrix, row_of_claim) -> "SparseRows":
        """Weights already made (a claim's row number in `matrix`, for each claim)."""
        import numpy as np

        rows = cls.__new__(cls)
        rows.matrix, rows.row_of_claim, rows.members = matrix, np.asarray(row_of_claim, dtype=np.int64), None
        rows.sizes_of_rows = np.diff(matrix.indptr).astype(np.float64)
        rows.sizes = rows.sizes_of_rows[rows.row_of_claim]
        return rows

    def taken(self, claims) -> "SparseRows":
        """The same rows for other claims: `claims` gives, for each, the claim whose row it takes."""
        rows = copy.copy(self)
        rows.row_of_claim = self.row_of_claim[claims]
        rows.sizes = self.sizes_of_rows[rows.row_of_claim]
        return rows

    def zero_one(self):
        """The sets as a 0/1 sparse matrix, a row per claim."""
        import numpy as np
        from scipy import sparse

        rows = sparse.csr_matrix((np.ones(len(self.members)), self.columns, self.indptr),
                                 shape=(len(self.indptr) - 1, self.width))
        return rows[self.row_of_claim].tocsr()

    def dot(self, i, j):
        """What rows i and j share, pair by pair: the count of a set's common members, or the sum of
        the weights' products."""
        import numpy as np

        rows = self.row_of_claim
        first, second = rows[i], rows[j]
        if self.members is None:
            # claims told in the same words share rows of weights, whose products cost: each pair of
            # rows is multiplied once
            count = len(self.sizes_of_rows)
            pairs, inverse = np.unique(np.minimum(first, second) * count + np.maximum(first, second), return_inverse=True)
            first, second = pairs // count, pairs % count
            products = self.matrix[first].multiply(self.matrix[second]).sum(axis=1)
            return np.asarray(products).ravel()[inverse.ravel()]
        shared = np.zeros(len(first), dtype=np.float64)
        maybe = np.flatnonzero(self.bits[first] & self.bits[second])
        first, second = first[maybe], second[maybe]
        # each member of i's set, looked for among j's
        lengths = self.indptr[first + 1] - self.indptr[first]
        pair = np.repeat(np.arange(len(first)), lengths)
        at = np.repeat(self.indptr[first] - np.cumsum(lengths) + lengths, lengths) + np.arange(len(pair))
        wanted = second[pair] * self.width + self.columns[at]
        found = np.minimum(np.searchsorted(self.members, wanted), len(self.members) - 1)
        held = self.members[found] == wanted
        shared[maybe] = np.bincount(pair[held], minlength=len(first))
        return shared

    def jaccard(self, i, j):
        import numpy as np

        shared = self.dot(i, j)
        union = self.sizes[i] + self.sizes[j] - shared
        return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
