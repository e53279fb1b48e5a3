package dev.bulwark.catalog.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.ReleaseManifests;
import dev.bulwark.catalog.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a mirror (ADR 0013's layout) of components' pinned archives, and the release manifests
 * shipped beside them ({@link ReleaseManifests}): each obtained (and verified) as {@link
 * ChartArchives} does, copied under its mirror path, with an {@code index.yaml} for the charts and
 * {@code SHA256SUMS} for the other files. The output is a function of the archives only (no
 * timestamps), so exporting twice gives the same bytes.
 *
 * <p>Given the mirror's registry, each release manifest is written with its images pointed at it
 * ({@link ReleaseImages#rewrite}), since nothing downstream can rewrite what the manifest alone
 * names; its {@code SHA256SUMS} line is then the digest of what was written.
 *
 * <p>Every archive is obtained, and every manifest rewritten, before the first file is written: an
 * archive that cannot be had or a manifest the rewrite refuses leaves the folder as it was.
 */
public final class MirrorExport {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private MirrorExport() {}

  /** Exports the archives of {@code components} into {@code dir}; returns the archives written. */
  public static List<Archive> export(List<Component> components, ChartArchives from, Path dir) {
    return export(components, from, dir, Optional.empty());
  }

  /**
   * Exports as {@link #export(List, ChartArchives, Path)} does, release manifests pointed at {@code
   * registry}'s copies of their images when it is given.
   */
  public static List<Archive> export(
      List<Component> components, ChartArchives from, Path dir, Optional<String> registry) {
    List<MirrorFile> files = new ArrayList<>();
    ObjectNode index = YAML.createObjectNode().put("apiVersion", "v1");
    ObjectNode entries = index.putObject("entries");
    for (Component component : components) {
      Archive archive = from.obtain(component);
      String relative = MirrorLayout.path(component.id(), component.source());
      files.add(MirrorFile.of(archive, relative, registry));
      if (archive.format() == Archive.Format.CHART) {
        ArrayNode versions =
            entries.has(component.source().chart())
                ? (ArrayNode) entries.get(component.source().chart())
                : entries.putArray(component.source().chart());
        ObjectNode entry = versions.addObject();
        entry
            .put("apiVersion", "v2")
            .put("name", component.source().chart())
            .put("version", component.source().version())
            .put("appVersion", component.appVersion().text())
            .put("digest", archive.digest().substring("sha256:".length()));
        entry.putArray("urls").add(relative);
      }
      for (Source beside : ReleaseManifests.besides(component.id(), component.source())) {
        Archive extra = from.obtain(component.id(), beside);
        files.add(MirrorFile.of(extra, MirrorLayout.path(component.id(), beside), registry));
      }
    }
    List<String> sums = new ArrayList<>();
    for (MirrorFile file : files) {
      file.writeTo(dir);
      if (file.archive().format() != Archive.Format.CHART) {
        sums.add(file.sum());
      }
    }
    try {
      ArchiveCache.write(dir.resolve("index.yaml"), YAML.writeValueAsBytes(index));
      ArchiveCache.write(
          dir.resolve(MirrorLayout.SUMS),
          (String.join("\n", sums) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the mirror index in " + dir, e);
    }
    return files.stream().map(MirrorFile::archive).toList();
  }

  /** One file of the mirror: the archive, where it goes, and what is written there. */
  private record MirrorFile(Archive archive, String relative, byte[] bytes) {

    /**
     * The archive's file as it is, or, for a release manifest when the registry is given, with its
     * images pointed at the registry (which may refuse the manifest).
     */
    static MirrorFile of(Archive archive, String relative, Optional<String> registry) {
      try {
        byte[] bytes = Files.readAllBytes(archive.file());
        if (archive.format() == Archive.Format.MANIFEST && registry.isPresent()) {
          String manifest = new String(bytes, StandardCharsets.UTF_8);
          bytes = ReleaseImages.rewrite(manifest, registry.get()).getBytes(StandardCharsets.UTF_8);
        }
        return new MirrorFile(archive, relative, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + archive.file(), e);
      }
    }

    void writeTo(Path dir) {
      ArchiveCache.write(dir.resolve(relative), bytes);
    }

    /** The file's {@code SHA256SUMS} line: the digest of what was written. */
    String sum() {
      return Sha256.hex(bytes) + "  " + relative;
    }
  }
}
