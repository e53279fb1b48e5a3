package dev.bulwark.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a registry's authentication that need no registry: challenges and config files. */
class RegistryChallengeTest {

  @TempDir Path dir;

  @Test
  void aBearerChallengeGivesItsRealmServiceAndScope() {
    assertThat(
            RegistryChallenge.parameters(
                "Bearer realm=\"https://auth.corp/token\",service=\"registry.corp\","
                    + "scope=\"repository:m/jetstack/cert-manager-controller:pull\""))
        .containsExactly(
            java.util.Map.entry("realm", "https://auth.corp/token"),
            java.util.Map.entry("service", "registry.corp"),
            java.util.Map.entry("scope", "repository:m/jetstack/cert-manager-controller:pull"));
    assertThat(RegistryChallenge.scope("m/library/busybox"))
        .isEqualTo("repository:m/library/busybox:pull");
  }

  @Test
  void credentialsComeFromTheDockerConfigEntryOfTheHost() throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("robot:s3cr:et".getBytes(StandardCharsets.UTF_8));
    Path config =
        Files.writeString(
            dir.resolve("config.json"),
            "{\"auths\": {\"other.corp\": {\"auth\": \"eDp5\"},"
                + " \"https://mirror.corp:5000\": {\"auth\": \""
                + auth
                + "\"}}}");
    RegistryCredentials credentials =
        RegistryCredentials.fromDockerConfig(config, "mirror.corp:5000").orElseThrow();
    assertThat(credentials.username()).isEqualTo("robot");
    assertThat(credentials.password()).isEqualTo("s3cr:et");
    assertThat(credentials.basic()).isEqualTo("Basic " + auth);
    assertThat(credentials.toString()).doesNotContain("s3cr");
    assertThat(RegistryCredentials.fromDockerConfig(config, "third.corp")).isEmpty();
    assertThat(RegistryCredentials.fromDockerConfig(dir.resolve("absent.json"), "mirror.corp:5000"))
        .isEmpty();
  }

  @Test
  void aBrokenConfigEntryIsAnErrorNamingTheFileAndKey() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("config.json"), "{\"auths\": {\"m.corp\": {\"auth\": \"bm9jb2xvbg==\"}}}");
    assertThatThrownBy(() -> RegistryCredentials.fromDockerConfig(config, "m.corp"))
        .hasMessage(config + ": auths.m.corp.auth: expected base64 of user:password");
  }

  @Test
  void credentialsGoOnlyOverTlsOrToThisMachine() {
    assertThat(RegistryChallenge.safeForCredentials(URI.create("https://auth.corp/token")))
        .isTrue();
    assertThat(RegistryChallenge.safeForCredentials(URI.create("http://127.0.0.1:5000/token")))
        .isTrue();
    assertThat(RegistryChallenge.safeForCredentials(URI.create("http://localhost/token"))).isTrue();
    assertThat(RegistryChallenge.safeForCredentials(URI.create("http://auth.corp/token")))
        .isFalse();
  }
}
