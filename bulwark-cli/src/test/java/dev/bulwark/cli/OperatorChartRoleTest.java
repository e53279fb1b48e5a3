package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.cli.policy.ClusterManifests;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.reconcile.Scope;
import dev.bulwark.policy.audit.PolicyReports;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.UpstreamKustomization;
import dev.bulwark.scorecard.Observation;
import dev.bulwark.scorecard.Observations;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.HelmChart;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's ClusterRole, read the way the API server's authorizer reads it, against every object
 * the operator applies for examples/acme with every render unit (tenancy and platform stack): a
 * render unit that adds a kind, a Role or a cluster-scoped RBAC object without its rule in the
 * chart fails here, naming the missing right, before the live test meets it as a 403.
 */
class OperatorChartRoleTest {

  private static final String RBAC = "rbac.authorization.k8s.io";

  private static List<JsonNode> rules;
  private static List<DesiredObject> applied;
  private static Map<String, String> plurals;
  private static LoadResult loaded;

  @BeforeAll
  static void load() throws Exception {
    JsonNode role =
        HelmChart.render().stream()
            .filter(o -> o.path("kind").asText().equals("ClusterRole"))
            .findFirst()
            .orElseThrow();
    rules = new ArrayList<>();
    role.path("rules").forEach(rules::add);
    loaded = SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    // and the full profile, which turns on what acme leaves off (application metrics and SLOs,
    // every component): every kind either renders is one the operator may apply
    LoadResult full =
        SpecLoader.load(
            List.of(
                SharedData.repoDir()
                    .resolve("bulwark-platform/src/test/resources/profiles/full.yaml")
                    .toString()));
    assertThat(full.errors()).isEmpty();
    applied =
        java.util.stream.Stream.of(loaded, full)
            .flatMap(spec -> Renderer.standard().render(spec.spec()).objects().stream())
            .filter(OperatorChartRoleTest::appliedByTheOperator)
            .toList();
    plurals = crdPlurals();
  }

  @Test
  void everyObjectTheOperatorAppliesIsWithinTheChartsRole() {
    List<String> missing = new ArrayList<>();
    for (DesiredObject object : applied) {
      HasMetadata o = object.object();
      String group = group(o.getApiVersion());
      String plural = plural(o);
      String name = o.getMetadata().getName();
      for (String verb : List.of("get", "list", "watch")) {
        check(missing, verb, group, plural, null, o);
      }
      for (String verb : List.of("create", "patch", "delete")) {
        check(missing, verb, group, plural, name, o);
      }
    }
    assertThat(missing).as("rights the operator lacks under the chart's ClusterRole").isEmpty();
  }

  /**
   * A Role grants rights the operator does not hold itself (Secrets, Tekton runs), so applying one
   * needs "escalate" on its name and binding it needs "bind"; the same for the one ClusterRole. A
   * Role whose every right the operator holds (the tenants' readers of their Argo CD Applications)
   * needs neither, as the API server's escalation check goes.
   */
  @Test
  void everyRoleTheOperatorAppliesOrBindsMayBeEscalatedAndBoundByName() {
    List<String> missing = new ArrayList<>();
    for (DesiredObject object : applied) {
      HasMetadata o = object.object();
      switch (o) {
        case io.fabric8.kubernetes.api.model.rbac.Role r when held(r) -> {}
        case io.fabric8.kubernetes.api.model.rbac.Role r ->
            check(missing, "escalate", RBAC, "roles", r.getMetadata().getName(), o);
        case RoleBinding b when heldRole(b) -> {}
        case io.fabric8.kubernetes.api.model.rbac.ClusterRole r ->
            check(missing, "escalate", RBAC, "clusterroles", r.getMetadata().getName(), o);
        case RoleBinding b ->
            check(
                missing,
                "bind",
                RBAC,
                b.getRoleRef().getKind().equals("Role") ? "roles" : "clusterroles",
                b.getRoleRef().getName(),
                o);
        case ClusterRoleBinding b ->
            check(missing, "bind", RBAC, "clusterroles", b.getRoleRef().getName(), o);
        default -> {}
      }
    }
    assertThat(missing).isEmpty();
  }

