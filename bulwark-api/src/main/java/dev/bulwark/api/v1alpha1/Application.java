package dev.bulwark.api.v1alpha1;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An application of a tenant, described once and delivered to each of its environments. */
@Group("bulwark.dev")
@Version("v1alpha1")
@ShortNames("bwa")
public class Application extends CustomResource<ApplicationSpec, ResourceStatus>
    implements Namespaced {

  /** Required, so that the API server refuses a Application without one (the loader does too). */
  @Override
  @Required
  public ApplicationSpec getSpec() {
    return super.getSpec();
  }

  @Override
  protected ResourceStatus initStatus() {
    return new ResourceStatus();
  }
}
