package dev.ragops.eval;

import java.util.Map;

/**
 * One staleness detector a schedule can run: {@code sources}, {@code drift}, {@code ttl} or {@code
 * eval}.
 */
interface FreshnessCheck {

  /**
   * What a check found.
   *
   * @param regression whether it found something to act on
   * @param reindexHelps whether rebuilding the collection's index addresses it (otherwise a
   *     regression can only be alerted)
   */
  record Finding(
      String check,
      boolean regression,
      boolean reindexHelps,
      String summary,
      Map<String, Object> details) {}

  String name();

  Finding run(Schedule schedule);
}