  /**
   * The leader's loops (ADR 0043): the scorecard lists every kind it judges across namespaces and
   * reads the PolicyReports; the cluster audit lists the audited kinds in the tenants' namespaces
   * and writes and deletes its reports. A judge or an audited kind added without its rule fails
   * here, naming the right.
   */
  @Test
  void theScorecardAndTheClusterAuditAreWithinTheChartsRole() {
    List<String> missing = new ArrayList<>();
    Observation scope =
        Observations.offline(loaded.spec(), Renderer.standard().render(loaded.spec()), "");
    for (DesiredObject object : scope.inScope()) {
      HasMetadata o = object.object();
      if (UpstreamKustomization.is(o)) {
        continue; // a file of the GitOps tree, which the scorecard does not look for live
      }
      check(missing, "list", group(o.getApiVersion()), plural(o), null, o);
    }
    for (String kind : ClusterManifests.KINDS) {
      String apiVersion = kind.substring(0, kind.lastIndexOf('/'));
      String plural =
          Pluralize.toPlural(kind.substring(kind.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
      if (!allowed("list", group(apiVersion), plural, null)) {
        missing.add("list " + kind + " (audited)");
      }
    }
    for (String plural : List.of("policyreports", "clusterpolicyreports")) {
      for (String verb : List.of("get", "list", "create", "patch", "delete")) {
        // the audit patches (server-side apply) and deletes its own reports only
        String name = List.of("patch", "delete").contains(verb) ? PolicyReports.NAME : null;
        if (!allowed(verb, "wgpolicyk8s.io", plural, name)) {
          missing.add(verb + " wgpolicyk8s.io/" + plural + " (the audit's reports)");
        }
      }
    }
    assertThat(missing)
        .as("rights the leader's loops lack under the chart's ClusterRole")
        .isEmpty();
  }

  /** The chart names no Role that nothing renders: a Role dropped from the renderer leaves it. */
  @Test
  void theChartNamesExactlyTheRolesTheOperatorApplies() {
    TreeSet<String> rendered = new TreeSet<>();
    for (DesiredObject object : applied) {
      if (object.object() instanceof io.fabric8.kubernetes.api.model.rbac.Role r && !held(r)) {
        rendered.add(r.getMetadata().getName());
      }
    }
    TreeSet<String> named = new TreeSet<>();
    for (JsonNode rule : rules) {
      if (texts(rule.path("resources")).equals(List.of("roles"))
          && texts(rule.path("verbs")).contains("escalate")) {
        named.addAll(texts(rule.path("resourceNames")));
      }
    }
    assertThat(named).isEqualTo(rendered);
  }

  @Test
  void theChartsRoleGrantsNoUnnamedWriteOnClusterRbacAndNothingOnSecrets() {
    for (JsonNode rule : rules) {
      List<String> resources = texts(rule.path("resources"));
      List<String> verbs = texts(rule.path("verbs"));
      assertThat(resources).doesNotContain("secrets", "*");
      assertThat(verbs).doesNotContain("*");
      boolean clusterRbac =
          texts(rule.path("apiGroups")).contains(RBAC)
              && (resources.contains("clusterroles") || resources.contains("clusterrolebindings"));
      boolean writes = verbs.stream().anyMatch(v -> !List.of("get", "list", "watch").contains(v));
      if (clusterRbac && writes) {
        assertThat(texts(rule.path("resourceNames")))
            .as("cluster RBAC may be written only by name: " + rule)
            .isNotEmpty();
      }
    }
  }

  /**
   * The promotion endpoint asks the API server who calls (TokenReview) and whether they may promote
   * (SubjectAccessReview); the external applications' promoter Roles are held, so need no escalate.
   */
  @Test
  void theChartsRoleLetsTheOperatorCheckWhoPromotes() {
    assertThat(allowed("create", "authentication.k8s.io", "tokenreviews", null)).isTrue();
    assertThat(allowed("create", "authorization.k8s.io", "subjectaccessreviews", null)).isTrue();
    assertThat(applied)
        .map(DesiredObject::object)
        .filteredOn(io.fabric8.kubernetes.api.model.rbac.Role.class::isInstance)
        .map(o -> o.getMetadata().getName())
        .contains("storefront-promoter");
  }

  @Test
  void theCheckReadsResourceNamesAsTheAuthorizerDoes() {
    assertThat(allowed("escalate", RBAC, "clusterroles", "bulwark-pipeline-listener")).isTrue();
    assertThat(allowed("escalate", RBAC, "clusterroles", "cluster-admin")).isFalse();
    assertThat(allowed("create", RBAC, "clusterrolebindings", "anything")).isFalse();
    assertThat(allowed("list", RBAC, "clusterrolebindings", null)).isTrue();
    assertThat(allowed("create", "", "pods", "p")).isFalse();
  }

  /** Whether the chart's role grants the operator every right {@code role} grants. */
  private static boolean held(io.fabric8.kubernetes.api.model.rbac.Role role) {
    return role.getRules().stream()
        .allMatch(
            rule ->
                rule.getApiGroups().stream()
                    .allMatch(
                        group ->
                            rule.getResources().stream()
                                .allMatch(
                                    plural ->
                                        rule.getVerbs().stream()
                                            .allMatch(
                                                verb -> allowed(verb, group, plural, null)))));
  }

  /** Whether {@code binding} names a Role the operator applies and holds every right of. */
  private static boolean heldRole(RoleBinding binding) {
    return binding.getRoleRef().getKind().equals("Role")
        && applied.stream()
            .map(DesiredObject::object)
            .filter(io.fabric8.kubernetes.api.model.rbac.Role.class::isInstance)
            .map(io.fabric8.kubernetes.api.model.rbac.Role.class::cast)
            .filter(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName()))
            .filter(
                r -> r.getMetadata().getNamespace().equals(binding.getMetadata().getNamespace()))
            .anyMatch(OperatorChartRoleTest::held);
  }

  private static void check(
      List<String> missing, String verb, String group, String plural, String name, HasMetadata o) {
    if (!allowed(verb, group, plural, name)) {
      missing.add(
          verb
              + " "
              + (group.isEmpty() ? "" : group + "/")
              + plural
              + (name == null ? "" : " named " + name)
              + " (for "
              + o.getKind()
              + " "
              + o.getMetadata().getName()
              + ")");
    }
  }

  /**
   * RBAC's rule matching: group, resource and verb listed; resourceNames, if any, list the name.
   */
  private static boolean allowed(String verb, String group, String plural, String name) {
    for (JsonNode rule : rules) {
      List<String> names = texts(rule.path("resourceNames"));
      if (texts(rule.path("apiGroups")).contains(group)
          && texts(rule.path("resources")).contains(plural)
          && texts(rule.path("verbs")).contains(verb)
          && (names.isEmpty() || (name != null && names.contains(name)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean appliedByTheOperator(DesiredObject object) {
    if (object.tenant().equals(BulwarkLabels.PLATFORM_TENANT)) {
      return Scope.PLATFORM.holds(object, null, null);
    }
    return Scope.TENANT.holds(object, object.tenant(), null)
        || (object.object().getMetadata().getLabels() != null
            && Scope.APPLICATION.holds(
                object,
                object.tenant(),
                object
                    .object()
                    .getMetadata()
                    .getLabels()
                    .getOrDefault(BulwarkLabels.APPLICATION, "")));
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /**
   * The resource name: fabric8's for Kubernetes' own kinds, the CRD's for a custom kind, and
   * Gatekeeper's rule (the lowercased kind) for a constraint, whose CRD the template generates.
   */
  private static String plural(HasMetadata o) {
    String group = group(o.getApiVersion());
    String fromCrd = plurals.get(group + "/" + o.getKind());
    if (fromCrd != null) {
      return fromCrd;
    }
    if (group.equals("constraints.gatekeeper.sh")) {
      return o.getKind().toLowerCase(Locale.ROOT);
    }
    if (o instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
      // a custom kind whose CRD ../shared/crds lacks: the default plural the API server derives
      String kind = o.getKind().toLowerCase(Locale.ROOT);
      return kind.endsWith("s") || kind.endsWith("x") || kind.endsWith("ch")
          ? kind + "es"
          : kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
    }
    return HasMetadata.getPlural(o.getClass());
  }

  private static Map<String, String> crdPlurals() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, String> found = new HashMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(SharedData.resolve("crds").orElseThrow())) {
      walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .forEach(files::add);
    }
    for (Path file : files) {
      try (var parser = yaml.createParser(file.toFile())) {
        for (var it = yaml.readValues(parser, JsonNode.class); it.hasNext(); ) {
          JsonNode doc = it.next();
          if (doc != null && doc.path("kind").asText().equals("CustomResourceDefinition")) {
            found.put(
                doc.at("/spec/group").asText() + "/" + doc.at("/spec/names/kind").asText(),
                doc.at("/spec/names/plural").asText());
          }
        }
      }
    }
    return found;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
