package dev.bulwark.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.api.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The digests an earlier GitOps tree pins, by directory and image repository: the state a promotion
 * wrote, which a new plan keeps (ADR 0022).
 *
 * @param byDirectory for each {@code tenants/<tenant>/<environment>} directory, repository to
 *     digest
 */
public record PinnedImages(Map<String, Map<String, String>> byDirectory) {

  /** No earlier tree. */
  public static final PinnedImages NONE = new PinnedImages(Map.of());

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public PinnedImages {
    Map<String, Map<String, String>> copy = new TreeMap<>();
    byDirectory.forEach((dir, pins) -> copy.put(dir, Map.copyOf(pins)));
    byDirectory = Map.copyOf(copy);
  }

  /** The digests pinned in {@code directory}, repository to digest. */
  public Map<String, String> in(String directory) {
    return byDirectory.getOrDefault(directory, Map.of());
  }

  /**
   * The digests of the tree at {@code root}; {@link #NONE} when there is no tree there. Only
   * entries whose digest is {@code sha256:} and 64 hex digits count: anything else is not a pin
   * Bulwark or a promotion wrote.
   */
  public static PinnedImages read(Path root) throws IOException {
    Path tenants = root.resolve("tenants");
    if (!Files.isDirectory(tenants)) {
      return NONE;
    }
    Map<String, Map<String, String>> pins = new TreeMap<>();
    try (Stream<Path> files = Files.walk(tenants, 3)) {
      for (Path file : files.filter(PinnedImages::isKustomization).toList()) {
        String directory = root.relativize(file.getParent()).toString().replace('\\', '/');
        Map<String, String> digests = digests(file);
        if (!digests.isEmpty()) {
          pins.put(directory, digests);
        }
      }
    }
    return new PinnedImages(pins);
  }

  private static boolean isKustomization(Path file) {
    return file.getFileName().toString().equals(TreeLayout.KUSTOMIZATION)
        && Files.isRegularFile(file);
  }

  private static Map<String, String> digests(Path kustomization) throws IOException {
    JsonNode images;
    try {
      images = YAML.readTree(kustomization.toFile()).path("images");
    } catch (IOException e) {
      throw new IOException("cannot read " + kustomization + ": " + e.getMessage(), e);
    }
    Map<String, String> digests = new TreeMap<>();
    for (JsonNode image : images) {
      String name = image.path("name").asText(null);
      String digest = image.path("digest").asText(null);
      if (name != null && ImageReference.isDigest(digest)) {
        digests.put(name, digest);
      }
    }
    return digests;
  }
}
