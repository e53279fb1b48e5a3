package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.platform.kinds.CustomResourceSpec;
import dev.bulwark.platform.kinds.argocd.AppProjectSpec;
import dev.bulwark.platform.kinds.argocd.ApplicationSource;
import dev.bulwark.platform.kinds.argocd.ApplicationSpec;
import dev.bulwark.platform.kinds.argocd.Destination;
import dev.bulwark.platform.kinds.argocd.DirectorySource;
import dev.bulwark.platform.kinds.argocd.GroupKind;
import dev.bulwark.platform.kinds.argocd.HelmSource;
import dev.bulwark.platform.kinds.argocd.ProjectRole;
import dev.bulwark.platform.kinds.argocd.SyncPolicy;
import dev.bulwark.platform.kinds.externalsecrets.ExternalSecretSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretData;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreRef;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretTarget;
import dev.bulwark.platform.kinds.externalsecrets.StoreKind;
import dev.bulwark.platform.kinds.externalsecrets.TargetTemplate;
import dev.bulwark.platform.kinds.externalsecrets.VaultProvider;
import dev.bulwark.platform.kinds.externalsecrets.VaultProvider.ServiceAccountRef;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.render.Manifests;
import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.schema.Schemas;
import dev.bulwark.testkit.schema.UpstreamCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed models of Argo CD and External Secrets kinds (ADR 0016): every variant Bulwark builds
 * conforms, as written, to the upstream CRD; what a CRD requires cannot be left out; and the models
 * refuse combinations that make no sense, naming the field.
 */
class TypedKindsTest {

  private static final VaultProvider TENANT_VAULT =
      new VaultProvider(
          "http://openbao.openbao.svc:8200",
          "secret",
          "v2",
          "kubernetes",
          "tenant-web",
          new ServiceAccountRef("openbao-auth", null));

  static List<CustomResourceSpec> variants() {
    return List.of(
        new ApplicationSpec(
            "bulwark-platform",
            ApplicationSource.chart(
                "https://charts.example.com",
                "demo",
                "1.2.3",
                new HelmSource("demo", Map.of("replicas", 2))),
            Destination.inCluster("demo"),
            SyncPolicy.autoSync("ServerSideApply=true")),
        new ApplicationSpec(
            "web",
            ApplicationSource.path("https://git.example.com/web.git", "deploy", "HEAD"),
            Destination.inCluster("web-dev"),
            SyncPolicy.autoSync()),
        new ApplicationSpec(
            "default",
            ApplicationSource.directory(
                "https://git.example.com/gitops.git",
                ".",
                "main",
                new DirectorySource(true, "{bootstrap/*}")),
            Destination.inCluster("argocd"),
            null),
        new AppProjectSpec(
            "all",
            List.of("*"),
            List.of(Destination.inCluster("*")),
            List.of(GroupKind.ANY),
            List.of(),
            List.of()),
        tenantProject(),
        ExternalSecretSpec.extract(
            SecretStoreRef.namespaced("tenant"), SecretTarget.owned("db"), "tenants/web/db"),
        ExternalSecretSpec.properties(
            SecretStoreRef.cluster("bulwark-platform"),
            new SecretTarget(
                "es-user",
                TargetTemplate.typed(
                    "kubernetes.io/basic-auth", Map.of("username", "{{ .username }}"))),
            List.of(SecretData.property("username", "platform/es", "username"))),
        ExternalSecretSpec.properties(
            SecretStoreRef.cluster("bulwark-platform"),
            new SecretTarget(
                "oidc", TargetTemplate.labels(Map.of("app.kubernetes.io/part-of", "argocd"))),
            List.of(
                SecretData.property("client-secret", "platform/oidc/argo-cd", "client-secret"))),
        SecretStoreSpec.namespaced(TENANT_VAULT),
        SecretStoreSpec.cluster(
            new VaultProvider(
                "http://openbao.openbao.svc:8200",
                "secret",
                "v2",
                "kubernetes",
                "platform",
                new ServiceAccountRef("external-secrets", "external-secrets")),
            List.of("bulwark.dev/component")));
  }

  private static AppProjectSpec tenantProject() {
    return new AppProjectSpec(
        "tenant web",
        List.of("https://git.example.com/web.git"),
        List.of(Destination.inCluster("web-dev")),
        List.of(),
        List.of(
            GroupKind.core("ResourceQuota"), new GroupKind("networking.k8s.io", "NetworkPolicy")),
        List.of(
            new ProjectRole(
                "viewer",
                List.of("web-viewers"),
                List.of("p, proj:web:viewer, applications, get, web/*, allow"))));
  }

