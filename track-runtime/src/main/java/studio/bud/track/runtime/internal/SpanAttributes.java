package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The {@code bud.track.*} attributes the runtime sets on a span, in one place, so that the names a
 * trace viewer shows are read here and nowhere else. The exception event's attributes are
 * OpenTelemetry's own names and stay with {@link ExceptionEvent}.
 */
final class SpanAttributes {

  /** The {@code Track.type()} of the traced method, when it is not empty. */
  static final AttributeKey<String> TYPE = AttributeKey.stringKey("bud.track.type");

  /** Followed by a parameter's name: that argument's rendering. */
  static final String INPUT_PREFIX = "bud.track.input.";

  /** The rendered result. */
  static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");

  /** Followed by a map key: that entry of a map result, rendered. */
  static final String OUTPUT_PREFIX = "bud.track.output.";

  /** Set when an asynchronous or adapted result was cancelled. */
  static final AttributeKey<Boolean> CANCELLED = AttributeKey.booleanKey("bud.track.cancelled");

  /** Set when a result was collected before it completed, so its span ended unfinished. */
  static final AttributeKey<Boolean> ABANDONED = AttributeKey.booleanKey("bud.track.abandoned");

  /** How many elements a streamed result yielded. */
  static final AttributeKey<Long> YIELD_COUNT = AttributeKey.longKey("bud.track.yield_count");

  /** Whether a streamed result ran to its end, rather than failing or being closed early. */
  static final AttributeKey<Boolean> COMPLETED =
      AttributeKey.booleanKey("bud.track.generator_completed");

  private SpanAttributes() {}
}
