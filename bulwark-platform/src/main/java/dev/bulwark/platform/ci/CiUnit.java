package dev.bulwark.platform.ci;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.Install;
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
 * the provenance of every TaskRun; the pipelines themselves arrive with the pipeline capability.
 *
 * <p>Tekton publishes release manifests, not Helm charts, so each component's Application syncs
 * {@code upstream/<component>/} of the GitOps repository, whose {@link UpstreamKustomization}
 * lists the pinned release URL (ADR 0007).
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
    component.installs().forEach(install -> namespaces.addAll(RELEASE_NAMESPACES.getOrDefault(install.component(), List.of())));
    namespaces.forEach(ns -> objects.add(PlatformObjects.namespace(ns, capability(), "restricted")));
    for (Install install : component.installs()) {
      objects.add(ComponentApplication.of(stack, component, install.component()).build());
      if (install.type().equals("manifest")) {
        objects.add(UpstreamKustomization.of(install.component(), Ownership.platform(), releaseManifests(install), patches(install)));
      }
    }
    return objects;
  }

  /**
   * The Namespaces each Tekton release manifest carries. Bulwark renders them itself, with its
   * labels and Pod Security level, so the release's own copies are dropped: otherwise two Argo CD
   * Applications would own one object.
   */
  static final Map<String, List<String>> RELEASE_NAMESPACES = Map.of(
      "tekton-pipelines", List.of("tekton-pipelines", "tekton-pipelines-resolvers"),
      "tekton-chains", List.of("tekton-chains"));

  /**
   * Chains' controller sets a non-root user but neither runAsNonRoot, a seccomp profile nor dropped
   * capabilities, so restricted Pod Security would refuse its pods.
   */
  private static final String CHAINS_CONTROLLER_SECURITY = """
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "tekton-chains-controller", "namespace": "tekton-chains"},
       "spec": {"template": {"spec": {
         "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
         "containers": [{"name": "tekton-chains-controller",
           "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}}}}""";

  /** The kustomize patches over a release: its Namespaces deleted, and what restricted needs set. */
  static List<String> patches(Install install) {
    List<String> patches = new ArrayList<>();
    for (String namespace : RELEASE_NAMESPACES.getOrDefault(install.component(), List.of())) {
      patches.add("{\"$patch\": \"delete\", \"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"" + namespace + "\"}}");
    }
    if (install.component().equals("tekton-chains")) {
      patches.add(CHAINS_CONTROLLER_SECURITY);
    }
    return patches;
  }

  /**
   * The release manifests of a Tekton component. Triggers ships its core interceptors (the
   * GitHub, GitLab, CEL ... ClusterInterceptors every EventListener needs) as a second manifest
   * next to {@code release.yaml} of the same release.
   */
  static List<String> releaseManifests(Install install) {
    if (install.component().equals("tekton-triggers") && install.repository().endsWith("/release.yaml")) {
      return List.of(install.repository(), install.repository().replaceFirst("/release\\.yaml$", "/interceptors.yaml"));
    }
    return List.of(install.repository());
  }
}
