package dev.bulwark.cli.mirror;

import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Image;
import dev.bulwark.catalog.ReleaseManifests;
import dev.bulwark.catalog.Source;
import dev.bulwark.catalog.charts.ChartImages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What an air-gapped platform needs copied across the gap (ADR 0033): every image the catalogue
 * pins for its components, every image inside their charts (named {@code chart}) and inside their
 * release manifests (named {@code release}), and every component's chart, release manifests (those
 * shipped beside its own too) or Git archive.
 *
 * @param images the images, in catalogue order
 * @param charts the archives, in catalogue order
 */
record MirrorInventory(List<ImageEntry> images, List<ChartEntry> charts) {

  MirrorInventory {
    images = List.copyOf(images);
    charts = List.copyOf(charts);
  }

  /** One image, as pinned. */
  record ImageEntry(String component, Image image) {

    /** The digest the reference pins, when it pins one. */
    Optional<String> digest() {
      int at = image.tag().indexOf('@');
      return at < 0 ? Optional.empty() : Optional.of(image.tag().substring(at + 1));
    }

    /** Where a mirror at {@code registry} keeps it; only the path below it without one. */
    String destination(Optional<String> registry) {
      return registry
          .map(r -> image.mirroredTo(r).reference())
          .orElse(Image.pathBelowHost(image.repository()) + ":" + image.tag());
    }
  }

  /** One component's archive: a chart, a release manifest or a Git tag. */
  record ChartEntry(String component, Source source) {

    String type() {
      return source.type().name().toLowerCase(Locale.ROOT);
    }

    /** The chart's name; for a manifest or Git source, the component's. */
    String name() {
      return source.chart() != null ? source.chart() : component;
    }

    /** The catalogue's pinned digest, or empty when the repository's index is trusted for it. */
    Optional<String> digest() {
      return source.digest();
    }
  }

  static MirrorInventory of(List<Component> components) {
    return of(components, Map.of());
  }

  /** The inventory with {@code inReleases}, the images read from release manifests by component. */
  static MirrorInventory of(List<Component> components, Map<String, List<Image>> inReleases) {
    List<ImageEntry> images = new ArrayList<>();
    List<ChartEntry> charts = new ArrayList<>();
    Map<String, List<Image>> inCharts = ChartImages.standard();
    for (Component component : components) {
      component.images().forEach(i -> images.add(new ImageEntry(component.id(), i)));
      Set<String> pinned = new HashSet<>();
      component.images().forEach(i -> pinned.add(i.reference()));
      Stream.concat(
              inCharts.getOrDefault(component.id(), List.of()).stream(),
              inReleases.getOrDefault(component.id(), List.of()).stream())
          .filter(i -> pinned.add(i.reference()))
          .forEach(i -> images.add(new ImageEntry(component.id(), i)));
      charts.add(new ChartEntry(component.id(), component.source()));
      ReleaseManifests.besides(component.id(), component.source())
          .forEach(s -> charts.add(new ChartEntry(component.id(), s)));
    }
    return new MirrorInventory(images, charts);
  }

  /**
   * {@code images.txt}: one {@code source destination} per line, as skopeo, crane and oras copy
   * them; without a registry the destination is the path below it.
   */
  String imagesTxt(Optional<String> registry) {
    StringBuilder text = new StringBuilder();
    for (ImageEntry entry : images) {
      text.append(entry.image().reference())
          .append(' ')
          .append(entry.destination(registry))
          .append('\n');
    }
    return text.toString();
  }
}
