package dev.bulwark.platform.stack;

/**
 * The order in which Argo CD applies the platform, as data rather than a hand-written chain.
 *
 * <p>Argo CD applies a lower wave first and waits for it to be healthy. The catalogue gives each
 * component's Application its wave (operators and their CRDs, between 0 and 4); the objects
 * Bulwark renders around them take the waves here: namespaces before everything, then the custom
 * resources the operators serve, then what is configured through them, last the tenants.
 */
public enum SyncWave {
  /** Namespaces of the platform components, and Argo CD's own projects. */
  NAMESPACES(-10),
  /**
   * Initialising the secret store's backend (OpenBao) once its Application is up, so that the
   * secret stores of {@link #RESOURCES} can log in to it.
   */
  SECRETS_INIT(2),
  /** Configuring that backend: mounts, policies, the stores' roles, generated secrets. */
  SECRETS_CONFIG(3),
  /** Custom resources served by the operators: issuers, gateways, stores, clusters. */
  RESOURCES(5),
  /** What is configured through those resources: routes to the UIs, credentials, the realm. */
  SERVICES(6),
  /** Jobs and objects that configure a running service: policies, projects, indices. */
  CONFIGURATION(7),
  /** Per-tenant objects: projects, stores, schedules, tenant applications. */
  TENANTS(10);

  public static final String ANNOTATION = "argocd.argoproj.io/sync-wave";

  private final int wave;

  SyncWave(int wave) {
    this.wave = wave;
  }

  public int wave() {
    return wave;
  }

  /** The value of the {@code argocd.argoproj.io/sync-wave} annotation. */
  public String annotation() {
    return Integer.toString(wave);
  }
}
