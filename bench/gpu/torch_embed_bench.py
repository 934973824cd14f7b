"""GPU embedder benchmark: all-MiniLM-L6-v2 (the weights the service ships) on CUDA vs CPU.

Runs on the lent GPU machine with PyTorch, transformers and tokenizers (see bench/README.md):
    python3 bench/gpu/torch_embed_bench.py bench/.cache/gpu OUT_DIR
Inputs come from bench/gpu/export_minilm.py. The Cranfield corpus is cut as the Java benchmark
cuts it (windows of at most 256 model tokens overlapping by 32). Every figure includes
tokenization, padding and mean pooling, as DjlEmbedder does; batches are sorted by length.
"""

import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch
from tokenizers import Tokenizer
from transformers import BertConfig, BertModel

PINNED_TEXT = "The quick brown fox jumps over the lazy dog."
# First components of the service's vector for PINNED_TEXT (ONNX Runtime on CPU, fp32 weights;
# gpu-embedder's GoldenVectorTest pins the same numbers).
PINNED = [0.043933567, 0.058934376, 0.048178386, 0.077548124,
          0.026744384, -0.03762953, -0.0026050298, -0.059943028]


def load_model(data, device, dtype):
    config = BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=6,
                        num_attention_heads=12, intermediate_size=1536, hidden_act="gelu",
                        max_position_embeddings=512, type_vocab_size=2, layer_norm_eps=1e-12)
    model = BertModel(config, add_pooling_layer=False)
    weights = np.load(f"{data}/minilm-fp16.npz")
    state = {k: torch.from_numpy(weights[k].astype(np.float32)) for k in weights.files}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        sys.exit(f"weights do not fit the model: missing {missing}, unexpected {unexpected}")
    return model.to(device=device, dtype=dtype).eval()


def chunks(data, tokenizer, max_tokens=256, overlap=32):
    out = []
    for line in open(f"{data}/corpus.jsonl"):
        if not line.strip():
            continue
        row = json.loads(line)
        text = (row["title"] + ". " + row["text"]).strip()
        offsets = tokenizer.encode(text, add_special_tokens=False).offsets
        start = 0
        while start < len(offsets):
            end = min(len(offsets), start + max_tokens)
            out.append(text[offsets[start][0]:offsets[end - 1][1]])
            if end == len(offsets):
                break
            start += max_tokens - overlap
    return [c for c in out if c]


class Embedder:
    """Tokenize, pad per batch, run BERT, mean-pool over real tokens, L2-normalize."""

    def __init__(self, model, tokenizer, device):
        self.model, self.tokenizer, self.device = model, tokenizer, device

    @torch.inference_mode()
    def embed(self, texts, batch_size):
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result = [None] * len(texts)
        tokens = 0
        for b in range(0, len(order), batch_size):
            ids = order[b:b + batch_size]
            enc = self.tokenizer.encode_batch([texts[i] for i in ids])
            width = max(len(e.ids) for e in enc)
            input_ids = np.zeros((len(enc), width), dtype=np.int64)
            mask = np.zeros((len(enc), width), dtype=np.int64)
            for row, e in enumerate(enc):
                input_ids[row, :len(e.ids)] = e.ids
                mask[row, :len(e.ids)] = 1
            tokens += int(mask.sum())
            input_ids = torch.from_numpy(input_ids).to(self.device, non_blocking=True)
            mask_t = torch.from_numpy(mask).to(self.device, non_blocking=True)
            hidden = self.model(input_ids=input_ids, attention_mask=mask_t,
                                token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            m = mask_t.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1).float() / m.sum(1).float()
            pooled = torch.nn.functional.normalize(pooled, dim=-1).cpu().numpy()
            for row, i in enumerate(ids):
                result[i] = pooled[row]
        return np.stack(result), tokens


