package dev.bulwark.catalog.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls a Helm chart from an OCI registry with the distribution API, as {@code helm pull oci://}
 * does: the manifest of the tag, then the blob of its chart layer, whose digest is checked.
 * Anonymous pull tokens ({@code WWW-Authenticate: Bearer}) are fetched when the registry asks.
 */
final class OciChartRegistry {

  static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  static final String CHART_LAYER_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** A pulled chart: its archive and the layer digest the manifest names (already checked). */
  record Pulled(URI blob, byte[] archive, String digest) {}

  private final Downloads downloads;

  OciChartRegistry(Downloads downloads) {
    this.downloads = downloads;
  }

  /** Pulls {@code chart} at {@code version} from {@code oci://host/path}. */
  Pulled pull(String repository, String chart, String version) {
    String reference = repository.substring("oci://".length());
    String host =
        reference.contains("/") ? reference.substring(0, reference.indexOf('/')) : reference;
    String name =
        (reference.contains("/") ? reference.substring(reference.indexOf('/') + 1) + "/" : "")
            + chart;
    URI base = URI.create(scheme(host) + "://" + apiHost(host) + "/v2/" + name + "/");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", MANIFEST_TYPE);
    Downloads.Response manifest = authorised(base.resolve("manifests/" + version), headers);
    if (manifest.status() == 404 && version.startsWith("v")) {
      manifest = authorised(base.resolve("manifests/" + version.substring(1)), headers);
    }
    if (!manifest.ok()) {
      throw new ChartFetchException(
          repository
              + "/"
              + chart
              + ":"
              + version
              + " not found (HTTP "
              + manifest.status()
              + " for its manifest)");
    }
    String digest = chartLayerDigest(manifest.body(), repository + "/" + chart + ":" + version);
    URI blob = base.resolve("blobs/" + digest);
    Downloads.Response layer = authorised(blob, headers);
    if (!layer.ok()) {
      throw new ChartFetchException(blob + " answered HTTP " + layer.status());
    }
    String actual = Sha256.digest(layer.body());
    if (!actual.equals(digest)) {
      throw new ChartFetchException(
          blob + " has digest " + actual + " but its manifest names " + digest + "; refused");
    }
    return new Pulled(blob, layer.body(), digest);
  }

  private Downloads.Response authorised(URI uri, Map<String, String> headers) {
    Downloads.Response response = downloads.get(uri, headers);
    if (response.status() == 401
        && response.authenticate().filter(a -> a.startsWith("Bearer ")).isPresent()) {
      headers.put("Authorization", "Bearer " + anonymousToken(response.authenticate().get()));
      response = downloads.get(uri, headers);
    }
    return response;
  }

  private String anonymousToken(String challenge) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    StringBuilder url = new StringBuilder(params.getOrDefault("realm", ""));
    String separator = "?";
    for (String key : new String[] {"service", "scope"}) {
      if (params.containsKey(key)) {
        url.append(separator)
            .append(key)
            .append('=')
            .append(URLEncoder.encode(params.get(key), StandardCharsets.UTF_8));
        separator = "&";
      }
    }
    try {
      JsonNode token = JSON.readTree(downloads.body(URI.create(url.toString())));
      return Optional.ofNullable(token.path("token").textValue())
          .orElse(token.path("access_token").asText());
    } catch (IOException e) {
      throw new ChartFetchException(
          "the registry's token service " + params.get("realm") + " answered no JSON", e);
    }
  }

  private static String chartLayerDigest(byte[] manifest, String what) {
    try {
      for (JsonNode layer : JSON.readTree(manifest).path("layers")) {
        if (CHART_LAYER_TYPE.equals(layer.path("mediaType").asText())) {
          return layer.path("digest").asText();
        }
      }
    } catch (IOException e) {
      throw new ChartFetchException("the manifest of " + what + " is not JSON", e);
    }
    throw new ChartFetchException(
        "the manifest of " + what + " has no Helm chart layer (" + CHART_LAYER_TYPE + ")");
  }

  /**
   * Plain HTTP only for a registry on this machine (tests, a local mirror registry), as helm's
   * --plain-http.
   */
  private static String scheme(String host) {
    return host.startsWith("127.0.0.1") || host.startsWith("localhost") ? "http" : "https";
  }

  /** Docker Hub serves the registry API from registry-1.docker.io. */
  private static String apiHost(String host) {
    return host.equals("docker.io") ? "registry-1.docker.io" : host;
  }
}
