package studio.bud.track.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.internal.TrackingState;

/**
 * {@link Tracking#configure()} (in {@code auto} mode with nothing installed globally, so it builds
 * an SDK) against a real OTLP/HTTP receiver: a JDK {@link HttpServer} on the loopback interface
 * that records what the exporter sends.
 */
class OtlpExportTest {

  /** One HTTP request as the receiver saw it. */
  private record Received(
      String method, String path, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> String.join(",", entry.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private HttpServer receiver;
  private String endpoint;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          // An empty 200 is a full success for OTLP/HTTP.
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    Tracking.shutdown();
    receiver.stop(0);
  }

  @Test
  void spanIsExportedGzippedWithOtlpHttpProtobufToBaseUrlWhenShutdownFlushes() throws Exception {
    Map<String, String> environment =
        Map.of(
            "BUD_BASE_URL", endpoint + "/",
            "BUD_API_KEY", "secret-key",
            "BUD_OTEL_SERVICE_NAME", "assistant-service",
            "OTEL_SERVICE_NAME", "loses-to-bud-otel-service-name");

    Tracking.configure(environment::get);
    assertThat(Tracking.isConfigured()).isTrue();
    OpenTelemetry openTelemetry = TrackingState.active().openTelemetry();
    Span span = openTelemetry.getTracer("bud").spanBuilder("Assistant.ask").startSpan();
    span.setAttribute("bud.track.input.question", "\"Why is the sky blue?\"");
    span.end();

    Tracking.shutdown();

    // No waiting needed: shutdown() returns only after the export got its response, while the
    // batch processor on its own would have waited 5 s. So this also proves that shutdown flushes.
    assertThat(received).as("requests received when shutdown() returned").hasSize(1);
    Received request = received.remove();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/traces");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.header("Authorization")).isEqualTo("Bearer secret-key");
    assertThat(request.header("X-Bud-SDK-Version"))
        .isEqualTo(System.getProperty("track.expectedVersion"))
        .isNotBlank();

    ResourceSpans resourceSpans = onlyResourceSpans(request);
    assertThat(stringAttribute(resourceSpans.getResource().getAttributesList(), "service.name"))
        .isEqualTo("assistant-service");
    assertThat(resourceSpans.getScopeSpansList()).hasSize(1);
    ScopeSpans scopeSpans = resourceSpans.getScopeSpans(0);
    assertThat(scopeSpans.getScope().getName()).isEqualTo("bud");
    assertThat(scopeSpans.getSpansList()).hasSize(1);
    io.opentelemetry.proto.trace.v1.Span exported = scopeSpans.getSpans(0);
    assertThat(exported.getName()).isEqualTo("Assistant.ask");
    assertThat(stringAttribute(exported.getAttributesList(), "bud.track.input.question"))
        .isEqualTo("\"Why is the sky blue?\"");

    Span afterShutdown = openTelemetry.getTracer("bud").spanBuilder("late").startSpan();
    assertThat(afterShutdown.isRecording()).as("shutdown() closed the SDK").isFalse();
    afterShutdown.end();
  }

  @Test
  void settingsGivenInCodeExportWithTheDefaultServiceNameAndNoKey() throws Exception {
    Map<String, String> environment = Map.of("BUD_BASE_URL", "http://127.0.0.1:9/unused");

    Tracking.configure(
        TrackingConfig.builder().collectorEndpoint(endpoint).build(), environment::get);
    TrackingState.active()
        .openTelemetry()
        .getTracer("bud")
        .spanBuilder("Tool.run")
        .startSpan()
        .end();
    Tracking.shutdown();

    assertThat(received).hasSize(1);
    Received request = received.remove();
    assertThat(request.path()).isEqualTo("/v1/traces");
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.header("X-Bud-SDK-Version")).isNotBlank();
    ResourceSpans resourceSpans = onlyResourceSpans(request);
    assertThat(stringAttribute(resourceSpans.getResource().getAttributesList(), "service.name"))
        .isEqualTo("bud-sdk-client");
    assertThat(resourceSpans.getScopeSpans(0).getSpans(0).getName()).isEqualTo("Tool.run");
  }

  @Test
  void otelServiceNameNamesTheServiceWhenBudOtelServiceNameIsMissing() throws Exception {
    Map<String, String> environment =
        Map.of("BUD_BASE_URL", endpoint, "OTEL_SERVICE_NAME", "otel-named");

    Tracking.configure(environment::get);
    TrackingState.active()
        .openTelemetry()
        .getTracer("bud")
        .spanBuilder("Tool.run")
        .startSpan()
        .end();
    Tracking.shutdown();

    ResourceSpans resourceSpans = onlyResourceSpans(received.remove());
    assertThat(stringAttribute(resourceSpans.getResource().getAttributesList(), "service.name"))
        .isEqualTo("otel-named");
  }

  @Test
  void disabledByBudOtelEnabledIsConfiguredButSendsNothing() {
    Map<String, String> environment = Map.of("BUD_BASE_URL", endpoint, "BUD_OTEL_ENABLED", "no");

    Tracking.configure(environment::get);
    assertThat(Tracking.isConfigured()).isTrue();
    Span span =
        TrackingState.active()
            .openTelemetry()
            .getTracer("bud")
            .spanBuilder("Assistant.ask")
            .startSpan();
    assertThat(span.isRecording()).isFalse();
    span.end();

    Tracking.shutdown();

    // shutdown() returns only after any export completed, so an empty receiver now stays empty.
    assertThat(Tracking.isConfigured()).isFalse();
    assertThat(received).isEmpty();
  }

  /** Gunzips and decodes the export, which must hold spans of one resource. */
  private static ResourceSpans onlyResourceSpans(Received request) throws IOException {
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    byte[] body;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
      body = in.readAllBytes();
    }
    ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body);
    assertThat(export.getResourceSpansList()).hasSize(1);
    return export.getResourceSpans(0);
  }

  private static String stringAttribute(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(attribute -> attribute.getKey().equals(key))
        .map(attribute -> attribute.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }
}
