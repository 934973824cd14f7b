package dev.ragops.server;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses uploads and retries ({@code POST /v1/collections/{name}/documents} and {@code
 * …/documents/{id}:retry}) with 429 while a hard-limit {@link Budget} of the collection or of the
 * caller's key is spent. Runs after {@link AuthFilter}, so the key is known.
 */
@ServerFilter("/v1/collections/**")
final class BudgetFilter implements Ordered {

  private static final Pattern INGEST =
      Pattern.compile("/v1/collections/([^/]+)/documents(?:/[^/]+:retry)?/?");

  private final BudgetWatch budgets;

  BudgetFilter(BudgetWatch budgets) {
    this.budgets = budgets;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  void checkBudget(HttpRequest<?> request) {
    if (request.getMethod() != HttpMethod.POST) {
      return;
    }
    Matcher ingest = INGEST.matcher(request.getPath());
    if (!ingest.matches()) {
      return;
    }
    String key =
        request.getAttribute(AuthFilter.KEY_ATTRIBUTE, ApiKey.class).map(ApiKey::id).orElse(null);
    budgets
        .refusal(ingest.group(1), key)
        .ifPresent(refusal -> {
          throw new BudgetExceededException(refusal.message(), refusal.retryAfter());
        });
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
