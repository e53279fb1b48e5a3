package dev.bulwark.testkit.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1 and localhost, as PEM
 * files made by openssl (as {@code tools/control-plane.sh} makes the API server's): Keycloak serves
 * HTTPS with them and the API server and the tests trust only this CA.
 *
 * @param caCertificate the CA certificate (PEM)
 * @param certificate the server certificate (PEM), signed by the CA
 * @param key the server certificate's private key (PEM)
 */
public record TestCa(Path caCertificate, Path certificate, Path key) {

  /** Makes the CA and the server certificate in {@code dir}. */
  public static TestCa create(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("server.ext"),
        "basicConstraints=CA:FALSE\n"
            + "keyUsage=critical,digitalSignature,keyEncipherment\n"
            + "extendedKeyUsage=serverAuth\n"
            + "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=bulwark-test-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "tls.key",
        "-out",
        "tls.csr");
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        "tls.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "tls.crt");
    return new TestCa(dir.resolve("ca.crt"), dir.resolve("tls.crt"), dir.resolve("tls.key"));
  }

  /** The CA certificate as PEM text, for a configuration that embeds it. */
  public String caPem() throws IOException {
    return Files.readString(caCertificate, StandardCharsets.UTF_8);
  }

  /** A TLS context that trusts this CA alone. */
  public SSLContext sslContext() throws IOException {
    try (var in = Files.newInputStream(caCertificate)) {
      X509Certificate ca =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("bulwark-test-ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + caCertificate, e);
    }
  }

  private static void openssl(Path dir, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(
            "openssl " + args[0] + " failed: " + Files.readString(dir.resolve("openssl.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running openssl", e);
    }
  }
}
