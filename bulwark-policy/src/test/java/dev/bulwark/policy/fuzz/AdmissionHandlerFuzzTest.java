package dev.bulwark.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.webhook.AdmissionHandler;
import dev.bulwark.policy.webhook.NamespaceLookup;
import dev.bulwark.policy.webhook.WebhookConfig;
import java.time.Clock;
import java.util.Map;

/**
 * Any request body the webhook is sent comes back as a well-formed AdmissionReview response for the
 * request's uid or as a bad request that says why; no exception escapes the handler.
 *
 * <p>The normal test run replays the seeds in {@code AdmissionHandlerFuzzTestInputs/}; {@code
 * tools/fuzz.sh admission DURATION} fuzzes for longer (ADR 0037).
 */
class AdmissionHandlerFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AdmissionHandler HANDLER =
      new AdmissionHandler(
          PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of()),
          NamespaceLookup.fixed("restricted", "latest"),
          ExemptionFile.NONE,
          "bulwark-system",
          WebhookConfig.FailurePolicy.FAIL,
          Clock.systemUTC());

  @FuzzTest(maxDuration = "20s")
  void anyBodyGetsAReviewOrABadRequest(byte[] body) throws Exception {
    AdmissionHandler.Answer answer = HANDLER.answer(body, JSON);

    if (answer.decision() == null) {
      assertThat(answer.badRequest()).startsWith("bad AdmissionReview: ").doesNotContain("\n");
      assertThat(answer.badRequest().length()).isGreaterThan("bad AdmissionReview: ".length());
      return;
    }
    JsonNode review = JSON.readTree(JSON.writeValueAsBytes(answer.decision().review()));
    JsonNode response = review.path("response");
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
    assertThat(response.path("uid").asText())
        .isEqualTo(JSON.readTree(body).path("request").path("uid").asText());
    assertThat(response.path("allowed").isBoolean()).isTrue();
    assertThat(response.path("allowed").asBoolean()).isEqualTo(answer.decision().allowed());
    if (!answer.decision().allowed()) {
      assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
      assertThat(response.path("status").path("message").asText()).isNotBlank();
    }
  }
}
