package dev.bulwark.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a GitOps tree so that the target directory holds either the old tree or the new one, never
 * a mix: the new tree is written beside it and swapped in by renames. Files of objects that are no
 * longer desired disappear with the old tree.
 */
public final class TreeWriter {

  private TreeWriter() {}

  /**
   * Replaces {@code target} with the given files. A non-empty target that is not a Bulwark tree is
   * refused, so that a mistyped {@code --out} never deletes someone's work.
   */
  public static void write(Map<String, String> files, Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !isReplaceable(absolute)) {
      throw new IOException(
          absolute
              + " exists and is not a Bulwark tree (no "
              + TreeLayout.KUSTOMIZATION
              + " written by Bulwark at its root); choose an empty or new directory");
    }
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".new-");
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = staging.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      swap(staging, absolute);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
  }

  /** Whether {@code dir} is empty or a tree that Bulwark wrote. */
  public static boolean isReplaceable(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isEmpty()) {
        return true;
      }
    }
    Path kustomization = dir.resolve(TreeLayout.KUSTOMIZATION);
    return Files.isRegularFile(kustomization)
        && Files.readString(kustomization).startsWith(TreeLayout.HEADER);
  }

  private static void swap(Path staging, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      move(target, old);
    }
    move(staging, target);
    if (old != null) {
      deleteTree(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
