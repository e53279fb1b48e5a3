package dev.bulwark.delivery;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.DastTask;
import dev.bulwark.delivery.PromotionChain.DastScan;
import dev.bulwark.render.Names;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DAST scans as Tekton TaskRuns of the {@link DastTask} in the tenant's CI namespace (ADR
 * 0050), one per application, environment and digest, named after them so that a scan is started
 * once however often a pass runs, and found again by a later pass or another replica. The TaskRun's
 * {@code Succeeded} condition is the result: the Task's last step is {@code bulwark gate}, whose
 * exit code fails the run when it blocks.
 */
public final class DastRuns {

  public static final String API_VERSION = "tekton.dev/v1";
  public static final String KIND = "TaskRun";

  private final KubernetesClient client;

  public DastRuns(KubernetesClient client) {
    this.client = client;
  }

  /** The TaskRun of a scan: the application, the environment it guards and the digest. */
  public static String name(DeliveryTarget target, String environment, Digest digest) {
    return Names.label(target.application(), "dast", environment, digest.shortForm());
  }

  /** The tenant's CI namespace, where its pipelines and scans run (as the platform renders it). */
  public static String namespace(String tenant) {
    return Names.ciNamespace(tenant);
  }

  /** Where the scan of {@code digest} for a release into {@code environment} stands. */
  public DastRun observe(DeliveryTarget target, String environment, Digest digest) {
    String name = name(target, environment, digest);
    String where = "TaskRun " + namespace(target.tenant()) + "/" + name;
    GenericKubernetesResource run =
        client
            .genericKubernetesResources(API_VERSION, KIND)
            .inNamespace(namespace(target.tenant()))
            .withName(name)
            .get();
    if (run == null) {
      return DastRun.notStarted(where);
    }
    Map<String, Object> succeeded = succeeded(run);
    String message = String.valueOf(succeeded.getOrDefault("message", ""));
    return switch (String.valueOf(succeeded.get("status"))) {
      case "True" -> new DastRun(DastRun.State.PASSED, where, message);
      case "False" ->
          new DastRun(
              DastRun.State.BLOCKED,
              where,
              succeeded.getOrDefault("reason", "Failed")
                  + (message.isEmpty() ? "" : ": " + message)
                  + "; its log has the gate's reasons");
      default -> new DastRun(DastRun.State.RUNNING, where, message);
    };
  }

  /** Whether {@code run} (a TaskRun) has succeeded: its gate let the digest through. */
  public static boolean passed(GenericKubernetesResource run) {
    return "True".equals(succeeded(run).get("status"));
  }

  /** The run's {@code Succeeded} condition; empty while Tekton has reported none. */
  private static Map<String, Object> succeeded(GenericKubernetesResource run) {
    List<Map<String, Object>> conditions = run.get("status", "conditions");
    return (conditions == null ? List.<Map<String, Object>>of() : conditions)
        .stream().filter(c -> "Succeeded".equals(c.get("type"))).findFirst().orElse(Map.of());
  }

  /**
   * Starts the scan of {@code digest} for a release into {@code environment}; a scan already
   * started (by this pass before a crash, or by another replica) is left as it is.
   *
   * @throws PromotionRefused when the spec names nothing to scan
   */
  public void start(DeliveryTarget target, String environment, Digest digest) {
    DastScan scan =
        target
            .chain()
            .stage(environment)
            .dast()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "a release into " + environment + " needs no DAST scan"));
    String url =
        scan.target()
            .orElseThrow(
                () ->
                    new PromotionRefused(
                        target.qualifiedName()
                            + " needs a DAST scan before "
                            + environment
                            + " but names nothing to scan: set spec.security.dastTarget or a"
                            + " host in "
                            + target.chain().previous(environment)));
    GenericKubernetesResource run = new GenericKubernetesResource();
    run.setApiVersion(API_VERSION);
    run.setKind(KIND);
    Map<String, String> labels = new TreeMap<>();
    labels.put(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
    labels.put(BulwarkLabels.TENANT, target.tenant());
    labels.put(BulwarkLabels.APPLICATION, target.application());
    labels.put(BulwarkLabels.ENVIRONMENT, environment);
    run.setMetadata(
        new ObjectMetaBuilder()
            .withName(name(target, environment, digest))
            .withNamespace(namespace(target.tenant()))
            .withLabels(labels)
            .build());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("taskRef", Map.of("kind", "Task", "name", DastTask.NAME));
    spec.put("serviceAccountName", DastTask.SERVICE_ACCOUNT);
    spec.put(
        "params",
        List.of(
            param(DastTask.APPLICATION, target.application()),
            param(DastTask.ENVIRONMENT, environment),
            param(DastTask.IMAGE, target.image() + "@" + digest.value()),
            param(DastTask.DIGEST, digest.value()),
            param(DastTask.TARGET, url)));
    run.setAdditionalProperty("spec", spec);
    try {
      client.resource(run).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  private static Map<String, Object> param(String name, String value) {
    return Map.of("name", name, "value", value);
  }
}
