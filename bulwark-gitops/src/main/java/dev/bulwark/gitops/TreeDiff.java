package dev.bulwark.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.bulwark.render.ObjectKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What would change between an earlier GitOps tree on disk and a newly rendered one, object by
 * object: objects are matched by identity (API version, kind, namespace, name), not by file name,
 * so that a file moving between directories is not reported as a removal and an addition.
 */
public record TreeDiff(List<Change> changes) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final int CONTEXT_LINES = 3;

  /** One object that is added, removed or changed, with a unified diff of its YAML. */
  public record Change(Kind kind, ObjectKey key, String diff) {
    public enum Kind {
      ADDED,
      REMOVED,
      CHANGED
    }
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public long count(Change.Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).count();
  }

  /** Compares the tree under {@code earlier} with the files of a new tree. */
  public static TreeDiff between(Path earlier, Map<String, String> newFiles) throws IOException {
    SortedMap<ObjectKey, String> before = objects(read(earlier), earlier.toString());
    SortedMap<ObjectKey, String> after = objects(newFiles, "the new plan");
    List<Change> changes = new ArrayList<>();
    TreeSet<ObjectKey> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (ObjectKey key : keys) {
      String old = before.get(key);
      String now = after.get(key);
      if (old == null) {
        changes.add(new Change(Change.Kind.ADDED, key, unified(key, "", now)));
      } else if (now == null) {
        changes.add(new Change(Change.Kind.REMOVED, key, unified(key, old, "")));
      } else if (!old.equals(now)) {
        changes.add(new Change(Change.Kind.CHANGED, key, unified(key, old, now)));
      }
    }
    return new TreeDiff(List.copyOf(changes));
  }

  /** A readable report: one line per object, then the diff of each changed object. */
  public String render(boolean withDiffs) {
    StringBuilder out = new StringBuilder();
    for (Change change : changes) {
      char sign =
          switch (change.kind()) {
            case ADDED -> '+';
            case REMOVED -> '-';
            case CHANGED -> '~';
          };
      out.append(sign).append(' ').append(change.key()).append('\n');
    }
    out.append(
        String.format(
            "%d added, %d changed, %d removed%n",
            count(Change.Kind.ADDED), count(Change.Kind.CHANGED), count(Change.Kind.REMOVED)));
    if (withDiffs) {
      changes.stream()
          .filter(c -> c.kind() == Change.Kind.CHANGED)
          .forEach(c -> out.append('\n').append(c.diff()));
    }
    return out.toString();
  }

  private static Map<String, String> read(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException(root + " is not a directory holding an earlier plan");
    }
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readString(path));
      }
    }
    return files;
  }

  private static SortedMap<ObjectKey, String> objects(Map<String, String> files, String where)
      throws IOException {
    SortedMap<ObjectKey, String> objects = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      String name = file.getKey();
      if (!(name.endsWith(".yaml") || name.endsWith(".yml"))
          || name.endsWith(TreeLayout.KUSTOMIZATION)) {
        continue;
      }
      String text =
          file.getValue().startsWith(TreeLayout.HEADER)
              ? file.getValue().substring(TreeLayout.HEADER.length())
              : file.getValue();
      JsonNode node;
      try {
        node = YAML.readTree(text);
      } catch (IOException e) {
        throw new IOException(where + "/" + name + " is not valid YAML: " + e.getMessage(), e);
      }
      if (node == null || !node.hasNonNull("kind") || !node.hasNonNull("apiVersion")) {
        continue;
      }
      ObjectKey key =
          new ObjectKey(
              node.get("apiVersion").asText(),
              node.get("kind").asText(),
              node.at("/metadata/namespace").asText(""),
              node.at("/metadata/name").asText());
      objects.put(key, text);
    }
    return objects;
  }

  private static String unified(ObjectKey key, String old, String now) {
    List<String> oldLines = old.isEmpty() ? List.of() : old.lines().toList();
    List<String> newLines = now.isEmpty() ? List.of() : now.lines().toList();
    Patch<String> patch = DiffUtils.diff(oldLines, newLines);
    String label = key.toString();
    List<String> lines =
        UnifiedDiffUtils.generateUnifiedDiff(
            "a: " + label, "b: " + label, oldLines, patch, CONTEXT_LINES);
    return String.join("\n", lines) + "\n";
  }
}
