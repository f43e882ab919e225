"""The ceiling for `factx extract`: spaCy alone over the same texts, in a process of its own.

    python -m bench.bare_spacy FILES.json MODEL BATCH

FILES.json lists the article files. Each is read and cleaned as factx reads it (not timed), split
into its blocks (one line is one spaCy document, as in factx), and the blocks go through
`nlp.pipe` with the components factx uses (all but the sentence recogniser, which factx excludes:
the parser cuts sentences) and the same batch size. Prints one JSON line: words, load and pipe
seconds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(files_json: str, model: str, batch_size: int) -> None:
    from factx.ingest import Rejected, Source, load_article

    texts = []
    for path in json.loads(Path(files_json).read_text(encoding="utf-8")):
        article = load_article(Source(Path(path).stem, Path(path)))
        if not isinstance(article, Rejected):
            texts.append(article.text)
    words = sum(len(t.split()) for t in texts)
    blocks = [line for text in texts for line in text.split("\n")]

    start = time.perf_counter()
    import spacy

    nlp = spacy.load(model, exclude=["senter"])
    loaded = time.perf_counter()
    for _ in nlp.pipe(blocks, batch_size=batch_size):
        pass
    done = time.perf_counter()
    print(json.dumps({"words": words, "blocks": len(blocks), "articles": len(texts), "components": nlp.pipe_names,
                      "load_s": loaded - start, "pipe_s": done - loaded}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
