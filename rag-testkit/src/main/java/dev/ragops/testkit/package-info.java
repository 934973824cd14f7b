/**
 * Contract tests every store and embedder implementation extends, a fixture corpus and reproducible
 * seeds.
 */
package dev.ragops.testkit;
