package studio.bud.track.examples;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the spans that end, so that {@link Main} can print them as a tree. {@link
 * FinishedSpansCustomizer} adds this one instance to every SDK that OpenTelemetry autoconfigure
 * builds in this process ({@code Tracking.configure()} builds one), next to any exporter the
 * environment configures.
 *
 * <p>Process-wide because autoconfigure instantiates its customizers itself (through {@link
 * java.util.ServiceLoader}) and gives the example no handle on them. At most {@value #MAX_KEPT}
 * spans are kept until {@link #takeAll} empties the list, so a forgotten collector cannot grow
 * without bound.
 */
final class FinishedSpans implements SpanProcessor {

  static final FinishedSpans INSTANCE = new FinishedSpans();

  static final int MAX_KEPT = 10_000;

  private final List<SpanData> finished = new ArrayList<>();

  /** Spans started and not yet ended: what {@link #takeAll} waits for. */
  private int open;

  private FinishedSpans() {}

  @Override
  public synchronized void onStart(Context parentContext, ReadWriteSpan span) {
    open++;
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public synchronized void onEnd(ReadableSpan span) {
    open = Math.max(0, open - 1);
    if (finished.size() < MAX_KEPT) {
      finished.add(span.toSpanData());
    }
    notifyAll();
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /**
   * Returns the spans that ended since the last call, and forgets them. Waits (at most {@code
   * timeout}) for spans still open first: the span of an asynchronous call ends in a completion
   * callback, which can run a moment after the caller's {@code join()} has returned.
   */
  synchronized List<SpanData> takeAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      long remaining;
      while (open > 0 && (remaining = deadline - System.nanoTime()) > 0) {
        wait(Math.max(1, remaining / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<SpanData> taken = List.copyOf(finished);
    finished.clear();
    return taken;
  }
}
