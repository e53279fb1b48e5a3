package dev.bulwark.benchmarks.render;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synthetic specs of a given size, as YAML text, so that benchmarks measure the same path a user's
 * files take: N tenants with 3 environments and 10 applications each.
 */
public final class SyntheticSpecs {

  private SyntheticSpecs() {}

  public static Map<String, String> files(int tenants) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "platform.yaml",
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Platform
        metadata:
          name: bench
        spec:
          domain: bench.example.com
        """);
    for (int t = 0; t < tenants; t++) {
      String tenant = "tenant-" + t;
      StringBuilder yaml = new StringBuilder();
      yaml.append(
          """
          apiVersion: bulwark.dev/v1alpha1
          kind: Tenant
          metadata:
            name: %s
          spec:
            environments:
              - name: dev
              - name: stage
              - name: prod
            quota:
              cpu: "8"
              memory: 16Gi
          """
              .formatted(tenant));
      for (int a = 0; a < 10; a++) {
        String app = "app-" + a;
        yaml.append(
            """
            ---
            apiVersion: bulwark.dev/v1alpha1
            kind: Application
            metadata:
              name: %s
              namespace: %s-dev
            spec:
              tenant: %s
              image: harbor.bench.example.com/%s/%s:1.0.0
              ports:
                - name: http
                  port: 8080
              hosts:
                - host: %s.%s.bench.example.com
                  environment: prod
            """
                .formatted(app, tenant, tenant, tenant, app, app, tenant));
      }
      files.put(tenant + ".yaml", yaml.toString());
    }
    return files;
  }
}
