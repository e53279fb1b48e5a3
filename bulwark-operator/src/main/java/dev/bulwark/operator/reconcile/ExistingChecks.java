package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.render.existing.ExistingComponent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the instances the spec adopts ({@code mode: existing}, ADR 0034) are there and set up as
 * Bulwark needs: their namespace exists, their CRDs are served, their configuration has each
 * required key. Anything missing blocks the whole reconcile, so that nothing is applied against an
 * instance that cannot take it; the message names what is missing and how to add it. Only reads,
 * and only when the spec adopts something.
 */
public final class ExistingChecks {

  /** The instance, its namespace or one of its CRDs is not there (yet). */
  public static final String NOT_FOUND = "ExistingComponentNotFound";

  /** The instance runs but lacks a setting Bulwark relies on. */
  public static final String MISCONFIGURED = "ExistingComponentMisconfigured";

  private final KubernetesClient client;

  public ExistingChecks(KubernetesClient client) {
    this.client = client;
  }

  /** Why {@code spec}'s adopted components cannot be used, if they cannot. */
  public Optional<Blocked> check(PlatformSpec spec) {
    List<String> missing = new ArrayList<>();
    List<String> misconfigured = new ArrayList<>();
    for (ExistingComponent component : ExistingComponent.of(spec)) {
      check(component, missing, misconfigured);
    }
    if (!missing.isEmpty()) {
      // not a spec error: the instance may be being installed
      return Optional.of(new Blocked(NOT_FOUND, String.join("; ", missing), false));
    }
    if (!misconfigured.isEmpty()) {
      return Optional.of(new Blocked(MISCONFIGURED, String.join("; ", misconfigured), true));
    }
    return Optional.empty();
  }

  private void check(ExistingComponent component, List<String> missing, List<String> wrong) {
    String what =
        component.implementation()
            + " (spec.components."
            + component.capability()
            + ".mode: existing)";
    Optional<String> namespace = component.namespace();
    if (namespace.isPresent() && client.namespaces().withName(namespace.get()).get() == null) {
      missing.add(
          what
              + " is to run in namespace "
              + namespace.get()
              + ", which does not exist: install it there, or set spec.components."
              + component.capability()
              + ".namespace to the namespace it runs in");
      return;
    }
    List<String> unserved = component.crds().stream().filter(crd -> !served(crd)).sorted().toList();
    if (!unserved.isEmpty()) {
      missing.add(
          what
              + " is not found: the API server does not serve "
              + String.join(", ", unserved)
              + "; install it, or set mode: managed to let Bulwark install it");
      return;
    }
    for (ExistingComponent.ClusterObject object : component.objects()) {
      if (client
              .genericKubernetesResources(object.apiVersion(), object.kind())
              .withName(object.name())
              .get()
          == null) {
        missing.add(what + " has no " + object.kind() + " " + object.name() + ": " + object.why());
      }
    }
    for (ExistingComponent.Setting setting : component.settings()) {
      String ns = namespace.orElseThrow();
      ConfigMap config = client.configMaps().inNamespace(ns).withName(setting.configMap()).get();
      if (config == null) {
        wrong.add(
            what
                + " has no ConfigMap "
                + ns
                + "/"
                + setting.configMap()
                + ", so the setting "
                + setting.key()
                + " is missing: "
                + setting.why());
      } else if (config.getData() == null || !config.getData().containsKey(setting.key())) {
        wrong.add(
            what
                + " lacks the setting "
                + setting.key()
                + " in ConfigMap "
                + ns
                + "/"
                + setting.configMap()
                + ": "
                + setting.why());
      }
    }
  }

  private boolean served(String name) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
