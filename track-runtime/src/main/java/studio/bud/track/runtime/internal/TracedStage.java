package studio.bud.track.runtime.internal;

import io.opentelemetry.api.trace.Span;
import java.lang.ref.Cleaner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Follows the {@link CompletionStage} a traced method returned: ends the span when the stage
 * completes, or, if the stage becomes unreachable without ever completing, once the collector finds
 * it ({@code bud.track.abandoned} = {@code true}, status unset), so that no span is lost.
 *
 * <p>One object is both the stage's completion callback and the cleaner's action. The stage holds
 * it; it holds only the span and the method, never the stage, so that following a stage does not
 * keep it reachable.
 */
final class TracedStage implements BiFunction<Object, Throwable, Void>, Runnable {

  private final TrackedMethod method;
  private final Span span;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Cleaner.Cleanable cleanable;

  private TracedStage(TrackedMethod method, Span span) {
    this.method = method;
    this.span = span;
  }

  /** Starts following {@code stage}; never throws. */
  static void follow(TrackedMethod method, Span span, CompletionStage<?> stage) {
    TracedStage traced = new TracedStage(method, span);
    // A future that is already complete runs the callback at once, inside handle: nothing to
    // watch, and no registration to make and cancel again.
    if (!alreadyDone(stage)) {
      try {
        // Registered first: a stage that completes meanwhile runs the callback at once, which
        // then finds the registration to cancel.
        traced.cleanable = Cleaners.get().register(stage, traced);
      } catch (Throwable failure) {
        Failures.report("watching an asynchronous result", failure);
      }
    }
    try {
      // handle, not whenComplete: whenComplete completes its own stage with a new
      // CompletionException(error), whose constructor calls error.toString(); a toString() that
      // throws would then escape to the thread that completed the caller's stage.
      stage.handle(traced);
    } catch (Throwable failure) {
      Failures.report("following an asynchronous result", failure);
      traced.end();
    }
  }

  /** Whether {@code stage} is a {@link CompletableFuture} known to be complete; never throws. */
  private static boolean alreadyDone(CompletionStage<?> stage) {
    try {
      return stage instanceof CompletableFuture && ((CompletableFuture<?>) stage).isDone();
    } catch (Throwable hostile) {
      return false; // a subclass's isDone() that throws: watch it, as any stage
    }
  }

  /** The stage completed. */
  @Override
  public Void apply(Object value, Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return null;
    }
    try {
      method.completedAsync(span, value, error);
    } catch (Throwable failure) {
      Failures.report("recording an asynchronous result", failure);
    }
    forget();
    return null;
  }

  /** The cleaner's action: the stage became unreachable without completing. */
  @Override
  public void run() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      span.setAttribute(SpanAttributes.ABANDONED, true);
    } catch (Throwable failure) {
      Failures.report("recording an abandoned result", failure);
    }
    SpanOutcome.end(span);
  }

  /** Following failed: the span ends as it is. */
  private void end() {
    if (ended.compareAndSet(false, true)) {
      SpanOutcome.end(span);
      forget();
    }
  }

  /** Drops the cleaner's registration, so that it holds nothing once the span has ended. */
  private void forget() {
    Cleaner.Cleanable registered = cleanable;
    if (registered != null) {
      try {
        registered.clean(); // runs run(), a no-op now
      } catch (Throwable failure) {
        Failures.report("watching an asynchronous result", failure);
      }
    }
  }
}
