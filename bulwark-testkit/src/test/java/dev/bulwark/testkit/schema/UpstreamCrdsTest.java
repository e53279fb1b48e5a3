package dev.bulwark.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spec.schema.Crd;
import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.testkit.Needed;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom resources of the upstream components against their published CRDs. */
class UpstreamCrdsTest {

  private static UpstreamCrds crds;

  @BeforeAll
  static void load() {
    Needed.require(UpstreamCrds.shared().isPresent(), "shared/crds is absent");
    crds = UpstreamCrds.shared().orElseThrow();
  }

  private static List<String> errors(String yaml) {
    return crds.validate(Yaml.of(yaml)).stream().map(SchemaError::toString).toList();
  }

  private static final String CERTIFICATE =
      """
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata: {name: web, namespace: shop}
      spec:
        secretName: web-tls
        dnsNames: [web.acme.example.com]
        issuerRef: {name: letsencrypt, kind: ClusterIssuer}
      """;

  @Test
  void indexesEveryCrdByGroupAndKind() {
    assertThat(crds.crd("cert-manager.io", "Certificate"))
        .get()
        .extracting(Crd::namespaced)
        .isEqualTo(true);
    assertThat(crds.crd("cert-manager.io", "ClusterIssuer"))
        .get()
        .extracting(Crd::namespaced)
        .isEqualTo(false);
    assertThat(crds.crd("argoproj.io", "Application")).isPresent();
    assertThat(crds.crd("gateway.networking.k8s.io", "HTTPRoute"))
        .get()
        .extracting(Crd::servedVersions)
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .contains("v1");
    assertThat(crds.all()).allSatisfy(crd -> assertThat(crd.versions()).isNotEmpty());
  }

  @Test
  void everyPatternOfEveryUpstreamSchemaCompiles() {
    List<String> patterns = new java.util.ArrayList<>();
    for (Crd crd : crds.all()) {
      crd.versions().forEach(v -> collectPatterns(v.schema(), patterns));
    }
    assertThat(patterns).isNotEmpty();
    assertThat(patterns)
        .allSatisfy(p -> assertThat(dev.bulwark.spec.schema.GoRegex.compile(p)).isNotNull());
  }

  private static void collectPatterns(
      com.fasterxml.jackson.databind.JsonNode schema, List<String> out) {
    if (schema.isObject()) {
      schema
          .properties()
          .forEach(
              e -> {
                if (e.getKey().equals("pattern") && e.getValue().isTextual()) {
                  out.add(e.getValue().asText());
                } else {
                  collectPatterns(e.getValue(), out);
                }
              });
    } else if (schema.isArray()) {
      schema.forEach(item -> collectPatterns(item, out));
    }
  }

  @Test
  void knownGoodObjectsPass() {
    assertThat(errors(CERTIFICATE)).isEmpty();
    assertThat(
            errors(
                """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs: [{name: bulwark, namespace: bulwark-gateway, sectionName: https}]
          hostnames: [web.acme.example.com]
          rules:
            - matches: [{path: {type: PathPrefix, value: /}}]
              backendRefs: [{name: web, port: 80}]
        """))
        .isEmpty();
  }

  @Test
  void missingRequiredAndUnknownFields() {
    assertThat(errors(CERTIFICATE.replace("  secretName: web-tls\n", "  secretNmae: web-tls\n")))
        .containsExactly(
            "spec.secretNmae: unknown field `secretNmae`, did you mean `secretName`?",
            "spec.secretName: required field is missing; expected string");
  }

  @Test
  void patternsAndEnumsOfUpstreamSchemas() {
    assertThat(
            errors(
                """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          hostnames: [Web_Site]
          rules:
            - matches: [{path: {type: Prefix, value: /}}]
        """))
        .anySatisfy(e -> assertThat(e).startsWith("spec.hostnames[0]: expected a string matching"))
        .anySatisfy(
            e -> assertThat(e).startsWith("spec.rules[0].matches[0].path.type: expected one of"));
  }

  @Test
  void aVersionTheCrdDoesNotServeIsAnError() {
    Crd elasticsearch = crds.crd("elasticsearch.k8s.elastic.co", "Elasticsearch").orElseThrow();
    String notServed =
        elasticsearch.versions().stream().filter(v -> !v.served()).findFirst().orElseThrow().name();
    assertThat(
            errors(
                "{apiVersion: elasticsearch.k8s.elastic.co/"
                    + notServed
                    + ", kind: Elasticsearch,"
                    + " metadata: {name: es, namespace: logs}}"))
        .singleElement()
        .asString()
        .startsWith("apiVersion: expected a served version (")
        .contains("which the CRD elasticsearches.elasticsearch.k8s.elastic.co does not serve");
    assertThat(errors("{apiVersion: cert-manager.io/v9, kind: Certificate, metadata: {name: c}}"))
        .containsExactly(
            "apiVersion: expected one of cert-manager.io/v1, found \"cert-manager.io/v9\"");
  }

  @Test
  void anUnknownKindIsAnError() {
    assertThat(errors("{apiVersion: cert-manager.io/v1, kind: Certificat, metadata: {name: c}}"))
        .singleElement()
        .asString()
        .startsWith("kind: expected one of the kinds of cert-manager.io: Certificate, ")
        .endsWith("found cert-manager.io/v1 Certificat");
    assertThat(errors("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}"))
        .containsExactly(
            "kind: expected a kind defined by a CRD under shared/crds, found example.com/v1 Widget");
  }
}
