package dev.bulwark.gate;

/** Comparing package URLs the way waivers and VEX statements name components. */
public final class PackageUrls {

  private PackageUrls() {}

  /**
   * Whether {@code named} (from a waiver or a VEX statement) names {@code actual} (a finding's
   * component): qualifiers and subpath are ignored; a {@code named} without a version names every
   * version.
   */
  public static boolean names(String named, String actual) {
    if (named == null) {
      return true;
    }
    if (actual == null) {
      return false;
    }
    String n = base(named);
    String a = base(actual);
    if (n.equals(a)) {
      return true;
    }
    return !hasVersion(n) && hasVersion(a) && a.substring(0, a.lastIndexOf('@')).equals(n);
  }

  private static String base(String purl) {
    int cut = purl.length();
    for (char c : new char[] {'?', '#'}) {
      int at = purl.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return purl.substring(0, cut);
  }

  private static boolean hasVersion(String purl) {
    int at = purl.lastIndexOf('@');
    return at > purl.lastIndexOf('/');
  }
}
