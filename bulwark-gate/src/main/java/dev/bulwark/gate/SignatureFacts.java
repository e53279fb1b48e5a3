package dev.bulwark.gate;

/**
 * What the pipeline's verification step found out about the image (cosign verify and
 * verify-attestation), as written to the facts file documented in ADR 0025.
 *
 * @param digest the image digest the facts are about
 * @param signatureVerified whether a signature verified against the expected identity
 * @param signer the certificate identity or key that signed it, or empty
 * @param provenanceVerified whether a provenance attestation verified
 * @param source the file it was read from
 */
public record SignatureFacts(
    String digest,
    boolean signatureVerified,
    String signer,
    boolean provenanceVerified,
    String source) {}
