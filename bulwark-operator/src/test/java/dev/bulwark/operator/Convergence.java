package dev.bulwark.operator;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.apply.InventoryEntry;
import dev.bulwark.operator.apply.KindRegistry;
import dev.bulwark.operator.apply.ManagedKind;
import dev.bulwark.operator.reconcile.Renders;
import dev.bulwark.render.ObjectKey;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what is live with what the pure renderer wants for a set of tenants, after a fault:
 * every desired object present (none lost), claimed by one owner only (no duplicate), and no live
 * object labelled as the tenants' that nothing wants (no orphan). Objects in a namespace being
 * deleted count as gone: the namespace controller removes them.
 *
 * @param desired every object the renderer wants for the tenants and their applications
 * @param lost desired objects that are not live
 * @param orphans live objects labelled as one of the tenants' that are not desired
 * @param duplicates desired objects that more than one owner (tenant or application) wants
 */
record Convergence(
    Set<String> desired, Set<String> lost, Set<String> orphans, Set<String> duplicates) {

  /**
   * Judges the live state of {@code tenants} (names; each may have been deleted, in which case
   * nothing of it is desired) against a fresh rendering of the cluster's custom resources.
   */
  static Convergence of(KubernetesClient admin, Collection<String> tenants) {
    Renders renders = new Renders(Renderer.standard());
    Platform platform = admin.resources(Platform.class).withName(LiveFixture.PLATFORM).get();
    Map<String, Integer> owners = new HashMap<>();
    for (String name : tenants) {
      Tenant tenant = admin.resources(Tenant.class).withName(name).get();
      if (tenant == null) {
        continue;
      }
      List<Application> apps =
          admin.resources(Application.class).inAnyNamespace().list().getItems().stream()
              .filter(a -> name.equals(a.getSpec().getTenant()))
              .toList();
      count(owners, renders.ofTenant(platform, tenant, apps));
      for (Application app : apps) {
        count(owners, renders.ofApplication(platform, tenant, apps, app));
      }
    }
    Set<String> desired = servedOnly(owners.keySet());
    Set<String> live = live(admin, tenants);
    Set<String> lost = new TreeSet<>(desired);
    lost.removeAll(live);
    Set<String> orphans = new TreeSet<>(live);
    orphans.removeAll(desired);
    Set<String> duplicates = new TreeSet<>();
    owners.forEach(
        (key, n) -> {
          if (n > 1) {
            duplicates.add(key);
          }
        });
    return new Convergence(desired, lost, orphans, duplicates);
  }

  /**
   * Creates the Tenant {@code name} (environments dev and prod) and the Application {@code api} in
   * its dev namespace, and waits until both are Ready: the starting point of a fault.
   */
  static Application readyTenantWithApplication(KubernetesClient admin, String name) {
    Tenant tenant = admin.resource(LiveFixture.tenant(name, "dev", "prod")).create();
    LiveFixture.awaitReady(admin, tenant, Duration.ofSeconds(60));
    Application app =
        admin
            .resource(LiveFixture.application(name + "-dev", "api", name, 8080, null, null))
            .create();
    return LiveFixture.awaitReady(admin, app, Duration.ofSeconds(60));
  }

  boolean converged() {
    return lost.isEmpty() && orphans.isEmpty() && duplicates.isEmpty();
  }

  private static void count(Map<String, Integer> owners, List<HasMetadata> objects) {
    objects.forEach(o -> owners.merge(entry(o), 1, Integer::sum));
  }

  /** The entries of kinds this API server serves (HTTPRoute only with the Gateway API's CRD). */
  private static Set<String> servedOnly(Set<String> entries) {
    Set<String> served = new TreeSet<>();
    for (String entry : entries) {
      String kind = InventoryEntry.parse(entry).kind();
      if (!kind.equals("HTTPRoute") || LiveFixture.gatewayApi()) {
        served.add(entry);
      }
    }
    return served;
  }

  /** Live objects of every watched kind labelled with one of {@code tenants}, not being deleted. */
  private static Set<String> live(KubernetesClient admin, Collection<String> tenants) {
    Set<String> live = new TreeSet<>();
    liveObjects(admin, tenants).forEach(o -> live.add(entry(o)));
    return live;
  }

  /**
   * Each live object of the tenants by inventory entry, with its uid: the same uid later means the
   * same object, never deleted and created again.
   */
  static Map<String, String> uids(KubernetesClient admin, Collection<String> tenants) {
    Map<String, String> uids = new TreeMap<>();
    liveObjects(admin, tenants).forEach(o -> uids.put(entry(o), o.getMetadata().getUid()));
    return uids;
  }

  /** An object's inventory entry. */
  static String entry(HasMetadata object) {
    return InventoryEntry.format(ObjectKey.of(object));
  }

  /**
   * Live objects of every watched kind labelled with one of {@code tenants}, not being deleted and
   * not in a namespace being deleted.
   */
  static List<HasMetadata> liveObjects(KubernetesClient admin, Collection<String> tenants) {
    Set<String> terminating = new HashSet<>();
    admin.namespaces().list().getItems().stream()
        .filter(n -> n.getMetadata().getDeletionTimestamp() != null)
        .forEach(n -> terminating.add(n.getMetadata().getName()));
    String selector =
        BulwarkLabels.MANAGED_BY
            + "="
            + BulwarkLabels.MANAGED_BY_VALUE
            + ","
            + BulwarkLabels.TENANT
            + " in ("
            + String.join(",", tenants)
            + ")";
    List<HasMetadata> live = new ArrayList<>();
    for (ManagedKind kind : KindRegistry.WATCHED) {
      if (kind.kind().equals("HTTPRoute") && !LiveFixture.gatewayApi()) {
        continue;
      }
      admin
          .genericKubernetesResources(kind.context())
          .inAnyNamespace()
          .withLabelSelector(selector)
          .list()
          .getItems()
          .stream()
          .filter(
              o ->
                  o.getMetadata().getDeletionTimestamp() == null
                      && !terminating.contains(o.getMetadata().getNamespace()))
          .forEach(live::add);
    }
    return live;
  }
}
