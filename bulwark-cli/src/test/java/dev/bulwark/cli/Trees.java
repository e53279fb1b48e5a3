package dev.bulwark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a directory tree into a sorted map of relative path to text, for whole-tree comparisons.
 */
final class Trees {

  private Trees() {}

  static SortedMap<String, String> read(Path root) {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static Path repo() {
    return dev.bulwark.controlplane.SharedData.repoDir();
  }
}
