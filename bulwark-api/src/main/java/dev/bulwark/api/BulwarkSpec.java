package dev.bulwark.api;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One complete, validated Bulwark spec: the platform, its tenants and their applications.
 *
 * <p>Tenants and applications are kept sorted by name (applications by namespace, then name), so
 * that everything derived from a spec is independent of the order of files and documents.
 */
public record BulwarkSpec(Platform platform, List<Tenant> tenants, List<Application> applications) {

  public BulwarkSpec {
    tenants =
        tenants.stream().sorted(Comparator.comparing(t -> t.getMetadata().getName())).toList();
    applications =
        applications.stream()
            .sorted(
                Comparator.comparing(
                        (Application a) -> String.valueOf(a.getMetadata().getNamespace()))
                    .thenComparing(a -> a.getMetadata().getName()))
            .toList();
  }

  public Optional<Tenant> tenant(String name) {
    return tenants.stream().filter(t -> t.getMetadata().getName().equals(name)).findFirst();
  }

  public List<Application> applicationsOf(String tenant) {
    return applications.stream().filter(a -> tenant.equals(a.getSpec().getTenant())).toList();
  }
}
