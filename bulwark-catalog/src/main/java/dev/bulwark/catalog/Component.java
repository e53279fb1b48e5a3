package dev.bulwark.catalog;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import java.util.List;
import java.util.Optional;

/**
 * One installable component of the platform, pinned to an upstream release.
 *
 * @param id stable id, e.g. {@code cert-manager}; also the Argo CD Application's name
 * @param name human name
 * @param capability the capability it serves
 * @param choice whether it belongs to its capability's default implementation
 * @param source where it is installed from
 * @param appVersion the upstream application version the source installs
 * @param namespace the namespace it is installed into
 * @param namespaceFrom the {@link PlatformSpec} field that overrides {@code namespace}, if any
 * @param license SPDX licence expression covering what it runs (see {@link LicenseExpression})
 * @param licenseAlternative the implementation of the same capability that avoids this licence
 * @param kubernetes the Kubernetes minors the pinned release supports
 * @param syncWave Argo CD sync wave of its Application; its custom resources go in later waves
 * @param dependsOn components that must be installed (and in an earlier wave) before it
 * @param crds the custom resource definitions it installs
 * @param warning a caution shown wherever the component is chosen (e.g. retired upstream)
 * @param releaseNotes where the upstream release notes are
 * @param upgrades notes per upstream version step, oldest first
 * @param images the images Bulwark runs next to it, pinned with it (see {@link Image})
 */
public record Component(
    String id,
    String name,
    Capability capability,
    Choice choice,
    Source source,
    Version appVersion,
    String namespace,
    Optional<String> namespaceFrom,
    LicenseExpression license,
    Optional<String> licenseAlternative,
    KubernetesRange kubernetes,
    int syncWave,
    List<String> dependsOn,
    List<CrdRef> crds,
    Optional<String> warning,
    String releaseNotes,
    List<UpgradeNote> upgrades,
    List<Image> images) {

  /** Whether a component is part of its capability's default or of an alternative. */
  public enum Choice {
    DEFAULT,
    ALTERNATIVE;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Component {
    dependsOn = List.copyOf(dependsOn);
    crds = List.copyOf(crds);
    upgrades = List.copyOf(upgrades);
    images = List.copyOf(images);
  }

  /** The pinned image Bulwark knows by {@code name}. */
  public Optional<Image> image(String name) {
    return images.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** The namespace for this platform: the spec's field named by {@code namespaceFrom}, if set. */
  public String namespaceFor(PlatformSpec platform) {
    if (namespaceFrom.isEmpty() || platform == null) {
      return namespace;
    }
    String configured =
        switch (namespaceFrom.get()) {
          case "monitoringNamespace" -> platform.getMonitoringNamespace();
          case "gatewayNamespace" -> platform.getGatewayNamespace();
          case "namespace" -> platform.getNamespace();
          default -> null;
        };
    return configured == null || configured.isBlank() ? namespace : configured;
  }

  /** The notes that apply when upgrading from {@code installed} to the pinned version. */
  public List<UpgradeNote> notesFrom(Version installed) {
    return upgrades.stream().filter(n -> n.appliesBetween(installed, appVersion)).toList();
  }
}
