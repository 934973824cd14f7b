package dev.ragops.eval;

/**
 * Scores one generation of a collection on a golden set and records the run in the eval history
 * ({@code GET /v1/collections/{name}/evals}).
 */
interface GoldenSetScorer {

  /**
   * Runs {@code dataset} against {@code generation} now and waits for it.
   *
   * @param trigger why it ran: {@code gate} or {@code schedule}
   * @throws dev.ragops.model.NotFoundException when the collection or dataset does not exist
   */
  ScoredRun score(String collection, String dataset, int generation, String trigger);
}
