package dev.bulwark.policy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.Severity;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.Category;
import dev.bulwark.policy.library.Kinds;
import dev.bulwark.policy.library.Match;
import dev.bulwark.policy.library.NamespaceBinding;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Audits manifests: evaluates the selected policies on every object, applies exemptions and reports
 * expired ones. The source of manifests is a parameter, so that auditing a live cluster ({@code
 * --cluster}) can feed the same runner once Bulwark has cluster access.
 */
public final class AuditRunner {

  /** The pseudo-policy an expired exemption violates. */
  public static final Policy EXPIRED_EXEMPTION =
      new Policy(
          "exemption-expired",
          "Expired exemption",
          "An exemption past its expiry date no longer exempts anything and must be renewed by its owner or removed.",
          Policy.GROUP_PLATFORM,
          null,
          Severity.HIGH,
          Category.SECURITY_COMPLIANCE,
          Policy.Action.DENY,
          false,
          new Match(List.of("Exemption"), List.of("CREATE")),
          Map.of(),
          List.of(),
          List.of(),
          "Fix what the exemption covered, or have its owner renew it with a new expiry date and reason.",
          List.of("https://bulwark.dev/docs/policies#exemptions"));

  private final PolicyEngine engine;
  private final PolicyLibrary.Selection selection;
  private final String pssVersion;
  private final ExemptionFile exemptions;
  private final LocalDate today;

  /**
   * The policies that match, by kind and API version, which are all that matching reads: computed
   * once per pair rather than for every object; each object's namespace then narrows them.
   */
  private final Map<List<String>, List<Policy>> evaluatedByType = new ConcurrentHashMap<>();

  /**
   * @param pssVersion the Pod Security version to evaluate at ({@code v1.x} or {@code latest}), or
   *     null to follow each namespace's enforce-version label (latest when unknown)
   * @param today the day against which exemption expiry is judged
   */
  public AuditRunner(
      PolicyEngine engine,
      PolicyLibrary.Selection selection,
      String pssVersion,
      ExemptionFile exemptions,
      LocalDate today) {
    this.engine = engine;
    this.selection = selection;
    this.pssVersion = pssVersion;
    this.exemptions = exemptions;
    this.today = today;
  }

  /** Audits manifests already read (for example a cluster's live objects). */
  public AuditReport run(List<Manifest> manifests, List<InputError> inputErrors) {
    Map<String, JsonNode> namespaces = namespaces(manifests);
    // The engine is thread-safe and objects are independent: evaluate them in parallel, in order.
    return report(
        new ArrayList<>(manifests.parallelStream().map(m -> audit(m, namespaces)).toList()),
        inputErrors);
  }

  /**
   * Audits files and standard input, judging each source's objects as soon as it is parsed, so that
   * only the sources in flight are held in memory rather than every tree of the input (about 8 KB
   * per object). Namespace objects anywhere in the input decide how the others are judged, so they
   * are gathered first, from the few sources that may hold one. The report is the one {@link
   * #run(List, List)} gives for everything {@link ManifestReader#read} reads from them.
   */
  public AuditReport run(ManifestSources sources) {
    Map<String, JsonNode> namespaces = namespaces(sources.mayDefineNamespaces());
    List<Part> parts =
        IntStream.range(0, sources.size())
            .parallel()
            .mapToObj(
                i -> {
                  ManifestReader part = sources.read(i);
                  return new Part(
                      part.manifests().parallelStream().map(m -> audit(m, namespaces)).toList(),
                      part.errors());
                })
            .toList();
    List<ObjectResult> results = new ArrayList<>();
    List<InputError> errors = new ArrayList<>(sources.listingErrors());
    for (Part part : parts) {
      results.addAll(part.results());
      errors.addAll(part.errors());
    }
    return report(results, errors);
  }

  /** What one source gave: its objects' results and its input errors. */
  private record Part(List<ObjectResult> results, List<InputError> errors) {}

  /** The input's Namespace objects by name; the last of a name wins. */
  private static Map<String, JsonNode> namespaces(List<Manifest> manifests) {
    Map<String, JsonNode> namespaces = new HashMap<>();
    for (Manifest m : manifests) {
      if ("Namespace".equals(m.kind()) && "v1".equals(m.object().path("apiVersion").asText())) {
        namespaces.put(m.object().path("metadata").path("name").asText(""), m.object());
      }
    }
    return namespaces;
  }

