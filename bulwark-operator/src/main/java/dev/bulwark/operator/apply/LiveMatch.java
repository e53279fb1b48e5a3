package dev.bulwark.operator.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a server-side apply of a desired object would change the live one, without
 * sending it: the check that keeps a no-op reconcile free of writes.
 *
 * <p>Two questions, both answered from data the operator already has:
 *
 * <ol>
 *   <li>Is every field of the desired object present in the live one with the same value? Extra
 *       live fields (server defaults, fields of other managers, extra list elements) are allowed; a
 *       desired list must appear in the live list as an ordered subsequence.
 *   <li>Does the field manager's last apply still own only fields that are desired? A field that
 *       left the desired object is removed only by re-applying, so a stale owned field means
 *       "apply".
 * </ol>
 *
 * <p>Quantities compare by value ({@code 1000m} equals {@code 1}) because the API server normalises
 * them, which would otherwise look like a difference on every reconcile.
 */
public final class LiveMatch {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> IDENTITY = List.of("apiVersion", "kind", "status");

  private LiveMatch() {}

  /**
   * Whether applying {@code desired} as {@code fieldManager} would leave {@code live} unchanged.
   */
  public static boolean upToDate(
      JsonNode desired,
      JsonNode live,
      List<ManagedFieldsEntry> managedFields,
      String fieldManager) {
    Optional<Map<String, Object>> owned = ownedFields(managedFields, fieldManager);
    if (owned.isEmpty()) {
      return false; // never applied by us: the apply adopts it and records our fields
    }
    ObjectNode wanted = desired.deepCopy();
    IDENTITY.forEach(wanted::remove);
    return contains(live, wanted) && !ownsStale(JSON.valueToTree(owned.get()), wanted);
  }

  private static Optional<Map<String, Object>> ownedFields(
      List<ManagedFieldsEntry> entries, String manager) {
    if (entries == null) {
      return Optional.empty();
    }
    return entries.stream()
        .filter(
            e ->
                manager.equals(e.getManager())
                    && "Apply".equals(e.getOperation())
                    && e.getFieldsV1() != null)
        .map(e -> e.getFieldsV1().getAdditionalProperties())
        .findFirst();
  }

  /** True if {@code live} holds everything {@code desired} says. */
  static boolean contains(JsonNode live, JsonNode desired) {
    if (live == null || live.isNull() || live.isMissingNode()) {
      return desired.isNull() || (desired.isContainerNode() && desired.isEmpty());
    }
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : desired.properties()) {
        if (!contains(live.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      return live.isArray() && subsequence(live, desired);
    }
    return sameScalar(live, desired);
  }

  private static boolean subsequence(JsonNode live, JsonNode desired) {
    int next = 0;
    for (JsonNode wanted : desired) {
      while (next < live.size() && !contains(live.get(next), wanted)) {
        next++;
      }
      if (next == live.size()) {
        return false;
      }
      next++;
    }
    return true;
  }

  private static boolean sameScalar(JsonNode live, JsonNode desired) {
    if (live.equals(desired)) {
      return true;
    }
    if (live.isNumber() && desired.isNumber()) {
      return live.decimalValue().compareTo(desired.decimalValue()) == 0;
    }
    String a = live.asText();
    String b = desired.asText();
    return a.equals(b) || sameQuantity(a, b);
  }

  private static boolean sameQuantity(String a, String b) {
    if (a.isEmpty()
        || b.isEmpty()
        || !Character.isDigit(a.charAt(0)) && a.charAt(0) != '.'
        || !Character.isDigit(b.charAt(0)) && b.charAt(0) != '.') {
      return false;
    }
    try {
      BigDecimal x = Quantity.getAmountInBytes(new Quantity(a));
      BigDecimal y = Quantity.getAmountInBytes(new Quantity(b));
      return x.compareTo(y) == 0;
    } catch (RuntimeException notAQuantity) {
      return false;
    }
  }

  /** True if the owned field set names a field that the desired object no longer has. */
  static boolean ownsStale(JsonNode owned, JsonNode desired) {
    for (Map.Entry<String, JsonNode> entry : owned.properties()) {
      String key = entry.getKey();
      JsonNode children = entry.getValue();
      if (key.equals(".")) {
        continue;
      }
      Optional<JsonNode> part = member(desired, key);
      if (part.isEmpty()) {
        return true;
      }
      if (children.isObject()
          && !children.isEmpty()
          && part.get().isContainerNode()
          && ownsStale(children, part.get())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The part of {@code desired} that one managed-fields key ({@code f:}, {@code k:}, {@code v:},
   * {@code i:}) names.
   */
  private static Optional<JsonNode> member(JsonNode desired, String key) {
    if (desired == null) {
      return Optional.empty();
    }
    String body = key.length() > 2 ? key.substring(2) : "";
    switch (key.substring(0, Math.min(2, key.length()))) {
      case "f:":
        return Optional.ofNullable(desired.isObject() ? desired.get(body) : null);
      case "i:":
        int index = Integer.parseInt(body);
        return Optional.ofNullable(
            desired.isArray() && index < desired.size() ? desired.get(index) : null);
      case "k:":
        JsonNode selector = parse(body);
        for (JsonNode element : desired) {
          if (matchesKey(element, selector)) {
            return Optional.of(element);
          }
        }
        return Optional.empty();
      case "v:":
        JsonNode value = parse(body);
        for (JsonNode element : desired) {
          if (contains(element, value) && contains(value, element)) {
            return Optional.of(element);
          }
        }
        return Optional.empty();
      default:
        return Optional.of(desired); // unknown notation: never claim staleness for it
    }
  }

  private static boolean matchesKey(JsonNode element, JsonNode selector) {
    for (Map.Entry<String, JsonNode> part : selector.properties()) {
      JsonNode value = element.get(part.getKey());
      // a key field the desired element leaves out was defaulted by the server (a port's protocol)
      if (value != null && !value.asText().equals(part.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("unreadable managed-fields key " + json, e);
    }
  }
}
