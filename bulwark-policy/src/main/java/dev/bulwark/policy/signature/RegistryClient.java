package dev.bulwark.policy.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.registry.RegistryChallenge;
import dev.bulwark.policy.registry.RegistryLogins;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads cosign's artifacts from an OCI registry over the distribution API: manifests by tag and
 * blobs by digest (each checked against its digest), anonymously, with the registry's anonymous
 * bearer token, or with the pull credentials {@link RegistryLogins} holds for it. A loopback
 * registry is spoken to over plain HTTP, every other one over HTTPS only. Any failure to reach the
 * registry is an {@link IOException}: the caller applies the binding's failure policy to it.
 */
public final class RegistryClient {

  private static final String MANIFEST_TYPES =
      "application/vnd.oci.image.manifest.v1+json,"
          + "application/vnd.docker.distribution.manifest.v2+json";

  /** A blob larger than this is no signature payload nor attestation. */
  static final int MAX_BLOB = 4 * 1024 * 1024;

  private final HttpClient http;
  private final Duration timeout;
  private final RegistryLogins logins;
  private final ObjectMapper json = new ObjectMapper();

  /** Anonymous reads (and anonymous tokens) only. */
  public RegistryClient(Duration timeout) {
    this(timeout, RegistryLogins.NONE);
  }

  /**
   * @param logins the pull credentials of private registries, answering their 401 (a basic login,
   *     or a bearer token asked for with it)
   */
  public RegistryClient(Duration timeout, RegistryLogins logins) {
    this.timeout = timeout;
    this.logins = logins;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The manifest tagged {@code tag} in the image's repository, or empty when there is none. */
  public Optional<JsonNode> manifest(ImageReference image, String tag) throws IOException {
    HttpResponse<byte[]> response = get(image, "manifests/" + tag, MANIFEST_TYPES);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    ok(response, image, "manifest " + tag);
    return Optional.of(json.readTree(response.body()));
  }

  /** The blob {@code digest} of the image's repository, checked against that digest. */
  public byte[] blob(ImageReference image, String digest) throws IOException {
    HttpResponse<byte[]> response = get(image, "blobs/" + digest, "*/*");
    ok(response, image, "blob " + digest);
    byte[] body = response.body();
    if (body.length > MAX_BLOB || !digest.equals(sha256(body))) {
      throw new IOException(
          image.registry() + "/" + image.repository() + ": blob " + digest + " has another digest");
    }
    return body;
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<byte[]> get(ImageReference image, String path, String accept)
      throws IOException {
    URI uri = URI.create(base(image) + "/v2/" + image.repository() + "/" + path);
    HttpResponse<byte[]> response = send(uri, accept, null);
    if (response.statusCode() == 401) {
      Optional<String> authorization =
          RegistryChallenge.authorization(
              http,
              timeout,
              response.headers().firstValue("WWW-Authenticate").orElse(""),
              image.repository(),
              logins.forHost(image.registry()));
      if (authorization.isPresent()) {
        response = send(uri, accept, authorization.get());
      }
    }
    return response;
  }

  private HttpResponse<byte[]> send(URI uri, String accept, String authorization)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    request.header("Accept", accept);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // a refused connection's exception carries no message
      throw new IOException("cannot read " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted reading " + uri, e);
    }
  }

  private static void ok(HttpResponse<byte[]> response, ImageReference image, String what)
      throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          image.registry()
              + "/"
              + image.repository()
              + ": reading "
              + what
              + " answered HTTP "
              + response.statusCode());
    }
  }

  private static String base(ImageReference image) {
    String host = image.registry().replaceFirst(":\\d+$", "");
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    return (loopback ? "http://" : "https://") + image.registry();
  }
}
