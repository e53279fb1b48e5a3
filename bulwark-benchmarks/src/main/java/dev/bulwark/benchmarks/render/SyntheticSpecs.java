package dev.bulwark.benchmarks.render;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synthetic specs of a given size, as YAML text, so that benchmarks measure the same path a user's
 * files take: N tenants with 3 environments and 10 applications each. Two shapes: {@link
 * Shape#PLAIN} (an image, a port and a prod host, the shape of the first scale numbers) and {@link
 * Shape#BUILDS} (what acme's checkout is: a Tekton build from Git with a test step, and dev, stage
 * and prod each with its own replicas and host, promoted with the default promotion rules: auto to
 * stage, manual to prod).
 */
public final class SyntheticSpecs {

  /**
   * The platform carries the settings the platform's own spec checks require (a GitOps repository,
   * an ACME account), as acme's does, so that the product's full unit set renders it.
   */
  public static final String PLATFORM =
      """
          apiVersion: bulwark.dev/v1alpha1
          kind: Platform
          metadata:
            name: bench
          spec:
            domain: bench.example.com
            components:
              gitops:
                settings:
                  repoURL: https://git.bench.example.com/platform/gitops.git
              certificates:
                settings:
                  email: platform@bench.example.com
          """;

  /** The digest the synthetic images are pinned by, as acme's are (prod refuses a tag alone). */
  public static final String DIGEST =
      "sha256:8e19811699fe797216998d48984dfd307d2eeea255644963709faf34db1efe88";

  /** What each synthetic application carries. */
  public enum Shape {
    PLAIN,
    BUILDS
  }

  private SyntheticSpecs() {}

  public static Map<String, String> files(int tenants) {
    return files(tenants, Shape.PLAIN);
  }

  public static Map<String, String> files(int tenants, Shape shape) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("platform.yaml", PLATFORM);
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
        if (shape == Shape.BUILDS) {
          yaml.append(builtApplication(tenant, app));
          continue;
        }
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

  /** An application built by the platform's pipeline and promoted through dev, stage and prod. */
  private static String builtApplication(String tenant, String app) {
    return """
        ---
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata:
          name: %1$s
          namespace: %2$s-dev
        spec:
          tenant: %2$s
          image: harbor.bench.example.com/%2$s/%1$s:1.0.0@%3$s
          environments:
            - name: dev
              replicas: 1
            - name: stage
              replicas: 2
            - name: prod
              replicas: 3
          ports:
            - name: http
              port: 8080
          hosts:
            - host: %1$s.dev.%2$s.bench.example.com
              environment: dev
            - host: %1$s.stage.%2$s.bench.example.com
              environment: stage
            - host: %1$s.%2$s.bench.example.com
              environment: prod
          build:
            repoURL: https://git.bench.example.com/%2$s/%1$s.git
            branch: main
            testCommand: go test ./...
            testImage: docker.io/library/golang:1.25
        """
        .formatted(app, tenant, DIGEST);
  }
}
