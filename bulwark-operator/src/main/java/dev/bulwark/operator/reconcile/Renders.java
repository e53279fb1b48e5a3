package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
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
 * renders tenants independently, so this yields exactly the tenant's objects of the full
 * rendering (a test holds the renderer to that), while one tenant's bad spec cannot stop the
 * others from converging.
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

  /** The rendering of one tenant: the platform, the tenant and the tenant's applications. */
  public DesiredState tenant(Platform platform, Tenant tenant, List<Application> applications) {
    return render(new BulwarkSpec(platform, List.of(tenant), applications));
  }

  /** The rendering of everything, for platform-wide objects. */
  public DesiredState all(Platform platform, List<Tenant> tenants, List<Application> applications) {
    return render(new BulwarkSpec(platform, tenants, applications));
  }

  private DesiredState render(BulwarkSpec spec) {
    if (!fromCluster(spec)) {
      return renderer.render(spec); // files, not stored objects: no generation to key by
    }
    String key = fingerprint(spec);
    synchronized (cache) {
      DesiredState known = cache.get(key);
      if (known != null) {
        return known;
      }
    }
    DesiredState state = renderer.render(spec);
    synchronized (cache) {
      cache.put(key, state);
    }
    return state;
  }

  private static boolean fromCluster(BulwarkSpec spec) {
    return Stream.concat(Stream.concat(Stream.of(spec.platform()), spec.tenants().stream()), spec.applications().stream())
        .allMatch(r -> r.getMetadata().getUid() != null && r.getMetadata().getGeneration() != null);
  }

  /** The identity and generation of every input: equal fingerprints render equal states. */
  static String fingerprint(BulwarkSpec spec) {
    return Stream.concat(Stream.concat(Stream.of(spec.platform()), spec.tenants().stream()), spec.applications().stream())
        .map(Renders::version)
        .sorted(Comparator.naturalOrder())
        .collect(Collectors.joining(","));
  }

  private static String version(HasMetadata resource) {
    var meta = resource.getMetadata();
    return resource.getKind() + ":" + meta.getNamespace() + "/" + meta.getName() + ":" + meta.getUid() + ":" + meta.getGeneration();
  }
}
