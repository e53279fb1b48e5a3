package dev.bulwark.spec;

import static dev.bulwark.spec.SpecFixtures.assertErrors;
import static dev.bulwark.spec.SpecFixtures.loadWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.PortSpec.Protocol;
import dev.bulwark.api.v1alpha1.Tenant;
import org.junit.jupiter.api.Test;

/** Loading a valid spec, and each way a single document can be wrong. */
class SpecLoaderDocumentTest {

  @Test
  void aValidSpecLoadsWithTheSchemaDefaultsApplied() {
    LoadResult result = SpecLoader.loadStrings(SpecFixtures.base());
    assertThat(result.errors()).isEmpty();
    BulwarkSpec spec = result.spec();
    assertThat(spec.platform().getMetadata().getName()).isEqualTo("acme");
    assertThat(spec.platform().getSpec().getDomain()).isEqualTo("acme.example.com");
    assertThat(spec.platform().getSpec().getKubernetesVersion()).isEqualTo("1.37");
    assertThat(spec.tenants())
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("data", "web");
    Tenant web = spec.tenant("web").orElseThrow();
    assertThat(web.getSpec().getNetwork().getEgressCIDRs()).containsExactly("203.0.113.0/24");
    assertThat(spec.applications())
        .singleElement()
        .satisfies(
            app -> {
              assertThat(app.getMetadata().getNamespace()).isEqualTo("web-dev");
              assertThat(app.getSpec().getPorts())
                  .extracting(p -> p.getProtocol())
                  .containsOnly(Protocol.HTTP);
              assertThat(app.getSpec().getHosts()).extracting(h -> h.getPath()).containsOnly("/");
            });
  }

  @Test
  void anApplicationNeedsNoNamespace() {
    LoadResult result =
        SpecFixtures.loadWith(
            "applications.yaml", SpecFixtures.APPLICATIONS.replace("  namespace: web-dev\n", ""));
    assertThat(result.errors()).isEmpty();
    assertThat(result.spec().applications())
        .extracting(Application::getMetadata)
        .extracting(m -> m.getNamespace())
        .containsOnlyNulls();
  }

