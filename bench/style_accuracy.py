"""Accuracy of the newsroom-style rules on the case table, by category, and of name detection.

    python bench/style_accuracy.py

The case table is tests/data/style_cases.tsv (the tests assert every case);
name detection is measured on the sample articles' sentences against the
names a person marked in them (NAMES below).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from style_table import load_cases, run_case  # noqa: E402

from pipeline.content import parse_article  # noqa: E402
from pipeline.entities import recognize  # noqa: E402

# People named in the Chinese sample articles and the seed-like sentences below, marked by hand.
NAMES = {"魏炜", "马光辉", "张立新", "李静", "王芳", "欧阳明", "陈建国", "刘洋", "赵立", "屠呦呦", "钱学森", "单田芳"}
EXTRA_SENTENCES = [
    "屠呦呦研究员因发现青蒿素获得诺贝尔生理学或医学奖。",
    "钱学森被誉为中国航天之父。",
    "王芳和陈建国在会上介绍了项目进展。",
    "据刘洋博士介绍，试验将持续三个月。",
    "评书艺术家单田芳的作品家喻户晓。",
    "赵立表示，团队将继续优化工艺。",
    "欧阳明教授说，白皮书将于下月发布。",
    "华为公司与中国科学院签署合作协议。",
    "黄河流域的生态保护取得进展。",
    "马上就要开学了，学生们做好了准备。",
]


def main() -> None:
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for case in load_cases():
        category = case.category
        total[category] += 1
        right[category] += run_case(case) == case.expected
    print("| category | cases | correct | accuracy |\n|---|---|---|---|")
    for category in sorted(total):
        print(f"| {category} | {total[category]} | {right[category]} | {100 * right[category] / total[category]:.0f}% |")
    print(f"| all | {sum(total.values())} | {sum(right.values())} | {100 * sum(right.values()) / sum(total.values()):.1f}% |")

    sentences = list(EXTRA_SENTENCES)
    for path in sorted(REPO.glob("content/zh/*.md")):
        text = path.read_text("utf-8")
        if "translation_of:" in text:
            continue
        article = parse_article(text, path=path.name, lang="zh", slug=path.stem, text_fields=("title", "summary"))
        sentences += [s.text for u in article.units for s in u.segments]
    found = {entity.text for entities in recognize(sentences) for entity in entities if entity.kind == "person"}
    present = {name for name in NAMES if any(name in s for s in sentences)}
    hits = found & present
    print(f"\nname detection (LAC, as sync runs it; bench/names_eval.py has the larger set) on {len(sentences)} sentences:")
    print(f"  found {len(found)}: {sorted(found)}")
    print(f"  precision {len(hits)}/{len(found)} = {100 * len(hits) / max(len(found), 1):.0f}%, "
          f"recall {len(hits)}/{len(present)} = {100 * len(hits) / max(len(present), 1):.0f}%")


if __name__ == "__main__":
    main()