def timed(embedder, texts, batch_size, cuda, repeats):
    embedder.embed(texts[:batch_size], batch_size)  # warm-up
    best = None
    for _ in range(repeats):
        if cuda:
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        _, tokens = embedder.embed(texts, batch_size)
        if cuda:
            torch.cuda.synchronize()
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return len(texts) / best, tokens / best


def query_latency(embedder, queries, cuda):
    for q in queries[:10]:
        embedder.embed([q], 1)
    samples = []
    for q in queries:
        if cuda:
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        embedder.embed([q], 1)
        if cuda:
            torch.cuda.synchronize()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.99 * (len(samples) - 1))]


def main():
    data, out = sys.argv[1], sys.argv[2]
    tokenizer = Tokenizer.from_file(f"{data}/tokenizer.json")
    tokenizer.no_truncation()
    tokenizer.no_padding()
    texts = chunks(data, tokenizer)
    queries = [json.loads(l)["text"] for l in open(f"{data}/queries.jsonl") if l.strip()]
    cpu_threads = torch.get_num_threads()
    gpu = torch.cuda.get_device_name(0)
    print(f"{len(texts)} chunks, {len(queries)} queries; GPU {gpu}; CPU torch threads {cpu_threads}")

    cpu32 = Embedder(load_model(data, "cpu", torch.float32), tokenizer, "cpu")
    pinned = cpu32.embed([PINNED_TEXT], 1)[0][0][:8]
    pinned_error = float(np.max(np.abs(pinned - np.array(PINNED))))
    print(f"CPU fp32 vs the service's pinned vector (first 8 components): max |diff| {pinned_error:.2e}")
    sample = texts[::max(1, len(texts) // 128)]
    reference, _ = cpu32.embed(sample, 32)

    rows, checks = [], {}
    subset = texts[:512]
    cps, tps = timed(cpu32, subset, 32, False, 2)
    p50, p99 = query_latency(cpu32, queries[:100], False)
    rows.append(dict(run="CPU fp32 (PyTorch, %d threads)" % cpu_threads, batch=32, chunks=len(subset),
                     chunks_per_s=cps, tokens_per_s=tps, query_p50_ms=p50, query_p99_ms=p99))
    cpu_rate = cps

    torch.backends.cuda.matmul.allow_tf32 = False
    for name, dtype in (("fp32", torch.float32), ("fp16", torch.float16), ("bf16", torch.bfloat16)):
        emb = Embedder(load_model(data, "cuda", dtype), tokenizer, "cuda")
        vectors, _ = emb.embed(sample, 32)
        cosine = float(np.min(np.sum(vectors * reference, axis=1)))
        checks[name] = cosine
        print(f"GPU {name} vs CPU fp32, {len(sample)} chunks: min cosine {cosine:.6f}")
        p50, p99 = query_latency(emb, queries, True)
        for batch in (32, 128, 512):
            cps, tps = timed(emb, texts, batch, True, 3)
            rows.append(dict(run=f"GPU {name}", batch=batch, chunks=len(texts), chunks_per_s=cps,
                             tokens_per_s=tps, query_p50_ms=p50, query_p99_ms=p99))

    print()
    print("| run | batch | chunks | chunks/s | real tokens/s | vs CPU | query p50 ms | query p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['run']} | {r['batch']} | {r['chunks']} | {r['chunks_per_s']:.0f} | "
              f"{r['tokens_per_s']:.0f} | {r['chunks_per_s'] / cpu_rate:.1f}x | "
              f"{r['query_p50_ms']:.2f} | {r['query_p99_ms']:.2f} |")
    machine = dict(gpu=gpu, cpu_threads=cpu_threads, torch=torch.__version__,
                   python=platform.python_version(), cpu=platform.processor())
    os.makedirs(out, exist_ok=True)
    with open(f"{out}/gpu-embed.json", "w") as f:
        json.dump(dict(machine=machine, pinned_error=pinned_error, min_cosine=checks, rows=rows), f, indent=1)


if __name__ == "__main__":
    main()
