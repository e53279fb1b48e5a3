package dev.bulwark.platform.stack;

/**
 * The order in which Argo CD applies the platform, as data rather than a hand-written chain: the
 * one place where wave numbers are decided (docs/adr/0010-sync-wave-ladder.md).
 *
 * <p>The root Application syncs the whole tree (all but {@code bootstrap/}) and waits for each wave
 * to be healthy before the next, so anything an object needs must be in a strictly earlier wave, or
 * a fresh install stalls for good. A component's chart is applied by its own Application, which the
 * root applies at the Application's wave, so what a chart needs (a Secret its values name, a CRD)
 * must come before the Application. The ladder:
 *
 * <ol>
 *   <li>-30 {@link #NAMESPACES}: platform namespaces and Argo CD projects;
 *   <li>-25.. {@link #SECRETS_BACKEND}: the Applications of OpenBao and External Secrets, which
 *       need no credential themselves;
 *   <li>-20 {@link #SECRETS_INIT}, -19 {@link #SECRETS_CONFIG}: OpenBao initialised, then its
 *       mounts, policies, roles and generated credentials;
 *   <li>-18 {@link #SECRET_STORES}: the platform's ClusterSecretStore, which logs in with a role
 *       the configuration wrote;
 *   <li>-17 {@link #CREDENTIALS}: the ExternalSecrets of platform credentials, which every later
 *       chart and resource reads (Harbor's admin password, Grafana's OIDC secret, ...);
 *   <li>-15.. {@link #COMPONENTS}: every other component's Application, in the catalogue's relative
 *       order (its wave 0, 1, 2 becomes -15, -14, -13);
 *   <li>-12 {@link #ROOT_ISSUER}, -11 {@link #ROOT_CERTIFICATE}, -10 {@link #ISSUERS}: the
 *       self-signed CA chain of air-gapped platforms, then the platform's ClusterIssuer;
 *   <li>-9 {@link #RESOURCES}: custom resources the operators serve;
 *   <li>-8 {@link #DERIVED_RESOURCES}: custom resources reading what another resource produced;
 *   <li>-6 {@link #SERVICES}: routes and what is configured through running services;
 *   <li>-4 {@link #CONFIGURATION}: configuration Jobs against running services;
 *   <li>0: the render core's objects, which carry no wave (tenant namespaces, RBAC, routes): after
 *       every operator and CRD, before the tenants' stores;
 *   <li>10 {@link #TENANT_STORES}, 11 {@link #TENANT_SECRETS}, 12 {@link #TENANTS}: per tenant, the
 *       store, the ExternalSecrets through it, then what reads them (the render core's application
 *       workloads among them, which carry wave 12 themselves).
 * </ol>
 *
 * <p>{@code SyncWaveOrderTest} checks the ladder against the dependencies it reads from the
 * rendered objects themselves.
 */
public enum SyncWave {
  /** Namespaces of the platform components, and Argo CD's own projects. */
  NAMESPACES(-30),
  /**
   * The Applications of the secrets component (OpenBao, External Secrets Operator): the root of
   * every credential, so they come before every other component.
   */
  SECRETS_BACKEND(-25),
  /** Initialising the secret store's backend (OpenBao) once its Application is up. */
  SECRETS_INIT(-20),
  /** Configuring that backend: mounts, policies, the stores' roles, generated secrets. */
  SECRETS_CONFIG(-19),
  /** The platform's ClusterSecretStore, logging in with the role {@link #SECRETS_CONFIG} wrote. */
  SECRET_STORES(-18),
  /** ExternalSecrets of platform credentials, read by the charts and resources after them. */
  CREDENTIALS(-17),
  /** Every other component's Application, offset by its catalogue wave. */
  COMPONENTS(-15),
  /** The self-signed root issuer of a platform without ACME. */
  ROOT_ISSUER(-12),
  /** The CA certificate that root issues. */
  ROOT_CERTIFICATE(-11),
  /** The platform's ClusterIssuer (ACME, or the CA above or the administrators'). */
  ISSUERS(-10),
  /** Custom resources served by the operators: gateways, stores, clusters, certificates. */
  RESOURCES(-9),
  /** Custom resources that read what a resource produced: the Gateway, Keycloak. */
  DERIVED_RESOURCES(-8),
  /** What is configured through those resources: routes to the UIs, the realm, constraints. */
  SERVICES(-6),
  /** Jobs and objects that configure a running service: policies, projects, indices. */
  CONFIGURATION(-4),
  /** Per-tenant secret stores and the service accounts they log in as. */
  TENANT_STORES(10),
  /** Per-tenant ExternalSecrets, read through {@link #TENANT_STORES}. */
  TENANT_SECRETS(11),
  /** Per-tenant objects: projects, schedules, databases, tenant applications. */
  TENANTS(12);

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

  /**
   * The wave of a component's Application: the catalogue's wave orders components among themselves,
   * this ladder places them against Bulwark's objects.
   *
   * @param capability the component's capability ({@code secrets} goes first)
   * @param catalogueWave the catalogue's sync wave of the component, 0 to 2
   */
  public static int application(String capability, int catalogueWave) {
    SyncWave base = capability.equals("secrets") ? SECRETS_BACKEND : COMPONENTS;
    SyncWave next = capability.equals("secrets") ? SECRETS_INIT : ROOT_ISSUER;
    int wave = base.wave + catalogueWave;
    if (catalogueWave < 0 || wave >= next.wave) {
      throw new IllegalStateException(
          "catalogue sync wave "
              + catalogueWave
              + " of a "
              + capability
              + " component leaves the ladder's room between "
              + base
              + " and "
              + next
              + "; widen it in SyncWave");
    }
    return wave;
  }
}
