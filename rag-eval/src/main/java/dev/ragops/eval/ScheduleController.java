package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.NotFoundException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Freshness schedules of a collection: create, list, pause, resume, delete, trigger now. */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/v1/collections/{name}/schedules")
class ScheduleController {

  private final ScheduleStore store;
  private final ScheduleJobs jobs;
  private final ScheduleRunner runner;
  private final CollectionCatalog catalog;
  private final double defaultMaxDrop;

  ScheduleController(
      ScheduleStore store,
      ScheduleJobs jobs,
      ScheduleRunner runner,
      CollectionCatalog catalog,
      @Value("${ragops.freshness.default-max-drop:0.02}") double defaultMaxDrop) {
    this.store = store;
    this.jobs = jobs;
    this.runner = runner;
    this.catalog = catalog;
    this.defaultMaxDrop = defaultMaxDrop;
  }

  @Post(consumes = MediaType.APPLICATION_JSON)
  HttpResponse<ScheduleView> create(String name, @Body ScheduleRequest request) {
    catalog.requireActiveGeneration(name);
    var schedule = request.toSchedule(name, defaultMaxDrop);
    jobs.checkInterval(schedule);
    store.insert(schedule);
    jobs.register(schedule);
    return HttpResponse.created(ScheduleView.of(schedule));
  }

  @Get
  Map<String, List<ScheduleView>> list(String name) {
    catalog.requireActiveGeneration(name);
    return Map.of("schedules", store.list(name).stream().map(ScheduleView::of).toList());
  }

  @Get("/{id}")
  ScheduleView get(String name, String id) {
    return ScheduleView.of(find(name, id));
  }

  @Post("/{id}:pause")
  ScheduleView pause(String name, String id) {
    var schedule = find(name, id);
    store.setPaused(schedule.id(), true);
    jobs.unregister(schedule.id());
    return ScheduleView.of(schedule.paused(true));
  }

  @Post("/{id}:resume")
  ScheduleView resume(String name, String id) {
    var schedule = find(name, id);
    store.setPaused(schedule.id(), false);
    jobs.register(schedule);
    return ScheduleView.of(schedule.paused(false));
  }

  @Delete("/{id}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String name, String id) {
    var schedule = find(name, id);
    store.delete(schedule.id());
    jobs.unregister(schedule.id());
  }

  /** Runs the schedule's checks (and what a regression triggers) now, and waits for them. */
  @Post("/{id}:trigger")
  ScheduleRunner.Report trigger(String name, String id) {
    return runner.run(find(name, id), null, "manual");
  }

  private Schedule find(String name, String id) {
    catalog.requireActiveGeneration(name);
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("schedule '" + id + "' does not exist");
    }
    return store
        .find(uuid)
        .filter(s -> s.collection().equals(name))
        .orElseThrow(() ->
            new NotFoundException(
                "schedule '" + id + "' does not exist in collection '" + name + "'"));
  }
}
