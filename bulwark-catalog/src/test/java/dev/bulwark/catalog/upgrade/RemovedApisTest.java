package dev.bulwark.catalog.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.catalog.CatalogueException;
import dev.bulwark.catalog.KubernetesVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RemovedApisTest {

  static final RemovedApis TABLE = RemovedApis.standard();

  static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  static ScannedObject object(String apiVersion, String kind) {
    return new ScannedObject(apiVersion, kind, "default", "x", "test");
  }

  static Stream<RemovedApi> everyRemovedApi() {
    return TABLE.all().stream();
  }

  /**
   * Generated from the table: an object of each removed API is found at its removal, not before.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRemovedApi")
  void everyRemovedApiIsFoundFromItsRemovalOn(RemovedApi api) {
    ScannedObject o = object(api.apiVersion(), api.kind());
    assertThat(TABLE.scan(List.of(o), api.removedIn()))
        .singleElement()
        .satisfies(f -> assertThat(f.api()).isEqualTo(api));
    assertThat(TABLE.scan(List.of(o), v("1.37"))).hasSize(1);
    KubernetesVersion before = new KubernetesVersion(1, api.removedIn().minor() - 1);
    assertThat(TABLE.scan(List.of(o), before)).as("still served in %s", before).isEmpty();
    // The replacement is served when the old version goes; if it is removed later, the table says
    // when.
    api.replacement()
        .ifPresent(
            r -> {
              assertThat(TABLE.scan(List.of(object(r, api.kind())), api.removedIn()))
                  .as("replacement %s at %s", r, api.removedIn())
                  .isEmpty();
              TABLE
                  .scan(List.of(object(r, api.kind())), v("1.37"))
                  .forEach(
                      later -> assertThat(later.api().removedIn()).isGreaterThan(api.removedIn()));
            });
  }

  /** Hand-written, independent of the table's content: facts from the deprecation guide. */
  @ParameterizedTest(name = "{1} {0} removed in {2}")
  @CsvSource({
    "extensions/v1beta1, Ingress, 1.22, networking.k8s.io/v1",
    "networking.k8s.io/v1beta1, Ingress, 1.22, networking.k8s.io/v1",
    "policy/v1beta1, PodSecurityPolicy, 1.25, ",
    "flowcontrol.apiserver.k8s.io/v1beta2, FlowSchema, 1.29, flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta2, PriorityLevelConfiguration, 1.29, flowcontrol.apiserver.k8s.io/v1",
    "autoscaling/v2beta2, HorizontalPodAutoscaler, 1.26, autoscaling/v2",
    "batch/v1beta1, CronJob, 1.25, batch/v1",
    "apps/v1beta1, Deployment, 1.16, apps/v1",
    "apiextensions.k8s.io/v1beta1, CustomResourceDefinition, 1.22, apiextensions.k8s.io/v1",
    "storage.k8s.io/v1beta1, CSIStorageCapacity, 1.27, storage.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta3, FlowSchema, 1.32, flowcontrol.apiserver.k8s.io/v1"
  })
  void spotChecks(String apiVersion, String kind, String removedIn, String replacement) {
    ScannedObject o = object(apiVersion, kind);
    List<ApiFinding> atRemoval = TABLE.scan(List.of(o), v(removedIn));
    assertThat(atRemoval)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.api().removedIn()).isEqualTo(v(removedIn));
              assertThat(f.api().replacement().orElse(null)).isEqualTo(replacement);
            });
    assertThat(TABLE.scan(List.of(o), new KubernetesVersion(1, v(removedIn).minor() - 1)))
        .isEmpty();
  }

  @Test
  void currentApisAreNotFlagged() {
    List<ScannedObject> current =
        List.of(
            object("apps/v1", "Deployment"),
            object("networking.k8s.io/v1", "Ingress"),
            object("v1", "Service"),
            object("gateway.networking.k8s.io/v1", "HTTPRoute"),
            object("policy/v1", "PodDisruptionBudget"),
            object("batch/v1", "CronJob"),
            object("autoscaling/v2", "HorizontalPodAutoscaler"));
    assertThat(TABLE.scan(current, v("1.37"))).isEmpty();
  }

  @Test
  void tableCoversEveryReleaseFrom116To137() {
    assertThat(TABLE.first()).isEqualTo(v("1.16"));
    assertThat(TABLE.last()).isEqualTo(v("1.37"));
    for (int minor = 16; minor <= 37; minor++) {
      assertThat(TABLE.covers(new KubernetesVersion(1, minor))).isTrue();
    }
    assertThat(TABLE.removedIn(v("1.22"))).hasSizeGreaterThanOrEqualTo(20);
    assertThat(TABLE.all()).hasSizeGreaterThanOrEqualTo(47);
    assertThat(TABLE.source()).contains("deprecation-guide");
  }

  @Test
  void adviceNamesTheReplacementOrItsAbsence() {
    assertThat(TABLE.find("policy", "v1beta1", "PodSecurityPolicy"))
        .get()
        .extracting(RemovedApi::advice)
        .asString()
        .startsWith(
            "PodSecurityPolicy policy/v1beta1 is not served since Kubernetes 1.25; it has no replacement");
    assertThat(TABLE.find("extensions", "v1beta1", "Ingress"))
        .get()
        .extracting(RemovedApi::advice)
        .asString()
        .startsWith(
            "Ingress extensions/v1beta1 is not served since Kubernetes 1.22; migrate to networking.k8s.io/v1");
  }

  @Test
  void badTablesAreRejected() {
    String gap = "releases:\n  \"1.16\": []\n  \"1.18\": []\n";
    assertThatThrownBy(() -> load(gap))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining("releases: 1.17 is missing");
    String twice =
        "releases:\n  \"1.16\":\n    - {group: apps, version: v1beta1, kind: Deployment, replacement: apps/v1}\n"
            + "  \"1.17\":\n    - {group: apps, version: v1beta1, kind: Deployment, replacement: apps/v1}\n";
    assertThatThrownBy(() -> load(twice))
        .hasMessageContaining("releases.1.17[0]: Deployment apps/v1beta1 is listed twice");
    String bad =
        "releases:\n  \"1.16\":\n    - {group: apps, version: v1beta1, kind: Deployment, replacement: newest}\n";
    assertThatThrownBy(() -> load(bad))
        .hasMessageContaining("replacement: 'newest' is not an apiVersion");
  }

  static RemovedApis load(String yaml) {
    return RemovedApis.load(
        "test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void manifestsAreReadWithFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("a.yaml"),
        """
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        ---
        # a values file is not an object
        replicas: 3
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: batch/v1beta1
            kind: CronJob
            metadata: {name: nightly}
          - apiVersion: apps/v1
            kind: Deployment
            metadata: {name: ok}
        """);
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(
        dir.resolve("sub/b.yml"),
        "apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: psp}\n");
    Files.writeString(dir.resolve("notes.txt"), "apiVersion: extensions/v1beta1\nkind: Ingress\n");
    List<ScannedObject> objects = ManifestObjects.read(List.of(dir));
    assertThat(objects)
        .extracting(ScannedObject::kind)
        .containsExactly("Ingress", "CronJob", "Deployment", "PodSecurityPolicy");
    List<ApiFinding> findings = TABLE.scan(objects, v("1.37"));
    assertThat(findings)
        .extracting(ApiFinding::describe)
        .containsExactly(
            dir.resolve("a.yaml")
                + ":1: Ingress shop/web: Ingress extensions/v1beta1 is not served since Kubernetes 1.22; migrate to networking.k8s.io/v1"
                + " (spec.backend is spec.defaultBackend; serviceName/servicePort become service.name/service.port; pathType is required)",
            dir.resolve("a.yaml")
                + ":8: CronJob nightly: CronJob batch/v1beta1 is not served since Kubernetes 1.25; migrate to batch/v1",
            dir.resolve("sub/b.yml")
                + ":1: PodSecurityPolicy psp: PodSecurityPolicy policy/v1beta1 is not served since Kubernetes 1.25;"
                + " it has no replacement (PodSecurityPolicy is removed without replacement; use Pod Security Admission (namespace labels) or a policy engine)");
    assertThatThrownBy(() -> ManifestObjects.read(List.of(dir.resolve("missing"))))
        .hasMessageEndingWith("missing: no such file or directory");
  }

  @Test
  void liveObjectsAreJudgedByTheVersionsTheirWritersUsed() {
    HasMetadata hpa =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("autoscaling/v2")
            .withKind("HorizontalPodAutoscaler")
            .withNewMetadata()
            .withName("web")
            .withNamespace("shop")
            .addToAnnotations(
                "kubectl.kubernetes.io/last-applied-configuration",
                "{\"apiVersion\":\"autoscaling/v2beta2\",\"kind\":\"HorizontalPodAutoscaler\"}")
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("helm")
                    .withApiVersion("autoscaling/v2")
                    .build())
            .endMetadata()
            .build();
    HasMetadata fine =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withNewMetadata()
            .withName("api")
            .withNamespace("shop")
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("argocd")
                    .withApiVersion("apps/v1")
                    .build())
            .endMetadata()
            .build();
    LiveObjects cluster = () -> List.of(hpa, fine);
    List<ApiFinding> findings = TABLE.scan(cluster, v("1.37"));
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.object().describe()).isEqualTo("HorizontalPodAutoscaler shop/web");
              assertThat(f.object().origin()).isEqualTo("cluster");
              assertThat(f.api().apiVersion()).isEqualTo("autoscaling/v2beta2");
            });
  }
}
