package dev.bulwark.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.testkit.Needed;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One entry point for every kind: built-in, Bulwark's own, upstream CRDs, unknown. */
class SchemasTest {

  @BeforeAll
  static void sharedData() {
    Needed.require(
        KubernetesSchemas.shared().isPresent() && UpstreamCrds.shared().isPresent(),
        "shared data is absent");
  }

  private static List<String> errors(io.fabric8.kubernetes.api.model.HasMetadata object) {
    return Schemas.validate(object).stream().map(SchemaError::toString).toList();
  }

  @Test
  void builtInKindsUseKubernetesSchemas() {
    assertThat(
            errors(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()))
        .isEmpty();
    assertThat(
            errors(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("c")
                    .withNamespace("shop")
                    .endMetadata()
                    .addToData("a", "b")
                    .build()))
        .isEmpty();
  }

  @Test
  void namespacesFollowTheScopeOfTheKind() {
    assertThat(errors(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()))
        .containsExactly(
            "metadata.namespace: expected a namespace (the kind is namespaced), found nothing");
    assertThat(
            errors(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName("shop")
                    .withNamespace("shop")
                    .endMetadata()
                    .build()))
        .containsExactly(
            "metadata.namespace: expected no namespace (the kind is cluster-scoped), found string \"shop\"");
  }

  @Test
  void namesAndLabelsFollowKubernetesRules() {
    var configMap =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace("n")
            .withLabels(Map.of("bulwark.dev/tenant", "web", "bad key", "x", "ok", "not a value!"))
            .endMetadata()
            .build();
    assertThat(errors(configMap))
        .containsExactlyInAnyOrder(
            "metadata.name: expected a name, found nothing",
            "metadata.labels[\"bad key\"]: expected a qualified name as label key, found \"bad key\"",
            "metadata.labels.ok: expected a label value, found string \"not a value!\"");
  }

  @Test
  void bulwarkKindsUseTheGeneratedCrds() {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName("web").build());
    TenantSpec spec = new TenantSpec();
    TenantSpec.EnvironmentSpec dev = new TenantSpec.EnvironmentSpec();
    dev.setName("dev");
    spec.getEnvironments().add(dev);
    tenant.setSpec(spec);
    assertThat(errors(tenant)).isEmpty();
    dev.setName("Dev");
    assertThat(errors(tenant))
        .containsExactly(
            "spec.environments[0].name: expected a string matching ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$, found \"Dev\"");
  }

  @Test
  void otherKindsUseTheUpstreamCrds() {
    var route =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("gateway.networking.k8s.io/v1")
            .withKind("HTTPRoute")
            .withNewMetadata()
            .withName("r")
            .withNamespace("shop")
            .endMetadata()
            .addToAdditionalProperties(
                "spec",
                Map.of("hostnames", List.of("shop.acme.example.com"), "parentRef", Map.of()))
            .build();
    assertThat(errors(route))
        .containsExactly("spec.parentRef: unknown field `parentRef`, did you mean `parentRefs`?");
  }

  @Test
  void customResourceMetadataIsAnObjectMeta() {
    var route =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("gateway.networking.k8s.io/v1")
            .withKind("HTTPRoute")
            .withNewMetadata()
            .withName("r")
            .withNamespace("shop")
            .withGeneration(3L)
            .endMetadata()
            .addToAdditionalProperties(
                "spec", Map.of("hostnames", List.of("shop.acme.example.com")))
            .build();
    assertThat(errors(route)).isEmpty();
    var broken = Schemas.toJson(route);
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("metadata")).put("nmae", "x");
    assertThat(Schemas.validate(broken))
        .extracting(SchemaError::toString)
        .containsExactly("metadata.nmae: unknown field `nmae`, did you mean `name`?");
  }

  @Test
  void unknownKindsAreErrors() {
    var widget =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("example.com/v1")
            .withKind("Widget")
            .withNewMetadata()
            .withName("w")
            .endMetadata()
            .build();
    assertThat(errors(widget))
        .containsExactly(
            "kind: expected a kind defined by a CRD under shared/crds, found"
                + " example.com/v1 Widget");
    var removed =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("extensions/v1beta1")
            .withKind("Ingress")
            .withNewMetadata()
            .withName("i")
            .withNamespace("shop")
            .endMetadata()
            .build();
    assertThat(errors(removed))
        .singleElement()
        .asString()
        .startsWith("kind: expected a kind Kubernetes serves");
    var bulwark =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("bulwark.dev/v1alpha1")
            .withKind("Tenent")
            .withNewMetadata()
            .withName("w")
            .endMetadata()
            .build();
    assertThat(errors(bulwark))
        .containsExactly(
            "kind: expected a Bulwark kind (Platform, Tenant or Application), found"
                + " bulwark.dev/v1alpha1 Tenent");
  }
}
