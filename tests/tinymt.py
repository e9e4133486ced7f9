"""Build tiny but *real* Argos Translate packages offline, for tests and benchmarks.

``build_argos_package()`` writes a genuine ``.argosmodel`` zip that
``argostranslate.package.install_from_path`` installs and that
``argostranslate.translate.translate`` runs through the real stack
(MiniSBD sentence splitting -> SentencePiece -> CTranslate2 beam search ->
SentencePiece decoding).  Nothing is downloaded and no training happens: the
Transformer weights are written by hand so that the model is a deterministic
"copy with substitutions" machine:

* the encoder places a code for each source piece (token sub-space) next to a
  code for its position (position sub-space);
* the last decoder layer's cross-attention makes decoder step ``t`` attend to
  source position ``t`` and copies that position's token code;
* the output projection turns the token code back into a piece.  The source
  ``</s>`` (``add_source_eos``) is copied too, so decoding stops exactly after
  the last source piece.

A ``lexicon`` ({source string: target string}) is realised by giving the source
piece of each key the token code of its value, so each key is replaced by its
value 1:1.  Keys and values are SentencePiece ``user_defined_symbols`` (spaces
become ``▁``), so they are single pieces.

The SentencePiece model has ``byte_fallback=True``, identity normalisation and
keeps all whitespace, and knows every GB2312 level-1 hanzi (3,755 common
characters) as a single piece, so any text round-trips exactly while typical
Chinese text stays about one piece per character.

The package also carries ``minisbd/tinysbd.onnx``, a hand-written MiniSBD
sentence-boundary model, because argostranslate's default sentence splitter
(MiniSBD) would otherwise try to download ``zh-hans.onnx``/``en.onnx`` from
GitHub.  By default it never splits inside a line, so each line is translated
as one sentence (see ``split_sentences``).

This module has no pytest tests of its own; see ``test_tinymt.py``.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "TRAINING_SENTENCES",
    "build_argos_package",
    "clear_argos_caches",
    "package_filename",
]

# A few dozen mixed zh/en sentences the SentencePiece model is trained on.  The
# last lines make sure every printable ASCII character and the common CJK and
# typographic punctuation are ordinary pieces (not byte fallback).
TRAINING_SENTENCES: tuple[str, ...] = (
    "The central bank kept its benchmark interest rate unchanged on Tuesday.",
    "Shares in the company rose 3.5% after the results were published.",
    "The minister said the new policy would take effect next month.",
    "Officials did not respond to a request for comment.",
    "According to the report, exports grew for the third consecutive quarter.",
    "The city government announced a plan to build 20 new schools by 2026.",
    "Read the full statement at https://example.com/news/2024/statement.html.",
    "See [the original article](https://www.example.org/world/china-economy) for details.",
    "Run `pip install newsroom` and then call `newsroom translate --from zh --to en`.",
    "He told reporters: \"We are confident that the market will recover.\"",
    "The meeting, which lasted three hours, ended without an agreement.",
    "Revenue reached $1.2 billion, up from $980 million a year earlier.",
    "Rescue teams worked through the night after the earthquake struck.",
    "The festival attracted more than 50,000 visitors from across the country.",
    "Scientists published their findings in the journal Nature on Wednesday.",
    "Heavy rain is expected in the southern provinces this weekend.",
    "The company's chief executive will step down at the end of the year.",
    "Prices for fresh vegetables fell for the second week in a row.",
    "中国人民银行周二宣布维持基准利率不变。",
    "该公司公布业绩后，股价上涨了百分之三点五。",
    "部长表示，新政策将于下个月起正式实施。",
    "有关官员没有回应记者的置评请求。",
    "报告显示，出口已连续第三个季度实现增长。",
    "市政府宣布计划在2026年前新建20所学校。",
    "完整声明请见 https://example.com/news/2024/statement.html 。",
    "详情请参阅[原文](https://www.example.org/world/china-economy)。",
    "他对记者说：“我们相信市场将会复苏。”",
    "这次会议持续了三个小时，最终未能达成协议。",
    "营收达到12亿美元，高于去年同期的9.8亿美元。",
    "地震发生后，救援队伍连夜展开搜救工作。",
    "本届艺术节吸引了来自全国各地的五万多名游客。",
    "科学家周三在《自然》杂志上发表了研究成果。",
    "预计本周末南方各省将出现强降雨天气。",
    "公司首席执行官将于年底卸任。",
    "新鲜蔬菜价格连续第二周下跌。",
    "新华社北京3月5日电（记者 王磊）",
    "Beijing, March 5 (Xinhua) -- Premier Li said growth would stay stable.",
    "Tags: economy, policy; markets & trade / Asia-Pacific | 2024-03-05 08:30:00 +0800",
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    "，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·￥％＋－＝ ⟦⟧«»•→–",
)

_LANGUAGE_NAMES = {"zh": "Chinese", "zt": "Chinese (traditional)", "en": "English"}
_NUM_SBD_CLASSES = 5  # MiniSBD/Stanza: 0 = inside token, 1 = token end, 2 = sentence end, 3/4 = MWT
_SBD_SPLIT_CHARS = ("。", "！", "？", "!", "?", ".")
_NOISE = 1e-6  # scale of weights that must be ~0 (not exactly 0, so they are not aliased away)
_FILLER = 0.02  # scale of weights whose value does not matter (like a fresh init)
_GAP = 40.0  # logit / attention-score gap between the right answer and the runner-up


def package_filename(from_code: str, to_code: str, package_version: str = "1.0") -> str:
    """The file name ``build_argos_package`` writes (without the directory)."""
    return f"{_package_stem(from_code, to_code, package_version)}.argosmodel"


def build_argos_package(
    out_dir: Path,
    *,
    from_code: str,
    to_code: str,
    lexicon: Mapping[str, str] | None = None,
    package_version: str = "1.0",
    num_layers: int = 1,
    d_model: int = 128,
    num_heads: int = 1,
    ffn_dim: int = 128,
    vocab_size: int | None = None,
    quantization: str | None = None,
    max_positions: int = 1032,
    split_sentences: bool = False,
) -> Path:
    """Build ``<out_dir>/translate-<from>_<to>-<version>.argosmodel`` and return its path.

    The zip holds one folder, ``translate-<from>_<to>-<version>/``, with
    ``metadata.json``, ``sentencepiece.model``, ``model/`` (CTranslate2),
    ``minisbd/tinysbd.onnx`` and ``README.md``.  ``install_from_path`` extracts
    that folder into the packages directory, so two packages with the same
    codes *and* version overwrite each other, and two with the same codes and
    different versions are both installed (argostranslate then uses whichever
    it lists first).

    Without a lexicon the package translates any text to itself (through
    argostranslate, modulo its own post-processing: ``_`` becomes a space,
    leading whitespace of a line and whitespace-only lines are dropped, and
    CTranslate2's default ``max_decoding_length=256`` truncates each sentence
    -- here each line -- to 256 pieces, about 250 hanzi).  With a lexicon,
    each key is replaced by its value: exact, case-sensitive, longest match
    first, also inside words ({"x": "y"} turns "box" into "boy"); keys and
    values must be non-empty.

    Size arguments: ``num_layers`` (encoder and decoder layers each),
    ``d_model``, ``num_heads``, ``ffn_dim``; ``vocab_size`` is the
    CTranslate2 vocabulary size: ``None`` uses the SentencePiece pieces (about
    4,400), a larger value pads the vocabulary with never-produced filler
    tokens (the SentencePiece model stays at what the small corpus allows;
    values below about 4,100 are rejected).
    ``quantization`` is passed to the CTranslate2 converter (``"int8"`` etc.).
    ``max_positions`` bounds source length (CTranslate2 truncates input to 1024
    tokens by default) and ``max_decoding_length``.  ``split_sentences=True``
    makes the MiniSBD model end a sentence after 。！？!?. (argostranslate then
    translates the pieces separately and joins them with a space, which adds
    spaces between Chinese sentences).
    """
    import sentencepiece as spm

    if d_model % num_heads:
        raise ValueError("d_model must be divisible by num_heads")
    head_dim = d_model // num_heads
    pos_dim = min(64, head_dim, d_model // 2)
    if d_model - pos_dim < 32 or pos_dim < 16:
        raise ValueError("d_model too small (need >= 64, and d_model/num_heads >= 16)")

    lexicon = dict(lexicon or {})
    for key, value in lexicon.items():
        if not key or not value:
            raise ValueError(f"empty lexicon entry: {key!r} -> {value!r}")
    lex_pieces = {_as_piece(k): _as_piece(v) for k, v in lexicon.items()}

    # --- SentencePiece -----------------------------------------------------
    symbols = list(dict.fromkeys([*lex_pieces.keys(), *lex_pieces.values(), *_gb2312_level1()]))
    min_vocab = len(symbols) + 256 + 3  # user symbols + byte pieces + <unk> <s> </s>
    sp_vocab = min_vocab + 400 if vocab_size is None else vocab_size
    if sp_vocab < min_vocab + 50:
        raise ValueError(f"vocab_size must be at least {min_vocab + 50}")
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_SENTENCES),
        model_writer=proto,
        model_type="unigram",
        vocab_size=sp_vocab,
        hard_vocab_limit=False,
        character_coverage=1.0,
        byte_fallback=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        split_digits=False,
        user_defined_symbols=symbols,
        num_threads=1,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_proto=proto.getvalue())
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    if pieces[:3] != ["<unk>", "<s>", "</s>"]:
        raise RuntimeError(f"unexpected SentencePiece special pieces: {pieces[:3]}")
    n_vocab = max(len(pieces), vocab_size or 0)
    vocabulary = pieces + [f"<tinymt_filler_{i}>" for i in range(n_vocab - len(pieces))]
    piece_id = {p: i for i, p in enumerate(pieces)}

    # --- CTranslate2 model ---------------------------------------------------
    rng = np.random.default_rng(20240305)
    token_dim = d_model - pos_dim
    codes = _unit_codes(rng, n_vocab, token_dim)
    pos_codes = _unit_codes(rng, max_positions, pos_dim)
    check = n_vocab <= 8192  # exact separation check (skipped for real-size vocabularies)
    tok_overlap = _max_overlap(codes) if check else 0.5
    pos_overlap = _max_overlap(pos_codes)
    if tok_overlap > 0.9 or pos_overlap > 0.9:
        raise ValueError("d_model too small for this vocabulary / max_positions")

    source_codes = codes.copy()
    for key, value in lex_pieces.items():
        if key != value:
            source_codes[piece_id[key]] = codes[piece_id[value]]

    spec = _copy_transformer_spec(
        rng,
        num_layers=num_layers,
        num_heads=num_heads,
        d_model=d_model,
        ffn_dim=ffn_dim,
        pos_dim=pos_dim,
        source_codes=source_codes,
        target_codes=codes,
        pos_codes=pos_codes,
        tok_overlap=tok_overlap,
        pos_overlap=pos_overlap,
    )
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)

    # --- package -------------------------------------------------------------
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = _package_stem(from_code, to_code, package_version)
    metadata: dict[str, Any] = {
        "package_version": package_version,
        "argos_version": "1.9",
        "type": "translate",
        "name": f"tinymt {from_code}->{to_code}",
        "code": f"translate-{from_code}_{to_code}",
        "from_code": from_code,
        "from_name": _LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": _LANGUAGE_NAMES.get(to_code, to_code),
        "links": [],
        "tinymt": {"lexicon": lexicon, "num_layers": num_layers, "d_model": d_model,
                   "num_heads": num_heads, "ffn_dim": ffn_dim, "vocab_size": n_vocab,
                   "quantization": quantization},
    }
    readme = (f"# tinymt {from_code} -> {to_code}\n\nTest package built by tests/tinymt.py: "
              "copies its input, replacing lexicon entries. Not a real translation model.\n")
    target = out_dir / f"{stem}.argosmodel"
    with tempfile.TemporaryDirectory(prefix="tinymt-") as tmp:
        model_dir = Path(tmp) / "model"
        _save_spec(spec, model_dir, quantization)
        partial = target.with_name(target.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr(f"{stem}/metadata.json", json.dumps(metadata, ensure_ascii=False, indent=2))
            zf.writestr(f"{stem}/README.md", readme)
            zf.writestr(f"{stem}/sentencepiece.model", proto.getvalue())
            zf.writestr(f"{stem}/minisbd/tinysbd.onnx", _minisbd_onnx(from_code, split_sentences))
            for path in sorted(model_dir.iterdir()):
                zf.write(path, f"{stem}/model/{path.name}")
        partial.replace(target)
    return target


def isolate_argos(home: Path) -> None:
    """Point argostranslate (and stanza beneath it) at ``home``, offline; call before importing it.

    Sets os.environ, so subprocesses inherit it. Every inherited ARGOS_*
    setting is dropped; the package index is an empty local file.
    """
    import os

    for name in [n for n in os.environ if n.startswith("ARGOS_")] + ["SNAP"]:
        os.environ.pop(name, None)
    (home / "index").mkdir(parents=True, exist_ok=True)
    (home / "index" / "index.json").write_text("[]\n", encoding="utf-8")
    os.environ.update(
        {
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "ARGOS_PACKAGES_DIR": str(home / "packages"),
            "ARGOS_PACKAGE_INDEX": (home / "index").as_uri() + "/",
            "ARGOS_DEVICE_TYPE": "cpu",
            "STANZA_RESOURCES_DIR": str(home / "stanza"),
        }
    )


def clear_argos_caches() -> None:
    """Forget argostranslate's in-process state about installed packages.

    ``get_installed_languages`` is an ``lru_cache`` (``install_from_path`` and
    ``uninstall`` clear it), but the module-level list
    ``argostranslate.translate.installed_translates`` keeps one
    ``CachedTranslation`` per "from-to" pair *forever* -- with its loaded
    CTranslate2 model, its package path and its paragraph cache -- so a
    reinstalled or replaced package would not be picked up without this.
    Does nothing if argostranslate has not been imported.
    """
    translate = sys.modules.get("argostranslate.translate")
    if translate is None:
        return
    translate.get_installed_languages.cache_clear()
    translate.installed_translates.clear()


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _package_stem(from_code: str, to_code: str, package_version: str) -> str:
    return f"translate-{from_code}_{to_code}-{package_version}"


def _as_piece(text: str) -> str:
    return text.replace(" ", "\u2581")


def _gb2312_level1() -> list[str]:
    """The 3,755 GB2312 level-1 hanzi (the most frequent simplified characters)."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def _unit_codes(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    """n random unit vectors of zero mean (so LayerNorm only rescales them)."""
    codes = rng.standard_normal((n, dim), dtype=np.float32)
    codes -= codes.mean(axis=1, keepdims=True)
    codes /= np.linalg.norm(codes, axis=1, keepdims=True)
    return codes


def _max_overlap(codes: np.ndarray, chunk: int = 2048) -> float:
    """Largest dot product between two different rows."""
    worst = -1.0
    for start in range(0, len(codes), chunk):
        gram = codes[start:start + chunk] @ codes.T
        idx = np.arange(gram.shape[0])
        gram[idx, idx + start] = -1.0
        worst = max(worst, float(gram.max()))
    return worst


def _copy_transformer_spec(
    rng: np.random.Generator,
    *,
    num_layers: int,
    num_heads: int,
    d_model: int,
    ffn_dim: int,
    pos_dim: int,
    source_codes: np.ndarray,
    target_codes: np.ndarray,
    pos_codes: np.ndarray,
    tok_overlap: float,
    pos_overlap: float,
) -> Any:
    """A pre-norm Transformer whose last decoder layer copies source position t at step t.

    Residual layout: dims [0, T) hold a token code, dims [T, d) a position code
    (both unit-norm and zero-mean, so every LayerNorm just multiplies by
    sqrt(d/2) or sqrt(d)).  All sub-layers except the copying cross-attention
    write ~0 into the residual stream; their other weights are random filler so
    the model has realistic size and cost.
    """
    from ctranslate2.specs import TransformerSpec

    d, h = d_model, num_heads
    head_dim = d // h
    tdim = d - pos_dim
    n_vocab = len(target_codes)
    eps = 1e-6

    def filler(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape, dtype=np.float32) * _FILLER).astype(np.float32)

    def noise(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape, dtype=np.float32) * _NOISE).astype(np.float32)

    def zeros(*shape: int) -> np.ndarray:
        return np.zeros(shape, dtype=np.float32)

    def layer_norm(ln: Any) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = zeros(d)

    def linear(lin: Any, weight: np.ndarray) -> None:
        lin.weight = weight
        lin.bias = zeros(weight.shape[0])

    def quiet_self_attention(att: Any) -> None:
        layer_norm(att.layer_norm)
        linear(att.linear[0], filler(3 * d, d))
        linear(att.linear[1], noise(d, d))

    def quiet_ffn(ffn: Any) -> None:
        layer_norm(ffn.layer_norm)
        linear(ffn.linear_0, filler(ffn_dim, d))
        linear(ffn.linear_1, noise(d, ffn_dim))

    def embed(codes: np.ndarray) -> np.ndarray:
        table = zeros(len(codes), d)
        table[:, :tdim] = codes
        return table

    positions = zeros(len(pos_codes), d)
    positions[:, tdim:] = pos_codes

    spec = TransformerSpec.from_config(num_layers=num_layers, num_heads=num_heads)
    spec.config.add_source_eos = True

    enc = spec.encoder
    enc.scale_embeddings = False
    enc.embeddings[0].weight = embed(source_codes)
    enc.position_encodings.encodings = positions
    layer_norm(enc.layer_norm)
    for layer in enc.layer:
        quiet_self_attention(layer.self_attention)
        quiet_ffn(layer.ffn)

    dec = spec.decoder
    dec.scale_embeddings = False
    dec.embeddings.weight = noise(n_vocab, d)  # the previous token is irrelevant
    dec.position_encodings.encodings = positions
    layer_norm(dec.layer_norm)
    for i, layer in enumerate(dec.layer):
        quiet_self_attention(layer.self_attention)
        quiet_ffn(layer.ffn)
        att = layer.attention
        layer_norm(att.layer_norm)
        if i < num_layers - 1:
            linear(att.linear[0], filler(d, d))
            linear(att.linear[1], filler(2 * d, d))
            linear(att.linear[2], noise(d, d))
            continue
        # Copying cross-attention (in the last layer, so that the alignment used
        # by replace_unknowns=True points at the copied position).
        # query = LN(p_t) = sqrt(d) p_t; memory = s_e (c_x + p_j), s_e = 1/sqrt(2/d + eps);
        # score = a_k sqrt(d) s_e (p_t . p_j) / sqrt(head_dim), identical in every head.
        s_e = 1.0 / np.sqrt(2.0 / d + eps)
        a_k = (_GAP / max(1.0 - pos_overlap, 0.05)) * np.sqrt(head_dim) / (np.sqrt(d) * s_e)
        w_q, w_k, w_v, w_o = zeros(d, d), zeros(d, d), zeros(d, d), zeros(d, d)
        for head in range(h):
            rows = np.arange(pos_dim) + head * head_dim
            w_q[rows, tdim + np.arange(pos_dim)] = 1.0
            w_k[rows, tdim + np.arange(pos_dim)] = a_k
        w_v[np.arange(tdim), np.arange(tdim)] = 1.0
        w_o[np.arange(tdim), np.arange(tdim)] = 1.0 / s_e
        linear(att.linear[0], w_q)
        linear(att.linear[1], np.concatenate([w_k, w_v]))
        linear(att.linear[2], w_o)

    # Final LN output = s_f (p_t + c_x); logits_w = b s_f (c_w . c_x).
    s_f = 1.0 / np.sqrt(2.0 / d + eps)
    scale = (_GAP / max(1.0 - tok_overlap, 0.05)) / s_f
    proj = zeros(n_vocab, d)
    proj[:, :tdim] = target_codes * scale
    linear(dec.projection, proj)
    return spec


def _save_spec(spec: Any, output_dir: Path, quantization: str | None) -> None:
    """Run a ready-made spec through CTranslate2's converter machinery (validate/quantize/save).

    Imported lazily: ``ctranslate2.specs`` imports torch when it is installed (~2 s).
    """
    from ctranslate2.converters import Converter

    class SpecConverter(Converter):
        def _load(self) -> Any:
            return spec

    SpecConverter().convert(str(output_dir), quantization=quantization)


# --- a MiniSBD model as a hand-encoded ONNX protobuf (no `onnx` package needed) ---


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _pb_int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _pb_bytes(field: int, payload: bytes | str) -> bytes:
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return _varint((field << 3) | 2) + _varint(len(payload)) + payload


def _onnx_value_info(name: str, elem_type: int, dims: Sequence[str | int]) -> bytes:
    shape = b"".join(
        _pb_bytes(1, _pb_int(1, dim) if isinstance(dim, int) else _pb_bytes(2, dim)) for dim in dims
    )
    tensor_type = _pb_int(1, elem_type) + _pb_bytes(2, shape)
    return _pb_bytes(1, name) + _pb_bytes(2, _pb_bytes(1, tensor_type))


def _minisbd_onnx(lang_code: str, split_sentences: bool) -> bytes:
    """ONNX model: logits[b, t, :] = table[units[b, t]] (one Gather node).

    Every character is class 0 ("inside a token"); MiniSBD forces a sentence
    end on the last character, so a whole line becomes one token and one
    sentence.  With ``split_sentences`` the characters of _SBD_SPLIT_CHARS are
    class 2 (sentence end).
    """
    float_t, int64_t = 1, 7
    units = ["<PAD>", "<UNK>", *(_SBD_SPLIT_CHARS if split_sentences else ())]
    table = np.zeros((len(units), _NUM_SBD_CLASSES), dtype=np.float32)
    table[:, 0] = 1.0
    table[2:, 0] = 0.0
    table[2:, 2] = 1.0
    initializer = (
        _pb_int(1, table.shape[0]) + _pb_int(1, table.shape[1]) + _pb_int(2, float_t)
        + _pb_bytes(8, "table") + _pb_bytes(9, table.astype("<f4").tobytes())
    )
    node = (_pb_bytes(1, "table") + _pb_bytes(1, "units") + _pb_bytes(2, "logits")
            + _pb_bytes(3, "lookup") + _pb_bytes(4, "Gather"))
    graph = (
        _pb_bytes(1, node) + _pb_bytes(2, "tinysbd") + _pb_bytes(5, initializer)
        + _pb_bytes(11, _onnx_value_info("units", int64_t, ["batch", "time"]))
        + _pb_bytes(11, _onnx_value_info("features", float_t, ["batch", "time", 1]))
        + _pb_bytes(12, _onnx_value_info("logits", float_t, ["batch", "time", _NUM_SBD_CLASSES]))
    )
    config = {"skip_newline": False, "max_seqlen": 1000, "no_ssplit": not split_sentences,
              "batch_size": 32, "feat_funcs": ["space_before"], "use_dictionary": False,
              "num_dict_feat": 0}
    vocab = {"lang": lang_code, "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": {u: i for i, u in enumerate(units)}, "_id2unit": units}
    metadata = {"lang_code": lang_code, "config": json.dumps(config),
                "vocab": json.dumps(vocab, ensure_ascii=False), "lexicon": "null"}
    model = (
        _pb_int(1, 8)  # ir_version
        + _pb_bytes(2, "tests/tinymt.py")
        + _pb_bytes(7, graph)
        + _pb_bytes(8, _pb_bytes(1, "") + _pb_int(2, 13))  # opset 13
        + b"".join(_pb_bytes(14, _pb_bytes(1, k) + _pb_bytes(2, v)) for k, v in metadata.items())
    )
    return model
