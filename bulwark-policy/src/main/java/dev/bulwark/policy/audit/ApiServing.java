package dev.bulwark.policy.audit;

import dev.bulwark.catalog.upgrade.RemovedApi;
import dev.bulwark.catalog.upgrade.RemovedApis;
import dev.bulwark.policy.Severity;
import dev.bulwark.policy.library.Category;
import dev.bulwark.policy.library.Kinds;
import dev.bulwark.policy.library.Match;
import dev.bulwark.policy.library.Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether Kubernetes serves an object's apiVersion for its kind, so that audit never passes an
 * object it cannot judge: policies match on group, version and kind, and an object under a version
 * Kubernetes does not serve matches none of them. Decided by two tables: the removed-API table of
 * the upgrade planner (versions removed from 1.16 on), and the one served version of each kind the
 * policy library matches ({@link Kinds}). Both are read once into maps, so the check is a lookup.
 */
final class ApiServing {

  /** The pseudo-policy an object under a removed API version violates. */
  static final Policy REMOVED =
      pseudoPolicy(
          "api-removed",
          "API version removed from Kubernetes",
          "The object's apiVersion is no longer served by Kubernetes for its kind: the API server rejects it, and no policy "
              + "can judge it, because policies match the served versions.",
          "Migrate the manifest to the apiVersion Kubernetes serves for the kind (see the message), then audit it again.");

  /**
   * The pseudo-policy an object under an apiVersion Kubernetes never served for its kind violates.
   */
  static final Policy NOT_SERVED =
      pseudoPolicy(
          "api-not-served",
          "API version not served for the kind",
          "Kubernetes does not serve the object's kind under its apiVersion: the API server rejects it, and no policy can "
              + "judge it, because policies match the served versions.",
          "Correct the apiVersion to the one Kubernetes serves for the kind (see the message), then audit it again.");

  /**
   * Kubernetes' own API groups (the built-in ones of its OpenAPI schema and the removed {@code
   * extensions}): a kind in any other group is a custom resource, defined by a CRD.
   */
  static final Set<String> KUBERNETES_GROUPS =
      Set.of(
          "",
          "admission.k8s.io",
          "admissionregistration.k8s.io",
          "apiextensions.k8s.io",
          "apiregistration.k8s.io",
          "apps",
          "authentication.k8s.io",
          "authorization.k8s.io",
          "autoscaling",
          "batch",
          "certificates.k8s.io",
          "coordination.k8s.io",
          "discovery.k8s.io",
          "events.k8s.io",
          "extensions",
          "flowcontrol.apiserver.k8s.io",
          "imagepolicy.k8s.io",
          "internal.apiserver.k8s.io",
          "networking.k8s.io",
          "node.k8s.io",
          "policy",
          "rbac.authorization.k8s.io",
          "resource.k8s.io",
          "scheduling.k8s.io",
          "storage.k8s.io",
          "storagemigration.k8s.io");

  /** What audit makes of an object's kind and apiVersion. */
  sealed interface Verdict {}

  /**
   * A Kubernetes kind under a version it serves, or one the tables do not know: judged by the
   * policies.
   */
  record Served() implements Verdict {}

  /** A kind of a custom group: judged only if a policy matches it, else listed as not judged. */
  record Custom() implements Verdict {}

  /** Not judged, with the reason as a finding of {@code policy}. */
  record Unservable(Policy policy, String message) implements Verdict {}

  private static final Verdict SERVED = new Served();
  private static final Verdict CUSTOM = new Custom();

  /** Removals by {@code apiVersion + " " + kind}. */
  private final Map<String, RemovedApi> removed = new HashMap<>();

  ApiServing(RemovedApis table) {
    table.all().forEach(api -> removed.put(api.apiVersion() + " " + api.kind(), api));
  }

  /** The check with the table Bulwark ships. */
  static ApiServing standard() {
    return Standard.INSTANCE;
  }

  Verdict judge(String kind, String apiVersion) {
    RemovedApi gone = removed.get(apiVersion + " " + kind);
    if (gone != null) {
      String use = gone.replacement().map(r -> "use " + r).orElse("it has no replacement");
      return new Unservable(
          REMOVED,
          kind
              + " "
              + apiVersion
              + " was removed in Kubernetes "
              + gone.removedIn()
              + "; "
              + use
              + gone.notes().map(n -> " (" + n + ")").orElse(""));
    }
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    Optional<Kinds.Kind> known =
        Kinds.byName(kind).filter(k -> KUBERNETES_GROUPS.contains(k.group()));
    if (known.isPresent() && !known.get().apiVersion().equals(apiVersion)) {
      return new Unservable(
          NOT_SERVED,
          "cannot be judged: Kubernetes serves "
              + kind
              + " as "
              + known.get().apiVersion()
              + ", not "
              + apiVersion);
    }
    return KUBERNETES_GROUPS.contains(group) ? SERVED : CUSTOM;
  }

  private static Policy pseudoPolicy(
      String id, String title, String description, String remediation) {
    return new Policy(
        id,
        title,
        description,
        Policy.GROUP_PLATFORM,
        null,
        Severity.CRITICAL,
        Category.INFRASTRUCTURE,
        Policy.Action.DENY,
        false,
        new Match(List.of(), List.of("CREATE")),
        Map.of(),
        List.of(),
        List.of(),
        remediation,
        List.of("https://kubernetes.io/docs/reference/using-api/deprecation-guide/"));
  }

  private static final class Standard {
    static final ApiServing INSTANCE = new ApiServing(RemovedApis.standard());
  }
}
