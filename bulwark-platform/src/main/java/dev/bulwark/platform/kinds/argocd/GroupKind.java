package dev.bulwark.platform.kinds.argocd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.bulwark.platform.kinds.Required;

/**
 * A kind of an API group, as AppProject white- and blacklists name it. Argo CD's CRD requires both
 * fields, and the core group is the empty string, which must still be written: the renderer leaves
 * empty values out, so this one value is serialised as a record that always includes its group,
 * instead of as a map (ADR 0016).
 *
 * @param group the API group: {@code ""} for the core group, {@code *} for any
 * @param kind the kind, or {@code *} for any
 */
@JsonPropertyOrder({"group", "kind"})
public record GroupKind(@JsonInclude(JsonInclude.Include.ALWAYS) String group, String kind) {

  /** Every kind of every group. */
  public static final GroupKind ANY = new GroupKind("*", "*");

  public GroupKind {
    Required.present(group, "AppProject group of kind " + kind + " (\"\" for the core group)");
    Required.text(kind, "AppProject kind");
  }

  /** A kind of the core API group ({@code v1}), such as ResourceQuota. */
  public static GroupKind core(String kind) {
    return new GroupKind("", kind);
  }
}
