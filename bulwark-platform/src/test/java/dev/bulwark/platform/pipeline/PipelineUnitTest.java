package dev.bulwark.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.platform.TestSpecs;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The pipeline capability as rendered from the full profile, whose {@code shop} tenant builds its
 * storefront with Tekton: the CI namespace and its identities, the stage order, the trigger, and
 * that taking {@code spec.build} away (or handing the build to external CI) takes every pipeline
 * object away with it.
 */
class PipelineUnitTest {

  private static final String CI_NS = TenantCi.namespace("shop");

  @Test
  void theCiNamespaceRunsAtBaselineAndSaysWhyWithoutOpeningThePlatformStore() {
    Namespace namespace = (Namespace) object(render(full()), "Namespace", CI_NS);
    Map<String, String> labels = namespace.getMetadata().getLabels();
    assertThat(labels)
        .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
        .containsEntry("pod-security.kubernetes.io/warn", "baseline")
        .containsEntry(CiNamespace.CI_TENANT_LABEL, "shop")
        // The platform's ClusterSecretStore serves namespaces with a component label.
        .doesNotContainKey("bulwark.dev/component");
    assertThat(namespace.getMetadata().getAnnotations().get("bulwark.dev/pod-security-reason"))
        .contains("Buildah", "root");
  }

  @Test
  void theStagesRunInOrderCloneTestSastBuildPushSbomScanGateSignPromote() {
    Map<String, Object> spec = spec(object(render(full()), "Pipeline", "storefront"));
    List<Map<String, Object>> tasks = list(spec.get("tasks"));
    assertThat(tasks)
        .extracting(t -> t.get("name"))
        .containsExactly(
            "clone", "test", "sast", "build-push", "sbom", "scan", "gate", "sign", "promote");
    assertThat(tasks)
        .extracting(t -> t.get("runAfter"))
        .containsExactly(
            null,
            List.of("clone"),
            List.of("test"),
            List.of("sast"),
            List.of("build-push"),
            List.of("sbom"),
            List.of("scan"),
            List.of("gate"),
            List.of("sign"));
    assertThat(list(tasks.get(7).get("params")))
        .contains(
            Map.of("name", "image", "value", "$(tasks.build-push.results.image)"),
            Map.of("name", "decision", "value", ScanTasks.GATE_DECISION));
    Map<String, Object> promote = tasks.get(8);
    assertThat(list(promote.get("params")))
        .contains(
            Map.of("name", "digest", "value", "$(tasks.build-push.results.digest)"),
            Map.of("name", "environment", "value", "dev"),
            Map.of("name", "application", "value", "storefront"));
    assertThat(list(tasks.get(3).get("params")))
        .contains(
            Map.of(
                "name",
                "image",
                "value",
                "harbor.full.example.com/shop/storefront:$(params.revision)"));
    assertThat(list(tasks.get(0).get("params")))
        .contains(
            Map.of("name", "repo-url", "value", "https://git.example.com/shop/storefront.git"));
  }

  @Test
  void withoutATestCommandTheBuildFollowsTheClone() {
    BulwarkSpec spec = full();
    build(spec, "storefront", b -> b.setTestCommand(null));
    List<Map<String, Object>> tasks =
        list(spec(object(render(spec), "Pipeline", "storefront")).get("tasks"));
    assertThat(tasks)
        .extracting(t -> t.get("name"))
        .containsExactly("clone", "sast", "build-push", "sbom", "scan", "gate", "sign", "promote");
    assertThat(tasks.get(1).get("runAfter")).isEqualTo(List.of("clone"));
  }

  @Test
  void theSignStageSignsWithTheKeyChainsUsesDeliveredFromOpenBaoNeverRendered() {
    DesiredState state = render(full());
    String secret =
        Manifests.toYaml(object(state, "ExternalSecret", PipelineTasks.SIGNING_KEY_SECRET, CI_NS));
    assertThat(secret)
        .contains("key: platform/ci/chains-signing", "cosign.key", "cosign.password")
        .doesNotContain("cosign.pub");
    assertThat(
            Manifests.toYaml(object(state, "ExternalSecret", "signing-secrets", "tekton-chains")))
        .contains("key: platform/ci/chains-signing");
    String task = Manifests.toYaml(object(state, "Task", PipelineTasks.SIGN));
    assertThat(task)
        .contains(
            "ghcr.io/sigstore/cosign/cosign:v2.6.5",
            "cosign sign --key",
            "cosign attest",
            "cyclonedx")
        .contains(PipelineTasks.GATE_PREDICATE_TYPE)
        .doesNotContain("BEGIN ENCRYPTED");
    String template = Manifests.toYaml(object(state, "TriggerTemplate", "storefront"));
    assertThat(template).contains("secretName: " + PipelineTasks.SIGNING_KEY_SECRET);
  }

