package dev.bulwark.catalog.upgrade;

/**
 * An object that uses an API version the target Kubernetes release no longer serves.
 *
 * @param object the object
 * @param api the removed API it uses
 */
public record ApiFinding(ScannedObject object, RemovedApi api) {

  /** {@code origin: Kind ns/name: advice}. */
  public String describe() {
    return object.origin() + ": " + object.describe() + ": " + api.advice();
  }
}
