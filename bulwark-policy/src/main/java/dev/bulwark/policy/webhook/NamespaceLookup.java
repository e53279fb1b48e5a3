package dev.bulwark.policy.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.engine.AdmissionInput;
import java.util.Map;

/**
 * Finds the namespace object of a request: an AdmissionReview carries only the namespace's name,
 * while Pod Security level, version, tenant and environment live in its labels. The CLI's {@code
 * --namespaces-from-cluster} reads them from the API server; {@link #fixed} judges every namespace
 * at one level and version.
 */
@FunctionalInterface
public interface NamespaceLookup {

  /** The namespace object, or null for a cluster-scoped request (empty name). */
  JsonNode namespace(String name);

  static NamespaceLookup fixed(String level, String version) {
    return name ->
        name == null || name.isEmpty()
            ? null
            : AdmissionInput.namespace(name, level, version, Map.of());
  }
}
