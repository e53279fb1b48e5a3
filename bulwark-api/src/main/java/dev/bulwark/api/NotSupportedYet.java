package dev.bulwark.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a spec field that is part of the API but that no render unit acts on yet.
 *
 * <p>Accepting such a field silently would let a user believe it took effect, so the spec loader
 * rejects any document that sets it, with {@link #value()} as the explanation. A capability that
 * starts to act on the field removes the annotation in the same change.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD})
public @interface NotSupportedYet {

  /** Why the field is not acted on yet and what will bring it, shown to the user. */
  String value();
}
