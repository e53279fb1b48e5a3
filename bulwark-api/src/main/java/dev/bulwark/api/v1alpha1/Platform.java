package dev.bulwark.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The one cluster-wide description of a Bulwark platform: domain, profile and components. */
@Group("bulwark.dev")
@Version("v1alpha1")
@ShortNames("bwp")
public class Platform extends CustomResource<PlatformSpec, ResourceStatus> {

  @Override
  protected ResourceStatus initStatus() {
    return new ResourceStatus();
  }
}
