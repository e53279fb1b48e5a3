package dev.bulwark.testkit.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;

/** CRDs on a test's API server. */
public final class Crds {

  private Crds() {}

  /** Applies {@code crd} and waits until the API server serves it (Established). */
  public static void applyAndAwait(KubernetesClient admin, CustomResourceDefinition crd) {
    admin.resource(crd).forceConflicts().serverSideApply();
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            s -> s.getType().equals("Established") && s.getStatus().equals("True")),
            60,
            TimeUnit.SECONDS);
  }
}
