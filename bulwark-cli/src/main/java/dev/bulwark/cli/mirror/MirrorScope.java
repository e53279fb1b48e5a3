package dev.bulwark.cli.mirror;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.MirrorSpec;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.ComponentSelection;
import dev.bulwark.catalog.SelectionException;
import dev.bulwark.cli.SpecFiles;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * What the mirror commands work on: the components a spec selects (the whole catalogue without a
 * spec) and the spec's {@code spec.mirror.registry}, if it sets one.
 */
record MirrorScope(List<Component> components, Optional<String> registry) {

  MirrorScope {
    components = List.copyOf(components);
  }

  /**
   * Reads the spec at {@code paths}; empty, with the problems printed to {@code err}, when it has
   * errors.
   */
  static Optional<MirrorScope> load(List<String> paths, PrintWriter err) {
    if (paths.isEmpty()) {
      return Optional.of(new MirrorScope(Catalogue.standard().components(), Optional.empty()));
    }
    Optional<BulwarkSpec> loaded = SpecFiles.load(paths, err);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    var spec = loaded.get().platform().getSpec();
    try {
      return Optional.of(
          new MirrorScope(
              ComponentSelection.of(spec).components(),
              Optional.ofNullable(spec.getMirror()).map(MirrorSpec::getRegistry)));
    } catch (SelectionException e) {
      e.problems().forEach(err::println);
      err.flush();
      return Optional.empty();
    }
  }
}
