package dev.bulwark.platform.stack;

import dev.bulwark.platform.kinds.CustomResourceSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small typed builder of {@link GenericKubernetesResource}, for the kinds that have no fabric8
 * model (Argo CD, External Secrets, Velero, CloudNativePG, OpenTelemetry, Keycloak, ECK, ...).
 *
 * <p>Every object it builds carries its sync wave; objects whose CRD another Application of the
 * same sync installs are marked to skip Argo CD's dry run while the CRD is missing.
 */
public final class CustomResource {

  /**
   * Argo CD sync option that lets a custom resource wait for its CRD instead of failing the dry
   * run.
   */
  public static final String SKIP_DRY_RUN = "SkipDryRunOnMissingResource=true";

  private final String apiVersion;
  private final String kind;
  private final ObjectMeta metadata = new ObjectMeta();
  private final Map<String, Object> body = new LinkedHashMap<>();

  private CustomResource(String apiVersion, String kind) {
    this.apiVersion = apiVersion;
    this.kind = kind;
  }

  public static CustomResource of(String apiVersion, String kind) {
    return new CustomResource(apiVersion, kind);
  }

  /** A resource of the kind a typed spec belongs to, with that spec. */
  public static CustomResource of(CustomResourceSpec spec) {
    return of(spec.apiVersion(), spec.kind()).spec(spec.toMap());
  }

  public CustomResource name(String name) {
    metadata.setName(name);
    return this;
  }

  public CustomResource namespace(String namespace) {
    metadata.setNamespace(namespace);
    return this;
  }

  public CustomResource labels(Map<String, String> labels) {
    metadata.setLabels(new TreeMap<>(labels));
    return this;
  }

  public CustomResource annotation(String key, String value) {
    if (metadata.getAnnotations() == null) {
      metadata.setAnnotations(new TreeMap<>());
    }
    metadata.getAnnotations().put(key, value);
    return this;
  }

  /** A finalizer, for example Argo CD's, which deletes an Application's resources with it. */
  public CustomResource finalizer(String finalizer) {
    metadata.getFinalizers().add(finalizer);
    return this;
  }

  public CustomResource wave(SyncWave wave) {
    return annotation(SyncWave.ANNOTATION, wave.annotation())
        .annotation("argocd.argoproj.io/sync-options", SKIP_DRY_RUN);
  }

  public CustomResource spec(Map<String, Object> spec) {
    return field("spec", spec);
  }

  /** A top-level field other than metadata, for kinds whose content is not under spec. */
  public CustomResource field(String name, Object value) {
    body.put(name, value);
    return this;
  }

  public GenericKubernetesResource build() {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(apiVersion);
    resource.setKind(kind);
    resource.setMetadata(metadata);
    resource.setAdditionalProperties(new LinkedHashMap<>(body));
    return resource;
  }

  /** Puts the sync wave on a typed object built elsewhere. */
  public static <T extends HasMetadata> T withWave(T object, SyncWave wave) {
    ObjectMeta meta = object.getMetadata();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? new TreeMap<>() : new TreeMap<>(meta.getAnnotations());
    annotations.put(SyncWave.ANNOTATION, wave.annotation());
    annotations.put("argocd.argoproj.io/sync-options", SKIP_DRY_RUN);
    meta.setAnnotations(annotations);
    return object;
  }
}