  @Test
  void malformedYamlIsReportedAtTheSyntaxError() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: [unclosed
        """);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("bad.yaml");
              assertThat(e.line()).isEqualTo(5);
              assertThat(e.message()).startsWith("malformed YAML: ");
            });
  }

  @Test
  void duplicateKeysAreMalformed() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        kind: Application
        """);
    assertErrors(result, "bad.yaml:3:1: malformed YAML: duplicate key 'kind'");
  }

  @Test
  void everyDocumentNeedsApiVersionAndKind() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        metadata:
          name: web
        """);
    assertErrors(
        result,
        "bad.yaml:1:1: every document needs apiVersion and kind; apiVersion is missing (expected bulwark.dev/v1alpha1)",
        "bad.yaml:1:1: every document needs apiVersion and kind; kind is missing (expected Platform, Tenant or Application)");
  }

  @Test
  void aDocumentMustBeAMapping() {
    assertErrors(
        loadWith("bad.yaml", "- just\n- a list\n"),
        "bad.yaml:1:1: expected a mapping with apiVersion and kind, found an array of 2 items");
  }

  @Test
  void otherKindsAreErrorsNamingTheSupportedOnes() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        """);
    assertErrors(
        result,
        "bad.yaml:2:7: kind: expected a Bulwark kind (bulwark.dev/v1alpha1 Platform, Tenant or"
            + " Application), found apps/v1 Deployment");
  }

  @Test
  void otherVersionsOfBulwarkKindsAreErrors() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1
        kind: Tenant
        metadata:
          name: ops
        """);
    assertErrors(
        result,
        "bad.yaml:1:13: apiVersion: expected one of bulwark.dev/v1alpha1, found \"bulwark.dev/v1\"");
  }

  @Test
  void unknownFieldsAreErrorsWithASuggestion() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: ops
        spec:
          environments:
            - name: dev
          dispalyName: Operations
        """);
    assertErrors(
        result,
        "bad.yaml:8:3: spec.dispalyName: unknown field `dispalyName`, did you mean `displayName`?");
  }

  @Test
  void wrongTypesSayWhatWasExpectedAndFound() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata:
          name: api
        spec:
          tenant: web
          environments:
            - name: dev
              replicas: three
        """);
    assertErrors(
        result,
        "bad.yaml:9:17: spec.environments[0].replicas: expected integer, found string \"three\"");
  }

  @Test
  void patternsAndRangesAreChecked() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata:
          name: api
        spec:
          tenant: web
          environments:
            - name: Dev
          ports:
            - name: http
              port: 70000
              protocol: udp
        """);
    assertErrors(
        result,
        "bad.yaml:8:13: spec.environments[0].name: expected a string matching ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$,"
            + " found \"Dev\"",
        "bad.yaml:11:13: spec.ports[0].port: expected at most 65535, found integer 70000",
        "bad.yaml:12:17: spec.ports[0].protocol: expected one of \"grpc\", \"http\", \"tcp\", found string \"udp\"");
  }

  @Test
  void requiredFieldsPointAtTheirParent() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata:
          name: api
        spec:
          ports:
            - name: http
        """);
    assertErrors(
        result,
        "bad.yaml:5:1: spec.tenant: required field is missing; expected string",
        "bad.yaml:7:7: spec.ports[0].port: required field is missing; expected integer");
  }

  /**
   * Found by fuzzing: a document without spec reached the cross-document checks and threw. The CRDs
   * require spec, so the schema says so, once.
   */
  @Test
  void aDocumentWithoutSpecIsAnErrorNotACrash() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: team
        spec:
        """);
    assertErrors(result, "bad.yaml:1:1: spec: required field is missing; expected object");
  }

  @Test
  void anUnquotedVersionIsANumberAndSaysSo() {
    LoadResult result =
        loadWith("platform.yaml", SpecFixtures.PLATFORM + "  kubernetesVersion: 1.40\n");
    assertErrors(
        result,
        "platform.yaml:7:22: spec.kubernetesVersion: expected string, found number 1.4"
            + " (quote the value to make it a string)");
  }

  @Test
  void metadataNeedsAName() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          labels: {team: ops}
        spec:
          environments: [{name: dev}]
        """);
    assertErrors(
        result,
        "bad.yaml:3:1: metadata.name: required field is missing; expected a DNS-1123 label (lower-case"
            + " letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)");
  }

  @Test
  void tenantAndApplicationNamesAreDnsLabels() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: ops.team
        spec:
          environments: [{name: dev}]
        """);
    assertErrors(
        result,
        "bad.yaml:4:9: metadata.name: expected a DNS-1123 label (lower-case letters, digits and '-',"
            + " starting and ending with a letter or digit, at most 63 characters), found string \"ops.team\"");
  }

  @Test
  void thePlatformNameIsADnsSubdomain() {
    assertThat(
            loadWith(
                    "platform.yaml", SpecFixtures.PLATFORM.replace("name: acme", "name: acme.prod"))
                .ok())
        .isTrue();
    assertErrors(
        loadWith("platform.yaml", SpecFixtures.PLATFORM.replace("name: acme", "name: acme_prod")),
        "platform.yaml:4:9: metadata.name: expected a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at"
            + " most 253 characters), found string \"acme_prod\"");
  }

  @Test
  void clusterScopedKindsTakeNoNamespace() {
    LoadResult result =
        loadWith(
            "platform.yaml",
            SpecFixtures.PLATFORM.replace(
                "  name: acme\n", "  name: acme\n  namespace: default\n"));
    assertErrors(
        result,
        "platform.yaml:5:14: metadata.namespace: expected no namespace: a Platform is cluster-scoped,"
            + " found string \"default\"");
  }

  @Test
  void metadataFieldsAndLabelsAreChecked() {
    LoadResult result =
        loadWith(
            "bad.yaml",
            """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: ops
          lables: {team: ops}
          labels:
            team: 42
            "bad key!": x
        spec:
          environments: [{name: dev}]
        """);
    assertErrors(
        result,
        "bad.yaml:5:3: metadata.lables: unknown field `lables`, did you mean `labels`?",
        "bad.yaml:7:11: metadata.labels.team: expected string, found integer 42 (quote the value to make it a string)",
        "bad.yaml:8:5: metadata.labels[\"bad key!\"]: expected a key like example.com/name (an optional DNS subdomain"
            + " prefix and a name of letters, digits, '-', '_' and '.', at most 63 characters), found \"bad key!\"");
  }

  @Test
  void allErrorsAreReportedTogetherSortedByFileAndLine() {
    var files = SpecFixtures.base();
    files.put(
        "b.yaml",
        "apiVersion: bulwark.dev/v1alpha1\nkind: Tenant\nmetadata: {name: b}\nspec: {environments: [{name: x}], foo: 1}\n");
    files.put(
        "a.yaml",
        "apiVersion: v1\nkind: ConfigMap\n---\napiVersion: bulwark.dev/v1alpha1\nkind: Tenant\nmetadata: {name: B}\nspec: {environments: [{name: x}]}\n");
    LoadResult result = SpecLoader.loadStrings(files);
    assertThat(result.errors())
        .extracting(e -> e.source() + ":" + e.line())
        .containsExactly("a.yaml:2", "a.yaml:6", "b.yaml:4");
  }

  @Test
  void helmValuesAreAFreeFormObjectKeptWhole() {
    LoadResult result =
        loadWith(
            "platform.yaml",
            SpecFixtures.PLATFORM
                + """
          components:
            gitops:
              values:
                replicaCount: 2
                server:
                  extraArgs: [--insecure]
                  resources: {limits: {cpu: 500m}}
        """);
    assertThat(result.errors()).isEmpty();
    var values = result.spec().platform().getSpec().getComponents().getGitops().getValues();
    assertThat(values).containsEntry("replicaCount", 2L);
    assertThat(values.get("server").toString()).contains("extraArgs=[--insecure]", "cpu=500m");
  }

  @Test
  void helmValuesMustBeAnObject() {
    LoadResult result =
        loadWith(
            "platform.yaml",
            SpecFixtures.PLATFORM
                + """
          components:
            gitops:
              values: [replicaCount]
        """);
    assertThat(SpecFixtures.rendered(result))
        .singleElement()
        .asString()
        .startsWith(
            "platform.yaml:9:15: spec.components.gitops.values: expected object, found an array");
  }
}
