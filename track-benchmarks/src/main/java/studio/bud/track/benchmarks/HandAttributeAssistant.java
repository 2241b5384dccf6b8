package studio.bud.track.benchmarks;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import studio.bud.track.runtime.internal.Repr;

/**
 * {@link ModelAssistant} traced by hand, recording what {@code TracedModelAssistant} records: the
 * model as a string attribute set on the span builder (so samplers see it, as {@code
 * @Track.Attribute} does), then the type, the rendered inputs and the output.
 */
// "try": the OpenTelemetry idiom try (Scope scope = span.makeCurrent()) never reads the scope.
@SuppressWarnings("try")
public final class HandAttributeAssistant implements ModelAssistant {

  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("bud.track.type");
  private static final AttributeKey<String> INPUT_MODEL =
      AttributeKey.stringKey("bud.track.input.model");
  private static final AttributeKey<String> INPUT_QUESTION =
      AttributeKey.stringKey("bud.track.input.question");
  private static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");

  private final ModelAssistant delegate;
  private final Tracer tracer;

  /** Traces calls to {@code delegate} with tracer {@code bud} of {@code openTelemetry}. */
  public HandAttributeAssistant(ModelAssistant delegate, OpenTelemetry openTelemetry) {
    this.delegate = delegate;
    this.tracer = openTelemetry.getTracer("bud");
  }

  @Override
  public String chat(String model, String question) {
    Span span = tracer.spanBuilder("ModelAssistant.chat").setAttribute(MODEL, model).startSpan();
    boolean recording = span.isRecording();
    if (recording) {
      span.setAttribute(TYPE, "llm");
      span.setAttribute(INPUT_MODEL, Repr.of(model));
      span.setAttribute(INPUT_QUESTION, Repr.of(question));
    }
    String result;
    try (Scope scope = span.makeCurrent()) {
      result = delegate.chat(model, question);
    } catch (Throwable t) {
      span.recordException(t);
      span.setStatus(StatusCode.ERROR);
      span.end();
      throw t;
    }
    if (recording) {
      span.setAttribute(OUTPUT, Repr.of(result));
    }
    span.setStatus(StatusCode.OK);
    span.end();
    return result;
  }
}
