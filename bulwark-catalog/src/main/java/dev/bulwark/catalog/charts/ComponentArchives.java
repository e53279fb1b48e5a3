package dev.bulwark.catalog.charts;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.CrdRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which components' archives a set of custom kinds needs (the catalogue's {@code crds:} lists),
 * obtained all at once before anything starts, so a missing one is reported before a cluster is
 * touched.
 *
 * @param archives the obtained archive of each needed component
 * @param unknownKinds {@code group/Kind} of kinds no catalogue component installs
 */
public record ComponentArchives(List<Archive> archives, Set<String> unknownKinds) {

  /** The components installing each of {@code kinds} ({@code group/Kind}), in catalogue order. */
  public static Map<Component, List<CrdRef>> componentsFor(
      Catalogue catalogue, Set<String> kinds, Set<String> unknown) {
    Map<Component, List<CrdRef>> needed = new LinkedHashMap<>();
    Set<String> left = new TreeSet<>(kinds);
    for (Component component : catalogue.components()) {
      for (CrdRef crd : component.crds()) {
        if (left.remove(crd.group() + "/" + crd.kind())) {
          needed.computeIfAbsent(component, c -> new ArrayList<>()).add(crd);
        }
      }
    }
    unknown.addAll(left);
    return needed;
  }

  /**
   * Obtains the archive of every component that installs one of {@code kinds}; when any cannot be
   * had, one {@link ChartFetchException} names them all with the first reason.
   */
  public static ComponentArchives obtain(
      Catalogue catalogue, Set<String> kinds, ChartArchives from) {
    Set<String> unknown = new TreeSet<>();
    List<Archive> archives = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    String firstReason = null;
    for (Component component : componentsFor(catalogue, kinds, unknown).keySet()) {
      try {
        archives.add(from.obtain(component));
      } catch (ChartFetchException e) {
        missing.add(component.id() + " " + component.source().version());
        firstReason = firstReason == null ? e.getMessage() : firstReason;
      }
    }
    if (!missing.isEmpty()) {
      throw ChartFetchException.archivesMissing(
          "cannot obtain the charts of " + String.join(", ", missing) + " (" + firstReason + ")");
    }
    return new ComponentArchives(List.copyOf(archives), Set.copyOf(unknown));
  }
}
