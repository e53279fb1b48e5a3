package dev.bulwark.gate.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.gate.SignatureFacts;
import java.nio.file.Path;
import java.util.List;

/**
 * The signature facts file the pipeline's verification step writes (ADR 0025):
 *
 * <pre>
 * {"schema": "bulwark.dev/signature-facts/v1", "digest": "sha256:...",
 *  "signature": {"verified": true, "identity": "...", "issuer": "..."},
 *  "provenance": {"verified": true, "predicateType": "https://slsa.dev/provenance/v1"}}
 * </pre>
 */
public final class SignatureFactsReader {

  public static final String SCHEMA = "bulwark.dev/signature-facts/v1";

  private SignatureFactsReader() {}

  public static SignatureFacts read(Path file, String digest) throws InputException {
    JsonNode facts = JsonFiles.read(file);
    if (!facts.path("schema").asText().equals(SCHEMA)) {
      throw new InputException(
          file.toString(),
          "expected signature facts with schema "
              + SCHEMA
              + ", found `"
              + facts.path("schema").asText()
              + "`");
    }
    String named = Digests.of(facts.path("digest").asText(""));
    Digests.check(
        file, "the signature facts", named.isEmpty() ? List.of() : List.of(named), digest);
    JsonNode verified = facts.at("/signature/verified");
    if (!verified.isBoolean()) {
      throw new InputException(file.toString(), "signature.verified: expected true or false");
    }
    JsonNode provenance = facts.at("/provenance/verified");
    if (!provenance.isMissingNode() && !provenance.isBoolean()) {
      throw new InputException(file.toString(), "provenance.verified: expected true or false");
    }
    return new SignatureFacts(
        named,
        verified.booleanValue(),
        facts.at("/signature/identity").asText(""),
        provenance.asBoolean(false),
        file.toString());
  }
}
