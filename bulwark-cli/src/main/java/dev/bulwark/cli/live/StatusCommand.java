package dev.bulwark.cli.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.cli.Tables;
import dev.bulwark.operator.live.ClusterStatus;
import dev.bulwark.operator.reconcile.Blocked;
import dev.bulwark.operator.reconcile.ExistingChecks;
import dev.bulwark.operator.reconcile.StatusAggregator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark status}: Ready, Reconciling and Degraded of every Bulwark resource in the cluster.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows the conditions of the Platform, every Tenant and every Application in the cluster, or with APP that application's environments; with --repo and --spec first the image each application's environments pin in the GitOps repository, and the promotions that wait for an approval. Exit 0 when all are Ready, 1 otherwise.")
public final class StatusCommand implements Callable<Integer> {

  /** Output formats. */
  public enum Format {
    table,
    json
  }

  @Spec CommandSpec spec;
  @Mixin KubeOptions kube;

  /** With --repo and --spec: the promotion table (digests per environment, pending approvals). */
  @Mixin dev.bulwark.cli.delivery.DeliveryOptions delivery;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "APP",
      description =
          "An application: print its environments (digest, Argo CD sync and health, replicas, newest pipeline run, pending approval) instead of the conditions of every resource.")
  String application;

  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "The tenant of APP, when applications of several tenants share its name.")
  String tenant;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (application == null && tenant != null) {
      spec.commandLine().getErr().println("bulwark status: --tenant needs an APP");
      return 2;
    }
    try {
      delivery.promotionTable().ifPresent(out::print);
    } catch (dev.bulwark.cli.delivery.DeliveryOptions.BadInput | IllegalStateException e) {
      spec.commandLine().getErr().println("bulwark status: " + e.getMessage());
      return 1;
    }
    if (application != null) {
      return showApplication(out);
    }
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(kube.config()).build()) {
      List<ClusterStatus.Row> rows = ClusterStatus.read(client);
      out.print(format == Format.json ? json(rows) : table(rows));
      Optional<Blocked> adopted = adoptedInstances(client);
      if (format != Format.json) {
        adopted.ifPresent(b -> out.println("  blocked: " + b.reason() + ": " + b.message()));
      }
      out.flush();
      return ClusterStatus.allReady(rows) && adopted.isEmpty() ? 0 : 1;
    } catch (KubernetesClientException e) {
      spec.commandLine().getErr().println("bulwark status: " + e.getMessage());
      return 1;
    }
  }

  /** {@code bulwark status APP}: exit 0 when it is Ready, 1 otherwise or when it is not found. */
  private int showApplication(PrintWriter out) throws Exception {
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(kube.config()).build()) {
      Application app = ApplicationView.find(client, application, tenant);
      out.print(format == Format.json ? ApplicationView.json(app) : ApplicationView.table(app));
      out.flush();
      return StatusAggregator.ready(app.getStatus(), app.getMetadata().getGeneration()) ? 0 : 1;
    } catch (IllegalArgumentException | KubernetesClientException e) {
      spec.commandLine().getErr().println("bulwark status: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Whether the instances the Platform adopts (ADR 0034) are usable now, checked live rather than
   * read from the last reconcile's conditions.
   */
  private static Optional<Blocked> adoptedInstances(KubernetesClient client) {
    List<Platform> platforms = client.resources(Platform.class).list().getItems();
    return platforms.size() == 1 && platforms.get(0).getSpec() != null
        ? new ExistingChecks(client).check(platforms.get(0).getSpec())
        : Optional.empty();
  }

  /** The status table: one line per resource, and the reason of anything not Ready below it. */
  public static String table(List<ClusterStatus.Row> rows) {
    if (rows.isEmpty()) {
      return "no Bulwark resources in this cluster\n";
    }
    List<List<String>> table = new ArrayList<>();
    table.add(
        List.of(
            "KIND",
            "NAMESPACE",
            "NAME",
            "TENANT",
            "READY",
            "RECONCILING",
            "DEGRADED",
            "OBJECTS",
            "REASON"));
    for (ClusterStatus.Row row : rows) {
      table.add(
          List.of(
              row.kind(),
              dash(row.namespace()),
              row.name(),
              dash(row.tenant()),
              state(row.ready()) + (row.current() || row.ready().isEmpty() ? "" : " (stale)"),
              state(row.reconciling()),
              state(row.degraded()),
              String.valueOf(row.objects()),
              row.ready().map(Condition::getReason).orElse("-")));
    }
    StringBuilder text = new StringBuilder(Tables.render(table));
    ClusterStatus.notReady(rows)
        .forEach(line -> text.append("  not ready: ").append(line).append('\n'));
    return text.toString();
  }

  static String json(List<ClusterStatus.Row> rows) throws Exception {
    List<Map<String, Object>> items = new ArrayList<>();
    for (ClusterStatus.Row row : rows) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("kind", row.kind());
      item.put("namespace", row.namespace());
      item.put("name", row.name());
      item.put("tenant", row.tenant());
      item.put("ready", row.isReady());
      item.put("currentGeneration", row.current());
      item.put("objects", row.objects());
      List<Condition> conditions = new ArrayList<>();
      row.ready().ifPresent(conditions::add);
      row.reconciling().ifPresent(conditions::add);
      row.degraded().ifPresent(conditions::add);
      item.put("conditions", conditions);
      items.add(item);
    }
    return new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(Map.of("items", items))
        + "\n";
  }

  private static String state(Optional<Condition> condition) {
    return condition.map(Condition::getStatus).orElse("-");
  }

  private static String dash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
