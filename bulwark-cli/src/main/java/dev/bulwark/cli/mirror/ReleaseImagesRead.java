package dev.bulwark.cli.mirror;

import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Image;
import dev.bulwark.catalog.ReleaseManifests;
import dev.bulwark.catalog.Source;
import dev.bulwark.catalog.charts.Archive;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.catalog.charts.ChartFetchException;
import dev.bulwark.catalog.charts.ReleaseImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images inside components' release manifests (Tekton's), which only the manifests name (ADR
 * 0033, addendum of 2026-12-05), read from the manifests themselves.
 *
 * @param images each component's images, in catalogue order
 * @param unread one line per manifest that could not be had or read: what and why
 */
record ReleaseImagesRead(Map<String, List<Image>> images, List<String> unread) {

  ReleaseImagesRead {
    images = Map.copyOf(images);
    unread = List.copyOf(unread);
  }

  /** Reads the release manifests of {@code components} through {@code from}. */
  static ReleaseImagesRead of(List<Component> components, ChartArchives from) {
    Map<String, List<Image>> images = new LinkedHashMap<>();
    List<String> unread = new ArrayList<>();
    for (Component component : components) {
      if (component.source().type() != Source.Type.MANIFEST) {
        continue;
      }
      Set<String> found = new LinkedHashSet<>();
      Stream.concat(
              Stream.of(component.source()),
              ReleaseManifests.besides(component.id(), component.source()).stream())
          .forEach(
              source -> {
                try {
                  found.addAll(ReleaseImages.find(text(from.obtain(component.id(), source))));
                } catch (ChartFetchException | IllegalArgumentException | UncheckedIOException e) {
                  unread.add(
                      component.id()
                          + " "
                          + source.version()
                          + " ("
                          + source.repository()
                          + "): "
                          + e.getMessage());
                }
              });
      images.put(component.id(), found.stream().map(ReleaseImages::image).toList());
    }
    return new ReleaseImagesRead(images, unread);
  }

  /** One line per manifest not read, after {@code prefix}, with the two ways to provide it. */
  void report(PrintWriter err, String prefix) {
    unread.forEach(
        line ->
            err.println(
                prefix
                    + ", the images inside "
                    + line
                    + "; name a mirror with --charts, or run once online to cache it"));
  }

  /** The images inside the manifests among {@code archives} (those {@code mirror export} wrote). */
  static Map<String, List<Image>> of(List<Archive> archives) {
    Map<String, Set<String>> found = new LinkedHashMap<>();
    archives.stream()
        .filter(a -> a.format() == Archive.Format.MANIFEST)
        .forEach(
            a ->
                found
                    .computeIfAbsent(a.component(), c -> new LinkedHashSet<>())
                    .addAll(ReleaseImages.find(text(a))));
    Map<String, List<Image>> images = new LinkedHashMap<>();
    found.forEach(
        (component, refs) ->
            images.put(component, refs.stream().map(ReleaseImages::image).toList()));
    return images;
  }

  private static String text(Archive archive) {
    try {
      return Files.readString(archive.file(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + archive.file(), e);
    }
  }
}
