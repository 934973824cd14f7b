package dev.ragops.embedder;

import java.nio.file.Path;

/**
 * A model's files on disk, as DJL and the tokenizer library need them.
 *
 * @param model the {@code .onnx} graph
 * @param tokenizer the Hugging Face {@code tokenizer.json}
 */
record ModelFiles(Path model, Path tokenizer) {}
