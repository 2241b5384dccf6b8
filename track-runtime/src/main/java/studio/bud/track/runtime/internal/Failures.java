package studio.bud.track.runtime.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports a failure inside tracing itself (a broken OpenTelemetry implementation, an aggregator
 * that throws, ...). The traced call never sees it: the first one of each configuration is logged
 * as a warning with its stack trace, later ones only at debug level, so a broken tracer cannot
 * flood the log. A new {@code Tracking.configure} starts over, so a fresh configuration's first
 * failure is never hidden by an old one's.
 *
 * <p>Where a span must still be handed on or ended after a failure, the call to {@link #report}
 * sits in a {@code try} of its own: at the edge of the stack (a caller that recursed deep) the call
 * itself can overflow, and that must not lose the span or reach the caller.
 */
final class Failures {

  // The name studio.bud.track.runtime.TrackingLog logs under; a handle of its own, since that
  // class is package-private to the public package.
  private static final System.Logger LOG = System.getLogger("studio.bud.track");
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  private Failures() {}

  /** The next failure is logged as a warning again; called when a configuration is installed. */
  static void reset() {
    REPORTED.set(false);
  }

  static void report(String where, Throwable failure) {
    try {
      if (REPORTED.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "Tracing failed in " + where + "; the traced call is unaffected."
                + " Later tracing failures are logged at DEBUG level only.",
            failure);
      } else {
        LOG.log(Level.DEBUG, "Tracing failed in " + where, failure);
      }
    } catch (Throwable ignored) {
      // A broken logging setup must not reach the traced call either, nor an Error raised while
      // logging (a stack overflow in the caller's deep recursion): the caller's own throwable
      // must stay the one it sees.
    }
  }
}
