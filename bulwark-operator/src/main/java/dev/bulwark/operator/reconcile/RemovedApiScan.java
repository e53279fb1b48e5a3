package dev.bulwark.operator.reconcile;

import dev.bulwark.catalog.KubernetesVersion;
import dev.bulwark.catalog.upgrade.ApiFinding;
import dev.bulwark.catalog.upgrade.RemovedApi;
import dev.bulwark.catalog.upgrade.RemovedApis;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The removed-API scan of the live cluster before an upgrade step (ADR 0042): every object of a
 * kind the removed-API table lists, read at the version its group serves now, checked for writers
 * that used a version removed by the platform's Kubernetes (their managed fields say which). It
 * lists every such kind, so it runs only while an upgrade is not done, and its result is kept for
 * {@link #FRESH} so that the reconciles of one run do not list the cluster again and again.
 */
final class RemovedApiScan {

  static final Duration FRESH = Duration.ofMinutes(1);

  private record Scanned(Instant at, KubernetesVersion target, List<ApiFinding> findings) {}

  private static final Logger LOG = LoggerFactory.getLogger(RemovedApiScan.class);
  private static final int FORBIDDEN = 403;

  private final KubernetesClient client;
  private final Clock clock;
  private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
  private volatile Scanned last;

  RemovedApiScan(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The live objects that use an API {@code target} no longer serves. */
  List<ApiFinding> findings(KubernetesVersion target) {
    Instant now = clock.instant();
    Scanned known = last;
    if (known != null
        && known.target().equals(target)
        && now.isBefore(known.at().plus(FRESH))
        && !now.isBefore(known.at())) {
      return known.findings();
    }
    List<ApiFinding> findings = RemovedApis.standard().scan(() -> objects(target), target);
    last = new Scanned(now, target, List.copyOf(findings));
    return findings;
  }

  private Iterable<HasMetadata> objects(KubernetesVersion target) {
    Set<String> kinds = new LinkedHashSet<>();
    for (RemovedApi api : RemovedApis.standard().all()) {
      if (!api.removedIn().isAfter(target)) {
        kinds.add(api.group() + "/" + api.kind());
      }
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (String groupKind : kinds) {
      String group = groupKind.substring(0, groupKind.lastIndexOf('/'));
      String kind = groupKind.substring(groupKind.lastIndexOf('/') + 1);
      servedVersion(group).ifPresent(apiVersion -> objects.addAll(list(apiVersion, kind)));
    }
    return objects;
  }

  /** The group's preferred version, as discovery reports it; empty when it is not served. */
  private Optional<String> servedVersion(String group) {
    if (group.isEmpty()) {
      return Optional.of("v1");
    }
    APIGroup served = client.getApiGroup(group);
    return Optional.ofNullable(served)
        .map(APIGroup::getPreferredVersion)
        .map(v -> v.getGroupVersion());
  }

  /**
   * Every object of the kind; none when the kind is no longer served in any version, or when the
   * operator may not list it, which is said once per kind: the scan is then blind to that kind.
   */
  private List<? extends HasMetadata> list(String apiVersion, String kind) {
    try {
      return client.genericKubernetesResources(apiVersion, kind).inAnyNamespace().list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == FORBIDDEN && forbidden.add(apiVersion + "/" + kind)) {
        LOG.warn(
            "the removed-API scan before an upgrade cannot list {} {} (forbidden): objects of that"
                + " kind are not checked; grant the operator list on it to check them",
            apiVersion,
            kind);
      }
      return List.of();
    } catch (IllegalArgumentException notServed) {
      return List.of();
    }
  }
}
