package dev.bulwark.catalog.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.catalog.Image;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a release manifest runs, and the manifest pointed at a mirror (ADR 0033, addendum of
 * 2026-12-05). Tekton names its images only in its published manifests ({@code ko resolve} makes
 * them at release time), some of them as controller arguments ({@code -entrypoint-image}, {@code
 * -shell-image}, {@code -el-image}) that a kustomize {@code images:} entry does not reach. So they
 * are read from the manifest itself, and the mirror's copy of the manifest names the mirrored ones.
 *
 * <p>An image is the value of an {@code image} field, or any other string (or the value of a {@code
 * -flag=value} argument) that is a reference with a registry host and a {@code sha256} digest: a
 * release pins its images by digest, while a hosted name without one is as likely a Go import path
 * or a URL.
 */
public final class ReleaseImages {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** {@code host[:port]/path[:tag][@sha256:hex]}, the host having a dot or being localhost. */
  private static final Pattern HOSTED =
      Pattern.compile(
          "(?:localhost|[a-z0-9-]+(?:\\.[a-z0-9-]+)+)(?::[0-9]+)?/[a-z0-9._/-]+"
              + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?");

  /** Any reference an {@code image} field may hold, Docker Hub's host-less names included. */
  private static final Pattern ANY =
      Pattern.compile(
          "[a-z0-9][a-z0-9._:/-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?");

  private ReleaseImages() {}

  /**
   * The image references in a multi-document manifest, each once, in order of appearance.
   *
   * @throws IllegalArgumentException when the text is not YAML
   */
  public static List<String> find(String manifest) {
    Set<String> found = new LinkedHashSet<>();
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(manifest)) {
      while (documents.hasNextValue()) {
        collect(documents.nextValue(), false, found);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the release manifest is not YAML: " + e.getMessage(), e);
    }
    return List.copyOf(found);
  }

  /** A reference {@link #find found} in a manifest as an {@link Image} named {@code release}. */
  public static Image image(String reference) {
    Image parsed = ChartImages.image(reference);
    return new Image("release", parsed.repository(), parsed.tag());
  }

  /**
   * Where a mirror at {@code registry} keeps {@code reference}: the path below its host under the
   * registry, its tag and digest kept as written (ADR 0033's layout); a reference already in the
   * mirror is where it is, as {@link Image#mirroredTo} has it.
   */
  public static String mirrored(String reference, String registry) {
    if (Image.inRegistry(reference, registry)) {
      return reference;
    }
    int at = reference.indexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    String digest = at < 0 ? "" : reference.substring(at);
    int colon = name.lastIndexOf(':');
    boolean tagged = colon > name.lastIndexOf('/');
    String repository = tagged ? name.substring(0, colon) : name;
    String tag = tagged ? name.substring(colon) : "";
    return registry + "/" + Image.pathBelowHost(repository) + tag + digest;
  }

  /**
   * The manifest with every image {@link #find found} in it replaced by its {@link #mirrored} one,
   * and nothing else changed: the text is edited where each reference stands, so comments, order
   * and quoting stay as the release wrote them.
   *
   * @throws IllegalStateException when a reference could not be replaced where it stands
   */
  public static String rewrite(String manifest, String registry) {
    String text = manifest;
    for (String reference : find(manifest)) {
      if (Image.inRegistry(reference, registry)) {
        continue; // a manifest from this mirror already names its copies
      }
      Matcher standing =
          Pattern.compile("(?<=^|[\\s\"'=\\[,])" + Pattern.quote(reference) + "(?=$|[\\s\"',\\]])")
              .matcher(text);
      text = standing.replaceAll(Matcher.quoteReplacement(mirrored(reference, registry)));
    }
    List<String> left = find(text).stream().filter(r -> !Image.inRegistry(r, registry)).toList();
    if (!left.isEmpty()) {
      throw new IllegalStateException(
          "cannot point " + left + " at the mirror " + registry + ": not written as a plain value");
    }
    return text;
  }

  private static void collect(JsonNode node, boolean imageField, Set<String> found) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      String value = node.asText();
      if (imageField && ANY.matcher(value).matches()) {
        found.add(value);
      } else {
        pinned(value).ifPresent(found::add);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collect(field.getValue(), field.getKey().equals("image"), found);
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, false, found));
    }
  }

  /** A digest-pinned hosted reference, alone or as a {@code -flag=value} argument's value. */
  private static Optional<String> pinned(String value) {
    String candidate = value;
    if (value.startsWith("-") && value.contains("=")) {
      candidate = value.substring(value.indexOf('=') + 1);
    }
    Matcher matcher = HOSTED.matcher(candidate);
    return matcher.matches() && matcher.group(1) != null
        ? Optional.of(candidate)
        : Optional.empty();
  }
}
