package studio.bud.track.processor;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import studio.bud.track.runtime.Tracking;

/**
 * A real OpenTelemetry SDK whose finished spans land in an {@link InMemorySpanExporter},
 * configured into {@link Tracking} before each test and removed after it.
 */
final class TracingExtension implements BeforeEachCallback, AfterEachCallback {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SpanLimits limits;
  private OpenTelemetrySdk sdk;

  TracingExtension() {
    this(SpanLimits.getDefault());
  }

  TracingExtension(SpanLimits limits) {
    this.limits = limits;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setSpanLimits(limits)
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    Tracking.configure(sdk);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Tracking.shutdown();
    sdk.close();
    exporter.reset();
  }

  /** The finished spans, in the order they ended. */
  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  /** The one finished span; fails unless exactly one ended. */
  SpanData onlySpan() {
    List<SpanData> spans = spans();
    if (spans.size() != 1) {
      throw new AssertionError("expected one span, got " + names(spans));
    }
    return spans.get(0);
  }

  SpanData span(String name) {
    List<SpanData> matching =
        spans().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    if (matching.size() != 1) {
      throw new AssertionError("expected one span named " + name + ", got " + names(spans()));
    }
    return matching.get(0);
  }

  static boolean isRoot(SpanData span) {
    return span.getParentSpanId().equals(SpanId.getInvalid());
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).collect(Collectors.toList());
  }
}
