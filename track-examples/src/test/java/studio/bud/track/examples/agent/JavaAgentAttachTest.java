package studio.bud.track.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, point 4, with the real OpenTelemetry Java agent: a child JVM started with {@code
 * -javaagent} calls {@code Tracking.configure()} in the default {@code auto} mode, which attaches
 * to the agent's OpenTelemetry. The agent exports (OTLP over HTTP) to a receiver on loopback in
 * this JVM, which also serves the URL the tracked call fetches.
 *
 * <p>The child names an exporter in {@code OTEL_TRACES_EXPORTER} that only the agent ships ({@code
 * logging-otlp}) and sets {@code BUD_BASE_URL}: building a second SDK would fail on the first and
 * export to the second, attaching does neither.
 */
class JavaAgentAttachTest {

  /** How long the child JVM may run; it takes a few seconds, mostly the agent's start. */
  private static final long CHILD_TIMEOUT_SECONDS = 120;

  private static final String SERVICE_NAME = "agent-child";

  private final List<byte[]> traceExports = new CopyOnWriteArrayList<>();
  private final List<String> budCollectorRequests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private String baseUrl;

  @TempDir Path workDirectory;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hello", exchange -> respond(exchange, 200, "hi from loopback"));
    server.createContext(
        "/v1/traces",
        exchange -> {
          traceExports.add(decompressed(exchange));
          respond(exchange, 200, "");
        });
    server.createContext(
        "/bud-collector",
        exchange -> {
          budCollectorRequests.add(exchange.getRequestURI().getPath());
          respond(exchange, 200, "");
        });
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void autoModeAttachesToTheAgentSoTrackedSpansCarryItsResourceAndParentItsHttpClientSpans()
      throws Exception {
    Path agent = Path.of(System.getProperty("track.javaagent"));
    assertThat(agent).isRegularFile();
    Path output = workDirectory.resolve("child.log");

    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent.toAbsolutePath(),
                // A short-lived JVM: the C1 compiler alone starts faster.
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                AgentChild.class.getName(),
                baseUrl + "/hello")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("OTEL_") || name.startsWith("BUD_"));
    environment.put("OTEL_SERVICE_NAME", SERVICE_NAME);
    environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", baseUrl);
    environment.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    environment.put("OTEL_TRACES_EXPORTER", "otlp,logging-otlp");
    environment.put("OTEL_METRICS_EXPORTER", "none");
    environment.put("OTEL_LOGS_EXPORTER", "none");
    environment.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    // Only the instrumentations this test needs (the application API bridge and the JDK
    // HttpClient), which shortens the agent's start.
    environment.put("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false");
    environment.put("OTEL_INSTRUMENTATION_OPENTELEMETRY_API_ENABLED", "true");
    environment.put("OTEL_INSTRUMENTATION_JAVA_HTTP_CLIENT_ENABLED", "true");
    environment.put("BUD_BASE_URL", baseUrl + "/bud-collector");

    Process child = builder.start();
    boolean exited = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      child.destroyForcibly().waitFor();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(exited)
        .as("child exited within %d s; its output:%n%s", CHILD_TIMEOUT_SECONDS, log)
        .isTrue();
    assertThat(child.exitValue()).as("child's exit status; its output:%n%s", log).isZero();
    assertThat(log)
        .contains("fetched: hi from loopback")
        .contains(
            "BUD_OTEL_MODE=auto, tracing with the OpenTelemetry installed as GlobalOpenTelemetry");

    List<ResourceSpans> exported = new ArrayList<>();
    for (byte[] body : traceExports) {
      exported.addAll(ExportTraceServiceRequest.parseFrom(body).getResourceSpansList());
    }
    Span tracked = onlySpan(exported, span -> span.getName().equals("Fetcher.fetch"), log);
    Span httpClient =
        onlySpan(exported, span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT, log);

    Resource trackedResource = resourceOf(exported, tracked);
    assertThat(stringAttribute(trackedResource.getAttributesList(), "service.name"))
        .isEqualTo(SERVICE_NAME);
    assertThat(stringAttribute(trackedResource.getAttributesList(), "telemetry.distro.name"))
        .as("the agent's resource")
        .isEqualTo("opentelemetry-java-instrumentation");
    assertThat(trackedResource).isEqualTo(resourceOf(exported, httpClient));
    assertThat(stringAttribute(tracked.getAttributesList(), "bud.track.type")).isEqualTo("tool");

    assertThat(httpClient.getTraceId()).isEqualTo(tracked.getTraceId());
    assertThat(httpClient.getParentSpanId())
        .as("the agent's HTTP client span is a child of the tracked span")
        .isEqualTo(tracked.getSpanId());
    assertThat(stringAttribute(httpClient.getAttributesList(), "url.full"))
        .isEqualTo(baseUrl + "/hello");

    assertThat(budCollectorRequests).as("attach exports as the agent is configured").isEmpty();
  }

  private static Span onlySpan(
      List<ResourceSpans> exported, java.util.function.Predicate<Span> matching, String log) {
    List<Span> found = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ResourceSpans resourceSpans : exported) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          names.add(span.getName() + " (" + span.getKind() + ")");
          if (matching.test(span)) {
            found.add(span);
          }
        }
      }
    }
    assertThat(found).as("exported spans %s; child output:%n%s", names, log).hasSize(1);
    return found.get(0);
  }

  private static Resource resourceOf(List<ResourceSpans> exported, Span wanted) {
    for (ResourceSpans resourceSpans : exported) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        if (scopeSpans.getSpansList().contains(wanted)) {
          return resourceSpans.getResource();
        }
      }
    }
    throw new AssertionError("no resource holds " + wanted.getName());
  }

  private static String stringAttribute(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(attribute -> attribute.getKey().equals(key))
        .map(attribute -> attribute.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }

  private static byte[] decompressed(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      if (!"gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        return body;
      }
      try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return gunzip.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }
}