  /** The results with the expired exemptions added, and the policies applied. */
  private AuditReport report(List<ObjectResult> results, List<InputError> inputErrors) {
    for (ExemptionFile.Entry expired : exemptions.expired(today)) {
      String message =
          "exemption of "
              + expired.target()
              + " owned by "
              + expired.owner()
              + " expired on "
              + expired.expires();
      results.add(
          new ObjectResult(
              expired.location(),
              "Exemption",
              "",
              expired.policy(),
              List.of(EXPIRED_EXEMPTION.id()),
              List.of(new Finding(EXPIRED_EXEMPTION, -1, message, false, null))));
    }
    List<Policy> policies = new ArrayList<>(engine.policies());
    policies.add(EXPIRED_EXEMPTION);
    policies.add(ApiServing.REMOVED);
    policies.add(ApiServing.NOT_SERVED);
    return new AuditReport(policies, results, inputErrors);
  }

  private ObjectResult audit(Manifest m, Map<String, JsonNode> namespaces) {
    JsonNode object = m.object();
    // An object under an apiVersion Kubernetes does not serve matches no policy: rather than pass
    // it with nothing found, report why it cannot be judged.
    ApiServing.Verdict verdict =
        ApiServing.standard().judge(m.kind(), object.path("apiVersion").asText(""));
    if (verdict instanceof ApiServing.Unservable(Policy policy, String message)) {
      return new ObjectResult(
          m.location(),
          m.kind(),
          m.namespace(),
          m.name(),
          List.of(policy.id()),
          List.of(new Finding(policy, -1, message, false, null)));
    }
    JsonNode namespace =
        Kinds.isClusterScoped(m.kind())
            ? null
            : namespaceFor(m.namespace(), namespaces.get(m.namespace()));
    AdmissionInput input = AdmissionInput.create(object, namespace);
    // The policies admission would apply there: none of the tenant rules in the platform's own
    // namespaces, as the exported bindings choose.
    Predicate<Policy> scope = PolicyEngine.boundTo(input);
    List<Finding> findings = new ArrayList<>();
    for (Finding f : engine.evaluate(input, scope)) {
      findings.add(
          f.counts()
              ? exemptions
                  .find(f.policyId(), object, today)
                  .map(e -> f.exempt(e.exemption()))
                  .orElse(f)
              : f);
    }
    List<String> evaluated = evaluated(object, scope);
    boolean judged = !(verdict instanceof ApiServing.Custom) || !evaluated.isEmpty();
    return new ObjectResult(
        m.location(), m.kind(), m.namespace(), m.name(), evaluated, findings, judged);
  }

  private List<String> evaluated(JsonNode object, Predicate<Policy> scope) {
    List<String> type =
        List.of(object.path("kind").asText(""), object.path("apiVersion").asText(""));
    List<Policy> matching =
        evaluatedByType.computeIfAbsent(
            type,
            t ->
                List.copyOf(
                    engine.policies().stream()
                        .filter(p -> PolicyEngine.matches(p, object, "CREATE"))
                        .toList()));
    return matching.stream().filter(scope).map(Policy::id).toList();
  }

  /**
   * The namespace an object is judged in: the real one when the input defines it, at the Pod
   * Security level of the selection (for {@code all}: the namespace's own enforce label, else
   * restricted) and the version of {@code --pss-version} (else its own enforce-version label, else
   * latest).
   */
  private JsonNode namespaceFor(String name, JsonNode real) {
    Map<String, String> labels = new HashMap<>();
    if (real != null) {
      real.path("metadata")
          .path("labels")
          .properties()
          .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    }
    String version =
        pssVersion != null
            ? pssVersion
            : labels.getOrDefault(AdmissionInput.PSA + "enforce-version", "latest");
    // With every policy selected, a namespace that states its level is judged at it, as admission
    // judges it; a chosen Pod Security set (pss-baseline, pss-restricted) is the level asked for.
    String declared = labels.get(NamespaceBinding.PSA_ENFORCE);
    String level =
        selection == PolicyLibrary.Selection.ALL && declared != null
            ? declared
            : selection.pssLevel();
    return AdmissionInput.namespace(name, level, version, labels);
  }
}
