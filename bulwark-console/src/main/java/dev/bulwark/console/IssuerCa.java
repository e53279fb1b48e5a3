package dev.bulwark.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities the console trusts for its identity provider in addition to the
 * JVM's: a platform's Keycloak is often served with a certificate of the platform's own CA (ADR
 * 0032, addendum on a real Keycloak).
 */
public final class IssuerCa {

  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

  private IssuerCa() {}

  /** The file named something that is not a readable PEM certificate; the message is one line. */
  public static final class Unusable extends RuntimeException {
    Unusable(String message) {
      super(message);
    }
  }

  /**
   * Reads the PEM certificates of {@code pem} (one or more {@code BEGIN CERTIFICATE} blocks).
   *
   * @throws Unusable when the file cannot be read or holds no PEM certificate
   */
  public static List<X509Certificate> read(Path pem) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(pem);
    } catch (IOException e) {
      throw new Unusable(pem + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (!new String(bytes, StandardCharsets.US_ASCII).contains(PEM_BEGIN)) {
      throw new Unusable(pem + ": not PEM, expected a " + PEM_BEGIN + " block");
    }
    try {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes))
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new Unusable(pem + ": holds no certificate");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new Unusable(pem + ": not a valid PEM certificate (" + oneLine(e) + ")");
    }
  }

  /** A TLS context that trusts the JVM's default CAs and {@code extra}. */
  static SSLContext trusting(List<X509Certificate> extra) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager(extra)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the issuer's TLS trust: " + oneLine(e), e);
    }
  }

  /** The JVM's default CAs and {@code extra}, as one set of trust anchors. */
  static X509TrustManager trustManager(List<X509Certificate> extra) {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int n = 0;
      for (X509Certificate ca : defaultTrust().getAcceptedIssuers()) {
        anchors.setCertificateEntry("default-" + n++, ca);
      }
      for (X509Certificate ca : extra) {
        anchors.setCertificateEntry("issuer-ca-" + n++, ca);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      return x509(factory);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the issuer's TLS trust: " + oneLine(e), e);
    }
  }

  /** The JVM's default trust: its {@code cacerts}, or {@code javax.net.ssl.trustStore}. */
  private static X509TrustManager defaultTrust() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return x509(factory);
  }

  private static X509TrustManager x509(TrustManagerFactory factory)
      throws GeneralSecurityException {
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JVM has no default X.509 trust manager");
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }
}
