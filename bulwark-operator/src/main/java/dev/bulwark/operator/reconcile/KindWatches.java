package dev.bulwark.operator.reconcile;

import dev.bulwark.operator.apply.KindRegistry;
import dev.bulwark.operator.apply.ManagedKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.health.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kinds one controller keeps informers on: the {@link KindRegistry#informed() built-in ones},
 * registered at start, and every other kind its desired objects have (the platform stack's CRDs,
 * admission policies, Jobs, ...), registered the first time a reconcile wants an object of that
 * kind. So a managed object of any kind that is edited or deleted by hand reconciles its owner
 * within seconds. One informer per kind and controller, label-filtered like the built-in ones, so
 * their number is bounded by the kinds the renderer produces.
 */
final class KindWatches<P extends HasMetadata> {

  private static final Logger LOG = LoggerFactory.getLogger(KindWatches.class);

  private final KindRegistry kinds;
  private final Class<P> primary;
  private final String ownerKind;
  private final Scope scope;
  private final Set<ManagedKind> added = ConcurrentHashMap.newKeySet();

  KindWatches(KindRegistry kinds, Class<P> primary, String ownerKind, Scope scope) {
    this.kinds = kinds;
    this.primary = primary;
    this.ownerKind = ownerKind;
    this.scope = scope;
  }

  /**
   * Registers an informer on each kind of {@code objects} that has none yet and that the server
   * serves. A kind whose informer cannot sync within the cache-sync timeout (no list/watch right)
   * is left to GETs and periodic reconciles, and tried again at the next reconcile.
   */
  void ensure(Collection<? extends HasMetadata> objects, Context<P> context) {
    for (HasMetadata object : objects) {
      if (kinds.watched(object.getApiVersion(), object.getKind())) {
        continue;
      }
      Optional<ManagedKind> kind = kinds.resolve(object.getApiVersion(), object.getKind());
      if (kind.isEmpty() || added.contains(kind.get())) {
        continue;
      }
      register(kind.get(), context);
    }
  }

  private void register(ManagedKind kind, Context<P> context) {
    var retriever = context.eventSourceRetriever();
    try {
      // the retriever returns the registered source when another thread got there first
      var source =
          retriever.dynamicallyRegisterEventSource(
              Sources.informer(
                  retriever.eventSourceContextForDynamicRegistration(),
                  kind,
                  primary,
                  ownerKind,
                  scope));
      if (source.getStatus() == Status.UNHEALTHY) {
        retriever.dynamicallyDeRegisterEventSource(kind.id());
        LOG.warn(
            "informer on {} did not sync; its drift is corrected at reconciles only", kind.id());
        return;
      }
      if (added.add(kind)) {
        LOG.info("watching {} for the {} controller", kind.id(), ownerKind);
      }
    } catch (RuntimeException e) {
      retriever.dynamicallyDeRegisterEventSource(kind.id());
      LOG.warn(
          "could not watch {}: {}; its drift is corrected at reconciles only",
          kind.id(),
          e.toString());
    }
  }

  /** Whether this controller holds an informer on the kind. */
  boolean watched(String apiVersion, String kind) {
    return kinds.watched(apiVersion, kind)
        || added.stream().anyMatch(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind));
  }

  /** Every kind this controller holds an informer on. */
  List<ManagedKind> informed() {
    List<ManagedKind> all = new ArrayList<>(kinds.informed());
    all.addAll(added);
    return all;
  }

  KindRegistry registry() {
    return kinds;
  }
}
