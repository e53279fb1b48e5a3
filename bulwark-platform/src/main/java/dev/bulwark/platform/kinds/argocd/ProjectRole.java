package dev.bulwark.platform.kinds.argocd;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.List;
import java.util.Map;

/**
 * A role of an AppProject: the SSO groups that hold it and its Casbin policy lines.
 *
 * @param name the role's name, unique in the project
 * @param groups the OIDC groups whose members get the role
 * @param policies lines such as {@code p, proj:web:viewer, applications, get, web/*, allow}
 */
public record ProjectRole(String name, List<String> groups, List<String> policies)
    implements ResourceFields {

  public ProjectRole {
    Required.text(name, "AppProject spec.roles[].name");
    groups = Required.list(groups, "AppProject spec.roles[" + name + "].groups");
    policies = Required.list(policies, "AppProject spec.roles[" + name + "].policies");
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("name", name)
        .put("groups", groups)
        .put("policies", policies)
        .build();
  }
}
