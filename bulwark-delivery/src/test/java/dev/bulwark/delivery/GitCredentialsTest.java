package dev.bulwark.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitCredentialsTest {

  @Test
  void aPrintedCredentialShowsTheUserButNeverThePassword() {
    GitCredentials credentials = new GitCredentials("bulwark-bot", "glpat-s3cr3t-token");
    assertThat(credentials.toString()).contains("bulwark-bot").doesNotContain("s3cr3t");
    assertThat(String.valueOf(java.util.Optional.of(credentials))).doesNotContain("s3cr3t");
  }
}
