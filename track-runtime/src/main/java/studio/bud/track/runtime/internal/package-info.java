/**
 * What generated {@code Traced*} wrappers call: internal API, public only because generated code
 * lives in the user's packages. Not for users; it may change in any release.
 *
 * <h2>How a call passes through the runtime</h2>
 *
 * <ol>
 *   <li>The generated wrapper asks {@link studio.bud.track.runtime.Tracking#isConfigured()}, the
 *       one cheap check; when tracing is off it calls the delegate and nothing else.
 *   <li>{@link studio.bud.track.runtime.internal.TrackedMethod}, one static descriptor per traced
 *       method, built once by the generated class: {@code start} opens the span with the tracer of
 *       the configuration in {@link studio.bud.track.runtime.internal.TrackingState}, {@code input}
 *       records each argument, {@code enter} makes the span current.
 *   <li>The generated wrapper calls the delegate.
 *   <li>{@code failed} or {@code returned...} ends the call. A plain result ends the span at once
 *       through {@code SpanOutcome} (output attributes, status) and, for a failure, {@code
 *       ExceptionEvent} (the bounded {@code exception} event); values are rendered by {@link
 *       studio.bud.track.runtime.internal.Repr}, masked and switched off by {@link
 *       studio.bud.track.runtime.internal.Content}.
 *   <li>An asynchronous result ({@code CompletionStage}) is followed by {@code TracedStage}, which
 *       ends the span when the stage completes, or marks it abandoned when the stage is collected
 *       first.
 *   <li>A streamed result is followed by one {@code FollowedStream}, which counts and keeps the
 *       elements and ends the span once; {@code TracedIterator}, {@code TracedStreams} and {@code
 *       TracedPublisher} wrap the {@code Iterator}, {@code Stream} and {@code Flow.Publisher} and
 *       report each element and the end to it.
 *   <li>A result of a framework type is handed by {@code ResultAdapters} to the {@link
 *       studio.bud.track.runtime.spi.ResultAdapter} that claims it, which reports to an {@code
 *       AdaptedResult} (a stream through a {@code FollowedStream}, a value like a stage).
 *   <li>Every failure inside tracing itself, at any step, goes to {@code Failures}, which logs it
 *       and never lets it reach the traced call.
 * </ol>
 *
 * <p>The span attribute names are in {@code SpanAttributes}; the configuration (the active
 * OpenTelemetry, the length limits) in {@link studio.bud.track.runtime.internal.TrackingState}.
 */
package studio.bud.track.runtime.internal;
