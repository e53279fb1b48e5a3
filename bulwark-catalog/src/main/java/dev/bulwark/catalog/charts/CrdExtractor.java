package dev.bulwark.catalog.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The CustomResourceDefinitions an archive installs: a chart's from {@code helm template
 * --include-crds} with the values that enable them (its {@code crds/} folders and CRD templates
 * alike), a release manifest's or source tree's from their YAML documents. The result is cached per
 * archive digest, so a second run does not template again.
 */
public final class CrdExtractor {

  /** The Kubernetes version helm renders for (capabilities checks in templates). */
  public static final String KUBE_VERSION = "1.37.2";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ArchiveCache cache;
  private final Optional<Path> helm;

  /**
   * @param cache where extracted CRDs are kept
   * @param helm the helm binary; needed for chart archives only
   */
  public CrdExtractor(ArchiveCache cache, Optional<Path> helm) {
    this.cache = cache;
    this.helm = helm;
  }

  /**
   * The CRDs of {@code archive}, each a full CustomResourceDefinition object; {@code namespace} is
   * the release's.
   */
  public List<JsonNode> crds(Archive archive, String namespace) {
    return onlyCrds(read(crdFile(archive, namespace)));
  }

  /** A YAML file (in the cache) holding the CRDs of {@code archive}, extracted on first use. */
  public Path crdFile(Archive archive, String namespace) {
    Path cached = cache.crds(archive.digest());
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    List<JsonNode> crds =
        switch (archive.format()) {
          case CHART -> onlyCrds(template(archive, namespace));
          case MANIFEST -> onlyCrds(read(archive.file()));
          case SOURCE_TREE -> fromSourceTree(archive);
        };
    ArchiveCache.write(cached, toYaml(crds).getBytes(StandardCharsets.UTF_8));
    return cached;
  }

  private List<JsonNode> fromSourceTree(Archive archive) {
    String folder =
        archive.source().path() == null ? "" : archive.source().path().replaceAll("^/+|/+$", "");
    Pattern inFolder =
        Pattern.compile(
            "[^/]+/" + (folder.isEmpty() ? "" : Pattern.quote(folder) + "/") + "[^/]+\\.ya?ml");
    List<JsonNode> crds = new ArrayList<>();
    try {
      TarGz.files(Files.readAllBytes(archive.file()), name -> inFolder.matcher(name).matches())
          .values()
          .forEach(bytes -> crds.addAll(onlyCrds(new String(bytes, StandardCharsets.UTF_8))));
    } catch (IOException e) {
      throw new ChartFetchException("cannot read " + archive.file() + ": " + e.getMessage(), e);
    }
    return crds;
  }

  private String template(Archive archive, String namespace) {
    Path binary =
        helm.orElseThrow(
            () ->
                new ChartFetchException(
                    "no helm binary to read the CRDs of "
                        + archive.component()
                        + "'s chart; install one with tools/install-helm.sh or set BULWARK_HELM"));
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "template",
                archive.component(),
                archive.file().toString(),
                "--include-crds",
                "--namespace",
                namespace,
                "--kube-version",
                KUBE_VERSION));
    for (Map.Entry<String, String> value : archive.source().crdValues().entrySet()) {
      command.add("--set");
      command.add(value.getKey() + "=" + value.getValue());
    }
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      process.getOutputStream().close();
      var errors = process.errorReader(StandardCharsets.UTF_8);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String error = errors.lines().reduce("", (a, b) -> a.isEmpty() ? b : a);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new ChartFetchException(
            "helm template of " + archive.component() + "'s chart failed: " + error);
      }
      return output;
    } catch (IOException e) {
      throw new ChartFetchException("cannot run " + binary + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChartFetchException("interrupted while templating " + archive.component(), e);
    }
  }

  /** The CustomResourceDefinition documents of a multi-document YAML stream. */
  static List<JsonNode> onlyCrds(String yaml) {
    List<JsonNode> crds = new ArrayList<>();
    try (var parser = YAML.createParser(yaml)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode doc = it.next();
        if (doc != null
            && "CustomResourceDefinition".equals(doc.path("kind").asText())
            && doc.path("apiVersion").asText().startsWith("apiextensions.k8s.io/")) {
          crds.add(doc);
        }
      }
    } catch (IOException e) {
      throw new ChartFetchException(
          "not readable YAML among the CRD documents: "
              + HelmRepositoryIndex.firstLine(e.getMessage()),
          e);
    }
    return crds;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ChartFetchException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String toYaml(List<JsonNode> crds) {
    StringBuilder yaml = new StringBuilder();
    for (JsonNode crd : crds) {
      try {
        yaml.append(YAML.writeValueAsString(crd));
      } catch (IOException e) {
        throw new IllegalStateException("a parsed CRD cannot be written back", e);
      }
    }
    return yaml.toString();
  }
}
