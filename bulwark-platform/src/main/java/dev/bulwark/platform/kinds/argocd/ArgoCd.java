package dev.bulwark.platform.kinds.argocd;

/** Facts of Argo CD's API that its typed models share. */
public final class ArgoCd {

  /** The apiVersion of Application and AppProject. */
  public static final String API_VERSION = "argoproj.io/v1alpha1";

  /** The API server of the cluster Argo CD runs in, as Argo CD names it in destinations. */
  public static final String IN_CLUSTER = "https://kubernetes.default.svc";

  private ArgoCd() {}
}
