package dev.bulwark.render.workload;

import static dev.bulwark.render.TestSpecs.application;
import static dev.bulwark.render.TestSpecs.platform;
import static dev.bulwark.render.TestSpecs.spec;
import static dev.bulwark.render.TestSpecs.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.AutoscalingSpec;
import dev.bulwark.api.v1alpha1.ComputeSpec;
import dev.bulwark.api.v1alpha1.EnvVarSpec;
import dev.bulwark.api.v1alpha1.ProbeSpec;
import dev.bulwark.api.v1alpha1.ProbesSpec;
import dev.bulwark.api.v1alpha1.ResourcesSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadUnitTest {

  private static final String IMAGE = "harbor.acme.example.com/shop/web:1.2.3";
  private final Renderer renderer = new Renderer(List.of(new WorkloadUnit()));

  private static Application app(String image) {
    Application app = application("web", "shop", 8080);
    app.getSpec().setImage(image);
    return app;
  }

  private static ApplicationSpec.AppEnvironmentSpec env(String name, Integer replicas) {
    ApplicationSpec.AppEnvironmentSpec env = new ApplicationSpec.AppEnvironmentSpec();
    env.setName(name);
    env.setReplicas(replicas);
    return env;
  }

  private List<HasMetadata> render(Application app) {
    return render(tenant("shop", "dev", "prod"), app);
  }

  private List<HasMetadata> render(Tenant tenant, Application app) {
    return renderer
        .render(spec(platform("acme.example.com"), List.of(tenant), app))
        .objects()
        .stream()
        .map(DesiredObject::object)
        .toList();
  }

  private static <T> List<T> only(List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private static Deployment deploymentIn(List<HasMetadata> objects, String namespace) {
    return only(objects, Deployment.class).stream()
        .filter(d -> d.getMetadata().getNamespace().equals(namespace))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachEnvironmentGetsAnAccountWithoutTokenAndAHardenedDeployment() {
    List<HasMetadata> objects = render(app(IMAGE));
    assertThat(only(objects, ServiceAccount.class))
        .extracting(a -> a.getMetadata().getNamespace() + " " + a.getAutomountServiceAccountToken())
        .containsExactly("shop-dev false", "shop-prod false");
    Deployment deployment = deploymentIn(objects, "shop-prod");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(Workload.DEFAULT_REPLICAS);
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("bulwark.dev/application", "web")
        .containsEntry("bulwark.dev/environment", "prod")
        .containsEntry("bulwark.dev/capability", "workload");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app.kubernetes.io/name", "web"));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(pod.getServiceAccountName()).isEqualTo("web");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(IMAGE);
    assertThat(container.getPorts())
        .extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:8080");
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(only(objects, PodDisruptionBudget.class))
        .as("one replica: nothing to keep")
        .isEmpty();
    assertThat(only(objects, HorizontalPodAutoscaler.class)).isEmpty();
  }

  @Test
  void resourcesLeftOutComeFromTheEnvironmentsQuotaDefaults() {
    Tenant tenant = tenant("shop", "dev", "prod");
    TenantSpec.QuotaSpec quota = new TenantSpec.QuotaSpec();
    quota.setDefaultMemoryLimit("1Gi");
    tenant.getSpec().getEnvironments().get(1).setQuota(quota);
    Application app = app(IMAGE);
    ResourcesSpec resources = new ResourcesSpec();
    ComputeSpec requests = new ComputeSpec();
    requests.setCpu("300m");
    resources.setRequests(requests);
    app.getSpec().setResources(resources);
    List<HasMetadata> objects = render(tenant, app);
    var dev = deploymentIn(objects, "shop-dev").getSpec().getTemplate().getSpec().getContainers();
    var prod = deploymentIn(objects, "shop-prod").getSpec().getTemplate().getSpec().getContainers();
    assertThat(dev.get(0).getResources().getRequests())
        .isEqualTo(Map.of("cpu", new Quantity("300m"), "memory", new Quantity("128Mi")));
    assertThat(dev.get(0).getResources().getLimits())
        .isEqualTo(Map.of("memory", new Quantity("512Mi")));
    assertThat(prod.get(0).getResources().getLimits())
        .as("prod's own quota default")
        .isEqualTo(Map.of("memory", new Quantity("1Gi")));
  }

  @Test
  void moreThanOneReplicaGetsADisruptionBudgetAndAnAutoscalerOwnsTheReplicas() {
    Application app = app(IMAGE);
    AutoscalingSpec hpa = new AutoscalingSpec();
    hpa.setMinReplicas(3);
    hpa.setMaxReplicas(9);
    ApplicationSpec.AppEnvironmentSpec prod = env("prod", 5);
    prod.setAutoscaling(hpa);
    app.getSpec().setEnvironments(List.of(env("dev", 2), prod));
    List<HasMetadata> objects = render(app);
    assertThat(deploymentIn(objects, "shop-dev").getSpec().getReplicas()).isEqualTo(2);
    assertThat(deploymentIn(objects, "shop-prod").getSpec().getReplicas())
        .as("the autoscaler's to set")
        .isNull();
    assertThat(only(objects, PodDisruptionBudget.class))
        .extracting(
            b -> b.getMetadata().getNamespace() + " " + b.getSpec().getMaxUnavailable().getIntVal())
        .containsExactly("shop-dev 1", "shop-prod 1");
    HorizontalPodAutoscaler autoscaler = only(objects, HorizontalPodAutoscaler.class).get(0);
    assertThat(autoscaler.getMetadata().getNamespace()).isEqualTo("shop-prod");
    assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("web");
    assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(9);
    assertThat(autoscaler.getSpec().getMetrics().get(0).getResource().getTarget())
        .satisfies(t -> assertThat(t.getAverageUtilization()).isEqualTo(80));
  }

  @Test
  void probesEnvironmentAndTracesReachThePodAndSecretsOnlyByReference() {
    Application app = app(IMAGE);
    ProbesSpec probes = new ProbesSpec();
    probes.setReadiness(probe("http", "/ready"));
    probes.setLiveness(probe("http", null));
    app.getSpec().setProbes(probes);
    EnvVarSpec plain = new EnvVarSpec();
    plain.setName("MODE");
    plain.setValue("fast");
    EnvVarSpec secret = new EnvVarSpec();
    secret.setName("DB_PASSWORD");
    EnvVarSpec.SecretKeySpec ref = new EnvVarSpec.SecretKeySpec();
    ref.setName("web-db");
    ref.setKey("password");
    secret.setFromSecret(ref);
    app.getSpec().setEnv(new ArrayList<>(List.of(plain, secret)));
    ApplicationSpec.ObservabilitySpec observability = new ApplicationSpec.ObservabilitySpec();
    observability.setTraces(true);
    app.getSpec().setObservability(observability);
    Deployment deployment = deploymentIn(render(app), "shop-dev");
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getLivenessProbe().getHttpGet()).isNull();
    assertThat(container.getLivenessProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getEnv().get(0).getValue()).isEqualTo("fast");
    assertThat(container.getEnv().get(1).getValue()).isNull();
    assertThat(container.getEnv().get(1).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("web-db");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("instrumentation.opentelemetry.io/inject-sdk", "bulwark");
  }

  @Test
  void anApplicationWithItsOwnManifestsGetsNoWorkload() {
    Application app = application("web", "shop", 8080);
    ApplicationSpec.SourceSpec source = new ApplicationSpec.SourceSpec();
    source.setRepoURL("https://git.example.com/web.git");
    app.getSpec().setSource(source);
    assertThat(render(app)).isEmpty();
    assertThat(render(application("web", "shop", 8080))).as("nor one without an image").isEmpty();
  }

  private static ProbeSpec probe(String port, String path) {
    ProbeSpec probe = new ProbeSpec();
    probe.setPort(port);
    probe.setPath(path);
    return probe;
  }
}
