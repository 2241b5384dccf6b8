package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import studio.bud.track.Track;

/**
 * One {@code @Track} method as generated code sees it: its span name, tracer, static attributes
 * and capture settings, all resolved once (generated classes keep one in a static field), and
 * the steps of a traced call.
 *
 * <p>Internal API: public only for generated code; not for users, and it may change in any
 * release. Every method here is guarded: a failure inside OpenTelemetry or rendering is
 * {@linkplain Failures reported} and swallowed, so the traced call always returns or throws
 * exactly what its delegate did. A generated call looks like this:
 *
 * <pre>{@code
 * Span span = ASK.start();
 * ASK.input(span, 0, question);
 * Scope scope = ASK.enter(span);
 * String result;
 * try {
 *   result = this.delegate.ask(question);
 * } catch (Throwable t) {
 *   ASK.failed(span, scope, t);
 *   throw t;
 * }
 * ASK.returned(span, scope, result);
 * return result;
 * }</pre>
 *
 * <p>A method with {@code @Track.Attribute} parameters starts its span in three steps instead of
 * {@link #start()}, so that the typed attributes are on the span builder, where samplers see them:
 *
 * <pre>{@code
 * SpanBuilder builder = ASK.spanBuilder();
 * ASK.stringAttribute(builder, 0, model);
 * Span span = ASK.start(builder);
 * }</pre>
 */
public final class TrackedMethod {

  /** The most elements an array attribute of a {@code @Track.Attribute} keeps. */
  static final int MAX_ARRAY_ELEMENTS = 128;
  private static final String SETTING_ATTRIBUTE = "setting a @Track.Attribute value";

  private final String spanName;
  private final String tracerName;
  /** {@code null} for {@link SpanKind#INTERNAL}, the builder's own default. */
  private final SpanKind kind;
  private final String type;
  private final List<AttributeKey<String>> staticKeys;
  private final List<String> staticValues;
  private final List<AttributeKey<String>> inputKeys;
  /** The keys of the {@code @Track.Attribute} parameters, typed as the generated calls set them. */
  private final AttributeKey<?>[] argumentKeys;
  private final boolean captureOutput;
  private final Set<String> outputInclude;
  private final Track.Aggregator aggregator;
  /** The declared result class an adapter may follow; {@code null}: a plain value, no lookup. */
  private final Class<?> resultType;

  /** The adapter of the configuration it was resolved in; replaced when that changes. */
  private volatile ResultAdapters.Resolved cachedAdapter;

  /** The tracer of the configuration it was taken from; replaced when that changes. */
  private volatile CachedTracer cachedTracer;

  private TrackedMethod(Builder builder) {
    this.spanName = builder.spanName;
    this.tracerName = builder.tracerName;
    this.kind = builder.kind == SpanKind.INTERNAL ? null : builder.kind;
    this.type = builder.type;
    this.argumentKeys = builder.argumentKeys.toArray(new AttributeKey<?>[0]);
    this.staticKeys = List.copyOf(builder.staticKeys);
    this.staticValues = List.copyOf(builder.staticValues);
    List<AttributeKey<String>> inputs = new ArrayList<>();
    for (String parameter : builder.inputs) {
      inputs.add(AttributeKey.stringKey(SpanAttributes.INPUT_PREFIX + parameter));
    }
    this.inputKeys = List.copyOf(inputs);
    this.captureOutput = builder.captureOutput;
    this.outputInclude = builder.outputInclude == null ? null : Set.copyOf(builder.outputInclude);
    this.aggregator = builder.aggregator;
    this.resultType = builder.resultType;
  }

  /** Starts describing the method whose spans are named {@code spanName}. */
  public static Builder named(String spanName) {
    return new Builder(spanName);
  }

  String spanName() {
    return spanName;
  }

  // ---------------------------------------------------------------------------------------------
  // The steps of a traced call, in order.

  /**
   * Starts the span, a child of the current context, with {@code bud.track.type} and the static
   * attributes. Returns the invalid (no-op) span if tracing was switched off meanwhile or the
   * tracer failed, and a span that does not record (sampled out) as the API's non-recording span
   * with the same context, which the later steps recognize without asking it again.
   */
  public Span start() {
    return start(spanBuilder());
  }

