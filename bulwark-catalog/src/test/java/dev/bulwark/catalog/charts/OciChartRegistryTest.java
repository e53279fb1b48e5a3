package dev.bulwark.catalog.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.catalog.Source;
import dev.bulwark.testkit.charts.ChartMirror;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart pulled from an OCI registry on 127.0.0.1 that speaks the distribution API: an anonymous
 * bearer token first, then the manifest with the Helm media types, then the blob.
 */
class OciChartRegistryTest {

  @TempDir Path cacheDir;

  /**
   * A registry holding envoyproxy/gateway-helm:v1.9.0 whose chart layer is {@code served} (named by
   * {@code named}'s digest).
   */
  private static HttpServer registry(byte[] served, byte[] named) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String digest = Sha256.digest(named);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext(
        "/token",
        exchange -> {
          boolean asked =
              exchange
                  .getRequestURI()
                  .getQuery()
                  .contains("scope=repository:envoyproxy/gateway-helm:pull");
          reply(
              exchange,
              asked ? 200 : 400,
              "{\"token\":\"anonymous-pull\"}".getBytes(StandardCharsets.UTF_8));
        });
    server.createContext(
        "/v2/",
        exchange -> {
          if (!"Bearer anonymous-pull"
              .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange
                .getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    "Bearer realm=\""
                        + base
                        + "/token\",service=\"test\",scope=\"repository:envoyproxy/gateway-helm:pull\"");
            reply(exchange, 401, new byte[0]);
            return;
          }
          String path = exchange.getRequestURI().getPath();
          if (path.equals("/v2/envoyproxy/gateway-helm/manifests/v1.9.0")
              && exchange
                  .getRequestHeaders()
                  .getFirst("Accept")
                  .contains(OciChartRegistry.MANIFEST_TYPE)) {
            String manifest =
                "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\",\"digest\":\"sha256:"
                    + "1".repeat(64)
                    + "\",\"size\":2},\"layers\":[{\"mediaType\":\""
                    + OciChartRegistry.CHART_LAYER_TYPE
                    + "\",\"digest\":\""
                    + digest
                    + "\",\"size\":"
                    + named.length
                    + "}]}";
            reply(exchange, 200, manifest.getBytes(StandardCharsets.UTF_8));
          } else if (path.equals("/v2/envoyproxy/gateway-helm/blobs/" + digest)) {
            reply(exchange, 200, served);
          } else {
            reply(exchange, 404, new byte[0]);
          }
        });
    server.start();
    return server;
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  private static Source source(HttpServer server, String version) {
    return new Source(
        Source.Type.OCI,
        "oci://127.0.0.1:" + server.getAddress().getPort() + "/envoyproxy",
        "gateway-helm",
        null,
        version);
  }

  @Test
  void pullsTheChartLayerWithAnAnonymousTokenAndChecksItsDigest() throws Exception {
    byte[] chart = Files.readAllBytes(ChartMirror.folder().resolve("gateway-helm-v1.9.0.tgz"));
    HttpServer server = registry(chart, chart);
    try {
      Archive archive =
          new ChartArchives(new ArchiveCache(cacheDir), Optional.empty())
              .obtain("envoy-gateway", source(server, "v1.9.0"));
      assertThat(Files.readAllBytes(archive.file())).isEqualTo(chart);
      assertThat(archive.digest()).isEqualTo(Sha256.digest(chart));
      assertThat(archive.origin())
          .endsWith("/v2/envoyproxy/gateway-helm/blobs/" + Sha256.digest(chart));
      assertThatThrownBy(
              () ->
                  new ChartArchives(new ArchiveCache(cacheDir.resolve("other")), Optional.empty())
                      .obtain("envoy-gateway", source(server, "v1.9.1")))
          .hasMessageEndingWith(
              "/envoyproxy/gateway-helm:v1.9.1 not found (HTTP 404 for its manifest)");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBlobThatDoesNotMatchTheManifestDigestIsRefused() throws Exception {
    byte[] chart = Files.readAllBytes(ChartMirror.folder().resolve("gateway-helm-v1.9.0.tgz"));
    byte[] other = "not the chart".getBytes(StandardCharsets.UTF_8);
    HttpServer server = registry(other, chart);
    try {
      assertThatThrownBy(
              () ->
                  new ChartArchives(new ArchiveCache(cacheDir), Optional.empty())
                      .obtain("envoy-gateway", source(server, "v1.9.0")))
          .isInstanceOf(ChartFetchException.class)
          .hasMessageContaining(
              "has digest "
                  + Sha256.digest(other)
                  + " but its manifest names "
                  + Sha256.digest(chart)
                  + "; refused");
    } finally {
      server.stop(0);
    }
  }
}
