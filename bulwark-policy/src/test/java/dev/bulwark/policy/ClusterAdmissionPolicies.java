package dev.bulwark.policy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;

/**
 * Clean-up for test classes that bind Bulwark's admission policies on the API server this JVM's
 * classes share. A binding matches namespaces cluster-wide: left in place, it judges the Pods of
 * every later class (images from the class's registry only, for one), whatever that class tests.
 */
public final class ClusterAdmissionPolicies {

  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private ClusterAdmissionPolicies() {}

  /** Deletes every ValidatingAdmissionPolicy and binding Bulwark's labels mark, bindings first. */
  public static void removeBulwarks(KubernetesClient admin) {
    var registration = admin.admissionRegistration().v1();
    registration
        .validatingAdmissionPolicyBindings()
        .withLabel(MANAGED_BY, "bulwark")
        .withTimeout(30, TimeUnit.SECONDS)
        .delete();
    registration
        .validatingAdmissionPolicies()
        .withLabel(MANAGED_BY, "bulwark")
        .withTimeout(30, TimeUnit.SECONDS)
        .delete();
  }
}
