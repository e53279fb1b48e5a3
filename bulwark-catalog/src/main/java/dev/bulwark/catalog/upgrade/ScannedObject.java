package dev.bulwark.catalog.upgrade;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One object to check for removed APIs: the {@code apiVersion} it is written in, its kind and name,
 * and where it came from (a file and line, a rendered capability, a cluster).
 *
 * @param apiVersion the apiVersion as written
 * @param kind the kind
 * @param namespace the namespace, or empty for cluster-scoped or unknown
 * @param name the name, or empty when absent
 * @param origin where it was found, for the report
 */
public record ScannedObject(
    String apiVersion, String kind, String namespace, String name, String origin) {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final Pattern APPLIED_API_VERSION =
      Pattern.compile("\"apiVersion\"\\s*:\\s*\"([^\"]+)\"");

  public ScannedObject {
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
  }

  /** The group of {@link #apiVersion()}, empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The version of {@link #apiVersion()}. */
  public String version() {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  /** {@code Kind namespace/name}, for reports. */
  public String describe() {
    String ref = namespace.isEmpty() ? name : namespace + "/" + name;
    return ref.isEmpty() ? kind : kind + " " + ref;
  }

  /** An object as Bulwark holds it, e.g. a rendered one. */
  public static ScannedObject of(HasMetadata object, String origin) {
    return new ScannedObject(
        object.getApiVersion(),
        object.getKind(),
        object.getMetadata() == null ? "" : object.getMetadata().getNamespace(),
        object.getMetadata() == null ? "" : object.getMetadata().getName(),
        origin);
  }

  /**
   * The API versions that wrote a live object. The API server returns an object in whichever
   * version the reader asks for, so the object's own {@code apiVersion} says nothing about the
   * manifests that keep writing it; the versions its writers used survive in {@code
   * metadata.managedFields[].apiVersion} and in kubectl's last-applied annotation.
   */
  public static List<ScannedObject> writtenVersions(HasMetadata object, String origin) {
    Set<String> versions = new LinkedHashSet<>();
    versions.add(object.getApiVersion());
    if (object.getMetadata() != null) {
      List<ManagedFieldsEntry> managed = object.getMetadata().getManagedFields();
      if (managed != null) {
        managed.stream()
            .map(ManagedFieldsEntry::getApiVersion)
            .filter(v -> v != null && !v.isBlank())
            .forEach(versions::add);
      }
      Map<String, String> annotations = object.getMetadata().getAnnotations();
      String applied = annotations == null ? null : annotations.get(LAST_APPLIED);
      if (applied != null) {
        Matcher m = APPLIED_API_VERSION.matcher(applied);
        if (m.find()) {
          versions.add(m.group(1));
        }
      }
    }
    List<ScannedObject> result = new ArrayList<>();
    ScannedObject base = of(object, origin);
    versions.forEach(
        v -> result.add(new ScannedObject(v, base.kind(), base.namespace(), base.name(), origin)));
    return result;
  }
}
