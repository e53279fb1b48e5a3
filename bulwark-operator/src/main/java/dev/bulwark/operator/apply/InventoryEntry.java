package dev.bulwark.operator.apply;

import dev.bulwark.render.ObjectKey;

/**
 * The text form of one inventory entry in a resource's status: {@code
 * apiVersion/kind/namespace/name}, with an empty namespace for cluster-scoped objects (so {@code
 * v1/Namespace//acme-dev}).
 */
public final class InventoryEntry {

  private InventoryEntry() {}

  public static String format(ObjectKey key) {
    return key.apiVersion() + "/" + key.kind() + "/" + key.namespace() + "/" + key.name();
  }

  /**
   * Parses an entry; kind, namespace and name never contain a slash, so it reads from the right.
   */
  public static ObjectKey parse(String entry) {
    int nameAt = entry.lastIndexOf('/');
    int namespaceAt = entry.lastIndexOf('/', nameAt - 1);
    int kindAt = namespaceAt < 1 ? -1 : entry.lastIndexOf('/', namespaceAt - 1);
    if (nameAt < 0 || namespaceAt < 0 || kindAt < 1) {
      throw new IllegalArgumentException(
          "inventory entry '" + entry + "' is not apiVersion/kind/namespace/name");
    }
    return new ObjectKey(
        entry.substring(0, kindAt),
        entry.substring(kindAt + 1, namespaceAt),
        entry.substring(namespaceAt + 1, nameAt),
        entry.substring(nameAt + 1));
  }
}
