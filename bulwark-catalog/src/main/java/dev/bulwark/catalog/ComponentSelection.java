package dev.bulwark.catalog;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec.Profile;
import dev.bulwark.api.v1alpha1.PlatformSpec.Provider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which capabilities and components a platform runs: the single place that decides it.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>{@code spec.components.<capability>.enabled} decides when set.
 *   <li>Setting only {@code .implementation} asks for that implementation, so it turns the
 *       capability on.
 *   <li>Otherwise the profile decides: {@code minimal} runs gateway, certificates, storage, gitops
 *       and policy; {@code standard} adds dns, database, backup, ci, registry, secrets, metrics,
 *       identity and scanning; {@code full} adds logs and traces; {@code airgapped} is full without
 *       dns (no public DNS to write to).
 *   <li>A profile default is dropped when its prerequisite is missing, so that a bare spec is
 *       valid: dns needs a provider with a DNS API (aws, gcp, azure, openstack); backup needs
 *       {@code spec.backup.objectStore}; identity needs {@code spec.identity.provider: keycloak}.
 *   <li>Storage is on in every profile: the cluster's CSI driver serves it; Bulwark only renders
 *       its settings (so it installs no component), unless {@code spec.components.storage.enabled}
 *       is false.
 * </ol>
 *
 * <p>The implementation is {@code .implementation} when set, else the catalogue's default.
 * Contradictions (an unknown implementation, a component whose dependency is off, Keycloak asked
 * for while an external OIDC provider is configured) throw a {@link SelectionException}.
 */
public final class ComponentSelection {

  private static final Set<Capability> MINIMAL =
      EnumSet.of(
          Capability.GATEWAY,
          Capability.CERTIFICATES,
          Capability.STORAGE,
          Capability.GITOPS,
          Capability.POLICY);
  private static final Set<Capability> STANDARD_ADDS =
      EnumSet.of(
          Capability.DNS,
          Capability.DATABASE,
          Capability.BACKUP,
          Capability.CI,
          Capability.REGISTRY,
          Capability.SECRETS,
          Capability.METRICS,
          Capability.IDENTITY,
          Capability.SCANNING);
  private static final Set<Provider> DNS_PROVIDERS =
      EnumSet.of(Provider.AWS, Provider.GCP, Provider.AZURE, Provider.OPENSTACK);

  private final Catalogue catalogue;
  private final Map<Capability, CapabilityChoice> choices;

  private ComponentSelection(Catalogue catalogue, Map<Capability, CapabilityChoice> choices) {
    this.catalogue = catalogue;
    this.choices = choices;
  }

  /** The selection for a platform spec against the standard catalogue. */
  public static ComponentSelection of(PlatformSpec platform) {
    return of(platform, Catalogue.standard());
  }

