package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.identity.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issuer's CA file: read as PEM, refused in one line, trusted beside the JVM's CAs. */
class IssuerCaTest {

  @TempDir Path dir;

  @Test
  void aPemCaIsReadAndTrustedInAdditionToTheJvmsCas() throws Exception {
    TestCa ca = TestCa.create(dir.resolve("pki"));
    List<X509Certificate> read = IssuerCa.read(ca.caCertificate());
    assertThat(read).hasSize(1);
    assertThat(read.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=bulwark-test-ca");

    List<X509Certificate> defaults =
        Arrays.asList(IssuerCa.trustManager(List.of()).getAcceptedIssuers());
    X509TrustManager both = IssuerCa.trustManager(read);
    assertThat(defaults).isNotEmpty().doesNotContain(read.get(0));
    assertThat(both.getAcceptedIssuers()).contains(read.get(0)).containsAll(defaults);
    // the server certificate the CA signed is trusted; a chain of another CA is not
    X509Certificate server = IssuerCa.read(ca.certificate()).get(0);
    both.checkServerTrusted(new X509Certificate[] {server}, "RSA");
    TestCa other = TestCa.create(dir.resolve("other"));
    X509Certificate stranger = IssuerCa.read(other.certificate()).get(0);
    assertThatThrownBy(() -> both.checkServerTrusted(new X509Certificate[] {stranger}, "RSA"))
        .isInstanceOf(java.security.cert.CertificateException.class);
  }

  @Test
  void aMissingFileIsRefusedInOneLineNamingIt() {
    Path missing = dir.resolve("no-such-ca.pem");
    assertThatThrownBy(() -> IssuerCa.read(missing))
        .isInstanceOf(IssuerCa.Unusable.class)
        .hasMessage(missing + ": cannot be read (NoSuchFileException)");
  }

  @Test
  void aFileThatIsNotPemIsRefusedInOneLine() throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "issuer: https://keycloak\n");
    assertThatThrownBy(() -> IssuerCa.read(notPem))
        .isInstanceOf(IssuerCa.Unusable.class)
        .hasMessage(notPem + ": not PEM, expected a -----BEGIN CERTIFICATE----- block");
  }

  @Test
  void aPemBlockThatIsNoCertificateIsRefusedInOneLine() throws Exception {
    Path broken =
        Files.writeString(
            dir.resolve("broken.pem"),
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> IssuerCa.read(broken))
        .isInstanceOf(IssuerCa.Unusable.class)
        .hasMessageStartingWith(broken + ": not a valid PEM certificate (")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
