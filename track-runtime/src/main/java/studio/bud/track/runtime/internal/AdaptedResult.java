package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import studio.bud.track.Track;
import studio.bud.track.runtime.spi.ResultAdapter;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * The runtime's {@link TracedResult}: the span of one call whose result an adapter follows. A
 * {@linkplain ResultAdapter.Kind#STREAM stream} records through a {@link FollowedStream}, exactly
 * as an {@code Iterator} or {@code Flow.Publisher} result does; a {@linkplain
 * ResultAdapter.Kind#VALUE value} ends like a {@code CompletionStage}'s span.
 */
final class AdaptedResult implements TracedResult {

  private final Span span;
  private final Context context;
  /** Non-null exactly for a stream. */
  private final FollowedStream followed;
  private final boolean captureOutput;
  private final Set<String> outputInclude;
  private final boolean recording;
  /** A value's end; a stream's is its followed stream's. */
  private final AtomicBoolean ended = new AtomicBoolean();

  private volatile Cleaner.Cleanable cleanable;

  private AdaptedResult(
      Span span,
      Context context,
      ResultAdapter.Kind kind,
      boolean captureOutput,
      Set<String> outputInclude,
      Track.Aggregator aggregator) {
    this.span = span;
    this.context = context;
    this.recording = SpanOutcome.recording(span);
    this.captureOutput = captureOutput;
    this.outputInclude = outputInclude;
    this.followed =
        kind == ResultAdapter.Kind.STREAM
            ? new FollowedStream(span, context, captureOutput, aggregator)
            : null;
  }

  /**
   * The handle for {@code span}, or {@code null} when there is nothing to follow (tracing was
   * switched off during the call, or a failure), in which case the result is a plain value.
   * Called while the span is still current.
   */
  static AdaptedResult of(
      Span span,
      ResultAdapter.Kind kind,
      boolean captureOutput,
      Set<String> outputInclude,
      Track.Aggregator aggregator) {
    try {
      if (!span.getSpanContext().isValid()) {
        return null;
      }
      return new AdaptedResult(
          span, Context.current().with(span), kind, captureOutput, outputInclude, aggregator);
    } catch (Throwable failure) {
      Failures.report("following an adapted result", failure);
      return null;
    }
  }

  /**
   * Runs {@code adapter} on {@code result} and returns what the caller gets: the adapted result,
   * or {@code result} itself (with the span ended as for a plain value) when the adapter throws or
   * breaks its contract. The one unchecked cast of the adapter path lives here: the adapter was
   * matched by the method's exact erased result class, and its answer is checked against that
   * class, so the caller's implicit cast to its declared type cannot fail.
   */
  @SuppressWarnings("unchecked")
  <T> T adapt(ResultAdapter<?> adapter, Class<?> resultType, T result) {
    Object adapted;
    try {
      adapted = ((ResultAdapter<Object>) adapter).adapt(result, this);
    } catch (Throwable failure) {
      Failures.report("adapting a " + resultType.getName() + " result", failure);
      fallBack(result);
      return result;
    }
    if (!resultType.isInstance(adapted)) {
      Failures.report(
          "adapting a " + resultType.getName() + " result",
          new IllegalStateException(
              adapter.getClass().getName()
                  + " returned "
                  + (adapted == null ? "null" : adapted.getClass().getName())));
      fallBack(result);
      return result;
    }
    return (T) adapted;
  }

  /** The adapter failed: the span ends as for a plain value, and later recordings are no-ops. */
  private void fallBack(Object result) {
    if (followed != null) {
      followed.closedEarly();
    } else if (ended.compareAndSet(false, true)) {
      if (captureOutput) {
        SpanOutcome.output(span, result, outputInclude);
      }
      SpanOutcome.ok(span);
      forgetOwner();
    }
  }

  @Override
  public Scope makeCurrent() {
    Scope scope;
    try {
      scope = context.makeCurrent();
    } catch (Throwable failure) {
      Failures.report("making a span current", failure);
      return Scope.noop();
    }
    return () -> {
      try {
        scope.close();
      } catch (Throwable failure) {
        Failures.report("closing a scope", failure);
      }
    };
  }

  @Override
  public void element(Object item) {
    if (followed == null) {
      return;
    }
    try {
      followed.element(item);
    } catch (Throwable failure) {
      Failures.report("counting a streamed element", failure);
    }
  }

  @Override
  public void completed() {
    if (followed != null) {
      followed.completed();
    } else if (ended.compareAndSet(false, true)) {
      SpanOutcome.ok(span);
      forgetOwner();
    }
  }

  @Override
  public void value(Object value) {
    if (followed != null) {
      element(value);
      followed.completed();
    } else if (ended.compareAndSet(false, true)) {
      if (captureOutput) {
        SpanOutcome.output(span, value, outputInclude);
      }
      SpanOutcome.ok(span);
      forgetOwner();
    }
  }

  @Override
  public void failed(Throwable error) {
    if (error == null) {
      error = new NullPointerException("failed(null)");
    }
    if (followed != null) {
      followed.failed(error);
    } else if (ended.compareAndSet(false, true)) {
      SpanOutcome.error(span, error);
      forgetOwner();
    }
  }

  @Override
  public void cancelled() {
    if (followed != null) {
      followed.closedEarly();
    } else {
      endValueFlagged(SpanAttributes.CANCELLED, "recording a cancellation");
    }
  }

  @Override
  public <T> void attribute(AttributeKey<T> key, T value) {
    if (key == null || value == null || !recording || isEnded()) {
      return;
    }
    try {
      span.setAttribute(key, value);
    } catch (Throwable failure) {
      Failures.report("setting an attribute", failure);
    }
  }

  @Override
  public void endWhenUnreachable(Object owner) {
    if (owner == null) {
      return;
    }
    if (followed != null) {
      followed.endWhenUnreachable(owner);
      return;
    }
    try {
      cleanable = Cleaners.get().register(owner, new Abandoned(this));
    } catch (Throwable failure) {
      Failures.report("watching an adapted result", failure);
    }
    if (isEnded()) {
      forgetOwner(); // ended while registering: nothing left to watch
    }
  }

  @Override
  public void reportFailure(String where, Throwable failure) {
    Failures.report(String.valueOf(where), failure);
  }

  @Override
  public boolean isEnded() {
    return followed != null ? followed.isEnded() : ended.get();
  }

  @Override
  public boolean isRecording() {
    return recording;
  }

  /** Ends a value's span with {@code flag} = {@code true} and the status unset. */
  private void endValueFlagged(AttributeKey<Boolean> flag, String where) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    if (recording) {
      try {
        span.setAttribute(flag, true);
      } catch (Throwable failure) {
        Failures.report(where, failure);
      }
    }
    SpanOutcome.end(span);
    forgetOwner();
  }

  private void forgetOwner() {
    Cleaner.Cleanable registered = cleanable;
    if (registered != null) {
      registered.clean(); // runs Abandoned, a no-op now, and forgets the owner
    }
  }

  /** The cleaner's action: holds the handle, never the owner. */
  private static final class Abandoned implements Runnable {
    private final AdaptedResult result;

    Abandoned(AdaptedResult result) {
      this.result = result;
    }

    @Override
    public void run() {
      result.endValueFlagged(SpanAttributes.ABANDONED, "recording an abandoned result");
    }
  }
}
