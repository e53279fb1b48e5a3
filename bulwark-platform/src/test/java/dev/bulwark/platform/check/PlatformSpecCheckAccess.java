package dev.bulwark.platform.check;

/** Test access to the package-private glob matcher. */
public final class PlatformSpecCheckAccess {
  private PlatformSpecCheckAccess() {}

  public static boolean matches(String pattern, String repo) {
    return PlatformSpecCheck.matches(pattern, repo);
  }
}
