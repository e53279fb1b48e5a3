package dev.bulwark.catalog.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.api.v1alpha1.UpgradeSpec.Channel;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.CatalogueException;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The catalogue's releases, oldest first, and what each upgrade channel offers (ADR 0042). Loaded
 * from {@code releases.yaml}: the first release is the shipped catalogue, each later one lists the
 * pins it changes.
 */
public final class CatalogueHistory {

  /** Classpath location of the standard history. */
  public static final String RESOURCE = "/dev/bulwark/catalog/releases.yaml";

  private final List<CatalogueRelease> releases;

  private CatalogueHistory(List<CatalogueRelease> releases) {
    this.releases = List.copyOf(releases);
  }

  /** The history shipped with Bulwark, over the standard catalogue, loaded once. */
  public static CatalogueHistory standard() {
    return Standard.INSTANCE;
  }

  /** Every release, oldest first. */
  public List<CatalogueRelease> releases() {
    return releases;
  }

  public Optional<CatalogueRelease> find(String release) {
    return releases.stream().filter(r -> r.release().equals(release)).findFirst();
  }

  /** The release of this name, or an error naming the releases the catalogue knows. */
  public CatalogueRelease require(String release) {
    return find(release)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "catalogue release '" + release + "' is not known; known: " + names()));
  }

  /**
   * The pin that installs each installed version, by component id: the pin of a release of this
   * history whose upstream version is the installed one. A component or version no release pins (a
   * status written by hand, a component the catalogue dropped) has no entry, so it is rendered at
   * the shipped catalogue.
   *
   * @param installed the version each component runs (the Platform's installedVersions)
   */
  public Map<String, ReleasePin> pinsOf(Map<String, String> installed) {
    Map<String, ReleasePin> pins = new TreeMap<>();
    installed.forEach(
        (component, version) ->
            releases.stream()
                .map(r -> r.pins().get(component))
                .filter(pin -> pin != null && sameVersion(pin, version))
                .findFirst()
                .ifPresent(pin -> pins.put(component, pin)));
    return pins;
  }

  private static boolean sameVersion(ReleasePin pin, String version) {
    try {
      return Version.parse(version).compareTo(pin.appVersion()) == 0;
    } catch (IllegalArgumentException notAVersion) {
      return false; // a status value that is no version matches no pin: shipped catalogue
    }
  }

  /** The newest release a channel offers. */
  public CatalogueRelease newest(Channel channel) {
    return releases.reversed().stream()
        .filter(r -> r.channels().contains(channel))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no release on channel " + word(channel)));
  }

  /**
   * The release a platform upgrades to: {@code pinned} when set (it must be a release the channel
   * offers), else the channel's newest.
   */
  public CatalogueRelease target(Channel channel, Optional<String> pinned) {
    if (pinned.isEmpty()) {
      return newest(channel);
    }
    CatalogueRelease release = require(pinned.get());
    if (!release.channels().contains(channel)) {
      throw new IllegalArgumentException(
          "catalogue release "
              + release.release()
              + " is not on the "
              + word(channel)
              + " channel (it is on "
              + release.channels().stream().map(CatalogueHistory::word).sorted().toList()
              + "); choose the channel it is on or another release");
    }
    return release;
  }

  private String names() {
    return String.join(", ", releases.stream().map(CatalogueRelease::release).toList());
  }

  static String word(Channel channel) {
    return channel.name().toLowerCase(Locale.ROOT);
  }

  /** Loads and checks a history over {@code base}; {@code name} names it in errors. */
  public static CatalogueHistory load(String name, InputStream in, Catalogue base) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new CatalogueException(name, List.of("not readable as YAML: " + e.getMessage()));
    }
    JsonNode entries = root == null ? null : root.get("releases");
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      throw new CatalogueException(name, List.of("releases: expected a non-empty list"));
    }
    List<String> problems = new ArrayList<>();
    Map<String, ReleasePin> pins = new LinkedHashMap<>();
    base.components()
        .forEach(c -> pins.put(c.id(), new ReleasePin(c.appVersion(), c.source().version())));
    List<CatalogueRelease> releases = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      readRelease(entries.get(i), "releases[" + i + "]", base, pins, problems)
          .ifPresent(
              r -> {
                if (!releases.isEmpty()
                    && r.release().compareTo(releases.getLast().release()) <= 0) {
                  problems.add(r.release() + ": releases must be listed oldest first, each once");
                }
                releases.add(r);
              });
    }
    if (!releases.isEmpty() && !releases.getFirst().release().equals(base.release())) {
      problems.add(
          "releases[0].release: the first release must be the shipped catalogue " + base.release());
    }
    if (!problems.isEmpty()) {
      throw new CatalogueException(name, problems);
    }
    return new CatalogueHistory(releases);
  }

  private static Optional<CatalogueRelease> readRelease(
      JsonNode e, String at, Catalogue base, Map<String, ReleasePin> pins, List<String> problems) {
    String release = e.path("release").asText("");
    if (!release.matches("^[0-9]{4}\\.[0-9]{2}$")) {
      problems.add(at + ".release: expected YYYY.MM, got '" + release + "'");
      return Optional.empty();
    }
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    for (JsonNode c : e.path("channels")) {
      try {
        channels.add(Channel.valueOf(c.asText().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException x) {
        problems.add(at + ".channels: '" + c.asText() + "' is not stable or fast");
      }
    }
    if (channels.isEmpty()) {
      problems.add(at + ".channels: at least one of stable, fast");
    }
    e.path("pins")
        .properties()
        .forEach(
            p ->
                readPin(
                    p.getKey(), p.getValue(), at + ".pins." + p.getKey(), base, pins, problems));
    return Optional.of(new CatalogueRelease(release, channels, pins));
  }

  private static void readPin(
      String id,
      JsonNode pin,
      String at,
      Catalogue base,
      Map<String, ReleasePin> pins,
      List<String> problems) {
    Optional<Component> component = base.component(id);
    String appVersion = pin.path("appVersion").asText("");
    String version = pin.path("version").asText("");
    if (component.isEmpty()) {
      problems.add(at + ": no such component in the catalogue");
    } else if (appVersion.isBlank() || version.isBlank()) {
      problems.add(at + ": appVersion and version are required");
    } else {
      Version app = Version.parse(appVersion);
      ReleasePin before = pins.get(id);
      if (app.compareTo(before.appVersion()) < 0) {
        problems.add(at + ".appVersion: " + appVersion + " is older than " + before.appVersion());
      } else if (app.compareTo(before.appVersion()) == 0
          && version.equals(before.sourceVersion())) {
        problems.add(at + ": the same pin as the release before; leave it out");
      } else {
        pins.put(id, new ReleasePin(app, version));
      }
    }
  }

  private static final class Standard {
    static final CatalogueHistory INSTANCE = loadStandard();

    private static CatalogueHistory loadStandard() {
      try (InputStream in = CatalogueHistory.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the catalogue history " + RESOURCE + " is missing");
        }
        return load("classpath:" + RESOURCE, in, Catalogue.standard());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the catalogue history " + RESOURCE, e);
      }
    }
  }
}
