package dev.bulwark.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.spec.BulwarkCrds;
import dev.bulwark.spec.schema.Crd;
import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.spec.schema.KubernetesNames;
import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.spec.schema.Values;
import dev.bulwark.testkit.Needed;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks any Kubernetes object against the real schema of its kind, whatever the kind: Kubernetes'
 * built-in kinds against its swagger ({@link KubernetesSchemas}), Bulwark's own kinds against the
 * CRDs generated from the API types, and every other kind against the upstream CRDs ({@link
 * UpstreamCrds}). A kind none of them knows is an error.
 *
 * <p>Beyond the schema, every object must have a name that can be an API path segment and, exactly
 * when its kind is namespaced, a namespace that is a DNS-1123 label; label keys and values and
 * annotation keys follow Kubernetes' rules; and the metadata of a custom resource is checked as an
 * ObjectMeta (as the apiserver does).
 *
 * <p>For use in tests: when the shared folder with the schemas is absent, a check that needs it
 * aborts the calling test through a JUnit assumption, so it is reported as skipped, not passed.
 */
public final class Schemas {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Schemas() {}

  /** Every way the object breaks the schema and naming rules of its kind; empty if it conforms. */
  public static List<SchemaError> validate(HasMetadata object) {
    return validate(toJson(object));
  }

  /** Like {@link #validate(HasMetadata)} for an object as JSON. */
  public static List<SchemaError> validate(JsonNode object) {
    GroupVersionKind gvk = GroupVersionKind.of(object);
    if (gvk.kind().isEmpty() || gvk.version().isEmpty()) {
      return List.of(
          new SchemaError(
              FieldPath.of(gvk.kind().isEmpty() ? "kind" : "apiVersion"),
              SchemaError.REQUIRED,
              "string",
              "nothing",
              null));
    }
    List<SchemaError> errors = new ArrayList<>();
    boolean namespaced;
    if (gvk.group().equals(BulwarkLabels.GROUP)) {
      Optional<BulwarkCrds.Kind> kind = BulwarkCrds.kind(gvk.kind());
      if (kind.isEmpty()) {
        return List.of(
            new SchemaError(
                FieldPath.of("kind"),
                "kind",
                "a Bulwark kind (" + BulwarkCrds.kindNames() + ")",
                gvk.toString(),
                null));
      }
      errors.addAll(customResource(kind.get().crd(), object));
      namespaced = kind.get().crd().namespaced();
    } else if (kubernetes().isBuiltInGroup(gvk.group())) {
      if (!kubernetes().isBuiltIn(gvk)) {
        return kubernetes()
            .validate(object); // names the versions served, if the kind exists at all
      }
      errors.addAll(kubernetes().validate(object));
      namespaced = kubernetes().isNamespaced(gvk);
    } else {
      UpstreamCrds crds = upstream();
      Optional<Crd> crd = crds.crd(gvk.group(), gvk.kind());
      if (crd.isEmpty()) {
        return crds.validate(object);
      }
      errors.addAll(customResource(crd.get(), object));
      namespaced = crd.get().namespaced();
    }
    errors.addAll(identity(object.path("metadata"), namespaced));
    return List.copyOf(errors);
  }

  /** The object's errors, one per line, or "" if there are none; for assertion messages. */
  public static String describe(HasMetadata object) {
    List<SchemaError> errors = validate(object);
    String name =
        object.getKind()
            + " "
            + Optional.ofNullable(object.getMetadata().getNamespace()).map(n -> n + "/").orElse("")
            + object.getMetadata().getName();
    return errors.isEmpty()
        ? ""
        : name + ":\n  " + String.join("\n  ", errors.stream().map(SchemaError::toString).toList());
  }

  /** The object as the JSON the apiserver would receive. */
  public static JsonNode toJson(HasMetadata object) {
    return SERIALIZATION.convertValue(object, JsonNode.class);
  }

  private static List<SchemaError> customResource(Crd crd, JsonNode object) {
    List<SchemaError> errors = new ArrayList<>(crd.validate(object));
    JsonNode metadata = object.path("metadata");
    // The ObjectMeta schema is Kubernetes'; Bulwark's own kinds are still checked without it.
    if (metadata.isObject()) {
      KubernetesSchemas.shared()
          .ifPresent(k -> errors.addAll(k.validateObjectMeta(metadata, FieldPath.of("metadata"))));
    }
    return errors;
  }

  /** The name, namespace, label and annotation rules every object follows. */
  private static List<SchemaError> identity(JsonNode metadata, boolean namespaced) {
    List<SchemaError> errors = new ArrayList<>();
    FieldPath at = FieldPath.of("metadata");
    JsonNode name = metadata.path("name");
    if (!name.isTextual() || !KubernetesNames.isPathSegmentName(name.asText())) {
      errors.add(new SchemaError(at.key("name"), "name", "a name", Values.describe(name), null));
    }
    JsonNode namespace = metadata.path("namespace");
    if (namespaced && (!namespace.isTextual() || !KubernetesNames.isDnsLabel(namespace.asText()))) {
      errors.add(
          new SchemaError(
              at.key("namespace"),
              "namespace",
              "a namespace (the kind is namespaced)",
              Values.describe(namespace),
              null));
    } else if (!namespaced && !namespace.isMissingNode() && !namespace.isNull()) {
      errors.add(
          new SchemaError(
              at.key("namespace"),
              "namespace",
              "no namespace (the kind is cluster-scoped)",
              Values.describe(namespace),
              null));
    }
    for (Map.Entry<String, JsonNode> label : metadata.path("labels").properties()) {
      if (!KubernetesNames.isQualifiedName(label.getKey())) {
        errors.add(
            new SchemaError(
                at.key("labels").key(label.getKey()),
                "key",
                "a qualified name as label key",
                Values.quote(label.getKey()),
                null));
      } else if (!KubernetesNames.isLabelValue(label.getValue().asText())) {
        errors.add(
            new SchemaError(
                at.key("labels").key(label.getKey()),
                "labelValue",
                "a label value",
                Values.describe(label.getValue()),
                null));
      }
    }
    for (Map.Entry<String, JsonNode> annotation : metadata.path("annotations").properties()) {
      if (!KubernetesNames.isQualifiedName(annotation.getKey())) {
        errors.add(
            new SchemaError(
                at.key("annotations").key(annotation.getKey()),
                "key",
                "a qualified name as annotation key",
                Values.quote(annotation.getKey()),
                null));
      }
    }
    return errors;
  }

  private static KubernetesSchemas kubernetes() {
    Optional<KubernetesSchemas> schemas = KubernetesSchemas.shared();
    Needed.require(schemas.isPresent(), "Kubernetes' swagger.json is not in the shared folder");
    return schemas.orElseThrow();
  }

  private static UpstreamCrds upstream() {
    Optional<UpstreamCrds> crds = UpstreamCrds.shared();
    Needed.require(
        crds.isPresent(), "the upstream CRDs are not in the shared folder (../shared/crds)");
    return crds.orElseThrow();
  }
}
