package dev.bulwark.policy.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.Policy;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one AdmissionReview (admission.k8s.io/v1) with the policy engine: denies on deny-policy
 * violations, warns on warn-policy ones, exempts the webhook's own namespace, applies only the
 * policies bound to the object's namespace, and applies the failure policy when a policy cannot be
 * evaluated. Pure apart from the decision log, which dry-run requests do not write to.
 */
public class AdmissionHandler implements AdmissionResponder {

  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);
  private static final int MAX_WARNINGS = 20;

  private final PolicyEngine engine;
  private final NamespaceLookup namespaces;
  private final ExemptionFile exemptions;
  private final String ownNamespace;
  private final WebhookConfig.FailurePolicy failurePolicy;
  private final Clock clock;

  public AdmissionHandler(
      PolicyEngine engine,
      NamespaceLookup namespaces,
      ExemptionFile exemptions,
      String ownNamespace,
      WebhookConfig.FailurePolicy failurePolicy,
      Clock clock) {
    this.engine = engine;
    this.namespaces = namespaces;
    this.exemptions = exemptions;
    this.ownNamespace = ownNamespace;
    this.failurePolicy = failurePolicy;
    this.clock = clock;
  }

  /** The decision on one request. */
  public record Decision(
      ObjectNode review,
      boolean allowed,
      boolean dryRun,
      List<Finding> findings,
      boolean evaluationError) {}

  /**
   * The answer to one request body: a decision, or (HTTP 400) why the body is no AdmissionReview.
   *
   * @param decision the decision, or {@code null} for a bad request
   * @param badRequest the first line of what is wrong with the body, or {@code null}
   */
  public record Answer(Decision decision, String badRequest) {}

  /** Reads a request body and decides on it; a body that is no AdmissionReview is a bad request. */
  @Override
  public Answer answer(byte[] body, ObjectMapper json) {
    try {
      return new Answer(handle(json.readTree(body), json), null);
    } catch (IOException | IllegalArgumentException e) {
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Answer(null, "bad AdmissionReview: " + what.lines().findFirst().orElse(""));
    }
  }

  /**
   * Decides on an AdmissionReview.
   *
   * @throws IllegalArgumentException when the body is not an AdmissionReview v1 with a request
   */
  public Decision handle(JsonNode review, ObjectMapper json) {
    JsonNode request = review.path("request");
    if (!"AdmissionReview".equals(review.path("kind").asText())
        || !request.isObject()
        || !request.path("uid").isTextual()) {
      throw new IllegalArgumentException(
          "expected an admission.k8s.io/v1 AdmissionReview with request.uid");
    }
    String uid = request.path("uid").asText();
    String namespace = request.path("namespace").asText("");
    boolean dryRun = request.path("dryRun").asBoolean(false);
    JsonNode object = request.path("object");
    if (namespace.equals(ownNamespace) || !object.isObject()) {
      return new Decision(
          response(json, uid, true, null, List.of()), true, dryRun, List.of(), false);
    }
    List<Finding> findings = evaluate(request, namespace, object);
    List<String> denials = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean error = false;
    for (Finding f : findings) {
      String line = "[" + f.policyId() + "] " + f.message();
      if (!f.counts()) {
        continue;
      }
      if (f.error()) {
        error = true;
        if (failurePolicy == WebhookConfig.FailurePolicy.FAIL) {
          denials.add(line);
        } else {
          warnings.add(line + " (not enforced: failurePolicy Ignore)");
        }
      } else if (f.policy().action() == Policy.Action.DENY) {
        denials.add(line);
      } else {
        warnings.add(line);
      }
    }
    boolean allowed = denials.isEmpty();
    String message = allowed ? null : String.join("; ", denials);
    if (!dryRun) {
      LOG.debug(
          "{} {} {}/{}: {}",
          allowed ? "allowed" : "denied",
          request.path("kind").path("kind").asText(),
          namespace,
          request.path("name").asText(object.path("metadata").path("name").asText()),
          allowed ? "" : message);
    }
    return new Decision(
        response(json, uid, allowed, message, warnings), allowed, dryRun, findings, error);
  }

  private List<Finding> evaluate(JsonNode request, String namespace, JsonNode object) {
    JsonNode oldObject = request.path("oldObject").isObject() ? request.path("oldObject") : null;
    AdmissionInput input =
        new AdmissionInput(
            object,
            oldObject,
            request.path("operation").asText("CREATE"),
            namespace,
            namespaces.namespace(namespace),
            request);
    LocalDate today = LocalDate.now(clock);
    List<Finding> findings = new ArrayList<>();
    // Only the policies the exported bindings apply here, so that the webhook and the API server's
    // ValidatingAdmissionPolicies agree: no tenant rules in platform namespaces, and Pod Security
    // in every Bulwark namespace at its own level.
    for (Finding f : engine.evaluate(input, PolicyEngine.boundTo(input))) {
      findings.add(
          f.counts()
              ? exemptions
                  .find(f.policyId(), object, today)
                  .map(e -> f.exempt(e.exemption()))
                  .orElse(f)
              : f);
    }
    return findings;
  }

  private static ObjectNode response(
      ObjectMapper json, String uid, boolean allowed, String message, List<String> warnings) {
    ObjectNode review = json.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid);
    response.put("allowed", allowed);
    if (!allowed) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", message);
    }
    if (!warnings.isEmpty()) {
      ArrayNode w = response.putArray("warnings");
      warnings.stream().limit(MAX_WARNINGS).forEach(w::add);
    }
    return review;
  }
}
