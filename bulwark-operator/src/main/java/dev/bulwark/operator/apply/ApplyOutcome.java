package dev.bulwark.operator.apply;

import dev.bulwark.render.ObjectKey;

/**
 * What happened to one object in a reconcile.
 *
 * @param key the object
 * @param action what was done
 * @param error the API error for {@link Action#FAILED}, {@link Action#CONFLICT} and {@link
 *     Action#SKIPPED}, else empty
 * @param transientError whether retrying later may succeed (server errors, throttling, a namespace
 *     not there yet)
 */
public record ApplyOutcome(ObjectKey key, Action action, String error, boolean transientError) {

  /** The result of applying or pruning one object. */
  public enum Action {
    CREATED,
    PATCHED,
    UNCHANGED,
    DELETED,
    FAILED,
    CONFLICT,
    SKIPPED;

    /** Whether the action sent a write. */
    public boolean wrote() {
      return this == CREATED || this == PATCHED || this == DELETED;
    }

    /** Whether the object did not reach its desired state. */
    public boolean failed() {
      return this == FAILED || this == CONFLICT || this == SKIPPED;
    }
  }

  public static ApplyOutcome ok(ObjectKey key, Action action) {
    return new ApplyOutcome(key, action, "", false);
  }

  /** The line a user reads: {@code Kind ns/name: created}, or the error. */
  public String describe() {
    String where =
        key.kind() + " " + (key.namespace().isEmpty() ? "" : key.namespace() + "/") + key.name();
    return action.failed()
        ? where + ": " + error
        : where + ": " + action.name().toLowerCase(java.util.Locale.ROOT);
  }
}
