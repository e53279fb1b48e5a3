package dev.bulwark.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and edits the {@code images:} list of a kustomization as text. A promotion changes exactly
 * the one line that pins an image, and every other byte of the file stays as {@code bulwark plan}
 * or a person wrote it, so the commit's diff is that line; re-emitting the YAML would reformat the
 * file and hide the change.
 */
public final class KustomizationImages {

  private static final Pattern IMAGES_KEY = Pattern.compile("^images:\\s*(#.*)?$");
  private static final Pattern ITEM = Pattern.compile("^(\\s*)-\\s+(\\S.*)$");
  private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z]+):\\s*(.*?)\\s*(#.*)?$");

  /** One item of the list: where its keys are, by line index, and the indentation of its keys. */
  private record Entry(String indent, Map<String, Integer> lines, Map<String, String> values) {}

  private KustomizationImages() {}

  /** The pin of {@code image} in the kustomization {@code text}, if it has an entry for it. */
  public static Optional<ImagePin> find(String text, String image) {
    List<String> lines = lines(text);
    return entry(lines, image)
        .map(
            e ->
                new ImagePin(
                    image,
                    Optional.ofNullable(e.values().get("digest")).map(Digest::of),
                    Optional.ofNullable(e.values().get("newTag"))));
  }

  /**
   * {@code text} with {@code image} pinned to {@code digest}: the entry's {@code digest:} line
   * replaced, or its {@code newTag:} line replaced by a {@code digest:} line (a digest and a tag
   * together would leave a reader guessing which one runs), or a {@code digest:} line added after
   * its name.
   *
   * @throws PromotionRefused when the kustomization has no entry for the image
   */
  public static String pin(String text, String image, Digest digest, String file) {
    List<String> lines = lines(text);
    Entry entry =
        entry(lines, image)
            .orElseThrow(
                () ->
                    new PromotionRefused(
                        file
                            + " has no images: entry named "
                            + image
                            + "; expected one written by bulwark plan for the application"));
    String line = entry.indent() + "digest: " + digest.value();
    if (entry.lines().containsKey("digest")) {
      lines.set(entry.lines().get("digest"), line);
    } else if (entry.lines().containsKey("newTag")) {
      lines.set(entry.lines().get("newTag"), line);
    } else {
      lines.add(entry.lines().get("name") + 1, line);
    }
    return String.join("\n", lines);
  }

  private static List<String> lines(String text) {
    return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
  }

  private static Optional<Entry> entry(List<String> lines, String image) {
    int start = -1;
    for (int i = 0; i < lines.size() && start < 0; i++) {
      if (IMAGES_KEY.matcher(lines.get(i)).matches()) {
        start = i + 1;
      }
    }
    if (start < 0) {
      return Optional.empty();
    }
    return entries(lines, start).stream()
        .filter(e -> image.equals(e.values().get("name")))
        .findFirst();
  }

  /** The items of the list that starts at line {@code start}, up to the next top-level key. */
  private static List<Entry> entries(List<String> lines, int start) {
    List<Entry> entries = new ArrayList<>();
    Entry current = null;
    for (int i = start; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      Matcher item = ITEM.matcher(line);
      if (item.matches()) {
        current = new Entry(item.group(1) + "  ", new LinkedHashMap<>(), new LinkedHashMap<>());
        entries.add(current);
        put(current, i, item.group(2));
      } else if (current != null && line.startsWith(current.indent())) {
        put(current, i, line.strip());
      } else {
        break;
      }
    }
    return entries;
  }

  private static void put(Entry entry, int line, String keyValue) {
    Matcher kv = KEY_VALUE.matcher(keyValue);
    if (kv.matches()) {
      entry.lines().put(kv.group(1), line);
      entry.values().put(kv.group(1), unquote(kv.group(2)));
    }
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
