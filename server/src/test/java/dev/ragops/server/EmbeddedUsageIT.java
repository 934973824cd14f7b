package dev.ragops.server;

import java.util.Map;

/** Usage and budgets in embedded mode (H2), with API keys turned on. */
class EmbeddedUsageIT extends UsageContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
