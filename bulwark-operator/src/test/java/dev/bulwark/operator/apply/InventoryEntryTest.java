package dev.bulwark.operator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.render.ObjectKey;
import org.junit.jupiter.api.Test;

class InventoryEntryTest {

  @Test
  void roundTripsCoreGroupedClusterScopedAndNamespacedKeys() {
    for (ObjectKey key :
        new ObjectKey[] {
          new ObjectKey("v1", "Namespace", "", "acme-dev"),
          new ObjectKey("rbac.authorization.k8s.io/v1", "RoleBinding", "acme-dev", "bulwark-owner"),
          new ObjectKey("gateway.networking.k8s.io/v1", "HTTPRoute", "web", "shop-www-example-com")
        }) {
      assertThat(InventoryEntry.parse(InventoryEntry.format(key))).isEqualTo(key);
    }
    assertThat(InventoryEntry.format(new ObjectKey("v1", "Namespace", null, "a")))
        .isEqualTo("v1/Namespace//a");
  }

  @Test
  void rejectsWhatIsNoEntry() {
    assertThatThrownBy(() -> InventoryEntry.parse("Namespace/a"))
        .hasMessageContaining("apiVersion/kind/namespace/name");
  }
}
