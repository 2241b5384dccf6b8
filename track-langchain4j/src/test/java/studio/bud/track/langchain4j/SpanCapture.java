package studio.bud.track.langchain4j;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import studio.bud.track.runtime.Tracking;

/**
 * A real OpenTelemetry SDK configured into {@link Tracking} for each test, its finished spans in
 * an {@link InMemorySpanExporter}, and the names of ended spans in a queue to wait on.
 */
final class SpanCapture implements BeforeEachCallback, AfterEachCallback {

  static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");
  static final AttributeKey<Long> YIELD_COUNT = AttributeKey.longKey("bud.track.yield_count");
  static final AttributeKey<Boolean> COMPLETED =
      AttributeKey.booleanKey("bud.track.generator_completed");
  static final AttributeKey<Boolean> CANCELLED = AttributeKey.booleanKey("bud.track.cancelled");
  static final AttributeKey<Boolean> ABANDONED = AttributeKey.booleanKey("bud.track.abandoned");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
  private OpenTelemetrySdk sdk;

  @Override
  public void beforeEach(ExtensionContext context) {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .addSpanProcessor(new EndedNames())
                    .build())
            .build();
    Tracking.configure(sdk);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Tracking.shutdown();
    sdk.close();
  }

  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  SpanData span(String name) {
    List<SpanData> matching =
        spans().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    if (matching.size() != 1) {
      throw new AssertionError("expected one span named " + name + ", got " + spans());
    }
    return matching.get(0);
  }

  List<SpanData> spans(String name) {
    return spans().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
  }

  /** Runs the collector until a span named {@code name} ends; never a fixed sleep. */
  SpanData awaitEndedByTheCollector(String name) {
    long deadline = System.nanoTime() + SECONDS.toNanos(30);
    try {
      while (System.nanoTime() < deadline) {
        System.gc();
        if (name.equals(ended.poll(100, MILLISECONDS))) {
          return span(name);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("span " + name + " was not ended by the collector in time");
  }

  private final class EndedNames implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.add(span.getName());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
