package dev.bulwark.operator;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** Who holds a leader-election Lease, as the leader-election tests read it. */
final class LeaseHolder {

  private LeaseHolder() {}

  /** Bulwark's CRDs, the Platform, and the namespace of the Lease. */
  static void prepare(KubernetesClient admin, String namespace) {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    admin
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .serverSideApply();
  }

  static String of(KubernetesClient admin, String namespace, String name) {
    Lease lease = admin.leases().inNamespace(namespace).withName(name).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** Waits until the Lease is held by someone other than {@code notThis} (null: by anyone). */
  static String await(KubernetesClient admin, String namespace, String name, String notThis) {
    return Awaitility.await()
        .atMost(90, TimeUnit.SECONDS)
        .pollInterval(100, TimeUnit.MILLISECONDS)
        .until(
            () -> of(admin, namespace, name), h -> h != null && !h.isEmpty() && !h.equals(notThis));
  }
}