  /**
   * The first of the three steps that replace {@link #start()} for a method with {@code
   * Track.Attribute} parameters: the span builder (name and kind set), or {@code null} if tracing
   * was switched off meanwhile or the tracer failed; the attribute setters and {@link
   * #start(SpanBuilder)} accept that {@code null}.
   */
  public SpanBuilder spanBuilder() {
    try {
      TrackingState.Active active = TrackingState.active();
      if (active == null) {
        return null;
      }
      SpanBuilder builder = tracer(active).spanBuilder(spanName);
      if (kind != null) {
        builder.setSpanKind(kind);
      }
      return builder;
    } catch (Throwable failure) {
      Failures.report("starting a span", failure);
      return null;
    }
  }

  /** {@link #start()} from a builder of {@link #spanBuilder()}, after its attributes are set. */
  public Span start(SpanBuilder builder) {
    if (builder == null) {
      return Span.getInvalid();
    }
    Span span;
    try {
      span = builder.startSpan();
      if (span == null) {
        throw new NullPointerException("SpanBuilder.startSpan() returned null");
      }
    } catch (Throwable failure) {
      Failures.report("starting a span", failure);
      return Span.getInvalid();
    }
    // A separate guard: once started, the span is handed on whatever happens here, so that the
    // call's later steps still end it. Returning the invalid span instead would lose it.
    try {
      // The one isRecording() of the call; later steps check SpanOutcome.recording instead.
      if (!span.isRecording()) {
        return SpanOutcome.nonRecordingAsWrapped(span);
      }
      if (type != null) {
        span.setAttribute(SpanAttributes.TYPE, type);
      }
      for (int i = 0; i < staticKeys.size(); i++) {
        span.setAttribute(staticKeys.get(i), staticValues.get(i));
      }
    } catch (Throwable failure) {
      try {
        Failures.report("setting static attributes", failure);
      } catch (Throwable stackExhausted) {
        // see Failures: the span must still be handed on or ended
      }
    }
    return span;
  }

  /** Records argument {@code index} of the captured inputs (in {@link Builder#inputs} order). */
  public void input(Span span, int index, Object value) {
    Content content = Content.current();
    if (SpanOutcome.recording(span) && content.capture) {
      setInput(span, index, Repr.of(value), content);
    }
  }

  /** Records a {@code char} argument. */
  public void input(Span span, int index, char value) {
    Content content = Content.current();
    if (SpanOutcome.recording(span) && content.capture) {
      setInput(span, index, Repr.of(value), content);
    }
  }

  /** Records a {@code long} (or {@code int}, {@code short}, {@code byte}) argument without boxing. */
  public void input(Span span, int index, long value) {
    Content content = Content.current();
    if (SpanOutcome.recording(span) && content.capture) {
      setInput(span, index, Repr.of(value), content);
    }
  }

  /** Records a {@code double} argument without boxing. */
  public void input(Span span, int index, double value) {
    Content content = Content.current();
    if (SpanOutcome.recording(span) && content.capture) {
      setInput(span, index, Repr.of(value), content);
    }
  }

  /** Records a {@code float} argument without boxing. */
  public void input(Span span, int index, float value) {
    Content content = Content.current();
    if (SpanOutcome.recording(span) && content.capture) {
      setInput(span, index, Repr.of(value), content);
    }
  }

  /** Records a {@code boolean} argument without boxing. */
  public void input(Span span, int index, boolean value) {
    Content content = Content.current();
    if (SpanOutcome.recording(span) && content.capture) {
      setInput(span, index, Repr.of(value), content);
    }
  }

