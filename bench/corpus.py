"""Identity round trips and sentence errors on the realistic corpus (tests/corpus/).

    python bench/corpus.py            counts per language
    python bench/corpus.py --show     and every sentence that differs from the gold file

Identity round trip: each post synced alone, every msgstr set to its msgid,
synced again; the edition must equal the source but for the front-matter
keys newsroom adds. Sentence errors: gold sentences newsroom does not
produce exactly plus entries it produces that are no gold sentence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus_check import gold_sentences, posts, round_trips, sentence_errors  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every sentence that differs from the gold file")
    args = parser.parse_args()
    print("| language | posts | identical round trips | gold sentences | missed | extra | sentence errors |")
    print("|---|---|---|---|---|---|---|")
    for lang in ("zh", "en"):
        found = posts(lang)
        identical = sum(trip.identical for trip in round_trips(lang))
        gold = missed = extra = 0
        for post in found:
            errors = sentence_errors(post)
            gold += len(gold_sentences(post))
            missed += len(errors.missed)
            extra += len(errors.extra)
            if args.show and errors.count:
                print(f"\n{post.relative_to(post.parent.parent.parent)}", file=sys.stderr)
                for sentence in errors.missed:
                    print(f"  - {sentence}", file=sys.stderr)
                for sentence in errors.extra:
                    print(f"  + {sentence}", file=sys.stderr)
        print(f"| {lang} | {len(found)} | {identical} | {gold} | {missed} | {extra} | {missed + extra} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
