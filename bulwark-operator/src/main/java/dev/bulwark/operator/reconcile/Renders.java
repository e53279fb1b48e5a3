package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.ReleasePin;
import dev.bulwark.render.ComponentPins;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the pure renderer over the custom resources in the cluster, remembering the last results by
 * the generations they came from: a tenant and each of its applications share one rendering, and a
 * reconcile that follows only a status change renders nothing.
 *
 * <p>What is remembered is one rendering per slot (the Platform's, and each tenant's), the newest,
 * and only the part its owners apply: a rendering of older inputs is never asked for again once the
 * informers have moved on, and keeping every one made the heap grow with the number of changes
 * instead of the number of tenants (a 1,000-application benchmark ran out of memory while the
 * applications were being created, each creation leaving a whole-platform rendering behind).
 *
 * <p>A tenant is rendered together with the Platform and its own applications only. Every unit
 * renders tenants independently, so this yields exactly the tenant's objects of the full rendering
 * (a test holds the renderer to that), while one tenant's bad spec cannot stop the others from
 * converging.
 */
public final class Renders {

  /**
   * Slots kept: one per tenant and one per Platform rendering (its pins); beyond, the least used
   * go.
   */
  private static final int CAPACITY = 4096;

  /** A rendering, cut to what the slot's owners apply, and the inputs it came from. */
  private record Remembered(String fingerprint, DesiredState state) {}

  private final Renderer renderer;
  private final Map<String, Remembered> latest =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
          return size() > CAPACITY;
        }
      };

  public Renders(Renderer renderer) {
    this.renderer = renderer;
  }

  /**
   * The Platform's objects (its {@link Scope#PLATFORM scope}), from the rendering of everything,
   * since platform objects may list every tenant and application (hosts a route policy admits).
   */
  public List<HasMetadata> ofPlatform(
      Platform platform, List<Tenant> tenants, List<Application> applications) {
    return ofPlatform(platform, tenants, applications, installedPins(platform));
  }

  /**
   * The Platform's objects with each component at the version {@code versions} names (by component
   * id; one the map lacks, or one no release pins, at the shipped catalogue): the upgrade run's
   * rendering, one component ahead of {@code status.installedVersions} while a step is under way.
   */
  public List<HasMetadata> ofPlatform(
      Platform platform,
      List<Tenant> tenants,
      List<Application> applications,
      Map<String, String> versions) {
    return ofPlatform(platform, tenants, applications, pinsOf(versions));
  }

  private List<HasMetadata> ofPlatform(
      Platform platform, List<Tenant> tenants, List<Application> applications, ComponentPins pins) {
    DesiredState state =
        render(
            "platform|" + pins,
            new BulwarkSpec(platform, tenants, applications),
            pins,
            o -> Scope.PLATFORM.holds(o, null, null));
    return Scope.PLATFORM.objectsOf(state, null, null);
  }

  /**
   * A Tenant's own objects, from the rendering of the platform, the tenant and its applications.
   */
  public List<HasMetadata> ofTenant(
      Platform platform, Tenant tenant, List<Application> applications) {
    return Scope.TENANT.objectsOf(
        tenant(platform, tenant, applications), tenant.getMetadata().getName(), null);
  }

  /**
   * An Application's objects, from the same rendering as its tenant's ({@code siblings} includes
   * it).
   */
  public List<HasMetadata> ofApplication(
      Platform platform, Tenant tenant, List<Application> siblings, Application application) {
    return Scope.APPLICATION.objectsOf(
        tenant(platform, tenant, siblings),
        tenant.getMetadata().getName(),
        application.getMetadata().getName());
  }

  /**
   * The tenant's objects of the rendering of the platform, the tenant and the tenant's
   * applications.
   */
  private DesiredState tenant(Platform platform, Tenant tenant, List<Application> applications) {
    String name = tenant.getMetadata().getName();
    return render(
        "tenant|" + name + "|" + tenant.getMetadata().getUid(),
        new BulwarkSpec(platform, List.of(tenant), applications),
        installedPins(platform),
        o -> o.tenant().equals(name));
  }

  /**
   * The rendering of {@code spec}, from the slot when its inputs are those of the slot's last
   * rendering, cut to the objects {@code kept} selects.
   */
  private DesiredState render(
      String slot, BulwarkSpec spec, ComponentPins pins, Predicate<DesiredObject> kept) {
    if (!fromCluster(spec)) {
      // files, not stored objects: no generation to key by
      return renderer.render(spec, pins);
    }
    // The installed versions are status, not spec: they change without a new generation.
    String fingerprint = fingerprint(spec) + "|" + pins;
    synchronized (latest) {
      Remembered known = latest.get(slot);
      if (known != null && known.fingerprint().equals(fingerprint)) {
        return known.state();
      }
    }
    DesiredState state =
        new DesiredState(renderer.render(spec, pins).objects().stream().filter(kept).toList());
    synchronized (latest) {
      latest.put(slot, new Remembered(fingerprint, state));
    }
    return state;
  }

  /** How many renderings are remembered (one per slot at most). */
  int remembered() {
    synchronized (latest) {
      return latest.size();
    }
  }

  /**
   * Each component at the release the Platform's {@code status.installedVersions} says it runs (ADR
   * 0042), so that a reconcile between two upgrade steps neither undoes the first nor runs ahead to
   * the next; a component with no entry renders at the shipped catalogue.
   */
  static ComponentPins installedPins(Platform platform) {
    return pinsOf(
        platform.getStatus() == null || platform.getStatus().getInstalledVersions() == null
            ? Map.of()
            : platform.getStatus().getInstalledVersions());
  }

  private static ComponentPins pinsOf(Map<String, String> versions) {
    return ComponentPins.from(
        CatalogueHistory.standard().pinsOf(versions),
        ReleasePin::sourceVersion,
        pin -> pin.appVersion().toString());
  }

  private static boolean fromCluster(BulwarkSpec spec) {
    return Stream.concat(
            Stream.concat(Stream.of(spec.platform()), spec.tenants().stream()),
            spec.applications().stream())
        .allMatch(r -> r.getMetadata().getUid() != null && r.getMetadata().getGeneration() != null);
  }

  /** The identity and generation of every input: equal fingerprints render equal states. */
  static String fingerprint(BulwarkSpec spec) {
    return Stream.concat(
            Stream.concat(Stream.of(spec.platform()), spec.tenants().stream()),
            spec.applications().stream())
        .map(Renders::version)
        .sorted(Comparator.naturalOrder())
        .collect(Collectors.joining(","));
  }

  private static String version(HasMetadata resource) {
    var meta = resource.getMetadata();
    return resource.getKind()
        + ":"
        + meta.getNamespace()
        + "/"
        + meta.getName()
        + ":"
        + meta.getUid()
        + ":"
        + meta.getGeneration();
  }
}
