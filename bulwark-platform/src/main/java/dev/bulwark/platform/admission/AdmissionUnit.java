package dev.bulwark.platform.admission;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.Values;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission policies: Gatekeeper (or Kyverno), installed to enforce what the policy engine
 * exports. The engine's policy unit renders the templates and constraints; this unit installs the
 * controller, exempts the platform's own namespaces, and turns on the CEL engine they use.
 */
public final class AdmissionUnit extends ComponentUnit {

  public AdmissionUnit() {}

  public AdmissionUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  /** Named apart from the policy engine's own capability, which renders the policies themselves. */
  @Override
  public String capability() {
    return "admission";
  }

  @Override
  protected String component() {
    return "policy";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(PlatformObjects.namespace(component.namespace(), "policy", "restricted"));
    List<Object> exempt = Values.list("kube-system", stack.platform().namespace());
    if (component.is("kyverno")) {
      objects.add(ComponentApplication.of(stack, component, "kyverno").values(Values.map(
          "config", Values.map("resourceFiltersExcludeNamespaces", exempt),
          "admissionController", Values.map("replicas", 3))).build());
    } else {
      objects.add(ComponentApplication.of(stack, component, "gatekeeper").values(Values.map(
          "replicas", 3,
          "enableK8sNativeValidation", true,
          "exemptNamespaces", exempt,
          "auditInterval", 60)).build());
    }
    return objects;
  }
}
