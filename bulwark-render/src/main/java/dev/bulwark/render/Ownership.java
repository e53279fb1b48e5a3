package dev.bulwark.render;

import dev.bulwark.api.BulwarkLabels;
import java.util.Map;
import java.util.TreeMap;

/** The labels that tie an object to its tenant, environment and application. */
public final class Ownership {

  private Ownership() {}

  public static Map<String, String> tenant(String tenant) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(BulwarkLabels.TENANT, tenant);
    return labels;
  }

  public static Map<String, String> environment(String tenant, String environment) {
    Map<String, String> labels = tenant(tenant);
    labels.put(BulwarkLabels.ENVIRONMENT, environment);
    return labels;
  }

  public static Map<String, String> application(
      String tenant, String environment, String application) {
    Map<String, String> labels = environment(tenant, environment);
    labels.put(BulwarkLabels.APPLICATION, application);
    labels.put("app.kubernetes.io/name", application);
    return labels;
  }

  public static Map<String, String> platform() {
    return tenant(BulwarkLabels.PLATFORM_TENANT);
  }
}
