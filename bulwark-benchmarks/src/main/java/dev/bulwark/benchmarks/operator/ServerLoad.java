package dev.bulwark.benchmarks.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the control plane spent, read from outside the operator: the API server's own request
 * counter ({@code apiserver_request_total} of its {@code /metrics}, every client's requests by
 * verb) and the CPU time of each control-plane process and of this JVM. Two snapshots give a
 * window's requests per second and where the machine's CPU went, which the operator's write counter
 * alone cannot show (reads, watches and the other clients' requests).
 */
record ServerLoad(Map<String, Long> requestsByVerb, Map<String, Duration> cpuByProcess) {

  private static final Pattern REQUEST_LINE =
      Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
  private static final Pattern VERB = Pattern.compile("(?:^|,)verb=\"([A-Z]+)\"");
  private static final String[] PROCESSES = {"kube-apiserver", "etcd", "kube-controller-manager"};

  /** {@code planeDir}: the control plane's state folder, where it keeps each process's pid. */
  static ServerLoad read(KubernetesClient client, Path planeDir) {
    return new ServerLoad(requests(client), cpu(planeDir));
  }

  long requests() {
    return requestsByVerb.values().stream().mapToLong(Long::longValue).sum();
  }

  /** What this window added to {@code before}. */
  ServerLoad since(ServerLoad before) {
    Map<String, Long> verbs = new TreeMap<>();
    requestsByVerb.forEach(
        (verb, count) -> verbs.put(verb, count - before.requestsByVerb.getOrDefault(verb, 0L)));
    Map<String, Duration> cpu = new TreeMap<>();
    cpuByProcess.forEach(
        (process, used) ->
            cpu.put(process, used.minus(before.cpuByProcess.getOrDefault(process, Duration.ZERO))));
    return new ServerLoad(verbs, cpu);
  }

  /** Requests by verb as {@code VERB n}, and CPU-s by process, for one Markdown cell each. */
  String requestsText() {
    StringBuilder text = new StringBuilder();
    requestsByVerb.forEach(
        (verb, count) -> {
          if (count > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(verb).append(' ').append(count);
          }
        });
    return text.toString();
  }

  String cpuText() {
    StringBuilder text = new StringBuilder();
    cpuByProcess.forEach(
        (process, used) ->
            text.append(text.isEmpty() ? "" : ", ")
                .append(process)
                .append(String.format(" %.1f", used.toMillis() / 1000.0)));
    return text.toString();
  }

  private static Map<String, Long> requests(KubernetesClient client) {
    var http = client.getHttpClient();
    String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/metrics";
    HttpRequest request = http.newHttpRequestBuilder().uri(url).build();
    HttpResponse<String> response;
    try {
      response = http.sendAsync(request, String.class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + url, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot read " + url, e.getCause());
    }
    if (response.code() != 200) {
      throw new IllegalStateException(url + " answered " + response.code());
    }
    Map<String, Long> byVerb = new TreeMap<>();
    for (String line : response.body().split("\n")) {
      Matcher sample = REQUEST_LINE.matcher(line);
      if (!sample.matches()) {
        continue;
      }
      Matcher verb = VERB.matcher(sample.group(1));
      if (verb.find()) {
        byVerb.merge(verb.group(1), (long) Double.parseDouble(sample.group(2)), Long::sum);
      }
    }
    return byVerb;
  }

  /**
   * CPU time so far of this control plane's processes (by the pid files its script writes) and of
   * this JVM; a process that is gone or unreadable is left out.
   */
  private static Map<String, Duration> cpu(Path planeDir) {
    Map<String, Duration> byProcess = new TreeMap<>();
    for (String name : PROCESSES) {
      Path pidFile = planeDir.resolve(name + ".pid");
      try {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid)
            .flatMap(process -> process.info().totalCpuDuration())
            .ifPresent(used -> byProcess.put(name, used));
      } catch (IOException | NumberFormatException e) {
        // not started by this plane (or already gone): nothing to count
      }
    }
    ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .ifPresent(used -> byProcess.put("this JVM (operator and driver)", used));
    return byProcess;
  }
}