  private void setInput(Span span, int index, String rendered, Content content) {
    try {
      AttributeKey<String> key = inputKeys.get(index);
      String masked = content.apply(key, rendered);
      if (masked != null) {
        span.setAttribute(key, masked);
      }
    } catch (Throwable failure) {
      try {
        Failures.report("recording an input", failure);
      } catch (Throwable stackExhausted) {
        // see Failures: the span must still be handed on or ended
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // @Track.Attribute values, set on the span builder between spanBuilder() and start(builder).
  // The processor picks the setter from the parameter's declared type, so none of them tests a
  // type; index counts the Builder#argumentAttribute calls. A null builder (tracing off) or a null
  // argument sets nothing. Strings are cut like any attribute; arrays keep their first
  // MAX_ARRAY_ELEMENTS elements and leave out null elements, which attribute arrays cannot hold.

  /** A {@code long}, {@code int}, {@code short} or {@code byte} argument, as a long attribute. */
  public void longAttribute(SpanBuilder builder, int index, long value) {
    if (builder != null) {
      try {
        builder.setAttribute(this.<Long>argumentKey(index), value);
      } catch (Throwable failure) {
        Failures.report(SETTING_ATTRIBUTE, failure);
      }
    }
  }

  /** A {@code Long}, {@code Integer}, {@code Short} or {@code Byte} argument, as a long attribute. */
  public void longAttribute(SpanBuilder builder, int index, Number value) {
    if (value != null) {
      longAttribute(builder, index, value.longValue());
    }
  }

  /** A {@code double} or {@code float} argument, as a double attribute. */
  public void doubleAttribute(SpanBuilder builder, int index, double value) {
    if (builder != null) {
      try {
        builder.setAttribute(this.<Double>argumentKey(index), value);
      } catch (Throwable failure) {
        Failures.report(SETTING_ATTRIBUTE, failure);
      }
    }
  }

  /** A {@code Double} or {@code Float} argument, as a double attribute. */
  public void doubleAttribute(SpanBuilder builder, int index, Number value) {
    if (value != null) {
      doubleAttribute(builder, index, value.doubleValue());
    }
  }

  /** A {@code boolean} argument. */
  public void booleanAttribute(SpanBuilder builder, int index, boolean value) {
    if (builder != null) {
      try {
        builder.setAttribute(this.<Boolean>argumentKey(index), value);
      } catch (Throwable failure) {
        Failures.report(SETTING_ATTRIBUTE, failure);
      }
    }
  }

  /** A {@code Boolean} argument. */
  public void booleanAttribute(SpanBuilder builder, int index, Boolean value) {
    if (value != null) {
      booleanAttribute(builder, index, value.booleanValue());
    }
  }

  /** A {@link CharSequence} or enum argument, as its {@code toString()}. */
  public void stringAttribute(SpanBuilder builder, int index, Object value) {
    if (builder != null && value != null) {
      setArgument(builder, index, text(value));
    }
  }

  /** Any other argument, rendered as {@code bud.track.input.*} renders it. */
  public void reprAttribute(SpanBuilder builder, int index, Object value) {
    if (builder != null && value != null) {
      setArgument(builder, index, Repr.of(value));
    }
  }

  /** The first elements (at most {@code MAX_ARRAY_ELEMENTS}) of a primitive array, as longs. */
  private static List<Long> longs(int length, IntToLongFunction element) {
    List<Long> list = new ArrayList<>(Math.min(length, MAX_ARRAY_ELEMENTS));
    for (int i = 0; i < length && i < MAX_ARRAY_ELEMENTS; i++) {
      list.add(element.applyAsLong(i));
    }
    return list;
  }

  /** The first elements (at most {@code MAX_ARRAY_ELEMENTS}) of a primitive array, as doubles. */
  private static List<Double> doubles(int length, IntToDoubleFunction element) {
    List<Double> list = new ArrayList<>(Math.min(length, MAX_ARRAY_ELEMENTS));
    for (int i = 0; i < length && i < MAX_ARRAY_ELEMENTS; i++) {
      list.add(element.applyAsDouble(i));
    }
    return list;
  }

  /** A {@code long[]} argument. */
  public void longArrayAttribute(SpanBuilder builder, int index, long[] values) {
    if (builder != null && values != null) {
      setArgument(builder, index, longs(values.length, i -> values[i]));
    }
  }

  /** An {@code int[]} argument. */
  public void longArrayAttribute(SpanBuilder builder, int index, int[] values) {
    if (builder != null && values != null) {
      setArgument(builder, index, longs(values.length, i -> values[i]));
    }
  }

  /** A {@code short[]} argument. */
  public void longArrayAttribute(SpanBuilder builder, int index, short[] values) {
    if (builder != null && values != null) {
      setArgument(builder, index, longs(values.length, i -> values[i]));
    }
  }

  /** A {@code byte[]} argument. */
  public void longArrayAttribute(SpanBuilder builder, int index, byte[] values) {
    if (builder != null && values != null) {
      setArgument(builder, index, longs(values.length, i -> values[i]));
    }
  }

  /** A {@code Long[]}, {@code Integer[]}, {@code Short[]} or {@code Byte[]} argument. */
  public void longArrayAttribute(SpanBuilder builder, int index, Number[] values) {
    if (builder != null && values != null) {
      longArrayAttribute(builder, index, Arrays.asList(values));
    }
  }

  /** A {@code List} of {@code Long}, {@code Integer}, {@code Short} or {@code Byte}. */
  public void longArrayAttribute(SpanBuilder builder, int index, List<? extends Number> values) {
    if (builder != null && values != null) {
      try {
        List<Long> list = new ArrayList<>();
        for (Number value : values) {
          if (list.size() == MAX_ARRAY_ELEMENTS) {
            break;
          }
          if (value != null) {
            list.add(value.longValue());
          }
        }
        setArgument(builder, index, list);
      } catch (Throwable failure) {
        Failures.report(SETTING_ATTRIBUTE, failure);
      }
    }
  }

  /** A {@code double[]} argument. */
  public void doubleArrayAttribute(SpanBuilder builder, int index, double[] values) {
    if (builder != null && values != null) {
      setArgument(builder, index, doubles(values.length, i -> values[i]));
    }
  }

  /** A {@code float[]} argument. */
  public void doubleArrayAttribute(SpanBuilder builder, int index, float[] values) {
    if (builder != null && values != null) {
      setArgument(builder, index, doubles(values.length, i -> values[i]));
    }
  }

  /** A {@code Double[]} or {@code Float[]} argument. */
  public void doubleArrayAttribute(SpanBuilder builder, int index, Number[] values) {
    if (builder != null && values != null) {
      doubleArrayAttribute(builder, index, Arrays.asList(values));
    }
  }

  /** A {@code List} of {@code Double} or {@code Float}. */
  public void doubleArrayAttribute(SpanBuilder builder, int index, List<? extends Number> values) {
    if (builder != null && values != null) {
      try {
        List<Double> list = new ArrayList<>();
        for (Number value : values) {
          if (list.size() == MAX_ARRAY_ELEMENTS) {
            break;
          }
          if (value != null) {
            list.add(value.doubleValue());
          }
        }
        setArgument(builder, index, list);
      } catch (Throwable failure) {
        Failures.report(SETTING_ATTRIBUTE, failure);
      }
    }
  }

  /** A {@code boolean[]} argument. */
  public void booleanArrayAttribute(SpanBuilder builder, int index, boolean[] values) {
    if (builder != null && values != null) {
      List<Boolean> list = new ArrayList<>(Math.min(values.length, MAX_ARRAY_ELEMENTS));
      for (int i = 0; i < values.length && i < MAX_ARRAY_ELEMENTS; i++) {
        list.add(values[i]);
      }
      setArgument(builder, index, list);
    }
  }

  /** A {@code Boolean[]} argument. */
  public void booleanArrayAttribute(SpanBuilder builder, int index, Boolean[] values) {
    if (builder != null && values != null) {
      booleanArrayAttribute(builder, index, Arrays.asList(values));
    }
  }

  /** A {@code List} of {@code Boolean}. */
  public void booleanArrayAttribute(
      SpanBuilder builder, int index, List<? extends Boolean> values) {
    if (builder != null && values != null) {
      try {
        List<Boolean> list = new ArrayList<>();
        for (Boolean value : values) {
          if (list.size() == MAX_ARRAY_ELEMENTS) {
            break;
          }
          if (value != null) {
            list.add(value);
          }
        }
        setArgument(builder, index, list);
      } catch (Throwable failure) {
        Failures.report(SETTING_ATTRIBUTE, failure);
      }
    }
  }

  /** An array of {@link CharSequence}s or enums, each as its {@code toString()}. */
  public void stringArrayAttribute(SpanBuilder builder, int index, Object[] values) {
    if (builder != null && values != null) {
      stringArrayAttribute(builder, index, Arrays.asList(values));
    }
  }

  /** A {@code List} of {@link CharSequence}s or enums, each as its {@code toString()}. */
  public void stringArrayAttribute(SpanBuilder builder, int index, List<?> values) {
    if (builder != null && values != null) {
      try {
        List<String> list = new ArrayList<>();
        for (Object value : values) {
          if (list.size() == MAX_ARRAY_ELEMENTS) {
            break;
          }
          if (value != null) {
            list.add(text(value));
          }
        }
        setArgument(builder, index, list);
      } catch (Throwable failure) {
        Failures.report(SETTING_ATTRIBUTE, failure);
      }
    }
  }

  private <T> void setArgument(SpanBuilder builder, int index, T value) {
    try {
      builder.setAttribute(this.<T>argumentKey(index), value);
    } catch (Throwable failure) {
      Failures.report(SETTING_ATTRIBUTE, failure);
    }
  }

  /** The key of {@code @Track.Attribute} number {@code index}, typed as its setter needs it. */
  @SuppressWarnings("unchecked") // Builder#argumentAttribute made it with the matching type
  private <T> AttributeKey<T> argumentKey(int index) {
    return (AttributeKey<T>) argumentKeys[index];
  }

  /**
   * {@code value.toString()}, cut like any attribute; the unrepresentable marker when that throws
   * (or returns null), as {@code bud.track.input.*} would show it.
   */
  private static String text(Object value) {
    String text;
    try {
      text = value.toString();
    } catch (Throwable hostile) {
      text = null;
    }
    return text == null
        ? Repr.unrepresentable(value)
        : Repr.truncate(text, TrackingState.maxAttributeLength());
  }

  /** Makes the span current while the delegate runs, so tracked calls it makes become children. */
  public Scope enter(Span span) {
    try {
      return span.makeCurrent();
    } catch (Throwable failure) {
      try {
        Failures.report("making a span current", failure);
      } catch (Throwable stackExhausted) {
        // see Failures: the span must still be handed on or ended
      }
      return Scope.noop();
    }
  }

  /**
   * The delegate threw {@code error}: records it with status ERROR and ends the span. Never throws,
   * not even an {@link Error} raised while recording (a stack overflow when the caller recursed
   * deep), so that the generated code rethrows the delegate's very own throwable.
   */
  public void failed(Span span, Scope scope, Throwable error) {
    try {
      exit(scope);
    } catch (Throwable reportingFailed) {
      // Only an Error raised while reporting can get here; the span must still end.
    }
    try {
      SpanOutcome.error(span, error);
    } catch (Throwable reportingFailed) {
      // As above: SpanOutcome.error has ended the span in its finally block.
    }
  }

  /** A {@code void} method returned: status OK, span ended. */
  public void returned(Span span, Scope scope) {
    exit(scope);
    SpanOutcome.ok(span);
  }

  /** The delegate returned {@code result}: records it, status OK, span ended. */
  public void returned(Span span, Scope scope, Object result) {
    exit(scope);
    if (captureOutput) {
      SpanOutcome.output(span, result, outputInclude);
    }
    SpanOutcome.ok(span);
  }

  /** A {@code long} (or {@code int}, {@code short}, {@code byte}) result, without boxing. */
  public void returned(Span span, Scope scope, long result) {
    returnedRendered(span, scope, capturesOutput(span) ? Repr.of(result) : null);
  }

  /** A {@code double} result, without boxing. */
  public void returned(Span span, Scope scope, double result) {
    returnedRendered(span, scope, capturesOutput(span) ? Repr.of(result) : null);
  }

  /** A {@code float} result, without boxing. */
  public void returned(Span span, Scope scope, float result) {
    returnedRendered(span, scope, capturesOutput(span) ? Repr.of(result) : null);
  }

  /** A {@code boolean} result, without boxing. */
  public void returned(Span span, Scope scope, boolean result) {
    returnedRendered(span, scope, capturesOutput(span) ? Repr.of(result) : null);
  }

  /** A {@code char} result. */
  public void returned(Span span, Scope scope, char result) {
    returnedRendered(span, scope, capturesOutput(span) ? Repr.of(result) : null);
  }

  private boolean capturesOutput(Span span) {
    return captureOutput && SpanOutcome.recording(span) && Content.captures();
  }

  /** Ends the span of a primitive result, already rendered ({@code null}: nothing to record). */
  private static void returnedRendered(Span span, Scope scope, String rendered) {
    exit(scope);
    if (rendered != null) {
      SpanOutcome.renderedOutput(span, rendered);
    }
    SpanOutcome.ok(span);
  }

  /**
   * The delegate returned a {@link CompletionStage}: the span stays open until it completes, and
   * the caller gets the very same instance. A {@code null} stage ends the span at once.
   */
  public <S extends CompletionStage<?>> S returnedAsync(Span span, Scope scope, S stage) {
    exit(scope);
    if (stage == null) {
      returned(span, Scope.noop(), (Object) null);
      return null;
    }
    TracedStage.follow(this, span, stage);
    return stage;
  }

  /** The stage of {@link #returnedAsync} completed with {@code value} or {@code error}. */
  void completedAsync(Span span, Object value, Throwable error) {
    if (error == null) {
      returned(span, Scope.noop(), value);
      return;
    }
    Throwable cause = SpanOutcome.unwrap(error);
    if (cause instanceof CancellationException) {
      try {
        span.setAttribute(SpanAttributes.CANCELLED, true);
      } catch (Throwable failure) {
        Failures.report("recording a cancellation", failure);
      }
      SpanOutcome.end(span);
    } else {
      SpanOutcome.error(span, cause);
    }
  }

  /**
   * The delegate returned an {@link Iterator}: the caller gets a wrapper that passes every element
   * through, with the span current while the source produces, ending when it is exhausted, fails
   * or is dropped.
   */
  public <T> Iterator<T> returnedIterator(Span span, Scope scope, Iterator<T> iterator) {
    FollowedStream followed = iterator == null ? null : followed(span);
    exit(scope);
    if (followed == null) {
      returned(span, Scope.noop(), (Object) iterator);
      return iterator;
    }
    return new TracedIterator<>(iterator, followed);
  }

  /**
   * The delegate returned a {@link Stream}: the caller gets a stream of the same elements, mode
   * and characteristics, as lazy as the source, whose close handlers still run.
   */
  public <T> Stream<T> returnedStream(Span span, Scope scope, Stream<T> stream) {
    FollowedStream followed = stream == null ? null : followed(span);
    exit(scope);
    if (followed == null) {
      returned(span, Scope.noop(), (Object) stream);
      return stream;
    }
    return TracedStreams.of(stream, followed);
  }

  /**
   * The delegate returned a {@link Flow.Publisher}: its first subscription is traced, and the
   * span ends with {@code onComplete}, {@code onError} or {@code cancel}.
   */
  public <T> Flow.Publisher<T> returnedPublisher(
      Span span, Scope scope, Flow.Publisher<T> publisher) {
    FollowedStream followed = publisher == null ? null : followed(span);
    exit(scope);
    if (followed == null) {
      returned(span, Scope.noop(), (Object) publisher);
      return publisher;
    }
    return new TracedPublisher<>(publisher, followed);
  }

  /**
   * The delegate returned {@code result}, of a type that a {@link
   * studio.bud.track.runtime.spi.ResultAdapter} may follow ({@link Builder#result}): the caller
   * gets what that adapter returns (a result of the same type that behaves the same), and the span
   * ends when the adapter says the result has finished. Without an adapter for the type this is
   * exactly {@link #returned(Span, Scope, Object)}, and the caller gets {@code result} itself.
   */
  public <T> T returnedValue(Span span, Scope scope, T result) {
    ResultAdapters.Resolved resolved = result == null ? null : adapter();
    if (resolved == null || resolved.adapter == null) {
      returned(span, scope, result);
      return result;
    }
    AdaptedResult traced =
        AdaptedResult.of(span, resolved.kind, captureOutput, outputInclude, aggregator);
    exit(scope);
    if (traced == null) {
      returned(span, Scope.noop(), result);
      return result;
    }
    return traced.adapt(resolved.adapter, resultType, result);
  }

  /** This method's adapter in the active configuration, resolved once per configuration. */
  private ResultAdapters.Resolved adapter() {
    if (resultType == null) {
      return null;
    }
    try {
      TrackingState.Active active = TrackingState.active();
      if (active == null) {
        return null;
      }
      ResultAdapters.Resolved cached = cachedAdapter;
      if (cached == null || cached.active != active) {
        cached = ResultAdapters.resolve(active, resultType);
        cachedAdapter = cached;
      }
      return cached;
    } catch (Throwable failure) {
      Failures.report("resolving a result adapter", failure);
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The followed stream of a streamed result, or {@code null} when there is nothing to
   * follow: a span without a valid context (tracing configured off) or a failure, in which case
   * the result is passed on as a plain value.
   */
  private FollowedStream followed(Span span) {
    try {
      if (!span.getSpanContext().isValid()) {
        return null;
      }
      return new FollowedStream(span, Context.current(), captureOutput, aggregator);
    } catch (Throwable failure) {
      Failures.report("following a streamed result", failure);
      return null;
    }
  }

  private Tracer tracer(TrackingState.Active active) {
    CachedTracer cached = cachedTracer;
    if (cached == null || cached.active != active) {
      cached = new CachedTracer(active, active.openTelemetry().getTracer(tracerName));
      cachedTracer = cached;
    }
    return cached.tracer;
  }

  /** Closes {@code scope}; never throws: a broken {@link Scope} is reported, not passed on. */
  static void exit(Scope scope) {
    try {
      scope.close();
    } catch (Throwable failure) {
      try {
        Failures.report("closing a scope", failure);
      } catch (Throwable stackExhausted) {
        // see Failures: the span must still be handed on or ended
      }
    }
  }

  private static final class CachedTracer {
    final TrackingState.Active active;
    final Tracer tracer;

    CachedTracer(TrackingState.Active active, Tracer tracer) {
      this.active = active;
      this.tracer = tracer;
    }
  }

  /** Describes a {@link TrackedMethod}; generated code calls only what differs from the defaults. */
  public static final class Builder {
    private final String spanName;
    private String tracerName = "bud";
    private SpanKind kind = SpanKind.INTERNAL;
    private String type;
    private final List<AttributeKey<?>> argumentKeys = new ArrayList<>();
    private final List<AttributeKey<String>> staticKeys = new ArrayList<>();
    private final List<String> staticValues = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private boolean captureOutput = true;
    private Set<String> outputInclude;
    private Track.Aggregator aggregator;
    private Class<?> resultType;

    private Builder(String spanName) {
      this.spanName = spanName;
    }

    /** The tracer (instrumentation scope) name; {@code bud} by default. */
    public Builder tracer(String tracerName) {
      this.tracerName = tracerName;
      return this;
    }

    /** The span kind; {@link SpanKind#INTERNAL} by default. */
    public Builder kind(SpanKind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * The next {@code @Track.Attribute} parameter: its key, and the attribute type its setter
     * ({@code longAttribute}, {@code stringArrayAttribute}, ...) records; a rendered value is a
     * {@link AttributeType#STRING}. The first call describes index 0 of the setters, and so on.
     */
    public Builder argumentAttribute(String key, AttributeType type) {
      argumentKeys.add(typedKey(key, type));
      return this;
    }

    private static AttributeKey<?> typedKey(String key, AttributeType type) {
      switch (type) {
        case LONG:
          return AttributeKey.longKey(key);
        case DOUBLE:
          return AttributeKey.doubleKey(key);
        case BOOLEAN:
          return AttributeKey.booleanKey(key);
        case STRING_ARRAY:
          return AttributeKey.stringArrayKey(key);
        case LONG_ARRAY:
          return AttributeKey.longArrayKey(key);
        case DOUBLE_ARRAY:
          return AttributeKey.doubleArrayKey(key);
        case BOOLEAN_ARRAY:
          return AttributeKey.booleanArrayKey(key);
        default:
          return AttributeKey.stringKey(key);
      }
    }

    /** Sets {@code bud.track.type} on every span. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** A static attribute, set verbatim on every span. */
    public Builder attribute(String key, String value) {
      staticKeys.add(AttributeKey.stringKey(key));
      staticValues.add(value);
      return this;
    }

    /** The parameters recorded, already filtered; {@link #input} indexes into this list. */
    public Builder inputs(String... parameters) {
      inputs.addAll(Arrays.asList(parameters));
      return this;
    }

    /** Records no output. */
    public Builder noOutput() {
      this.captureOutput = false;
      return this;
    }

    /** For a {@code Map} result, records only these keys. */
    public Builder outputInclude(String... keys) {
      this.outputInclude = new LinkedHashSet<>(Arrays.asList(keys));
      return this;
    }

    /**
     * Turns streamed elements into the output; the built-in rule when never called. The aggregator
     * receives the first elements whose list rendering fits the max attribute length (see {@link
     * FollowedStream}), so that what a stream keeps stays bounded whatever its elements.
     */
    public Builder aggregator(Track.Aggregator aggregator) {
      this.aggregator = aggregator;
      return this;
    }

    /**
     * The method's declared (erased) result class, which a {@link
     * studio.bud.track.runtime.spi.ResultAdapter} may follow; generated code sets it for results
     * outside {@code java.*} and {@code javax.*} and calls {@link #returnedValue} for them.
     */
    public Builder result(Class<?> resultType) {
      this.resultType = resultType;
      return this;
    }

    public TrackedMethod build() {
      return new TrackedMethod(this);
    }
  }
}
