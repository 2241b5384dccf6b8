package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import studio.bud.track.Track;

/**
 * The span of one streamed result ({@code Iterator}, {@code Stream}, {@code Flow.Publisher}):
 * counts the elements, keeps as many as the output needs, and ends the span exactly once, however
 * the stream ends: exhausted, failed, closed early, or dropped and collected.
 */
final class Generation {

  static final AttributeKey<Long> YIELD_COUNT = AttributeKey.longKey("bud.track.yield_count");
  static final AttributeKey<Boolean> COMPLETED =
      AttributeKey.booleanKey("bud.track.generator_completed");

  private final Span span;
  private final Context context;
  private final boolean captureOutput;
  private final Track.Aggregator aggregator;
  private final int maxLength;
  private final AtomicBoolean ended = new AtomicBoolean();

  // Guarded by this: a parallel stream reports elements from several threads.
  private long count;
  private List<Object> kept;
  private boolean allText = true;
  private long keptChars;

  private Cleaner.Cleanable cleanable;

  /**
   * @param context the context to make current while the source produces: the span's own
   */
  Generation(Span span, Context context, boolean captureOutput, Track.Aggregator aggregator) {
    this.span = span;
    this.context = context;
    this.captureOutput = captureOutput && span.isRecording() && Content.captures();
    this.aggregator = aggregator;
    this.maxLength = TrackingState.maxAttributeLength();
    this.kept = this.captureOutput ? new ArrayList<>() : null;
  }

  /**
   * Ends the span as abandoned (completed {@code false}) once {@code owner}, the wrapper handed to
   * the caller, becomes unreachable without having finished.
   */
  void endWhenUnreachable(Object owner) {
    try {
      cleanable = Cleaners.INSTANCE.register(owner, this::closedEarly);
    } catch (Throwable failure) {
      Failures.report("watching a streamed result", failure);
    }
  }

  /** Makes the span current while the source produces; never throws. */
  Scope enter() {
    try {
      return context.makeCurrent();
    } catch (Throwable failure) {
      Failures.report("making a span current", failure);
      return Scope.noop();
    }
  }

  /** Counts an element, and keeps it while the output can still use it. */
  synchronized void element(Object item) {
    count++;
    if (kept == null) {
      return;
    }
    if (!(item instanceof CharSequence)) {
      allText = false;
    } else {
      keptChars += length((CharSequence) item);
    }
    if (kept.size() <= maxLength && keptChars <= maxLength) {
      kept.add(item);
    }
  }

  /**
   * The length of a streamed text, which is the caller's element and must reach the caller even
   * when its {@code length()} throws: it then counts as no text (the output renders the list, the
   * broken element as unrepresentable).
   */
  private int length(CharSequence text) {
    try {
      return text.length();
    } catch (Throwable hostile) {
      allText = false;
      return 0;
    }
  }

  boolean isEnded() {
    return ended.get();
  }

  /** The source is exhausted: completed {@code true}, status OK. */
  void completed() {
    finish(true, null);
  }

  /** The source failed: the error is recorded, status ERROR. */
  void failed(Throwable error) {
    finish(false, error);
  }

  /** Closed, cancelled or dropped before the end: completed {@code false}, status unset. */
  void closedEarly() {
    finish(false, null);
  }

  private void finish(boolean completed, Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      if (span.isRecording()) {
        synchronized (this) {
          span.setAttribute(YIELD_COUNT, count);
          span.setAttribute(COMPLETED, completed);
          if (kept != null && count > 0) {
            SpanOutcome.renderedOutput(span, renderOutput());
          }
          kept = null;
        }
      }
    } catch (Throwable failure) {
      Failures.report("recording a streamed result", failure);
    }
    if (error != null) {
      SpanOutcome.error(span, error);
    } else if (completed) {
      SpanOutcome.ok(span);
    } else {
      SpanOutcome.end(span);
    }
    Cleaner.Cleanable registered = cleanable;
    if (registered != null) {
      registered.clean(); // runs closedEarly(), a no-op now, and forgets the owner
    }
  }

  private String renderOutput() {
    List<Object> items = Collections.unmodifiableList(kept);
    if (aggregator != null) {
      try {
        return Repr.of(aggregator.aggregate(items), maxLength);
      } catch (Throwable failure) {
        return Repr.of(safeToString(items), maxLength);
      }
    }
    if (allText) {
      StringBuilder text = new StringBuilder();
      try {
        for (Object item : items) {
          text.append((CharSequence) item, 0, Math.min(((CharSequence) item).length(), maxLength + 1));
          if (text.length() > maxLength) {
            break;
          }
        }
        return Repr.of(text, maxLength);
      } catch (Throwable hostile) {
        // A CharSequence that fails to produce its characters: render the list, where it shows
        // as unrepresentable in place and the other elements still appear.
      }
    }
    return Repr.of(items, maxLength);
  }

  /** {@code String.valueOf(items)}, or the items' repr when an element's {@code toString()} throws. */
  private static Object safeToString(List<Object> items) {
    try {
      return String.valueOf(items);
    } catch (Throwable failure) {
      return items;
    }
  }

  /** One cleaner thread for the whole runtime, started only once a streamed result is traced. */
  private static final class Cleaners {
    static final Cleaner INSTANCE = Cleaner.create();
  }
}
