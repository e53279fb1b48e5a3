package dev.bulwark.platform.check;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.render.existing.ExistingComponent;
import dev.bulwark.spec.SpecCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code mode: existing} where Bulwark can adopt a running instance, and nothing that would only
 * mean something to an install Bulwark does not do (ADR 0034).
 */
public final class ExistingComponentsCheck implements SpecCheck {

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    List<Finding> findings = new ArrayList<>();
    PlatformSpec platform = spec.platform().getSpec();
    if (platform.getComponents() == null) {
      return findings;
    }
    String name = spec.platform().getMetadata().getName();
    Map<String, ComponentSpec> components = new TreeMap<>();
    Stack.userSpecs()
        .forEach(
            (capability, getter) -> {
              ComponentSpec component = getter.apply(platform.getComponents());
              if (component != null) {
                components.put(capability, component);
              }
            });
    components.forEach(
        (capability, component) -> check(capability, component, name, findings::add));
    return findings;
  }

  private static void check(
      String capability,
      ComponentSpec component,
      String platform,
      java.util.function.Consumer<Finding> findings) {
    String path = "spec.components." + capability + ".";
    boolean existing = component.getMode() == ComponentSpec.Mode.EXISTING;
    if (existing && !ExistingComponent.ADOPTABLE.contains(capability)) {
      findings.accept(
          finding(
              platform,
              path + "mode",
              "Bulwark can adopt an existing instance only for "
                  + String.join(", ", ExistingComponent.ADOPTABLE)
                  + "; remove mode or set it to managed"));
      return;
    }
    if (!existing && component.getNamespace() != null) {
      findings.accept(
          finding(
              platform,
              path + "namespace",
              "names where an existing instance runs, so it needs mode: existing; Bulwark installs a"
                  + " managed component in the catalogue's namespace"));
    }
    if (existing && Boolean.FALSE.equals(component.getEnabled())) {
      findings.accept(
          finding(
              platform,
              path + "mode",
              "an existing instance is used only when the component is on: remove enabled: false,"
                  + " or remove mode"));
    }
    if (existing && component.getValues() != null && !component.getValues().isEmpty()) {
      findings.accept(
          finding(
              platform,
              path + "values",
              "Helm values configure an install, and Bulwark does not install an existing"
                  + " instance: remove values, or set mode: managed"));
    }
  }

  private static Finding finding(String platform, String path, String message) {
    return new Finding("Platform", platform, path, message);
  }
}
