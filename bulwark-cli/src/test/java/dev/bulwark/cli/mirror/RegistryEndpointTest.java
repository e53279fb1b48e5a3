package dev.bulwark.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the mirror commands read a registry's address. */
class RegistryEndpointTest {

  @Test
  void aRegistryIsAHostPathOrAUrlOfOne() {
    RegistryEndpoint plain = RegistryEndpoint.parse("mirror.corp:5000/m");
    assertThat(plain.mirror()).isEqualTo("mirror.corp:5000/m");
    assertThat(plain.base()).hasToString("https://mirror.corp:5000");
    RegistryEndpoint url = RegistryEndpoint.parse("http://127.0.0.1:5000/m/");
    assertThat(url.mirror()).isEqualTo("127.0.0.1:5000/m");
    assertThat(url.base()).hasToString("http://127.0.0.1:5000");
    assertThat(url.host()).isEqualTo("127.0.0.1:5000");
  }
}
