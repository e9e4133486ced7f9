"""Precision and recall of the people `newsroom sync` proposes, on tests/data/names_eval.jsonl.

    python bench/names_eval.py [--show]

Each line of the evaluation set is one Chinese newsroom sentence with its
people, written by hand: Han Chinese names in "people", names pinyin must
not romanize (transliterations, Japanese, Korean) in "foreign". The
recognizer (pipeline.entities, as sync runs it) proposes names; a proposal
counts as right when it is one of the sentence's names, whole. Also
printed: how many found names were told foreign or not rightly (a foreign
name must reach people.csv without a pinyin romanization).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.entities import recognize  # noqa: E402

EVALUATION_SET = ROOT / "tests" / "data" / "names_eval.jsonl"


def evaluate(rows: list[dict[str, object]]) -> dict[str, object]:
    """Counts over the set: true and false positives, misses, kinds told rightly, and the wrong ones."""
    found = recognize([str(row["text"]) for row in rows])
    right = wrong = missed = kind_right = 0
    mistakes = []
    for row, entities in zip(rows, found):
        gold = {str(name): False for name in row["people"]} | {str(name): True for name in row["foreign"]}  # type: ignore[union-attr]
        proposed = {entity.text: entity.foreign for entity in entities if entity.kind == "person"}
        right += len(gold.keys() & proposed.keys())
        wrong += len(proposed.keys() - gold.keys())
        missed += len(gold.keys() - proposed.keys())
        kind_right += sum(1 for name in gold.keys() & proposed.keys() if gold[name] == proposed[name])
        if gold.keys() != proposed.keys() or any(gold[n] != proposed[n] for n in gold.keys() & proposed.keys()):
            mistakes.append(f"{row['id']}: expected {sorted(gold)}, proposed {sorted(proposed)}  {row['text']}")
    return {
        "sentences": len(rows),
        "names": right + missed,
        "precision": right / (right + wrong) if right + wrong else 1.0,
        "recall": right / (right + missed) if right + missed else 1.0,
        "kind_accuracy": kind_right / right if right else 1.0,
        "mistakes": mistakes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="list the sentences with a wrong or missed name")
    args = parser.parse_args()
    rows = [json.loads(line) for line in EVALUATION_SET.read_text("utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    result = evaluate(rows)
    seconds = time.perf_counter() - started
    print(f"evaluation set: {result['sentences']} sentences, {result['names']} names ({EVALUATION_SET.relative_to(ROOT)})")
    print(f"precision: {result['precision']:.1%}")
    print(f"recall: {result['recall']:.1%}")
    print(f"foreign or not, told rightly: {result['kind_accuracy']:.1%} of the names found")
    print(f"time: {seconds:.2f} s, model loading included")
    if args.show:
        print("\n".join(result["mistakes"]))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
