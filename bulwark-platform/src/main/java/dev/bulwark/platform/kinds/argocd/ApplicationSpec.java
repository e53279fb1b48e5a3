package dev.bulwark.platform.kinds.argocd;

import dev.bulwark.platform.kinds.CustomResourceSpec;
import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import java.util.Map;

/** The spec of an Argo CD Application: its project, what it syncs, where to, and when. */
public record ApplicationSpec(
    String project, ApplicationSource source, Destination destination, SyncPolicy syncPolicy)
    implements CustomResourceSpec {

  public ApplicationSpec {
    Required.text(project, "Application spec.project");
    Required.present(source, "Application spec.source");
    Required.present(destination, "Application spec.destination");
  }

  @Override
  public String apiVersion() {
    return ArgoCd.API_VERSION;
  }

  @Override
  public String kind() {
    return "Application";
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("project", project)
        .put("source", source)
        .put("destination", destination)
        .put("syncPolicy", syncPolicy)
        .build();
  }
}
