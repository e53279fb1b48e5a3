package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.spec.DocumentChecker.Checked;
import dev.bulwark.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked documents of one load, sorted by kind, for the checks across documents. Documents
 * that failed their own checks are kept by name (so a reference to them is not reported as unknown)
 * but take no part in the checks that need their content.
 */
final class SpecIndex {

  /** A bound object with the document it came from, to place errors. */
  record Located<T>(T object, YamlDocument doc) {}

  final List<Checked> platforms = new ArrayList<>();

  /** The first Tenant document of each name, bound or not. */
  final Map<String, Checked> tenantsByName = new LinkedHashMap<>();

  final List<Located<Tenant>> tenants = new ArrayList<>();
  final List<Located<Application>> applications = new ArrayList<>();
  final List<Checked> duplicateTenants = new ArrayList<>();

  /**
   * Whether every input could be read and parsed. If not, the missing documents may hold the
   * Platform or a referenced Tenant, so checks that something is absent are skipped.
   */
  final boolean complete;

  SpecIndex(List<Checked> checked, boolean complete) {
    this.complete = complete;
    for (Checked c : checked) {
      switch (c.kind()) {
        case "Platform" -> platforms.add(c);
        case "Tenant" -> addTenant(c);
        case "Application" -> {
          if (c.object() != null) {
            applications.add(new Located<>((Application) c.object(), c.doc()));
          }
        }
        default -> throw new IllegalStateException("unexpected kind " + c.kind());
      }
    }
  }

  private void addTenant(Checked c) {
    if (c.name() != null && tenantsByName.putIfAbsent(c.name(), c) != null) {
      duplicateTenants.add(c);
      return;
    }
    if (c.object() != null) {
      tenants.add(new Located<>((Tenant) c.object(), c.doc()));
    }
  }

  /** The one Platform, if there is exactly one and it passed its own checks. */
  Located<Platform> platform() {
    if (platforms.size() != 1 || platforms.get(0).object() == null) {
      return null;
    }
    return new Located<>((Platform) platforms.get(0).object(), platforms.get(0).doc());
  }

  /** The bound tenant of this name, or {@code null} if there is none or it has errors. */
  Located<Tenant> tenant(String name) {
    return tenants.stream()
        .filter(t -> t.object().getMetadata().getName().equals(name))
        .findFirst()
        .orElse(null);
  }
}
