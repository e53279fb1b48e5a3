package dev.bulwark.platform.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shell scripts that configuration Jobs run, kept as resources beside the unit that ships them
 * ({@code dev/bulwark/platform/<capability>/<name>.sh}) so that they can be linted and tested as
 * programs rather than as Java strings.
 *
 * <p>This is the one read a render unit may make: each script is loaded from the class path once,
 * when the unit's class is initialised, never during a render. The architecture test allows it by
 * name.
 */
public final class Scripts {

  private Scripts() {}

  /**
   * The script {@code name} in the resource folder of {@code owner}'s package, for example {@code
   * Scripts.load(RegistryUnit.class, "harbor-config.sh")}.
   *
   * @throws IllegalStateException when the script is not on the class path (a packaging error)
   */
  public static String load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the script " + name + " of " + owner.getName() + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the script " + name + " of " + owner.getName(), e);
    }
  }
}
