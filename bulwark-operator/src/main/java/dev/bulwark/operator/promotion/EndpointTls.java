package dev.bulwark.operator.promotion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The endpoint's server TLS from the PEM files of a {@code kubernetes.io/tls} Secret (cert-manager
 * with {@code privateKey.encoding: PKCS8}). JDK only: the operator's image carries no crypto
 * library for one key. The key is never logged.
 */
final class EndpointTls {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([^-]+)-----END PRIVATE KEY-----");

  private EndpointTls() {}

  static SSLContext server(Path certificate, Path privateKey)
      throws IOException, GeneralSecurityException {
    List<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(certificate)) {
      chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException(certificate + ": no PEM certificate found");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = new char[0];
    store.setKeyEntry("promotions", key(privateKey), password, chain.toArray(new Certificate[0]));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static PrivateKey key(Path file) throws IOException, GeneralSecurityException {
    Matcher pem = PKCS8.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!pem.find()) {
      throw new GeneralSecurityException(
          file
              + ": expected an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); with"
              + " cert-manager set privateKey.encoding: PKCS8");
    }
    PKCS8EncodedKeySpec spec =
        new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException notThisOne) {
        // try the next algorithm: PKCS#8 names it inside, the JDK wants it named outside
      }
    }
    throw new GeneralSecurityException(file + ": a PKCS#8 key of neither EC, RSA nor Ed25519");
  }
}
