package dev.bulwark.policy.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's HTTP/1.1 as a client on one TLS connection sees it: requests sent back to back are
 * answered in their order, an oversized body is refused from its headers, and wrong methods and
 * paths get their status codes.
 */
class WebhookHttpTest {

  static TestCertificates certs;
  @TempDir static Path dir;

  WebhookServer server;

  @BeforeAll
  static void certificates() throws Exception {
    certs = TestCertificates.create(dir);
  }

  @BeforeEach
  void start() throws Exception {
    server = WebhookServerTest.serve(certs, WebhookConfig.FailurePolicy.FAIL, null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** One answer: status code, headers (lower-case names) and body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  @Test
  void requestsSentBackToBackAreAnsweredInTheirOrder() throws Exception {
    List<String> uids = new ArrayList<>();
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      String uid = "00000000-0000-4000-8000-" + String.format(Locale.ROOT, "%012d", i);
      uids.add(uid);
      // every other one denied, so that slow and fast evaluations interleave
      String pod = i % 2 == 0 ? WebhookServerTest.GOOD_POD : WebhookServerTest.PRIVILEGED_POD;
      String body =
          WebhookServerTest.review("team-a-dev", false, pod)
              .replace("705ab4f5-6393-11e8-b7cc-42010a800002", uid);
      requests.append(post(body));
    }
    try (SSLSocket socket = connect()) {
      socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      for (String uid : uids) {
        Answer answer = read(in);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(
                WebhookServerTest.JSON
                    .readTree(answer.body())
                    .path("response")
                    .path("uid")
                    .asText())
            .isEqualTo(uid);
      }
    }
  }

  @Test
  void aBodyLargerThanTheLimitIsRefusedFromItsHeadersAndCounted() throws Exception {
    try (SSLSocket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + (WebhookServer.MAX_BODY + 1)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(read(socket.getInputStream()).status()).isEqualTo(413);
    }
    assertThat(server.metrics().scrape())
        .contains("bulwark_webhook_requests_total{dry_run=\"false\",result=\"rejected\"} 1.0");
  }

  @Test
  void wrongMethodsAndPathsGetTheirStatusAndTheConnectionStaysUsable() throws Exception {
    try (SSLSocket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(request("GET", "/validate", "").getBytes(StandardCharsets.UTF_8));
      Answer get = read(in);
      assertThat(get.status()).isEqualTo(405);
      assertThat(get.body()).isEqualTo("POST an AdmissionReview\n");
      out.write(request("GET", "/nothing-here", "").getBytes(StandardCharsets.UTF_8));
      assertThat(read(in).status()).isEqualTo(404);
      out.write(request("GET", "/readyz?verbose", "").getBytes(StandardCharsets.UTF_8));
      Answer ready = read(in);
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.headers()).containsEntry("content-length", "6");
      assertThat(ready.body()).isEqualTo("ready\n");
    }
  }

  @Test
  void aClientThatAsksToCloseIsAnsweredAndClosed() throws Exception {
    try (SSLSocket socket = connect()) {
      String body = WebhookServerTest.review("team-a-dev", false, WebhookServerTest.GOOD_POD);
      socket
          .getOutputStream()
          .write(
              post(body)
                  .replace("Host: 127.0.0.1\r\n", "Host: 127.0.0.1\r\nConnection: close\r\n")
                  .getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      assertThat(read(in).status()).isEqualTo(200);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  private SSLSocket connect() throws Exception {
    SSLSocket socket =
        (SSLSocket)
            certs.clientContext().getSocketFactory().createSocket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  private static String post(String body) {
    return request("POST", "/validate", body);
  }

  private static String request(String method, String path, String body) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /** Reads one answer: the status line, headers and a body of Content-Length bytes. */
  private static Answer read(InputStream in) throws IOException {
    String status = line(in);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).trim());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new Answer(
        Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed in the middle of an answer");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
