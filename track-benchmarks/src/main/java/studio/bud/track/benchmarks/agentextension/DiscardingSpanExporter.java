package studio.bud.track.benchmarks.agentextension;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SpanExporter} that drops every batch it is handed, counting the spans. Behind a
 * {@code BatchSpanProcessor} it makes the SDK do all the work of recording and batching, with no
 * network or logging to distort the measurement.
 */
public final class DiscardingSpanExporter implements SpanExporter {

  private static final AtomicLong EXPORTED = new AtomicLong();

  /** Spans handed to any instance of this exporter in this JVM so far. */
  public static long exportedSpans() {
    return EXPORTED.get();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    EXPORTED.addAndGet(spans.size());
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
