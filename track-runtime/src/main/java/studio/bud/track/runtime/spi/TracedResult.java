package studio.bud.track.runtime.spi;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;

/**
 * The span of one call whose result a {@link ResultAdapter} follows: what the adapter records
 * through, from any thread.
 *
 * <p>Every method is guarded: it never throws (a failure inside OpenTelemetry or rendering is
 * reported like any tracing failure and swallowed), so an adapter can call it from the framework's
 * callbacks without a try block. The span ends exactly once, with the first of {@link #completed},
 * {@link #value}, {@link #failed} or {@link #cancelled} (or the cleaner of {@link
 * #endWhenUnreachable}); after that every recording method is a no-op, so racing signals (a
 * cancellation after the last element) need no coordination. Content capture rules (the output
 * filters, {@code captureOutput}, the length limit) are applied here, not by the adapter.
 *
 * <p>Implemented by the runtime only.
 */
public interface TracedResult {

  /**
   * Makes the call's span current on this thread until the returned scope is closed, so that spans
   * started meanwhile (a tool the model calls, work a subscriber does inside {@code onNext}) become
   * its children. Use it around the framework's callbacks and signals, in a try-with-resources
   * block; closing the scope never throws either. Still works after the span ended.
   */
  Scope makeCurrent();

  /**
   * Counts a streamed element ({@code bud.track.yield_count}) and keeps it while the output can
   * still use it; memory stays bounded however many elements pass. Ignored for a {@link
   * ResultAdapter.Kind#VALUE} result.
   *
   * <p>The elements of one result are reported one at a time, as a Reactive Streams subscriber's
   * {@code onNext} signals and a callback stream's callbacks arrive (so counting takes no lock);
   * the other methods may race with them.
   */
  void element(Object item);

  /**
   * The result ran to its end. A stream: {@code bud.track.generator_completed} = {@code true}, the
   * aggregated elements as the output, status OK. A value: status OK without output (an empty
   * {@code Mono}).
   */
  void completed();

  /**
   * The result produced {@code value}: recorded as the output, by the same rules as a plain
   * method's result (a {@code Map} gives one attribute per entry), status OK. For a stream, the
   * same as {@link #element} followed by {@link #completed}.
   */
  void value(Object value);

  /** The result failed with {@code error}: an {@code exception} event, status ERROR. */
  void failed(Throwable error);

  /**
   * The consumer gave up before the end. A stream: {@code bud.track.generator_completed} = {@code
   * false}; a value: {@code bud.track.cancelled} = {@code true}. The status is left unset.
   */
  void cancelled();

  /**
   * Sets an attribute on the span, such as the GenAI attributes of a response ({@code
   * gen_ai.usage.input_tokens}). Ignored once the span has ended, for a {@code null} key or value,
   * and when the span does not record.
   */
  <T> void attribute(AttributeKey<T> key, T value);

  /**
   * Ends the span once {@code owner} (the wrapper handed to the caller) becomes unreachable without
   * the span having ended: a stream as {@link #cancelled}, a value with {@code
   * bud.track.abandoned} = {@code true}; the status is left unset. So a result nobody consumes
   * still loses no span. The cleaner keeps no reference to {@code owner}; the adapter must keep
   * {@code owner} reachable (from the subscriber or callback it registers) while the framework is
   * still working for it.
   */
  void endWhenUnreachable(Object owner);

  /**
   * Reports a failure of the adapter's own recording (reading metadata that a framework object
   * fails to give), like any tracing failure: the first one of a configuration as a warning, later
   * ones at debug level. For the adapter's try blocks around framework calls whose failure must not
   * reach the caller.
   */
  void reportFailure(String where, Throwable failure);

  /** Whether the span has ended; after that, recording methods are no-ops. */
  boolean isEnded();

  /**
   * Whether the span records (it may be sampled out): an adapter can skip reading metadata that
   * would be dropped anyway.
   */
  boolean isRecording();
}
