package dev.bulwark.api.v1alpha1;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The one cluster-wide description of a Bulwark platform: domain, profile and components. */
@Group("bulwark.dev")
@Version("v1alpha1")
@ShortNames("bwp")
public class Platform extends CustomResource<PlatformSpec, ResourceStatus> {

  /** Required, so that the API server refuses a Platform without one (the loader does too). */
  @Override
  @Required
  public PlatformSpec getSpec() {
    return super.getSpec();
  }

  @Override
  protected ResourceStatus initStatus() {
    return new ResourceStatus();
  }
}
