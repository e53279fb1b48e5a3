package dev.bulwark.catalog.charts;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads URLs: {@code http(s)://} with the JDK's client (redirects followed), {@code file:} from
 * disk.
 */
final class Downloads {

  /** A response: its status, body and headers that callers need. */
  record Response(int status, byte[] body, Optional<String> authenticate) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** GETs {@code uri}; an unreachable host is a {@link ChartFetchException} naming it. */
  Response get(URI uri, Map<String, String> headers) {
    if ("file".equals(uri.getScheme())) {
      try {
        return new Response(200, Files.readAllBytes(Path.of(uri)), Optional.empty());
      } catch (NoSuchFileException e) {
        return new Response(404, new byte[0], Optional.empty());
      } catch (IOException e) {
        throw new ChartFetchException("cannot read " + uri + ": " + e.getMessage(), e);
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET();
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("WWW-Authenticate"));
    } catch (IOException e) {
      throw new ChartFetchException(
          "cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " (" + reason(e) + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChartFetchException("interrupted while reading " + uri, e);
    }
  }

  /**
   * The first message down the cause chain ("connection refused", an unresolved host), else the
   * exception's kind.
   */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return HelmRepositoryIndex.firstLine(t.getMessage());
      }
    }
    return e instanceof ConnectException ? "no connection" : e.getClass().getSimpleName();
  }

  /** GETs {@code uri} and returns its body; anything but 2xx is a {@link ChartFetchException}. */
  byte[] body(URI uri) {
    Response response = get(uri, Map.of());
    if (!response.ok()) {
      throw new ChartFetchException(uri + " answered HTTP " + response.status());
    }
    return response.body();
  }
}
