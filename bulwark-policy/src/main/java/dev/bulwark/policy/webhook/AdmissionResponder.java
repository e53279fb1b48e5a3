package dev.bulwark.policy.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Answers one AdmissionReview request body; the webhook server serves one per path. */
public interface AdmissionResponder {

  /** The decision on {@code body}, or (HTTP 400) why it is no AdmissionReview. */
  AdmissionHandler.Answer answer(byte[] body, ObjectMapper json);
}
