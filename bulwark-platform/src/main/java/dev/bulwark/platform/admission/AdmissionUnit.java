package dev.bulwark.platform.admission;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.policy.export.Enforcement;
import dev.bulwark.policy.export.GatekeeperExporter;
import dev.bulwark.policy.export.PolicyRenderUnit;
import dev.bulwark.policy.export.kyverno.KyvernoExporter;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Admission policies: Gatekeeper (or Kyverno), installed and fed with the policy engine's exported
 * library, with the same parameters the engine's own policy unit derives from the spec: with
 * Gatekeeper its ConstraintTemplates (K8sNativeValidation) once Gatekeeper's CRDs are in, then the
 * Constraints once Gatekeeper has made their kinds from the templates; with Kyverno the same CEL as
 * ClusterPolicies. It also exempts the platform's own namespaces and turns on the CEL engine.
 *
 * <p>Either one audits and does not deny: the policy capability's ValidatingAdmissionPolicies,
 * always rendered, already deny in the API server itself, and a second denial through a webhook
 * would only add latency and an outage path (docs/adr/0012-vap-enforces-engines-audit.md).
 * Gatekeeper's audit controller then reports what already runs in each Constraint's status, and
 * Kyverno writes policy reports.
 */
public final class AdmissionUnit extends ComponentUnit {

  private final PolicyLibrary library;

  public AdmissionUnit() {
    this.library = PolicyLibrary.standard();
  }

  public AdmissionUnit(PlatformCatalog catalog) {
    super(catalog);
    this.library = PolicyLibrary.standard();
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
      objects.add(
          ComponentApplication.of(stack, component, "kyverno")
              .values(
                  Values.map(
                      "config", Values.map("resourceFiltersExcludeNamespaces", exempt),
                      "admissionController", Values.map("replicas", 3)))
              .build());
      for (HasMetadata policy :
          KyvernoExporter.export(library, params(stack), Ownership.platform(), Enforcement.AUDIT)) {
        objects.add(CustomResource.withWave(policy, SyncWave.RESOURCES));
      }
    } else {
      objects.add(
          ComponentApplication.of(stack, component, "gatekeeper")
              .values(
                  Values.map(
                      "replicas",
                      3,
                      "enableK8sNativeValidation",
                      true,
                      // The chart reads the exemptions from controllerManager (for its manager and
                      // its audit).
                      "controllerManager",
                      Values.map("exemptNamespaces", exempt),
                      "auditInterval",
                      60,
                      // It audits (see below); the API server's ValidatingAdmissionPolicies deny.
                      "validatingWebhookFailurePolicy",
                      "Ignore"))
              .build());
      for (HasMetadata object :
          GatekeeperExporter.export(
              library, params(stack), Ownership.platform(), Enforcement.AUDIT)) {
        boolean template = object.getKind().equals("ConstraintTemplate");
        objects.add(
            CustomResource.withWave(object, template ? SyncWave.RESOURCES : SyncWave.SERVICES));
      }
    }
    return objects;
  }

  /** The parameters the policy engine's own unit derives from the spec, so every target agrees. */
  private static Map<String, Object> params(Stack stack) {
    return PolicyRenderUnit.params(stack.context());
  }
}
