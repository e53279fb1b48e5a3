package dev.bulwark.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.Cli;
import dev.bulwark.testkit.engines.OciRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark mirror check} against a mirror that wants a login: the Distribution registry on
 * 127.0.0.1 with an htpasswd user, the images pushed with that login. The check reads the login
 * from a Docker config as {@code docker login} writes it; without it, or with a wrong password,
 * every image is unreachable with a message that says how to log in, and no password is printed.
 */
class MirrorCheckLoginTest {

  private static final String USER = "mirror-reader";
  private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());

  @TempDir static Path work;

  @TempDir Path dir;

  private static OciRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = OciRegistry.startWithLogin(work, USER, PASSWORD);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void withTheLoginEveryPushedImageIsPresentAndWithoutItNoneIsReachable() throws Exception {
    String mirror = registry.host + "/private";
    Path spec = MirrorCheckCommandTest.spec(dir, mirror, "");
    List<MirrorInventory.ImageEntry> images = MirrorCheckCommandTest.images(spec);
    assertThat(images).isNotEmpty();
    for (MirrorInventory.ImageEntry entry : images) {
      MirrorCheckCommandTest.push(registry, entry, mirror);
    }
    String registryUrl = "http://" + mirror;

    Cli withLogin =
        Cli.run(
            "mirror",
            "check",
            spec.toString(),
            "--registry",
            registryUrl,
            "--docker-config",
            registry.dockerConfig().toString());
    Cli anonymous = Cli.run("mirror", "check", spec.toString(), "--registry", registryUrl);

    assertThat(withLogin.exitCode()).as(withLogin.err()).isZero();
    assertThat(withLogin.out())
        .contains(images.size() + " images in " + mirror + ": " + images.size() + " present");
    assertThat(anonymous.exitCode()).as(anonymous.out()).isNotZero();
    for (MirrorInventory.ImageEntry entry : images) {
      assertThat(anonymous.out() + anonymous.err())
          .contains(entry.destination(Optional.of(mirror)))
          .contains("HTTP 401: not allowed to pull it")
          .contains("docker login");
    }
  }

  @Test
  void aWrongPasswordIsRefusedByTheRegistryAndNeverPrinted() throws Exception {
    String mirror = registry.host + "/private";
    Path spec = MirrorCheckCommandTest.spec(dir, mirror, "");
    String wrong = "not-" + PASSWORD;
    Path config =
        Files.writeString(
            dir.resolve("config.json"),
            "{\"auths\": {\""
                + registry.host
                + "\": {\"username\": \""
                + USER
                + "\", \"password\": \""
                + wrong
                + "\"}}}\n");

    Cli cli =
        Cli.run(
            "mirror",
            "check",
            spec.toString(),
            "--registry",
            "http://" + mirror,
            "--docker-config",
            config.toString(),
            "-o",
            "json");

    assertThat(cli.exitCode()).isNotZero();
    assertThat(cli.out()).contains("HTTP 401").contains("\"unreachable\"");
    assertThat(cli.out() + cli.err()).doesNotContain(wrong).doesNotContain(PASSWORD);
  }
}
