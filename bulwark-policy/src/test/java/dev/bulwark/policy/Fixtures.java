package dev.bulwark.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.util.List;
import java.util.Map;

/** Builds test objects from YAML and runs them through the engine. */
public final class Fixtures {

  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final PolicyEngine ALL =
      PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());

  private Fixtures() {}

  public static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static PolicyEngine engine() {
    return ALL;
  }

  /** The findings of one policy on an object in a namespace at a Pod Security level and version. */
  public static List<Finding> findings(
      String policyId, JsonNode object, String level, String version) {
    return findings(
        policyId,
        object,
        AdmissionInput.namespace(
            object.path("metadata").path("namespace").asText("team-a-dev"),
            level,
            version,
            Map.of()));
  }

  public static List<Finding> findings(String policyId, JsonNode object, JsonNode namespace) {
    return ALL.evaluate(AdmissionInput.create(object, namespace)).stream()
        .filter(f -> f.policyId().equals(policyId))
        .toList();
  }
}
