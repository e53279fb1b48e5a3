package dev.bulwark.platform.stack;

import dev.bulwark.render.Names;
import dev.bulwark.render.existing.ExistingComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a unit renders for a component the spec adopts ({@code mode: existing}, ADR 0034): its
 * objects less those that would install or re-wire the running instance. Dropped are the Argo CD
 * Applications of the component's charts, the Namespaces it would be installed in, and every object
 * in those namespaces but the component's own custom resources (a self-signed CA's Certificate,
 * say): Services, routes and credentials there would be aimed at workloads Bulwark did not install.
 * Kept are the component's custom resources wherever they are (issuers, ServiceMonitors,
 * constraints) and everything outside its namespaces.
 */
public final class ExistingInstall {

  private static final String ARGO_CD_GROUP = "argoproj.io";

  private ExistingInstall() {}

  /** {@code objects} of {@code component}, without its install when it is an existing one. */
  public static List<HasMetadata> filter(Component component, List<HasMetadata> objects) {
    if (!component.existing()) {
      return objects;
    }
    Set<String> namespaces = new TreeSet<>();
    Set<String> applications = new TreeSet<>();
    component
        .installs()
        .forEach(
            install -> {
              namespaces.add(install.namespace());
              applications.add(Names.label(install.component()));
            });
    namespaces.add(component.namespace());
    Set<String> groups = ExistingComponent.apiGroups(component.capability());
    return objects.stream()
        .filter(o -> !installs(o, applications))
        .filter(o -> !(o instanceof Namespace && namespaces.contains(o.getMetadata().getName())))
        .filter(
            o ->
                o.getMetadata().getNamespace() == null
                    || !namespaces.contains(o.getMetadata().getNamespace())
                    || groups.contains(group(o)))
        .toList();
  }

  private static boolean installs(HasMetadata object, Set<String> applications) {
    return object.getKind().equals("Application")
        && group(object).equals(ARGO_CD_GROUP)
        && object.getMetadata().getAnnotations() != null
        && object.getMetadata().getAnnotations().containsKey(ComponentApplication.VERSION)
        && applications.contains(object.getMetadata().getName());
  }

  private static String group(HasMetadata object) {
    String apiVersion = object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
