package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.ReleasePin;
import dev.bulwark.render.ComponentPins;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the pure renderer over the custom resources in the cluster, remembering the last results by
 * the generations they came from: a tenant and each of its applications share one rendering, and a
 * reconcile that follows only a status change renders nothing.
 *
 * <p>A tenant is rendered together with the Platform and its own applications only. Every unit
 * renders tenants independently, so this yields exactly the tenant's objects of the full rendering
 * (a test holds the renderer to that), while one tenant's bad spec cannot stop the others from
 * converging.
 */
public final class Renders {

  private static final int CAPACITY = 512;

  private final Renderer renderer;
  private final Map<String, DesiredState> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DesiredState> eldest) {
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
    return Scope.PLATFORM.objectsOf(
        render(new BulwarkSpec(platform, tenants, applications)), null, null);
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
    return Scope.PLATFORM.objectsOf(
        render(new BulwarkSpec(platform, tenants, applications), pinsOf(versions)), null, null);
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

  /** The rendering of one tenant: the platform, the tenant and the tenant's applications. */
  private DesiredState tenant(Platform platform, Tenant tenant, List<Application> applications) {
    return render(new BulwarkSpec(platform, List.of(tenant), applications));
  }

  private DesiredState render(BulwarkSpec spec) {
    return render(spec, installedPins(spec.platform()));
  }

  private DesiredState render(BulwarkSpec spec, ComponentPins pins) {
    if (!fromCluster(spec)) {
      // files, not stored objects: no generation to key by
      return renderer.render(spec, pins);
    }
    // The installed versions are status, not spec: they change without a new generation.
    String key = fingerprint(spec) + "|" + pins;
    synchronized (cache) {
      DesiredState known = cache.get(key);
      if (known != null) {
        return known;
      }
    }
    DesiredState state = renderer.render(spec, pins);
    synchronized (cache) {
      cache.put(key, state);
    }
    return state;
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
