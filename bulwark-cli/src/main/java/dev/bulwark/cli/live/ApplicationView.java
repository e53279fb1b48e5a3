package dev.bulwark.cli.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.PendingApprovalStatus;
import dev.bulwark.api.v1alpha1.PipelineRunStatus;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.cli.Tables;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bulwark status APP}: one Application's environments as the operator last reported them
 * (ADR 0041): image digest, Argo CD sync and health, replicas and the newest pipeline run, and
 * below the table each promotion that waits for an approval.
 */
final class ApplicationView {

  /** The short form of a digest in the table: enough to tell releases apart. */
  private static final int DIGEST_SHOWN = "sha256:".length() + 12;

  /** The short form of a commit id, as Git abbreviates it. */
  private static final int COMMIT_SHOWN = 12;

  private ApplicationView() {}

  /** The one Application named {@code name} (of {@code tenant}, if given), or a clear error. */
  static Application find(KubernetesClient client, String name, String tenant) {
    List<Application> found =
        client.resources(Application.class).inAnyNamespace().list().getItems().stream()
            .filter(a -> a.getMetadata().getName().equals(name))
            .filter(
                a ->
                    tenant == null || a.getSpec() != null && tenant.equals(a.getSpec().getTenant()))
            .toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "no Application named "
              + name
              + (tenant == null ? "" : " of tenant " + tenant)
              + " in the cluster (bulwark status without an application lists them)");
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          found.size()
              + " Applications are named "
              + name
              + " (tenants "
              + String.join(", ", found.stream().map(ApplicationView::tenantOf).toList())
              + "); choose one with --tenant");
    }
    return found.get(0);
  }

  static String table(Application app) {
    StringBuilder out =
        new StringBuilder(
            "Application " + tenantOf(app) + "/" + app.getMetadata().getName() + "\n");
    List<EnvironmentStatus> environments = environments(app);
    if (environments.isEmpty()) {
      return out.append("  no environment reported yet\n").toString();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ENVIRONMENT", "DIGEST", "SYNC", "HEALTH", "REPLICAS", "LAST RUN"));
    for (EnvironmentStatus env : environments) {
      rows.add(
          List.of(
              env.getName(),
              env.getDigest() == null ? "-" : shortDigest(env.getDigest()),
              dash(env.getSync()),
              dash(env.getHealth()),
              replicas(env),
              run(env.getLastPipelineRun())));
    }
    out.append(Tables.render(rows));
    for (EnvironmentStatus env : environments) {
      if (env.getPendingApproval() != null) {
        out.append(pending(app, env.getName(), env.getPendingApproval())).append('\n');
      }
    }
    return out.toString();
  }

  /** One line for a promotion that waits: what, who asked and when, where, how to approve. */
  private static String pending(
      Application app, String environment, PendingApprovalStatus request) {
    return "  pending approval in "
        + environment
        + ": "
        + request.getDigest()
        + " requested by "
        + request.getRequestedBy()
        + " at "
        + request.getRequestedAt()
        + " (commit "
        + shortCommit(request.getCommit())
        + " on "
        + request.getBranch()
        + "); an owner approves it with: bulwark approve "
        + app.getMetadata().getName()
        + " --env "
        + environment;
  }

  private static String shortCommit(String commit) {
    return commit == null || commit.length() <= COMMIT_SHOWN
        ? String.valueOf(commit)
        : commit.substring(0, COMMIT_SHOWN);
  }

  static String json(Application app) throws Exception {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", app.getMetadata().getName());
    item.put("namespace", app.getMetadata().getNamespace());
    item.put("tenant", tenantOf(app));
    item.put("environments", environments(app));
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(item)
        + "\n";
  }

  private static List<EnvironmentStatus> environments(Application app) {
    ResourceStatus status = app.getStatus();
    return status == null || status.getEnvironments() == null
        ? List.of()
        : status.getEnvironments();
  }

  private static String replicas(EnvironmentStatus env) {
    if (env.getReplicas() != null) {
      return String.valueOf(env.getReplicas());
    }
    return env.getMinReplicas() == null ? "-" : env.getMinReplicas() + ".." + env.getMaxReplicas();
  }

  private static String run(PipelineRunStatus run) {
    if (run == null) {
      return "-";
    }
    return run.getName()
        + " "
        + run.getResult()
        + (run.getFinishedAt() == null ? "" : " " + run.getFinishedAt());
  }

  private static String shortDigest(String digest) {
    return digest.length() <= DIGEST_SHOWN ? digest : digest.substring(0, DIGEST_SHOWN) + "…";
  }

  private static String tenantOf(Application app) {
    return app.getSpec() == null ? "-" : app.getSpec().getTenant();
  }

  private static String dash(String value) {
    return value == null ? "-" : value;
  }
}