  /** The selection for a platform spec against a given catalogue. */
  public static ComponentSelection of(PlatformSpec platform, Catalogue catalogue) {
    List<String> problems = new ArrayList<>();
    Map<Capability, CapabilityChoice> choices = new LinkedHashMap<>();
    for (Capability capability : Capability.values()) {
      choose(platform, catalogue, capability, problems).ifPresent(c -> choices.put(capability, c));
    }
    checkDependencies(catalogue, choices, problems);
    if (!problems.isEmpty()) {
      throw new SelectionException(problems);
    }
    return new ComponentSelection(catalogue, java.util.Collections.unmodifiableMap(choices));
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  /** One choice per capability, in capability order. */
  public List<CapabilityChoice> choices() {
    return List.copyOf(choices.values());
  }

  public CapabilityChoice choice(Capability capability) {
    return choices.get(capability);
  }

  public boolean isEnabled(Capability capability) {
    return choices.get(capability).enabled();
  }

  /** The implementation running the capability, if it is on. */
  public Optional<Implementation> implementation(Capability capability) {
    CapabilityChoice c = choices.get(capability);
    return c.enabled() ? Optional.of(c.implementation()) : Optional.empty();
  }

  /** Every component that is on, once each, in install order (sync wave, then dependencies). */
  public List<Component> components() {
    Map<String, Component> on = new LinkedHashMap<>();
    choices.values().stream()
        .filter(CapabilityChoice::enabled)
        .forEach(
            c -> c.components().forEach(component -> on.putIfAbsent(component.id(), component)));
    return catalogue.installOrder(on.values());
  }

  public boolean isEnabled(String componentId) {
    return components().stream().anyMatch(c -> c.id().equals(componentId));
  }

  /** Cautions about chosen components, e.g. one retired upstream. */
  public List<String> warnings() {
    return components().stream()
        .filter(c -> c.warning().isPresent())
        .map(c -> c.id() + ": " + c.warning().get())
        .toList();
  }

  private static Optional<CapabilityChoice> choose(
      PlatformSpec platform, Catalogue catalogue, Capability capability, List<String> problems) {
    Optional<ComponentSpec> spec = componentSpec(platform.getComponents(), capability);
    String field = "spec.components." + capability.id();
    Implementation implementation = catalogue.defaultImplementation(capability);
    String chosen =
        spec.map(ComponentSpec::getImplementation).filter(s -> !s.isBlank()).orElse(null);
    if (chosen != null) {
      Optional<Implementation> found = catalogue.implementation(capability, chosen);
      if (found.isEmpty()) {
        problems.add(
            field
                + ".implementation: '"
                + chosen
                + "' is not an implementation of "
                + capability.id()
                + "; expected one of: "
                + catalogue.implementations(capability).stream()
                    .map(Implementation::id)
                    .collect(Collectors.joining(", ")));
        return Optional.empty();
      }
      implementation = found.get();
    }
    Boolean enabled = spec.map(ComponentSpec::getEnabled).orElse(null);
    boolean on;
    String reason;
    if (enabled != null) {
      on = enabled;
      reason = field + ".enabled: " + enabled;
    } else if (chosen != null) {
      on = true;
      reason = field + ".implementation: " + chosen;
    } else {
      String missing = missingPrerequisite(platform, capability);
      boolean byProfile = inProfile(platform.getProfile(), capability);
      on = byProfile && missing == null;
      reason =
          !byProfile
              ? "profile " + profileId(platform) + " leaves it off"
              : missing != null
                  ? "profile " + profileId(platform) + " would run it, but " + missing
                  : "profile " + profileId(platform);
    }
    if (on
        && capability == Capability.IDENTITY
        && platform.getIdentity() != null
        && platform.getIdentity().getProvider() == PlatformSpec.IdentitySpec.Provider.OIDC) {
      problems.add(
          field
              + ": Keycloak is installed only when spec.identity.provider is keycloak, but it is oidc;"
              + " set spec.identity.provider: keycloak, or remove "
              + field
              + " to use the external OIDC provider");
    }
    return Optional.of(
        new CapabilityChoice(
            capability, on, implementation, catalogue.componentsOf(implementation), reason));
  }

  /** Why a profile default cannot run on this spec, or null when it can. */
  private static String missingPrerequisite(PlatformSpec platform, Capability capability) {
    return switch (capability) {
      case DNS ->
          DNS_PROVIDERS.contains(platform.getProvider())
              ? null
              : "provider "
                  + platform.getProvider().name().toLowerCase(java.util.Locale.ROOT)
                  + " has no DNS API Bulwark knows (set spec.components.dns.enabled: true and its provider settings to run it)";
      case BACKUP ->
          platform.getBackup() != null && platform.getBackup().getObjectStore() != null
              ? null
              : "spec.backup.objectStore is not set";
      case IDENTITY ->
          platform.getIdentity() == null
                  || platform.getIdentity().getProvider()
                      == PlatformSpec.IdentitySpec.Provider.KEYCLOAK
              ? null
              : "spec.identity.provider is oidc (an existing provider)";
      default -> null;
    };
  }

  private static boolean inProfile(Profile profile, Capability capability) {
    if (capability == Capability.STORAGE || MINIMAL.contains(capability)) {
      return true;
    }
    return switch (profile == null ? Profile.STANDARD : profile) {
      case MINIMAL -> false;
      case STANDARD -> STANDARD_ADDS.contains(capability);
      case FULL -> true;
      case AIRGAPPED -> capability != Capability.DNS;
    };
  }

  private static String profileId(PlatformSpec platform) {
    return (platform.getProfile() == null ? Profile.STANDARD : platform.getProfile())
        .name()
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static void checkDependencies(
      Catalogue catalogue, Map<Capability, CapabilityChoice> choices, List<String> problems) {
    Set<String> on =
        choices.values().stream()
            .filter(CapabilityChoice::enabled)
            .flatMap(c -> c.components().stream())
            .map(Component::id)
            .collect(Collectors.toSet());
    for (CapabilityChoice choice : choices.values()) {
      if (!choice.enabled()) {
        continue;
      }
      for (Component component : choice.components()) {
        for (String dep : component.dependsOn()) {
          if (!on.contains(dep)) {
            Capability needed = catalogue.require(dep).capability();
            problems.add(
                "spec.components."
                    + choice.capability().id()
                    + ": "
                    + component.id()
                    + " needs "
                    + dep
                    + " (capability "
                    + needed.id()
                    + "), which is off; turn on spec.components."
                    + needed.id()
                    + " or turn off spec.components."
                    + choice.capability().id());
          }
        }
      }
    }
  }

  /** The spec entry for a capability, if the spec has one. */
  static Optional<ComponentSpec> componentSpec(ComponentsSpec components, Capability capability) {
    if (components == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        switch (capability) {
          case GATEWAY -> components.getGateway();
          case DNS -> components.getDns();
          case CERTIFICATES -> components.getCertificates();
          case STORAGE -> components.getStorage();
          case DATABASE -> components.getDatabase();
          case BACKUP -> components.getBackup();
          case GITOPS -> components.getGitops();
          case CI -> components.getCi();
          case REGISTRY -> components.getRegistry();
          case SECRETS -> components.getSecrets();
          case LOGS -> components.getLogs();
          case METRICS -> components.getMetrics();
          case TRACES -> components.getTraces();
          case IDENTITY -> components.getIdentity();
          case POLICY -> components.getPolicy();
          case SCANNING -> components.getScanning();
        });
  }
}
