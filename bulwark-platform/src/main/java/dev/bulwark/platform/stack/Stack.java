package dev.bulwark.platform.stack;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderException;
import dev.bulwark.render.existing.ExistingComponent;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.TenantModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The platform's components as the units see them: the catalogue's selection joined with the user's
 * settings, Bulwark's namespaces, and the hosts and issuer every component shares.
 */
public record Stack(RenderContext context, PlatformSpec spec, Map<String, Component> components) {

  /** The Keycloak realm Bulwark creates, and the path of its issuer. */
  public static final String REALM = "bulwark";

  private static final Map<String, Function<ComponentsSpec, ComponentSpec>> USER_SPECS =
      Map.ofEntries(
          Map.entry("gateway", ComponentsSpec::getGateway),
          Map.entry("dns", ComponentsSpec::getDns),
          Map.entry("certificates", ComponentsSpec::getCertificates),
          Map.entry("storage", ComponentsSpec::getStorage),
          Map.entry("database", ComponentsSpec::getDatabase),
          Map.entry("backup", ComponentsSpec::getBackup),
          Map.entry("gitops", ComponentsSpec::getGitops),
          Map.entry("ci", ComponentsSpec::getCi),
          Map.entry("registry", ComponentsSpec::getRegistry),
          Map.entry("secrets", ComponentsSpec::getSecrets),
          Map.entry("logs", ComponentsSpec::getLogs),
          Map.entry("metrics", ComponentsSpec::getMetrics),
          Map.entry("traces", ComponentsSpec::getTraces),
          Map.entry("identity", ComponentsSpec::getIdentity),
          Map.entry("policy", ComponentsSpec::getPolicy),
          Map.entry("scanning", ComponentsSpec::getScanning));

  public Stack {
    components = Map.copyOf(components);
  }

  /** Resolves the platform of {@code context} against the catalogue. */
  public static Stack of(RenderContext context, PlatformCatalog catalog) {
    PlatformSpec spec = context.spec().platform().getSpec();
    Map<String, Component> components = new TreeMap<>();
    catalog
        .selection(spec)
        .forEach(
            (capability, implementationId) -> {
              ComponentSpec user = userSpec(spec, capability);
              components.put(
                  capability,
                  new Component(
                      capability,
                      implementationId,
                      catalog.installs(capability, implementationId, spec, context.pins()),
                      user == null || user.getSettings() == null ? Map.of() : user.getSettings(),
                      user == null || user.getValues() == null ? Map.of() : user.getValues(),
                      ExistingComponent.adopted(user),
                      user == null ? null : user.getNamespace()));
            });
    return new Stack(context, spec, components);
  }

  /** Each capability's entry in {@code spec.components}, by capability. */
  public static Map<String, Function<ComponentsSpec, ComponentSpec>> userSpecs() {
    return USER_SPECS;
  }

  private static ComponentSpec userSpec(PlatformSpec spec, String capability) {
    Function<ComponentsSpec, ComponentSpec> getter = USER_SPECS.get(capability);
    return spec.getComponents() == null || getter == null
        ? null
        : getter.apply(spec.getComponents());
  }

  public PlatformModel platform() {
    return context.platform();
  }

  public List<TenantModel> tenants() {
    return context.tenants();
  }

  public Optional<Component> component(String capability) {
    return Optional.ofNullable(components.get(capability));
  }

  public boolean has(String capability) {
    return components.containsKey(capability);
  }

  /** A component that the caller knows is enabled. */
  public Component require(String capability) {
    return component(capability)
        .orElseThrow(() -> new RenderException(capability + " is not enabled"));
  }

  /** Where Argo CD runs and Bulwark's Applications and AppProjects go. */
  public String argoCdNamespace() {
    return ExistingComponent.argoCdNamespace(spec);
  }

  public String domain() {
    return spec.getDomain();
  }

  /** A host of a platform UI: {@code <name>.<domain>}. */
  public String host(String name) {
    return name + "." + domain();
  }

  /** The platform's private registry and chart repository, if it sets one (ADR 0033). */
  public Optional<Mirror> mirror() {
    return Mirror.of(spec);
  }

  /** {@code repository} (an image name without tag), from the mirror when the platform sets one. */
  public String imageRepository(String repository) {
    return mirror().map(m -> m.repository(repository)).orElse(repository);
  }

  public boolean airgapped() {
    return spec.getProfile() == PlatformSpec.Profile.AIRGAPPED;
  }

  /** True when Bulwark installs Keycloak; false when an existing OIDC provider is used. */
  public boolean ownsIdentity() {
    PlatformSpec.IdentitySpec identity = spec.getIdentity();
    return (identity == null || identity.getProvider() != PlatformSpec.IdentitySpec.Provider.OIDC)
        && has("identity");
  }

  /** The OIDC issuer every UI trusts: Bulwark's Keycloak realm, or the configured provider. */
  public String issuerUrl() {
    PlatformSpec.IdentitySpec identity = spec.getIdentity();
    if (identity != null && identity.getProvider() == PlatformSpec.IdentitySpec.Provider.OIDC) {
      return identity.getIssuerURL();
    }
    return "https://" + host("auth") + "/realms/" + REALM;
  }

  /** The backup target, if the spec has one. */
  public Optional<PlatformSpec.BackupSpec> backup() {
    return Optional.ofNullable(spec.getBackup()).filter(b -> b.getObjectStore() != null);
  }
}
