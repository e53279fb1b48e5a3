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
    namespaces.forEach(ns -> objects.add(PlatformObjects.namespace(ns, capability(), "restricted")));
    for (Install install : component.installs()) {
      objects.add(ComponentApplication.of(stack, component, install.component()).build());
      if (install.type().equals("manifest")) {
        objects.add(UpstreamKustomization.of(install.component(), Ownership.platform(), releaseManifests(install)));
      }
    }
    return objects;
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
