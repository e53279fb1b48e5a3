package dev.bulwark.policy.audit;

import dev.bulwark.policy.engine.Finding;
import dev.bulwark.yaml.Location;
import java.util.List;

/**
 * The audit of one object (or of one exemption-file entry, for expired exemptions).
 *
 * @param location where the object starts
 * @param kind its kind
 * @param namespace its namespace, empty for cluster-scoped objects
 * @param name its name
 * @param evaluated the ids of the policies that applied to it
 * @param findings what failed, exempted ones included
 * @param judged false for an object of a custom kind that no policy matches: nothing judged it,
 *     which the report says rather than count it as passed
 */
public record ObjectResult(
    Location location,
    String kind,
    String namespace,
    String name,
    List<String> evaluated,
    List<Finding> findings,
    boolean judged) {

  public ObjectResult {
    evaluated = List.copyOf(evaluated);
    findings = List.copyOf(findings);
  }

  /** A result of an object some policy judged (or that the audit itself reports on). */
  public ObjectResult(
      Location location,
      String kind,
      String namespace,
      String name,
      List<String> evaluated,
      List<Finding> findings) {
    this(location, kind, namespace, name, evaluated, findings, true);
  }

  public String describe() {
    return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
