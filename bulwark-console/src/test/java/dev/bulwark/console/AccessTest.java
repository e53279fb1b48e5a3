package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's cached access reviews against a real API server: the authorizer decides, with the
 * names impersonation would carry, and an answer lives no longer than the TTL.
 */
@RealApiServer
class AccessTest {

  /** A clock the test moves by hand. */
  static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-04T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void aRevokedBindingCountsNoLongerThanTheTtl(KubernetesClient admin) {
    String ns = "access-revoked";
    admin
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .serverSideApply();
    RoleBinding binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName("viewers")
            .withNamespace(ns)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
            .addNewSubject()
            .withKind("Group")
            .withApiGroup("rbac.authorization.k8s.io")
            .withName("oidc:team")
            .endSubject()
            .build();
    admin.resource(binding).serverSideApply();
    Hand clock = new Hand();
    Access access = new Access(admin, "oidc:", "oidc:", clock);
    Session member = new Session("s1", "mia", List.of("team"), "c", clock.now.plusSeconds(60));
    Session stranger = new Session("s2", "sam", List.of("other"), "c", clock.now.plusSeconds(60));

    assertThat(access.may(member, "list", "", "configmaps", ns)).isTrue();
    assertThat(access.may(stranger, "list", "", "configmaps", ns)).isFalse();
    // the group counts only with the prefix the API server's OIDC authenticator adds
    Access unprefixed = new Access(admin, "oidc:", "", clock);
    assertThat(unprefixed.may(member, "list", "", "configmaps", ns)).isFalse();

    admin.resource(binding).delete();
    awaitRevoked(admin, member, ns);
    clock.now = clock.now.plus(Access.TTL.minus(Duration.ofMillis(1)));
    assertThat(access.may(member, "list", "", "configmaps", ns))
        .as("remembered within the TTL")
        .isTrue();
    clock.now = clock.now.plus(Duration.ofMillis(1));
    assertThat(access.may(member, "list", "", "configmaps", ns))
        .as("asked again once the TTL is over")
        .isFalse();
  }

  /** The API server's RBAC cache follows the deletion within moments; ask fresh until it has. */
  private static void awaitRevoked(KubernetesClient admin, Session member, String ns) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (new Access(admin, "oidc:", "oidc:", Clock.systemUTC())
        .may(member, "list", "", "configmaps", ns)) {
      assertThat(System.nanoTime()).as("the binding's deletion took effect").isLessThan(deadline);
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
