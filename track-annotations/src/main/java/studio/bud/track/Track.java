package studio.bud.track;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * Traces calls of an interface method as OpenTelemetry spans.
 *
 * <p>Put {@code @Track} on a method of an interface (or on the interface, to track every method
 * with the same settings). The {@code track-processor} annotation processor then generates
 * {@code Traced<Interface>} next to it, whose {@code wrap(delegate)} returns a view of any
 * implementation in which each tracked call runs inside a span carrying its inputs, its output
 * and its error. A method's own {@code @Track} replaces the interface's for that method
 * entirely.
 *
 * <pre>{@code
 * interface Assistant {
 *   @Track(type = "llm")
 *   String ask(String question);
 * }
 *
 * Assistant assistant = TracedAssistant.wrap(new OpenAiAssistant());
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Track {

  /** The span name; empty means {@code <Interface>.<method>}, e.g. {@code Outer.Inner.ask}. */
  String name() default "";

  /** The OpenTelemetry tracer (instrumentation scope) name. */
  String tracerName() default "bud";

  /** Whether arguments are recorded as {@code bud.track.input.<parameter>}. */
  boolean captureInput() default true;

  /** Only these parameters are recorded; empty means all of them. */
  String[] captureInputInclude() default {};

  /** These parameters are never recorded (applied after {@link #captureInputInclude()}). */
  String[] ignoreArguments() default {};

  /** Whether the result is recorded as {@code bud.track.output} (or one attribute per map entry). */
  boolean captureOutput() default true;

  /** When the result is a {@link java.util.Map}, only these keys are recorded. */
  String[] captureOutputInclude() default {};

  /** When non-empty, recorded as {@code bud.track.type}: {@code llm}, {@code tool}, {@code chain}, ... */
  String type() default "";

  /** Static attributes as {@code "key=value"}, set verbatim on every span of the method. */
  String[] attributes() default {};

  /**
   * For streaming results ({@code Iterator}, {@code Stream}, {@code Flow.Publisher}): turns the
   * elements into the recorded output. {@code Track.Aggregator.class} itself means the built-in
   * rule: the concatenation when every element is a {@link CharSequence}, else the list.
   */
  Class<? extends Aggregator> generationsAggregator() default Aggregator.class;

  /**
   * The span kind. An LLM or HTTP call made by the method is usually {@link Kind#CLIENT}, as the
   * OpenTelemetry GenAI conventions have it; the default, {@link Kind#INTERNAL}, suits work done
   * in-process.
   */
  Kind kind() default Kind.INTERNAL;

  /**
   * The OpenTelemetry span kinds, mirrored here so that this annotation jar depends on nothing;
   * each constant becomes the {@code SpanKind} of the same name.
   */
  enum Kind {
    /** Work inside the application (the default). */
    INTERNAL,
    /** A call to a remote service: an LLM, an HTTP or database client. */
    CLIENT,
    /** The handling of a remote call. */
    SERVER,
    /** The sending of a message that is handled later. */
    PRODUCER,
    /** The handling of a message that a producer sent. */
    CONSUMER
  }

  /**
   * Sets one typed span attribute from the argument of this parameter, in addition to (not
   * instead of) {@code bud.track.input.<parameter>}. The parameter's method must be tracked.
   *
   * <p>The attribute type follows the parameter's declared type: {@code long} for {@code byte},
   * {@code short}, {@code int}, {@code long} and their boxes; {@code double} for {@code float},
   * {@code double} and their boxes; {@code boolean} for {@code boolean} and {@code Boolean}; a
   * string for a {@link CharSequence} or an enum ({@code toString()}); the matching array
   * attribute for arrays and {@link List}s of those; and for any other type the same rendering as
   * {@code bud.track.input.*}. A {@code null} argument sets nothing. The value is set on the span
   * builder, before the span starts, so samplers see it; and it stays when content capture is
   * switched off ({@code Tracking.setCaptureContent(false)}), since the key was chosen explicitly.
   *
   * <pre>{@code
   * @Track(kind = Track.Kind.CLIENT, type = "llm")
   * String chat(
   *     @Track.Attribute("gen_ai.request.model") String model,
   *     @Track.Attribute("gen_ai.request.temperature") double temperature,
   *     String prompt);
   * }</pre>
   */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.PARAMETER)
  @interface Attribute {
    /** The attribute key: non-blank and outside the reserved {@code bud.track.} prefix. */
    String value();
  }

  /**
   * Turns the elements of a streamed result into one output value. Implementations need a public
   * no-argument constructor; generated code creates one instance per method with {@code new}.
   */
  interface Aggregator {
    /** Returns the value to record for {@code items}, the elements in the order they came. */
    Object aggregate(List<Object> items);
  }
}
