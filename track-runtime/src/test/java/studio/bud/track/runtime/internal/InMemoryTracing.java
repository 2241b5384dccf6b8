package studio.bud.track.runtime.internal;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

/**
 * A real SDK whose finished spans land in an {@link InMemorySpanExporter}, installed as the
 * tracing state while open; for tests that drive {@link TrackedMethod} as generated code does.
 */
final class InMemoryTracing implements AutoCloseable {

  private static final long TIMEOUT_NANOS = SECONDS.toNanos(30);

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final OpenTelemetrySdk sdk;
  private final BlockingQueue<String> endedNames = new LinkedBlockingQueue<>();

  private InMemoryTracing() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .addSpanProcessor(new OnSpanEnd(span -> endedNames.add(span.getName())))
                    .build())
            .build();
  }

  /** Installs a fresh SDK as the tracing state. */
  static InMemoryTracing install() {
    InMemoryTracing tracing = new InMemoryTracing();
    TrackingState.clear();
    assertThat(TrackingState.install(new TrackingState.Active(tracing.sdk, null))).isTrue();
    return tracing;
  }

  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  SpanData onlySpan() {
    List<SpanData> spans = spans();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  SpanData span(String name) {
    List<SpanData> named =
        spans().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    assertThat(named).hasSize(1);
    return named.get(0);
  }

  /**
   * Runs the garbage collector until a span named {@code name} has ended (by the runtime's
   * cleaner), and returns it. Waits on the ended spans, never a fixed sleep; the deadline only
   * keeps a broken build from hanging.
   */
  SpanData awaitEndedByTheCollector(String name) {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    try {
      while (true) {
        assertThat(System.nanoTime()).as("span %s ended in time", name).isLessThan(deadline);
        System.gc();
        String ended = endedNames.poll(100, MILLISECONDS);
        if (name.equals(ended)) {
          return span(name);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    TrackingState.clear();
    sdk.close();
  }
}
