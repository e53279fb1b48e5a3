package dev.bulwark.platform.ci;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.Install;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CI: Tekton Pipelines, Triggers and Chains, each from its pinned upstream release. Chains signs
 * the provenance of every TaskRun; the pipelines themselves arrive with the pipeline capability.
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
    }
    return objects;
  }
}
