package dev.bulwark.policy.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies cosign's key-based signatures and attestations of an image, as cosign stores them in the
 * image's repository, with the JDK's crypto only (ADR 0040):
 *
 * <ul>
 *   <li>signature: the manifest tagged {@code sha256-<hex>.sig}; each layer is a simple-signing
 *       payload whose annotation {@code dev.cosignproject.cosign/signature} is an ECDSA P-256
 *       signature (SHA-256, DER, base64) over the payload's bytes; the payload's {@code
 *       critical.image.docker-manifest-digest} must be the image's digest;
 *   <li>gate attestation: the manifest tagged {@code sha256-<hex>.att}; each layer is a DSSE
 *       envelope signed over its pre-authentication encoding; its in-toto statement of predicate
 *       type {@value #GATE_PREDICATE_TYPE} must name the image's digest as its subject and carry
 *       the gate's decision {@code pass}.
 * </ul>
 */
public final class CosignVerifier {

  /** The predicate type of the gate decision's attestation: the gate's JSON report. */
  public static final String GATE_PREDICATE_TYPE =
      "https://bulwark.dev/attestations/gate-decision/v1";

  static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  private static final String DSSE = "application/vnd.dsse.envelope.v1+json";

  private final RegistryClient registry;
  private final ObjectMapper json = new ObjectMapper();

  public CosignVerifier(RegistryClient registry) {
    this.registry = registry;
  }

  /**
   * The verdict on {@code image}: accepted when one of {@code keys} signed its digest and, if
   * {@code requireGate}, a gate attestation signed by one of them says pass. An unreachable or
   * broken registry is an {@link IOException}, for the caller's failure policy.
   */
  public Verdict verify(ImageReference image, SigningKeys keys, boolean requireGate)
      throws IOException {
    Verdict signature = signature(image, keys);
    if (!signature.accepted() || !requireGate) {
      return signature;
    }
    return gate(image, keys);
  }

  private Verdict signature(ImageReference image, SigningKeys keys) throws IOException {
    Optional<JsonNode> manifest = registry.manifest(image, image.cosignTag("sig"));
    if (manifest.isEmpty()) {
      return Verdict.refuse(
          "no cosign signature (no " + image.cosignTag("sig") + " in the registry)");
    }
    String mismatch = null;
    for (JsonNode layer : manifest.get().path("layers")) {
      String signature = layer.path("annotations").path(SIGNATURE_ANNOTATION).asText("");
      if (signature.isEmpty()) {
        continue;
      }
      byte[] payload = registry.blob(image, layer.path("digest").asText());
      Optional<String> key = signer(keys, payload, decode(signature));
      if (key.isEmpty()) {
        continue;
      }
      String signed =
          json.readTree(payload)
              .path("critical")
              .path("image")
              .path("docker-manifest-digest")
              .asText("");
      if (signed.equals(image.digest())) {
        return Verdict.accept("signed by " + key.get());
      }
      mismatch = "its signature by " + key.get() + " is for another digest (" + signed + ")";
    }
    return Verdict.refuse(
        mismatch != null ? mismatch : "not signed by the platform's key (" + keys.names() + ")");
  }

  private Verdict gate(ImageReference image, SigningKeys keys) throws IOException {
    Optional<JsonNode> manifest = registry.manifest(image, image.cosignTag("att"));
    String found = "no gate decision attestation";
    for (JsonNode layer : manifest.map(m -> m.path("layers")).orElse(json.createArrayNode())) {
      if (!DSSE.equals(layer.path("mediaType").asText())) {
        continue;
      }
      JsonNode envelope = json.readTree(registry.blob(image, layer.path("digest").asText()));
      byte[] payload = decode(envelope.path("payload").asText());
      if (!signedEnvelope(keys, envelope, payload)) {
        continue;
      }
      JsonNode statement = json.readTree(payload);
      if (!GATE_PREDICATE_TYPE.equals(statement.path("predicateType").asText())
          || !subjectIs(statement, image.digest())) {
        continue;
      }
      String decision = statement.path("predicate").path("decision").asText("");
      if (decision.equals("pass")) {
        return Verdict.accept("signed, and the gate passed it");
      }
      found = "the gate decision attestation says " + (decision.isEmpty() ? "nothing" : decision);
    }
    return Verdict.refuse(found);
  }

  private boolean signedEnvelope(SigningKeys keys, JsonNode envelope, byte[] payload) {
    byte[] pae = pae(envelope.path("payloadType").asText(), payload);
    for (JsonNode sig : envelope.path("signatures")) {
      if (signer(keys, pae, decode(sig.path("sig").asText())).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static boolean subjectIs(JsonNode statement, String digest) {
    String hex = digest.substring("sha256:".length());
    for (JsonNode subject : statement.path("subject")) {
      if (hex.equals(subject.path("digest").path("sha256").asText())) {
        return true;
      }
    }
    return false;
  }

  /** DSSE's pre-authentication encoding, what an envelope's signatures sign. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    String head = "DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ";
    byte[] start = head.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[start.length + payload.length];
    System.arraycopy(start, 0, out, 0, start.length);
    System.arraycopy(payload, 0, out, start.length, payload.length);
    return out;
  }

  /** The name of the key that signed {@code data} with {@code signature}, if any did. */
  private static Optional<String> signer(SigningKeys keys, byte[] data, byte[] signature) {
    for (int i = 0; i < keys.keys().size(); i++) {
      if (verifies(keys.keys().get(i), data, signature)) {
        return Optional.of(keys.names().get(i));
      }
    }
    return Optional.empty();
  }

  private static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(key);
      ecdsa.update(data);
      return ecdsa.verify(signature);
    } catch (GeneralSecurityException e) {
      // a malformed signature verifies nothing
      return false;
    }
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }
}
