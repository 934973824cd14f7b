package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/** Golden sets of a collection: datasets, their cases, lineage review and promotion of queries. */
@Controller("/v1/collections/{name}")
@ExecuteOn(TaskExecutors.BLOCKING)
class DatasetController {

  private final GoldenSets goldenSets;
  private final QueryPromotion promotion;

  DatasetController(GoldenSets goldenSets, QueryPromotion promotion) {
    this.goldenSets = goldenSets;
    this.promotion = promotion;
  }

  @Post("/datasets")
  HttpResponse<DatasetView> create(String name, @Body DatasetRequests.Create request) {
    return HttpResponse.created(goldenSets.create(name, request));
  }

  @Post("/datasets:import")
  HttpResponse<DatasetView> importDataset(String name, @Body DatasetRequests.Import request) {
    return HttpResponse.created(goldenSets.importDataset(name, request));
  }

  @Get("/datasets")
  Map<String, List<DatasetView>> list(String name) {
    return Map.of("datasets", goldenSets.list(name));
  }

  @Delete("/datasets/{dataset}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String name, String dataset) {
    goldenSets.delete(name, dataset);
  }

  @Post("/datasets/{dataset}/cases")
  HttpResponse<CaseView> addCase(
      String name, String dataset, @Body DatasetRequests.AddCase request) {
    return HttpResponse.created(goldenSets.addCase(name, dataset, request));
  }

  /** The dataset's cases, oldest first; with {@code stale=true} only those to review. */
  @Get("/datasets/{dataset}/cases")
  Map<String, List<CaseView>> cases(
      String name, String dataset, @Nullable @QueryValue Boolean stale) {
    return Map.of("cases", goldenSets.cases(name, dataset, Boolean.TRUE.equals(stale)));
  }

  @Delete("/datasets/{dataset}/cases/{caseId}")
  @Status(HttpStatus.NO_CONTENT)
  void deleteCase(String name, String dataset, String caseId) {
    goldenSets.deleteCase(name, dataset, caseId);
  }

  @Post("/datasets/{dataset}/cases/{caseId}:confirm")
  CaseView confirm(
      String name, String dataset, String caseId, @Nullable @Body DatasetRequests.Confirm request) {
    return goldenSets.confirm(name, dataset, caseId, request);
  }

  @Post("/datasets/{dataset}/cases:fromQueries")
  HttpResponse<Map<String, List<CaseView>>> promote(
      String name, String dataset, @Body DatasetRequests.Promote request) {
    return HttpResponse.created(Map.of("cases", promotion.promote(name, dataset, request)));
  }
}