  private static GenericKubernetesResource resource(CustomResourceSpec spec) {
    CustomResource builder = CustomResource.of(spec).name("sample");
    return (spec.kind().equals("ClusterSecretStore") ? builder : builder.namespace("argocd"))
        .build();
  }

  @BeforeAll
  static void upstreamCrdsArePresent() {
    Needed.require(
        UpstreamCrds.shared().isPresent(),
        "TypedKindsTest needs the upstream CRDs of the shared folder (-Dbulwark.shared.dir or BULWARK_SHARED_DIR)");
  }

  @ParameterizedTest
  @MethodSource("variants")
  void everyVariantConformsToItsCrdAsWritten(CustomResourceSpec spec) {
    assertThat(SchemaConformanceTest.errorsAsWritten(resource(spec)))
        .as("%s %s", spec.kind(), spec)
        .isEmpty();
  }

  @Test
  void anAppProjectKeepsTheCoreGroupItsCrdRequires() throws Exception {
    String yaml = Manifests.toYaml(resource(tenantProject()));
    assertThat(yaml).contains("- group: \"\"\n    kind: ResourceQuota\n");
    JsonNode written = Manifests.mapper().readTree(yaml);
    assertThat(written.at("/spec/namespaceResourceBlacklist/0/group").isTextual()).isTrue();
    // What the tree held before the typed model: the schema check must catch the missing group.
    ((ObjectNode) written.at("/spec/namespaceResourceBlacklist/0")).remove("group");
    assertThat(Schemas.validate(written))
        .extracting(SchemaError::toString)
        .anySatisfy(e -> assertThat(e).contains("namespaceResourceBlacklist").contains("group"));
  }

  @Test
  void aGroupKindCannotOmitItsGroup() {
    assertThatThrownBy(() -> new GroupKind(null, "ResourceQuota"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group")
        .hasMessageContaining("core group");
    assertThatThrownBy(() -> GroupKind.core(" ")).hasMessageContaining("AppProject kind");
  }

  @Test
  void aSourceIsEitherAChartOrAPath() {
    assertThatThrownBy(
            () -> new ApplicationSource("https://x.example.com", "p", "c", "1", null, null))
        .hasMessageContaining("exactly one of chart and path")
        .hasMessageContaining("both");
    assertThatThrownBy(
            () -> new ApplicationSource("https://x.example.com", null, null, "1", null, null))
        .hasMessageContaining("neither");
    assertThatThrownBy(
            () ->
                new ApplicationSource(
                    "https://x.example.com", "p", null, "1", new HelmSource("r", null), null))
        .hasMessageContaining("helm goes with a chart");
    assertThatThrownBy(() -> ApplicationSource.path("https://x.example.com", "deploy", null))
        .hasMessageContaining("spec.source.targetRevision");
    assertThatThrownBy(
            () ->
                new ApplicationSpec(
                    " ",
                    ApplicationSource.path("https://x.example.com", "d", "HEAD"),
                    Destination.inCluster("d"),
                    null))
        .hasMessageContaining("Application spec.project");
  }

  @Test
  void anExternalSecretFetchesSomething() {
    assertThatThrownBy(
            () ->
                new ExternalSecretSpec(
                    "1h",
                    SecretStoreRef.namespaced("tenant"),
                    SecretTarget.owned("db"),
                    null,
                    null))
        .hasMessageContaining("data or dataFrom")
        .hasMessageContaining("db");
    assertThatThrownBy(() -> SecretData.property("password", "tenants/web/db", null))
        .hasMessageContaining("property");
    assertThatThrownBy(() -> new TargetTemplate(null, "Opaque", null, Map.of("k", "{{ .v }}")))
        .hasMessageContaining("engineVersion");
  }

  @Test
  void onlyAClusterSecretStoreHasConditionsAndNamesItsServiceAccountsNamespace() {
    assertThatThrownBy(
            () ->
                new SecretStoreSpec(
                    StoreKind.SECRET_STORE, TENANT_VAULT, List.of("bulwark.dev/component")))
        .hasMessageContaining("only a ClusterSecretStore has conditions");
    assertThatThrownBy(() -> SecretStoreSpec.cluster(TENANT_VAULT, List.of()))
        .hasMessageContaining("serviceAccountRef.namespace");
  }

  @Test
  void optionalFieldsLeftEmptyAreNotWritten() {
    Map<String, Object> project =
        new AppProjectSpec("d", List.of(), List.of(), List.of(), List.of(), List.of()).toMap();
    assertThat(project).containsOnlyKeys("description", "sourceRepos", "destinations");
    Map<String, Object> helm = new HelmSource("r", Map.of()).toMap();
    assertThat(helm).containsOnlyKeys("releaseName");
    assertThat(SyncPolicy.autoSync().toMap()).containsOnlyKeys("automated");
  }
}