  @Test
  void thePromoteStageRunsBulwarkPromoteInTheBulwarkCliImage() {
    Map<String, Object> step =
        list(spec(object(render(full()), "Task", PipelineTasks.PROMOTE)).get("steps")).get(0);
    String cli =
        Catalogue.standard().components().stream()
            .flatMap(c -> c.images().stream())
            .filter(i -> i.name().equals(PipelineTasks.BULWARK_CLI_IMAGE))
            .findFirst()
            .orElseThrow()
            .reference();
    assertThat(step.get("image")).isEqualTo(cli);
    assertThat(step.get("command")).isEqualTo(List.of("bulwark"));
    assertThat(step.get("args"))
        .isEqualTo(
            List.of(
                "promote",
                "$(params.application)",
                "--to",
                "$(params.environment)",
                "--digest",
                "$(params.digest)"));
  }

  @Test
  void thePipelineAccountHasNoTokenAndNoRole() {
    DesiredState state = render(full());
    HasMetadata account = object(state, "ServiceAccount", CiNamespace.PIPELINE_ACCOUNT, CI_NS);
    assertThat(
            ((io.fabric8.kubernetes.api.model.ServiceAccount) account)
                .getAutomountServiceAccountToken())
        .isFalse();
    assertThat(inCiNamespace(state))
        .filteredOn(o -> o.key().kind().equals("RoleBinding"))
        .flatExtracting(
            o -> ((io.fabric8.kubernetes.api.model.rbac.RoleBinding) o.object()).getSubjects())
        .isNotEmpty()
        .noneSatisfy(
            subject -> assertThat(subject.getName()).isEqualTo(CiNamespace.PIPELINE_ACCOUNT));
  }

  @Test
  void theRobotAccountReachesOnlyTheBuildAndSbomStages() {
    DesiredState state = render(full());
    assertThat(Manifests.toYaml(object(state, "ExternalSecret", "bulwark-registry", CI_NS)))
        .contains("kubernetes.io/dockerconfigjson", "tenants/shop/registry");
    for (String task :
        List.of(
            PipelineTasks.CLONE,
            PipelineTasks.TEST,
            PipelineTasks.PROMOTE,
            ScanTasks.SAST,
            ScanTasks.SCAN,
            ScanTasks.GATE)) {
      assertThat(Manifests.toYaml(object(state, "Task", task))).doesNotContain("registry");
    }
    assertThat(Manifests.toYaml(object(state, "Task", PipelineTasks.BUILD_PUSH)))
        .contains("registry-credentials");
    // syft pulls the pushed image to list what is in it.
    assertThat(Manifests.toYaml(object(state, "Task", ScanTasks.SBOM)))
        .contains("registry-credentials");
  }

  @Test
  void theCiStoreReadsOnlyTheRobotAccountAndTheCiSecretsAndOnlyFromTheCiNamespace() {
    DesiredState state = render(full());
    assertThat(Manifests.toYaml(object(state, "SecretStore", "tenant", CI_NS)))
        .contains("role: ci-shop");
    Map<?, ?> config =
        ((io.fabric8.kubernetes.api.model.ConfigMap)
                object(state, "ConfigMap", "bulwark-openbao-config"))
            .getData();
    assertThat(
            ((String) config.get("policy-ci-shop.hcl"))
                .lines()
                .filter(l -> l.startsWith("path "))
                .map(l -> l.split("\"")[1]))
        .containsExactly(
            "secret/data/tenants/shop/registry",
            "secret/data/tenants/shop/ci/*",
            "secret/data/platform/ci/chains-signing");
    assertThat((String) config.get("role-ci-shop")).isEqualTo(CI_NS + "\nbulwark-secrets\n");
    assertThat((String) config.get("generated-secrets"))
        .contains("tenants/shop/ci/webhook secret\n");
  }

  @Test
  void theTriggerAcceptsPushesToTheBranchOfTheRepositoryWithOrWithoutDotGit() {
    String yaml = Manifests.toYaml(object(render(full()), "Trigger", "storefront"));
    assertThat(yaml)
        .contains(
            "body.ref == 'refs/heads/main'",
            "u == 'https://git.example.com/shop/storefront'",
            "u == 'https://git.example.com/shop/storefront.git'",
            AppPipeline.LISTENER_LABEL + ": shop");
    String listener = Manifests.toYaml(object(render(full()), "EventListener", GitListener.NAME));
    assertThat(listener)
        .contains("name: github", "name: gitlab", "Push Hook", "secretName: bulwark-webhook");
  }

