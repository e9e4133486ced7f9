"""MT throughput: newsroom's batched CTranslate2 path vs argostranslate once per sentence.

Both run in this one process on the same model: an Argos package of real
Argos size (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary,
int8) built offline the way the test suite builds its tiny one. The
sentences are the first N sentences of a make_corpus.py corpus, split by
newsroom itself.

    python bench/mt_speed.py [--sentences 300] [--device cpu|cuda]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, isolate_argos, machine, make_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--append", type=Path, help="append the result as a section of this Markdown file (bench/RESULTS.md)")
    args = parser.parse_args()
    isolate_argos(device=args.device)
    sys.path.insert(0, str(REPO))
    from tinymt import build_argos_package

    import argostranslate.package
    import argostranslate.translate

    from pipeline.content import parse_article
    from pipeline.mt import find_engine, protect_markup

    work = Path(tempfile.mkdtemp(prefix="newsroom-mt-bench-"))
    corpus = make_corpus(work / "zh", n=60, lang="zh")
    sentences: list[str] = []
    for path in sorted(corpus.glob("*.md")):
        article = parse_article(path.read_text("utf-8"), path=path.name, lang="zh", slug=path.stem, text_fields=("title",))
        sentences.extend(segment.text for unit in article.units for segment in unit.segments)
    sentences = list(dict.fromkeys(sentences))[: args.sentences]
    protected = [protect_markup(sentence)[0] for sentence in sentences]

    started = time.perf_counter()
    package = build_argos_package(
        work, from_code="zh", to_code="en", num_layers=6, d_model=512, num_heads=8, ffn_dim=2048,
        vocab_size=32000, quantization="int8",
    )
    built = time.perf_counter() - started
    argostranslate.package.install_from_path(package)

    engine = find_engine("zh", "en")
    assert engine is not None
    engine.translate_batch(protected[:4])  # load the model outside the timing
    started = time.perf_counter()
    batched = engine.translate_batch(protected)
    batch_seconds = time.perf_counter() - started
    assert len(batched) == len(protected)

    argostranslate.translate.translate(protected[0] + "预热", "zh", "en")  # load once, as above
    started = time.perf_counter()
    for sentence in protected:
        argostranslate.translate.translate(sentence, "zh", "en")
    loop_seconds = time.perf_counter() - started

    chars = sum(len(s) for s in protected)
    print(f"machine: {machine()}; device {args.device}")
    print(f"model: 6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocab, int8 (built in {built:.1f} s)")
    print(f"{len(protected)} sentences, {chars} characters")
    print(f"newsroom batched translate_batch: {batch_seconds:.2f} s ({len(protected) / batch_seconds:.1f} sentences/s)")
    print(f"argostranslate.translate per sentence: {loop_seconds:.2f} s ({len(protected) / loop_seconds:.1f} sentences/s)")
    print(f"speed-up: {loop_seconds / batch_seconds:.2f}x")
    if args.append:
        with args.append.open("a", encoding="utf-8") as stream:
            stream.write(
                "\n## Machine translation (bench/mt_speed.py)\n\n"
                f"Same run, same model (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary, int8), device {args.device}, "
                f"{len(protected)} sentences ({chars} characters) of the corpus, one run each:\n\n"
                "| path | seconds | sentences/s | ratio |\n|---|---|---|---|\n"
                f"| newsroom: one translate_batch | {batch_seconds:.2f} | {len(protected) / batch_seconds:.2f} | "
                f"{loop_seconds / batch_seconds:.2f}x faster |\n"
                f"| argostranslate.translate.translate per sentence | {loop_seconds:.2f} | {len(protected) / loop_seconds:.2f} | 1 |\n"
            )


if __name__ == "__main__":
    main()
