package dev.bulwark.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What one policy evaluation sees, in the words of a ValidatingAdmissionPolicy.
 *
 * @param object the object being admitted or audited
 * @param oldObject the previous version on UPDATE, else null
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param namespace the namespace of the request (empty for cluster-scoped objects)
 * @param namespaceObject the namespace the object lives in, with its labels; null for
 *     cluster-scoped objects. Pod Security level and version are read from its labels.
 * @param request the admission request as a tree (uid, kind, operation, userInfo, dryRun, ...)
 */
public record AdmissionInput(
    JsonNode object,
    JsonNode oldObject,
    String operation,
    String namespace,
    JsonNode namespaceObject,
    JsonNode request) {

  public static final String PSA = "pod-security.kubernetes.io/";

  /**
   * Marks a namespace object that Bulwark assumed (see {@link #namespace}) rather than read: it is
   * judged as a tenant namespace unless its labels say it is the platform's.
   */
  public static final String ASSUMED = "policy.bulwark.dev/assumed";

  public String kind() {
    return object.path("kind").asText("");
  }

  public String name() {
    return object.path("metadata").path("name").asText("");
  }

  /** An audit-style input: a CREATE of the object in its namespace, with the namespace given. */
  public static AdmissionInput create(JsonNode object, JsonNode namespaceObject) {
    String namespace = object.path("metadata").path("namespace").asText("");
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("operation", "CREATE");
    request.put("namespace", namespace);
    request.put("name", object.path("metadata").path("name").asText(""));
    request.put("dryRun", false);
    return new AdmissionInput(object, null, "CREATE", namespace, namespaceObject, request);
  }

  /**
   * A namespace object carrying the Pod Security labels for a level and version, with any other
   * labels given, marked {@link #ASSUMED}; what audit and the webhook use when the real namespace
   * is not known, or is to be judged at another level.
   */
  public static ObjectNode namespace(
      String name, String level, String version, Map<String, String> labels) {
    ObjectNode ns = JsonNodeFactory.instance.objectNode();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    ObjectNode metadata = ns.putObject("metadata");
    metadata.put("name", name == null || name.isEmpty() ? "default" : name);
    metadata.putObject("annotations").put(ASSUMED, "true");
    ObjectNode l = metadata.putObject("labels");
    labels.forEach(l::put);
    l.put(PSA + "enforce", level);
    l.put(PSA + "enforce-version", version);
    return ns;
  }
}
