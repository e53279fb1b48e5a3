package dev.bulwark.platform.pipeline;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Mirror;
import dev.bulwark.platform.stack.MirrorException;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The refresh of Grype's vulnerability database on a CI namespace's {@code vulnerability-db} claim
 * (ADR 0039), which the scan stage mounts read-only: a CronJob in the catalogue's Grype image, so
 * that {@code bulwark mirror} lists and rewrites it like every other image. With a mirror, {@code
 * grype db import} of the archive the site's operator copies into the mirror's file store (the HTTP
 * folder {@code bulwark mirror export} writes, beside the release manifests); without one, {@code
 * grype db update} from Grype's own listing. Either verifies what it writes before it replaces the
 * database, so a failed run leaves the last good one.
 */
final class DatabaseRefresh {

  static final String NAME = "vulnerability-db-refresh";

  /** The ci component's setting with the CronJob's schedule. */
  static final String SCHEDULE_SETTING = "vulnerabilityDbSchedule";

  /** Daily, after Grype's nightly build of the database, off the full hour. */
  static final String DEFAULT_SCHEDULE = "17 5 * * *";

  /** Where the archive lies below the mirror's file store. */
  static final String MIRRORED_ARCHIVE = "grype/vulnerability-db.tar.zst";

  /**
   * Five fields of a standard cron line, or one of the @ shorthands the CronJob controller takes.
   */
  private static final Pattern CRON =
      Pattern.compile(
          "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\\S+\\s+){4}\\S+)$");

  private static final String DB_PATH = "/db";

  private DatabaseRefresh() {}

  /** The schedule the spec sets, or the default; what is wrong with it, as a spec check says. */
  static Optional<String> scheduleProblem(String schedule) {
    if (schedule == null || CRON.matcher(schedule.trim()).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "expected a cron schedule of five fields (minute hour day-of-month month day-of-week),"
            + " for example \""
            + DEFAULT_SCHEDULE
            + "\", got \""
            + schedule
            + "\"");
  }

  static HasMetadata cronJob(Stack stack, Component ci, String namespace) {
    String schedule = ci.setting(SCHEDULE_SETTING, DEFAULT_SCHEDULE).trim();
    CronJob job =
        new CronJobBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewSpec()
            .withSchedule(schedule)
            // two runs would write one database at once; a run that overlaps the next is skipped
            .withConcurrencyPolicy("Forbid")
            .withSuccessfulJobsHistoryLimit(1)
            .withFailedJobsHistoryLimit(3)
            .withNewJobTemplate()
            .withSpec(Manifests.mapper().convertValue(jobSpec(stack, ci), JobSpec.class))
            .endJobTemplate()
            .endSpec()
            .build();
    return CustomResource.withWave(job, SyncWave.TENANTS);
  }

  /** The Grype arguments of a run: import from the mirror, or update from Grype's listing. */
  static List<String> grypeArgs(Optional<Mirror> mirror) {
    if (mirror.isEmpty()) {
      return List.of("db", "update");
    }
    if (mirror.get().ociCharts()) {
      throw new MirrorException(
          "spec.mirror.charts: the CI namespaces' vulnerability database refresh imports Grype's"
              + " archive from the mirror's file store, which an OCI repository cannot serve; set"
              + " spec.mirror.charts to the HTTP(S) URL that serves the folder bulwark mirror"
              + " export writes");
    }
    return List.of("db", "import", mirror.get().charts() + "/" + MIRRORED_ARCHIVE);
  }

  private static Map<String, Object> jobSpec(Stack stack, Component ci) {
    Map<String, Object> container =
        Values.map(
            "name",
            "grype",
            "image",
            ScanTasks.image(ci, ScanTasks.GRYPE_IMAGE),
            "args",
            grypeArgs(stack.mirror()),
            "env",
            PipelineTasks.env(
                "GRYPE_DB_CACHE_DIR", DB_PATH,
                "GRYPE_CHECK_FOR_APP_UPDATE", "false",
                "HOME", "/tmp",
                "TMPDIR", "/tmp"),
            "volumeMounts",
            List.of(
                Values.map("name", "db", "mountPath", DB_PATH),
                Values.map("name", "tmp", "mountPath", "/tmp")),
            "securityContext",
            readOnlyRoot(PipelineTasks.restricted()),
            // decompressing and indexing the archive is the memory peak
            "resources",
            Values.map(
                "requests", Values.map("cpu", "100m", "memory", "512Mi"),
                "limits", Values.map("memory", "2Gi")));
    Map<String, Object> pod =
        Values.map(
            "restartPolicy",
            "Never",
            "automountServiceAccountToken",
            false,
            "securityContext",
            Values.map(
                "runAsNonRoot",
                true,
                "fsGroup",
                PipelineTasks.NON_ROOT_USER,
                "seccompProfile",
                Values.map("type", "RuntimeDefault")),
            "containers",
            List.of(container),
            "volumes",
            List.of(
                Values.map(
                    "name",
                    "db",
                    "persistentVolumeClaim",
                    Values.map("claimName", ScanTasks.DATABASE)),
                Values.map("name", "tmp", "emptyDir", Values.map("sizeLimit", "256Mi"))));
    return Values.map(
        "backoffLimit", 2,
        "activeDeadlineSeconds", 1800,
        "template", Values.map("spec", pod));
  }

  private static Map<String, Object> readOnlyRoot(Map<String, Object> securityContext) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>(securityContext);
    copy.put("readOnlyRootFilesystem", true);
    return copy;
  }
}
