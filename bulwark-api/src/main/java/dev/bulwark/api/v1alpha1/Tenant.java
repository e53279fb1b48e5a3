package dev.bulwark.api.v1alpha1;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A team on the platform: its people, environments, quotas and isolation. */
@Group("bulwark.dev")
@Version("v1alpha1")
@ShortNames("bwt")
public class Tenant extends CustomResource<TenantSpec, ResourceStatus> {

  /** Required, so that the API server refuses a Tenant without one (the loader does too). */
  @Override
  @Required
  public TenantSpec getSpec() {
    return super.getSpec();
  }

  @Override
  protected ResourceStatus initStatus() {
    return new ResourceStatus();
  }
}
