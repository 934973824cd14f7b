package dev.ragops.server;

import org.jobrunr.dashboard.JobRunrDashboardWebServer;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr's dashboard (jobs, their states and stack traces, servers, recurring jobs) on its own
 * port, off unless {@code ragops.jobs.dashboard.enabled}. It has no authentication of its own:
 * expose it only inside the cluster.
 */
final class JobDashboard {

  private static final Logger LOG = LoggerFactory.getLogger(JobDashboard.class);

  private final JobRunrDashboardWebServer web;

  private JobDashboard(JobRunrDashboardWebServer web) {
    this.web = web;
  }

  static JobDashboard start(StorageProvider storage, JsonMapper json, int port) {
    var web =
        new JobRunrDashboardWebServer(
            storage,
            json,
            JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration()
                .andPort(port)
                .andAllowAnonymousDataUsage(false));
    web.start();
    LOG.info("JobRunr dashboard on port {}", port);
    return new JobDashboard(web);
  }

  void stop() {
    web.stop();
  }
}
