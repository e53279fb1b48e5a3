package dev.bulwark.scorecard;

import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.ObjectKey;
import dev.bulwark.render.UpstreamKustomization;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Lists what the judges need from a cluster: one list call per kind, not one get per object. */
final class LiveReader {

  private static final String POLICY_REPORTS = "wgpolicyk8s.io/v1alpha2";
  private static final String TENANT_LABEL = "bulwark.dev/tenant";

  private final KubernetesClient client;

  LiveReader(KubernetesClient client) {
    this.client = client;
  }

  /** The expected objects the cluster holds, by key; a kind the cluster does not serve has none. */
  Map<ObjectKey, Observation.Seen> objects(List<DesiredObject> expected) {
    Set<ObjectKey> wanted = new java.util.HashSet<>();
    Set<List<String>> kinds = new LinkedHashSet<>();
    for (DesiredObject object : expected) {
      if (UpstreamKustomization.is(object.object())) {
        // a file of the GitOps tree, not an API object: listing it would ask the API server for
        // a kind it never serves, which a restricted identity is refused (403), not told 404
        continue;
      }
      wanted.add(object.key());
      kinds.add(List.of(object.key().apiVersion(), object.key().kind()));
    }
    Map<ObjectKey, Observation.Seen> seen = new HashMap<>();
    for (List<String> kind : kinds) {
      for (GenericKubernetesResource item : list(kind.get(0), kind.get(1))) {
        ObjectKey key = ObjectKey.of(item);
        if (wanted.contains(key)) {
          seen.put(key, seen(key, item));
        }
      }
    }
    return seen;
  }

  /** Every result of every PolicyReport; none when the cluster does not serve them. */
  List<Observation.PolicyResult> policyResults() {
    List<Observation.PolicyResult> results = new ArrayList<>();
    for (GenericKubernetesResource report : list(POLICY_REPORTS, "PolicyReport")) {
      String ref = report.getMetadata().getNamespace() + "/" + report.getMetadata().getName();
      Map<String, String> labels = report.getMetadata().getLabels();
      String tenant = labels == null ? "" : labels.getOrDefault(TENANT_LABEL, "");
      List<Map<String, Object>> items = report.get("results");
      for (Map<String, Object> r : items == null ? List.<Map<String, Object>>of() : items) {
        results.add(
            new Observation.PolicyResult(
                ref,
                tenant,
                text(r.get("policy")),
                text(r.get("category")),
                text(r.get("result")),
                text(r.get("severity")),
                text(r.get("message"))));
      }
    }
    return results;
  }

  private List<GenericKubernetesResource> list(String apiVersion, String kind) {
    try {
      return client.genericKubernetesResources(apiVersion, kind).inAnyNamespace().list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getMessage().contains("Could not find")) {
        return List.of(); // not served: every expected object of the kind is absent
      }
      throw e;
    }
  }

  private static Observation.Seen seen(ObjectKey key, GenericKubernetesResource item) {
    String ready = "";
    String reason = "";
    List<Map<String, Object>> conditions = item.get("status", "conditions");
    for (Map<String, Object> c : conditions == null ? List.<Map<String, Object>>of() : conditions) {
      if ("Ready".equals(c.get("type"))) {
        ready = text(c.get("status"));
        reason = text(c.get("reason")) + (c.get("message") == null ? "" : ": " + c.get("message"));
      }
    }
    Map<String, String> facts = new HashMap<>();
    for (String fact : List.of("notAfter", "lastSuccessfulBackup")) {
      Object value = item.get("status", fact);
      if (value != null) {
        facts.put(fact, value.toString());
      }
    }
    return new Observation.Seen(key, ready, reason, facts);
  }

  private static String text(Object value) {
    return Objects.toString(value, "");
  }
}
