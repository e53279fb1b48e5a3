package dev.bulwark.policy.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.registry.RegistryLogins;
import dev.bulwark.policy.webhook.AdmissionHandler;
import dev.bulwark.policy.webhook.AdmissionResponder;
import dev.bulwark.policy.webhook.WebhookConfig.FailurePolicy;
import dev.bulwark.policy.webhook.WebhookServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the AdmissionReviews of Pods in the namespaces a ValidatingWebhookConfiguration binds to
 * signature checks (ADR 0040): every image of the Pod must be pinned by digest and signed by one of
 * the platform's keys (and, when asked, carry a gate attestation that says pass). A refusal names
 * the image and the reason. When the check cannot reach its inputs (the registry, the keys) the
 * binding's failure policy decides: {@code FAIL} refuses, {@code IGNORE} admits with a warning.
 * Accepted verdicts are cached by digest: a digest's signatures only grow.
 */
public final class ImageAdmission implements AdmissionResponder {

  private static final Logger LOG = LoggerFactory.getLogger(ImageAdmission.class);
  private static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  private final CosignVerifier verifier;
  private final Supplier<SigningKeys> keys;
  private final FailurePolicy failurePolicy;
  private final boolean requireGate;
  private final Map<String, Verdict> accepted;

  /**
   * @param verifier the signature check
   * @param keys the accepted public keys, read on each check that misses the cache (a rotation is
   *     picked up without restart); throwing {@link UncheckedIOException} when unreadable
   * @param failurePolicy what to answer when the check cannot reach its inputs
   * @param requireGate whether a gate attestation that says pass is required too
   * @param cacheSize how many accepted digests to remember
   */
  public ImageAdmission(
      CosignVerifier verifier,
      Supplier<SigningKeys> keys,
      FailurePolicy failurePolicy,
      boolean requireGate,
      int cacheSize) {
    this.verifier = verifier;
    this.keys = keys;
    this.failurePolicy = failurePolicy;
    this.requireGate = requireGate;
    this.accepted =
        java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
                return size() > cacheSize;
              }
            });
  }

  /** The path that checks signatures only. */
  public static final String PATH = "/verify-images";

  /** The path that also requires a gate attestation that says pass. */
  public static final String GATED_PATH = "/verify-images-gated";

  /** The number of accepted digests each path remembers. */
  static final int CACHE_SIZE = 1024;

  /**
   * Serves both image checks on {@code server}, with the keys of {@code keys} (a directory of
   * {@code *.pub} files, read on every cache miss) and {@code timeout} for each registry call,
   * reading registries anonymously.
   */
  public static WebhookServer serve(
      WebhookServer server, Path keys, FailurePolicy failurePolicy, Duration timeout) {
    return serve(server, keys, failurePolicy, timeout, RegistryLogins.NONE);
  }

  /** As {@link #serve(WebhookServer, Path, FailurePolicy, Duration)}, with {@code logins}. */
  public static WebhookServer serve(
      WebhookServer server,
      Path keys,
      FailurePolicy failurePolicy,
      Duration timeout,
      RegistryLogins logins) {
    CosignVerifier verifier = new CosignVerifier(new RegistryClient(timeout, logins));
    Supplier<SigningKeys> reader = SigningKeys.reader(keys);
    return server
        .route(PATH, new ImageAdmission(verifier, reader, failurePolicy, false, CACHE_SIZE))
        .route(GATED_PATH, new ImageAdmission(verifier, reader, failurePolicy, true, CACHE_SIZE));
  }

  @Override
  public AdmissionHandler.Answer answer(byte[] body, ObjectMapper json) {
    JsonNode review;
    try {
      review = json.readTree(body);
    } catch (IOException e) {
      return new AdmissionHandler.Answer(null, "bad AdmissionReview: " + e.getMessage());
    }
    JsonNode request = review.path("request");
    if (!request.isObject() || request.path("uid").asText("").isEmpty()) {
      return new AdmissionHandler.Answer(null, "bad AdmissionReview: no request.uid");
    }
    List<String> refusals = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean error = false;
    for (String image : images(request.path("object"))) {
      try {
        Verdict verdict = check(image);
        if (!verdict.accepted()) {
          refusals.add("image " + image + ": " + verdict.reason());
        }
      } catch (IOException | UncheckedIOException e) {
        error = true;
        String what = "image " + image + ": signature could not be checked: " + e.getMessage();
        LOG.warn("{} (failure policy {})", what, failurePolicy);
        (failurePolicy == FailurePolicy.FAIL ? refusals : warnings).add(what);
      }
    }
    boolean dryRun = request.path("dryRun").asBoolean(false);
    ObjectNode out = json.createObjectNode();
    out.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode response = out.putObject("response");
    response.put("uid", request.path("uid").asText()).put("allowed", refusals.isEmpty());
    if (!refusals.isEmpty()) {
      response
          .putObject("status")
          .put("code", 403)
          .put("reason", "Forbidden")
          .put("message", "bulwark image signatures: " + String.join("; ", refusals));
    }
    if (!warnings.isEmpty()) {
      warnings.forEach(response.putArray("warnings")::add);
    }
    return new AdmissionHandler.Answer(
        new AdmissionHandler.Decision(out, refusals.isEmpty(), dryRun, List.of(), error), null);
  }

  private Verdict check(String image) throws IOException {
    ImageReference reference;
    try {
      reference = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      return Verdict.refuse("not pinned by digest: signatures are checked per digest");
    }
    String key = reference.registry() + "/" + reference.repository() + "@" + reference.digest();
    Verdict cached = accepted.get(key);
    if (cached != null) {
      return cached;
    }
    Verdict verdict = verifier.verify(reference, keys.get(), requireGate);
    if (verdict.accepted()) {
      accepted.put(key, verdict);
    }
    return verdict;
  }

  /** Every image a Pod runs, each once, in the order the Pod lists them. */
  static Set<String> images(JsonNode pod) {
    Set<String> images = new LinkedHashSet<>();
    for (String list : CONTAINER_LISTS) {
      for (JsonNode container : pod.path("spec").path(list)) {
        images.add(container.path("image").asText(""));
      }
    }
    return images;
  }
}
