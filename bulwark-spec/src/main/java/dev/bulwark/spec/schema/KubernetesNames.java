package dev.bulwark.spec.schema;

import java.util.regex.Pattern;

/**
 * The name rules of Kubernetes' apimachinery validation, for names, namespaces, labels and
 * annotations.
 */
public final class KubernetesNames {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private KubernetesNames() {}

  /** A DNS-1123 label: at most 63 lower-case letters, digits and '-', alphanumeric at both ends. */
  public static boolean isDnsLabel(String name) {
    return name.length() <= 63 && DNS_LABEL.matcher(name).matches();
  }

  /** A DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
  public static boolean isDnsSubdomain(String name) {
    return name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
  }

  /**
   * A label value: empty, or at most 63 letters, digits, '-', '_', '.', alphanumeric at both ends.
   */
  public static boolean isLabelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }

  /**
   * A label or annotation key: {@code [prefix/]name}, the prefix a DNS subdomain, the name a
   * qualified name.
   */
  public static boolean isQualifiedName(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0 && !isDnsSubdomain(key.substring(0, slash))) {
      return false;
    }
    return !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
  }

  /**
   * A name every kind accepts at least: what can be a path segment of the API (not empty, not "."
   * or "..", no '/' or '%'). Most kinds are stricter (DNS subdomain or label).
   */
  public static boolean isPathSegmentName(String name) {
    return !name.isEmpty()
        && !name.equals(".")
        && !name.equals("..")
        && name.indexOf('/') < 0
        && name.indexOf('%') < 0;
  }
}
