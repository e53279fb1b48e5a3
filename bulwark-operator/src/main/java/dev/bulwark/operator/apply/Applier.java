package dev.bulwark.operator.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.operator.apply.ApplyOutcome.Action;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side apply of one object under the single field manager {@value #FIELD_MANAGER}, and
 * deletion of one object that is no longer desired. Neither sends a request when the live object
 * already is what is wanted.
 */
public final class Applier {

  public static final String FIELD_MANAGER = "bulwark";

  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  private final ObjectApi api;
  private final KubernetesSerialization serialization;

  /**
   * @param api where the writes go
   * @param serialization how objects become JSON for the comparison with the live ones
   */
  public Applier(ObjectApi api, KubernetesSerialization serialization) {
    this.api = api;
    this.serialization = serialization;
  }

  /**
   * Applies {@code desired}, which {@link OwnerLinks#attach} has marked as {@code ownerId}'s.
   *
   * <p>An object that another Bulwark owner already holds is left alone and reported as a conflict.
   * An object we already manage is applied with force, since drift by another field manager is
   * exactly what must be undone; an object we do not see yet is applied without force, so that
   * taking over fields another manager owns fails loudly instead of silently.
   */
  public ApplyOutcome apply(
      GenericKubernetesResource desired, Optional<GenericKubernetesResource> live, String ownerId) {
    ObjectKey key = ObjectKey.of(desired);
    Optional<String> holder = live.flatMap(OwnerLinks::recordedOwner);
    if (holder.isPresent() && !holder.get().equals(ownerId)) {
      return new ApplyOutcome(
          key, Action.CONFLICT, "already managed by " + holder.get() + "; not applied", false);
    }
    if (live.isPresent() && upToDate(desired, live.get())) {
      LOG.debug("{}: unchanged", key);
      return ApplyOutcome.ok(key, Action.UNCHANGED);
    }
    Optional<ManagedKind> kind = api.resolve(desired.getApiVersion(), desired.getKind());
    if (kind.isEmpty()) {
      return new ApplyOutcome(
          key,
          Action.FAILED,
          "the API server does not serve "
              + desired.getApiVersion()
              + " "
              + desired.getKind()
              + " (is its CRD installed?)",
          true);
    }
    try {
      api.serverSideApply(kind.get(), desired, live.isPresent());
      Action action = live.isPresent() ? Action.PATCHED : Action.CREATED;
      LOG.debug("{}: {}", key, action);
      return ApplyOutcome.ok(key, action);
    } catch (KubernetesClientException e) {
      return failure(key, e, live.isPresent() ? "patch" : "apply");
    }
  }

  /**
   * Deletes an object that is no longer desired, if it still exists and is still {@code ownerId}'s.
   */
  public ApplyOutcome prune(
      ObjectKey key, Optional<GenericKubernetesResource> live, String ownerId) {
    if (live.isEmpty()) {
      return ApplyOutcome.ok(key, Action.UNCHANGED);
    }
    Optional<String> holder = OwnerLinks.recordedOwner(live.get());
    if (holder.isEmpty() || !holder.get().equals(ownerId)) {
      // someone else's now (or adopted by hand): not ours to delete
      return ApplyOutcome.ok(key, Action.UNCHANGED);
    }
    if (live.get().getMetadata().getDeletionTimestamp() != null) {
      return ApplyOutcome.ok(key, Action.UNCHANGED);
    }
    Optional<ManagedKind> kind = api.resolve(key.apiVersion(), key.kind());
    if (kind.isEmpty()) {
      return ApplyOutcome.ok(key, Action.UNCHANGED);
    }
    try {
      api.delete(kind.get(), key);
      LOG.debug("{}: deleted", key);
      return ApplyOutcome.ok(key, Action.DELETED);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return ApplyOutcome.ok(key, Action.UNCHANGED);
      }
      return failure(key, e, "delete");
    }
  }

  private boolean upToDate(GenericKubernetesResource desired, GenericKubernetesResource live) {
    JsonNode wanted = serialization.convertValue(desired, JsonNode.class);
    JsonNode actual = serialization.convertValue(live, JsonNode.class);
    return LiveMatch.upToDate(wanted, actual, live.getMetadata().getManagedFields(), FIELD_MANAGER);
  }

  /** Maps an API error to an outcome whose message says what the server said. */
  static ApplyOutcome failure(ObjectKey key, KubernetesClientException e, String verb) {
    int code = e.getCode();
    String reason =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    // no answer at all (the client's -1: a timeout, a reset connection): the client's own message
    // only says that the operation failed, so the cause says why
    boolean noAnswer = code <= 0;
    if (noAnswer && e.getCause() != null) {
      reason = reason + " (" + e.getCause() + ")";
    }
    String message = verb + " failed: " + (noAnswer ? "no answer" : "HTTP " + code) + ": " + reason;
    if (code == 409) {
      return new ApplyOutcome(key, Action.CONFLICT, message, false);
    }
    boolean namespaceMissing = code == 404 && reason != null && reason.contains("namespaces");
    // the API server answers 500 when it cannot even decode the object (a malformed quantity):
    // the same request fails the same way every time
    boolean undecodable = code == 500 && reason != null && reason.contains("unable to convert");
    // an admission policy's refusal can pass once its parameters catch up (a policy updated in the
    // same pass) or the policy changes; RBAC refusals ("cannot") stay until the role changes
    boolean admissionDenied = code == 403 && reason != null && reason.contains("denied request");
    boolean transientError =
        noAnswer
            || code == 429
            || (code >= 500 && !undecodable)
            || namespaceMissing
            || admissionDenied;
    return new ApplyOutcome(key, Action.FAILED, message, transientError);
  }
}
