package dev.ragops.model;

/**
 * Where ingestion and search report the work they did; the server counts it per collection and API
 * key, prices it and checks budgets. Recording never fails the work: a ledger that cannot write
 * logs the reason.
 */
public interface UsageLedger {

  void record(UsageEvent event);
}
