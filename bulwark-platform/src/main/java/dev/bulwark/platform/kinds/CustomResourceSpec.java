package dev.bulwark.platform.kinds;

/**
 * The typed spec of a custom resource kind Bulwark writes: it knows the apiVersion and kind it is
 * the spec of, so a construction site cannot pair a spec with the wrong kind.
 */
public interface CustomResourceSpec extends ResourceFields {

  /** The apiVersion of the resource, for example {@code argoproj.io/v1alpha1}. */
  String apiVersion();

  /** The kind of the resource, for example {@code AppProject}. */
  String kind();
}
