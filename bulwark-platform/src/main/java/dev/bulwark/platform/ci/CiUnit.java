package dev.bulwark.platform.ci;

import dev.bulwark.catalog.ReleaseManifests;
import dev.bulwark.platform.secrets.PlatformSecrets;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.Install;
import dev.bulwark.platform.stack.OpenBaoPaths;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.UpstreamKustomization;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CI: Tekton Pipelines, Triggers and Chains, each from its pinned upstream release. Chains signs
 * the in-toto provenance of every TaskRun and PipelineRun with the cosign key pair OpenBao keeps at
 * {@value #SIGNING_STORE_PATH}; the pipelines themselves arrive with the pipeline capability.
 *
 * <p>Tekton publishes release manifests, not Helm charts, so each component's Application syncs
 * {@code upstream/<component>/} of the GitOps repository, whose {@link UpstreamKustomization} lists
 * the pinned release URL (ADR 0007).
 */
public final class CiUnit extends ComponentUnit {

  public CiUnit() {}

  public CiUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "ci";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    Set<String> namespaces = new LinkedHashSet<>();
    component.installs().stream().map(Install::namespace).forEach(namespaces::add);
    component
        .installs()
        .forEach(
            install ->
                namespaces.addAll(RELEASE_NAMESPACES.getOrDefault(install.component(), List.of())));
    namespaces.forEach(
        ns -> objects.add(PlatformObjects.namespace(ns, capability(), "restricted")));
    boolean signingFromStore = stack.has("secrets");
    for (Install install : component.installs()) {
      objects.add(ComponentApplication.of(stack, component, install.component()).build());
      if (install.type().equals("manifest")) {
        objects.add(
            UpstreamKustomization.of(
                install.component(),
                Ownership.platform(),
                releaseManifests(install),
                patches(install, signingFromStore)));
      }
      if (install.component().equals(CHAINS) && signingFromStore) {
        objects.addAll(
            PlatformSecrets.copy(
                stack, SIGNING_SECRET, install.namespace(), SIGNING_STORE_PATH, SIGNING_KEYS));
      }
    }
    return objects;
  }

  static final String CHAINS = "tekton-chains";

  /** The Secret Chains' x509 signer reads its cosign key pair from. */
  static final String SIGNING_SECRET = "signing-secrets";

  /** Where OpenBao keeps that key pair (cosign generate-key-pair's files). */
  static final String SIGNING_STORE_PATH = OpenBaoPaths.SIGNING_KEY;

  static final List<String> SIGNING_KEYS = List.of("cosign.key", "cosign.password", "cosign.pub");

  /**
   * Chains signs in-toto (SLSA) provenance of every TaskRun and PipelineRun with the x509 signer,
   * kept on the run itself; and signs the OCI images the runs build.
   */
  private static final String CHAINS_SIGNING =
      """
      {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "chains-config", "namespace": "tekton-chains"},
       "data": {"artifacts.taskrun.format": "in-toto", "artifacts.taskrun.signer": "x509", "artifacts.taskrun.storage": "tekton",
         "artifacts.pipelinerun.format": "in-toto", "artifacts.pipelinerun.signer": "x509", "artifacts.pipelinerun.storage": "tekton",
         "artifacts.oci.format": "simplesigning", "artifacts.oci.signer": "x509", "artifacts.oci.storage": "oci"}}""";

  /**
   * The Namespaces each Tekton release manifest carries. Bulwark renders them itself, with its
   * labels and Pod Security level, so the release's own copies are dropped: otherwise two Argo CD
   * Applications would own one object.
   */
  static final Map<String, List<String>> RELEASE_NAMESPACES =
      Map.of(
          "tekton-pipelines", List.of("tekton-pipelines", "tekton-pipelines-resolvers"),
          "tekton-chains", List.of("tekton-chains"));

  /**
   * Chains' controller sets a non-root user but neither runAsNonRoot, a seccomp profile nor dropped
   * capabilities, so restricted Pod Security would refuse its pods.
   */
  private static final String CHAINS_CONTROLLER_SECURITY =
      """
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "tekton-chains-controller", "namespace": "tekton-chains"},
       "spec": {"template": {"spec": {
         "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
         "containers": [{"name": "tekton-chains-controller",
           "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}}}}""";

  /**
   * The kustomize patches over a release: its Namespaces deleted, and what restricted needs set;
   * for Chains, its signing configuration, and its empty signing Secret deleted when an
   * ExternalSecret fills that Secret from OpenBao instead.
   */
  static List<String> patches(Install install, boolean signingFromStore) {
    List<String> patches = new ArrayList<>();
    for (String namespace : RELEASE_NAMESPACES.getOrDefault(install.component(), List.of())) {
      patches.add(deletion("v1", "Namespace", namespace, null));
    }
    if (install.component().equals(CHAINS)) {
      patches.add(CHAINS_CONTROLLER_SECURITY);
      patches.add(CHAINS_SIGNING);
      if (signingFromStore) {
        patches.add(deletion("v1", "Secret", SIGNING_SECRET, install.namespace()));
      }
    }
    return patches;
  }

  private static String deletion(String apiVersion, String kind, String name, String namespace) {
    String ns = namespace == null ? "" : ", \"namespace\": \"" + namespace + "\"";
    return "{\"$patch\": \"delete\", \"apiVersion\": \""
        + apiVersion
        + "\", \"kind\": \""
        + kind
        + "\", \"metadata\": {\"name\": \""
        + name
        + "\""
        + ns
        + "}}";
  }

  /**
   * The release manifests of a Tekton component, mirrored or not: Triggers' core interceptors ship
   * beside its {@code release.yaml} ({@link ReleaseManifests}).
   */
  static List<String> releaseManifests(Install install) {
    return ReleaseManifests.urls(install.component(), install.repository());
  }
}