  @Test
  void aQuoteInTheBranchCannotEndTheCelString() {
    assertThat(AppPipeline.cel("it's")).isEqualTo("'it\\'s'");
    assertThat(AppPipeline.cel("a\\'b")).isEqualTo("'a\\\\\\'b'");
  }

  @Test
  void removingTheBuildRemovesEveryPipelineObject() {
    DesiredState with = render(full());
    assertThat(ofCapability(with, "pipeline")).hasSizeGreaterThan(10);
    assertThat(inCiNamespace(with)).isNotEmpty();

    BulwarkSpec spec = full();
    app(spec, "storefront").getSpec().setBuild(null);
    DesiredState without = render(spec);
    assertThat(ofCapability(without, "pipeline")).isEmpty();
    assertThat(inCiNamespace(without))
        .as("objects other capabilities put in the CI namespace")
        .isEmpty();
    assertThat(
            Manifests.toYaml(
                without.objects().stream()
                    .filter(
                        o ->
                            o.key().kind().equals("ConfigMap")
                                && o.key().name().equals("bulwark-openbao-config"))
                    .findFirst()
                    .orElseThrow()
                    .object()))
        .doesNotContain("ci-shop", "tenants/shop/ci/webhook");
  }

  @Test
  void anExternalBuildGetsNoPipelineButKeepsTheRobotAccount() {
    BulwarkSpec spec = full();
    build(spec, "storefront", b -> b.setCi(BuildSpec.Ci.EXTERNAL));
    DesiredState state = render(spec);
    assertThat(ofCapability(state, "pipeline")).isEmpty();
    assertThat(inCiNamespace(state)).isEmpty();
    assertThat(Manifests.toYaml(object(state, "ConfigMap", "bulwark-harbor-config")))
        .contains("tenants/shop/registry");
  }

  // --- helpers

  /** A fresh copy of the full profile, free to change. */
  @Test
  void theTenantsGroupsSeeTheirRunsAsTheApiServerNamesThem() {
    BulwarkSpec spec = full();
    String prefix =
        spec.platform().getSpec().getIdentity() == null
            ? new dev.bulwark.api.v1alpha1.PlatformSpec.IdentitySpec().getGroupPrefix()
            : spec.platform().getSpec().getIdentity().getGroupPrefix();
    var binding =
        (io.fabric8.kubernetes.api.model.rbac.RoleBinding)
            object(render(spec), "RoleBinding", CiNamespace.VIEWER_ROLE, CI_NS);
    assertThat(binding.getSubjects())
        .extracting(io.fabric8.kubernetes.api.model.rbac.Subject::getName)
        .contains(prefix + "shop-owners", prefix + "shop-viewers")
        .allSatisfy(name -> assertThat(name).startsWith(prefix));
  }

  static BulwarkSpec full() {
    return TestSpecs.profile("full");
  }

  static DesiredState render(BulwarkSpec spec) {
    return Renderer.standard().render(spec);
  }

  private static Application app(BulwarkSpec spec, String name) {
    return spec.applications().stream()
        .filter(a -> a.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static void build(BulwarkSpec spec, String app, Consumer<BuildSpec> change) {
    change.accept(app(spec, app).getSpec().getBuild());
  }

  static List<DesiredObject> ofCapability(DesiredState state, String capability) {
    return state.objects().stream().filter(o -> o.capability().equals(capability)).toList();
  }

  static List<DesiredObject> inCiNamespace(DesiredState state) {
    return state.objects().stream()
        .filter(
            o ->
                CI_NS.equals(o.object().getMetadata().getNamespace())
                    || (o.key().kind().equals("Namespace") && o.key().name().equals(CI_NS)))
        .toList();
  }

  static HasMetadata object(DesiredState state, String kind, String name) {
    return object(state, kind, name, null);
  }

  static HasMetadata object(DesiredState state, String kind, String name, String namespace) {
    return state.objects().stream()
        .filter(o -> o.key().kind().equals(kind) && o.key().name().equals(name))
        .filter(o -> namespace == null || namespace.equals(o.object().getMetadata().getNamespace()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"))
        .object();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(HasMetadata object) {
    return (Map<String, Object>)
        ((GenericKubernetesResource) object).getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
