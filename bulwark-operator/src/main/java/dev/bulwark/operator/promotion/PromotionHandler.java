package dev.bulwark.operator.promotion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.bulwark.delivery.Actor;
import dev.bulwark.delivery.Digest;
import dev.bulwark.delivery.PromotionRefused;
import dev.bulwark.operator.promotion.PromotionEndpoint.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of the endpoint, checked in the order that tells a caller no more than it may know: the
 * token first (401), then the right on that application (403), then the body (400), then the
 * promotion rules (409). The token is never logged.
 */
final class PromotionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PromotionHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH =
      Pattern.compile(
          Pattern.quote(PromotionEndpoint.PREFIX)
              + "([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)");
  private static final int MAX_BODY = 16 * 1024;

  private final Caller caller;
  private final Promotions promotions;

  PromotionHandler(Caller caller, Promotions promotions) {
    this.caller = caller;
    this.promotions = promotions;
  }

  Answer handle(HttpExchange exchange) throws IOException {
    Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
    if (!path.matches()) {
      return Answer.refusal(404, "expected POST /promotions/{tenant}/{application}");
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      return Answer.refusal(405, "expected POST, found " + exchange.getRequestMethod());
    }
    String tenant = path.group(1);
    String app = path.group(3);
    Optional<Actor> actor = bearer(exchange).flatMap(caller::authenticate);
    if (actor.isEmpty()) {
      return Answer.refusal(
          401, "expected a Kubernetes bearer token the API server accepts (Authorization: Bearer)");
    }
    if (!caller.mayPromote(actor.get(), tenant, app)) {
      return Answer.refusal(
          403,
          actor.get().name()
              + " may not create applications/promote of "
              + app
              + " in "
              + Caller.ciNamespace(tenant)
              + " (use the token of the ServiceAccount "
              + app
              + "-promoter there)");
    }
    Request request;
    try (InputStream in = exchange.getRequestBody()) {
      request = Request.parse(in.readNBytes(MAX_BODY + 1));
    } catch (IllegalArgumentException e) {
      return Answer.refusal(400, e.getMessage());
    }
    return promote(tenant, app, request, actor.get());
  }

  private Answer promote(String tenant, String app, Request request, Actor actor) {
    try {
      return promotions
          .promote(tenant, app, request.environment(), request.digest(), actor)
          .map(done -> done(done))
          .orElseGet(
              () ->
                  Answer.refusal(
                      404, "tenant " + tenant + " has no application " + app + " with an image"));
    } catch (PromotionRefused e) {
      return Answer.refusal(409, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("promotion of {}/{} for {} failed: {}", tenant, app, actor.name(), e.getMessage());
      return Answer.refusal(
          503, "the promotion could not be made now (" + e.getMessage() + "); try again");
    }
  }

  private static Answer done(Promotions.Done done) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", done.outcome().kind().name().toLowerCase().replace('_', '-'));
    body.put("environment", done.outcome().environment());
    body.put("digest", done.outcome().digest().value());
    done.outcome().commit().ifPresent(c -> body.put("commit", c));
    body.put("reason", done.description());
    return new Answer(202, body);
  }

  private static Optional<String> bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /** The request body: the environment to promote into and the digest. */
  record Request(String environment, Digest digest) {

    static Request parse(byte[] body) {
      if (body.length > MAX_BODY) {
        throw new IllegalArgumentException("the body is larger than " + MAX_BODY + " bytes");
      }
      JsonNode json;
      try {
        json = JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "expected a JSON object {\"environment\": ..., \"digest\": \"sha256:...\"}: "
                + e.getOriginalMessage());
      } catch (IOException e) {
        throw new IllegalArgumentException("the body could not be read: " + e.getMessage());
      }
      if (json == null || !json.isObject()) {
        throw new IllegalArgumentException(
            "expected a JSON object {\"environment\": ..., \"digest\": \"sha256:...\"}");
      }
      String environment = text(json, "environment");
      try {
        return new Request(environment, Digest.of(text(json, "digest")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("digest: " + e.getMessage());
      }
    }

    private static String text(JsonNode json, String field) {
      JsonNode value = json.get(field);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        throw new IllegalArgumentException(field + ": expected a non-empty string");
      }
      return value.asText();
    }
  }
}
