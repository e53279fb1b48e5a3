package dev.bulwark.api;

/**
 * The contract between the Tekton Task that scans a running environment (rendered into every CI
 * namespace that needs it) and the TaskRuns the operator starts before a promotion (ADR 0050): the
 * Task's name and its parameters.
 */
public final class DastTask {

  /** The Task, in the tenant's CI namespace. */
  public static final String NAME = "bulwark-dast";

  /** The application, whose {@code <application>-gate-spec} ConfigMap the gate reads. */
  public static final String APPLICATION = "application";

  /** The environment the release goes into, whose gate policy decides. */
  public static final String ENVIRONMENT = "environment";

  /** The image as {@code repository@digest}, of which the Task writes the SBOM. */
  public static final String IMAGE = "image";

  /** The digest, which the gate checks the reports against. */
  public static final String DIGEST = "digest";

  /** The URL ZAP's baseline scan targets: the environment before, running the digest. */
  public static final String TARGET = "target";

  /**
   * The account the scan runs as: the pipelines' own, whose only right is to keep the gate's
   * decision as a PolicyReport in its tenant's environment namespaces.
   */
  public static final String SERVICE_ACCOUNT = "bulwark-pipeline";

  private DastTask() {}
}
