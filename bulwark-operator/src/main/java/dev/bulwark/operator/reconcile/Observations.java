package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.delivery.ArgoCdEvidence;
import dev.bulwark.render.Names;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Argo CD and Tekton report about the applications, for their status: the Argo CD Application
 * of each environment and the PipelineRuns that built them, held by informers so that describing an
 * Application costs no request. Both APIs may be installed after the operator starts (the platform
 * installs them): until one is served its informer is tried again every {@link #CHECK}. Every
 * change tells the listener which Applications it concerns, so their status follows.
 */
public final class Observations implements AutoCloseable {

  static final Duration CHECK = Duration.ofSeconds(30);
  static final String ARGO_CD = "argoproj.io/v1alpha1";
  static final String TEKTON = "tekton.dev/v1";
  private static final Logger LOG = LoggerFactory.getLogger(Observations.class);

  private final KubernetesClient client;
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "bulwark-observations");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Consumer<Predicate<Application>> listener = concerned -> {};
  private final PendingApprovals pendingApprovals =
      new PendingApprovals(concerned -> listener.accept(concerned));
  private volatile SharedIndexInformer<GenericKubernetesResource> argoCd;
  private volatile SharedIndexInformer<GenericKubernetesResource> runs;

  private Observations(KubernetesClient client) {
    this.client = client;
  }

  /** Starts observing on {@code client}. */
  public static Observations start(KubernetesClient client) {
    Observations observations = new Observations(client);
    observations.checker.scheduleWithFixedDelay(
        observations::informOnceServed, 0, CHECK.toMillis(), TimeUnit.MILLISECONDS);
    return observations;
  }

  /** Whom to tell, with a test for the Applications a change concerns. */
  void onChange(Consumer<Predicate<Application>> listener) {
    this.listener = listener;
  }

  /** The approvals that wait, as the promotion pass reads them; a change tells the listener. */
  public PendingApprovals pendingApprovals() {
    return pendingApprovals;
  }

  /** The Argo CD Application named {@code name} in {@link ArgoCdEvidence#NAMESPACE}, if seen. */
  Optional<GenericKubernetesResource> argoCdApplication(String name) {
    SharedIndexInformer<GenericKubernetesResource> informer = argoCd;
    return informer == null
        ? Optional.empty()
        : Optional.ofNullable(informer.getStore().getByKey(ArgoCdEvidence.NAMESPACE + "/" + name));
  }

  /** The newest PipelineRun labelled for {@code application} in its tenant's CI namespace. */
  Optional<GenericKubernetesResource> lastPipelineRun(String tenant, String application) {
    SharedIndexInformer<GenericKubernetesResource> informer = runs;
    if (informer == null) {
      return Optional.empty();
    }
    String namespace = ciNamespace(tenant);
    return informer.getStore().list().stream()
        .filter(run -> namespace.equals(run.getMetadata().getNamespace()))
        .filter(run -> application.equals(label(run, BulwarkLabels.APPLICATION)))
        .max(
            Comparator.comparing(
                    (GenericKubernetesResource run) ->
                        Objects.toString(run.getMetadata().getCreationTimestamp(), ""))
                // runs created in the same second: the later write (etcd revision) wins
                .thenComparingLong(run -> revision(run.getMetadata().getResourceVersion())));
  }

  private static long revision(String resourceVersion) {
    try {
      return Long.parseLong(resourceVersion);
    } catch (NumberFormatException | NullPointerException e) {
      return Long.MIN_VALUE;
    }
  }

  /** The CI namespace of {@code tenant}, where its pipelines run (ADR 0023). */
  static String ciNamespace(String tenant) {
    return Names.ciNamespace(tenant);
  }

  /** Whether the API server serves {@code kind} of {@code apiVersion}. */
  static boolean served(KubernetesClient client, String apiVersion, String kind) {
    try {
      APIResourceList resources = client.getApiResources(apiVersion);
      return resources != null
          && resources.getResources().stream().anyMatch(r -> r.getKind().equals(kind));
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private void informOnceServed() {
    if (argoCd == null && served(client, ARGO_CD, "Application")) {
      argoCd =
          client
              .genericKubernetesResources(ARGO_CD, "Application")
              .inNamespace(ArgoCdEvidence.NAMESPACE)
              .withLabel(BulwarkLabels.APPLICATION)
              .inform(new Handler(Observations::argoCdConcerns), 0);
      LOG.info("observing Argo CD Applications for the Applications' status");
    }
    if (runs == null && served(client, TEKTON, "PipelineRun")) {
      runs =
          client
              .genericKubernetesResources(TEKTON, "PipelineRun")
              .inAnyNamespace()
              .withLabel(BulwarkLabels.APPLICATION)
              .inform(new Handler(Observations::pipelineRunConcerns), 0);
      LOG.info("observing Tekton PipelineRuns for the Applications' status");
    }
  }

  private static Predicate<Application> argoCdConcerns(GenericKubernetesResource app) {
    String tenant = label(app, BulwarkLabels.TENANT);
    String name = label(app, BulwarkLabels.APPLICATION);
    return a -> a.getMetadata().getName().equals(name) && tenant.equals(a.getSpec().getTenant());
  }

  private static Predicate<Application> pipelineRunConcerns(GenericKubernetesResource run) {
    String namespace = run.getMetadata().getNamespace();
    String name = label(run, BulwarkLabels.APPLICATION);
    return a ->
        a.getMetadata().getName().equals(name)
            && namespace.equals(ciNamespace(a.getSpec().getTenant()));
  }

  private static String label(GenericKubernetesResource object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(key, "");
  }

  @Override
  public void close() {
    checker.shutdownNow();
    if (argoCd != null) {
      argoCd.close();
    }
    if (runs != null) {
      runs.close();
    }
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final Function<GenericKubernetesResource, Predicate<Application>> concerns;

    Handler(Function<GenericKubernetesResource, Predicate<Application>> concerns) {
      this.concerns = concerns;
    }

    private void tell(GenericKubernetesResource object) {
      Predicate<Application> concerned = concerns.apply(object);
      listener.accept(a -> a.getSpec() != null && concerned.test(a));
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
      tell(object);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource object) {
      tell(object);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean unknownFinalState) {
      tell(object);
    }
  }
}
