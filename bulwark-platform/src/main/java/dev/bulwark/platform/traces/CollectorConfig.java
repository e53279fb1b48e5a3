package dev.bulwark.platform.traces;

import dev.bulwark.platform.stack.Values;
import java.util.Map;

/**
 * The OpenTelemetry collector's pipeline as Bulwark runs it: OTLP in on both protocols, batched,
 * and forwarded over OTLP/gRPC to one exporter endpoint. Built as the collector's configuration
 * tree directly, so nothing is written as YAML text and parsed back.
 *
 * @param exporterEndpoint {@code host:port} of the OTLP/gRPC endpoint that receives the traces
 */
record CollectorConfig(String exporterEndpoint) {

  static final int OTLP_GRPC_PORT = 4317;
  static final int OTLP_HTTP_PORT = 4318;
  private static final String RECEIVER = "otlp";
  private static final String PROCESSOR = "batch";
  private static final String EXPORTER = "otlp/jaeger";

  /** The {@code config} field of an OpenTelemetryCollector. */
  Map<String, Object> toValues() {
    return Values.map(
        "receivers",
            Values.map(
                RECEIVER,
                Values.map(
                    "protocols",
                    Values.map(
                        "grpc", Values.map("endpoint", "0.0.0.0:" + OTLP_GRPC_PORT),
                        "http", Values.map("endpoint", "0.0.0.0:" + OTLP_HTTP_PORT)))),
        "processors", Values.map(PROCESSOR, Values.map()),
        "exporters",
            Values.map(
                EXPORTER,
                Values.map(
                    "endpoint",
                    exporterEndpoint,
                    // Jaeger's OTLP port inside the cluster serves plain gRPC.
                    "tls",
                    Values.map("insecure", true))),
        "service",
            Values.map(
                "pipelines",
                Values.map(
                    "traces",
                    Values.map(
                        "receivers", Values.list(RECEIVER),
                        "processors", Values.list(PROCESSOR),
                        "exporters", Values.list(EXPORTER)))));
  }
}
