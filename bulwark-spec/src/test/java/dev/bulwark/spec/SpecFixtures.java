package dev.bulwark.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small valid spec in three files, and helpers to load it with one file added or replaced. Line
 * numbers in the tests refer to these texts, so change them only with the tests.
 */
final class SpecFixtures {

  static final String PLATFORM =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata:
        name: acme
      spec:
        domain: acme.example.com
      """;

  static final String TENANTS =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata:
        name: web
      spec:
        environments:
          - name: dev
          - name: prod
        network:
          egressCIDRs:
            - 203.0.113.0/24
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata:
        name: data
      spec:
        environments:
          - name: dev
            namespace: data-development
      """;

  static final String APPLICATIONS =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata:
        name: shop
        namespace: web-dev
      spec:
        tenant: web
        environments:
          - name: dev
          - name: prod
        ports:
          - name: http
            port: 8080
          - name: admin
            port: 8081
        hosts:
          - host: shop.acme.example.com
            environment: prod
          - host: admin.dev.acme.example.com
            environment: dev
            port: admin
        image: harbor.acme.example.com/web/shop:1.0.0
      """;

  private SpecFixtures() {}

  /** The three valid files. */
  static Map<String, String> base() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("platform.yaml", PLATFORM);
    files.put("tenants.yaml", TENANTS);
    files.put("applications.yaml", APPLICATIONS);
    return files;
  }

  /** The valid files plus (or with a replaced) {@code name}. */
  static LoadResult loadWith(String name, String yaml) {
    Map<String, String> files = base();
    files.put(name, yaml);
    return SpecLoader.loadStrings(files);
  }

  /** The valid files without {@code name}. */
  static LoadResult loadWithout(String name) {
    Map<String, String> files = base();
    files.remove(name);
    return SpecLoader.loadStrings(files);
  }

  /** Asserts the load failed with exactly these errors, as the CLI prints them. */
  static void assertErrors(LoadResult result, String... rendered) {
    assertThat(result.spec()).isNull();
    assertThat(result.errors()).extracting(SpecError::toString).containsExactly(rendered);
  }

  /** The rendered errors, for tests that check a few of many. */
  static List<String> rendered(LoadResult result) {
    return result.errors().stream().map(SpecError::toString).toList();
  }
}
