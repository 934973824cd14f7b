/**
 * The retrieval API: {@link dev.ragops.retrieval.HybridSearcher} runs the BM25 and vector legs and
 * fuses them with {@link dev.ragops.retrieval.ReciprocalRankFusion}; every hit carries each leg's
 * score and rank.
 */
package dev.ragops.retrieval;
