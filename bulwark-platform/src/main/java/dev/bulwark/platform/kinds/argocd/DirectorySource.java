package dev.bulwark.platform.kinds.argocd;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/**
 * A source read as a directory of plain manifests.
 *
 * @param recurse whether subdirectories are read too
 * @param exclude a glob of files to leave out, or null
 */
public record DirectorySource(boolean recurse, String exclude) implements ResourceFields {

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create().put("recurse", recurse).put("exclude", exclude).build();
  }
}
