package studio.bud.track.benchmarks;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import studio.bud.track.runtime.internal.Repr;

/**
 * What a careful user would write by hand with the OpenTelemetry API to get exactly the spans the
 * generated {@code TracedAssistant} records: the same names, tracer, attributes in the same order,
 * status and error recording. It is the floor the generated wrapper is measured against.
 *
 * <p>Values are rendered with track's own {@link Repr}, because a user doing this by hand needs
 * equivalent rendering (quoting, escapes, the length bound) to produce the same attributes; writing
 * a second renderer here would only measure a different renderer. Each call asks
 * {@link Span#isRecording()} once and keeps the answer, which is the least a hand-writer can do
 * and still skip all rendering under a no-op {@link OpenTelemetry} (comparison 3).
 *
 * <p>The streaming methods are forwarded untraced: the streaming comparison is traced against raw.
 */
// "try": the OpenTelemetry idiom try (Scope scope = span.makeCurrent()) never reads the scope.
@SuppressWarnings("try")
public final class HandTracedAssistant implements Assistant {

  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("bud.track.type");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("provider");
  private static final AttributeKey<String> QUESTION =
      AttributeKey.stringKey("bud.track.input.question");
  private static final AttributeKey<String> MAX_TOKENS =
      AttributeKey.stringKey("bud.track.input.maxTokens");
  private static final AttributeKey<String> INPUT = AttributeKey.stringKey("bud.track.input.input");
  private static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");
  private static final AttributeKey<Boolean> CANCELLED =
      AttributeKey.booleanKey("bud.track.cancelled");

  private final Assistant delegate;
  private final Tracer tracer;

  /** Traces calls to {@code delegate} with tracer {@code bud} of {@code openTelemetry}. */
  public HandTracedAssistant(Assistant delegate, OpenTelemetry openTelemetry) {
    this.delegate = delegate;
    this.tracer = openTelemetry.getTracer("bud");
  }

  @Override
  public String ask(String question, int maxTokens) {
    Span span = tracer.spanBuilder("Assistant.ask").startSpan();
    boolean recording = span.isRecording();
    if (recording) {
      span.setAttribute(TYPE, "llm");
      span.setAttribute(PROVIDER, "bench");
      span.setAttribute(QUESTION, Repr.of(question));
      span.setAttribute(MAX_TOKENS, Repr.of(maxTokens));
    }
    String result;
    try (Scope scope = span.makeCurrent()) {
      result = delegate.ask(question, maxTokens);
    } catch (Throwable t) {
      failed(span, t);
      throw t;
    }
    if (recording) {
      span.setAttribute(OUTPUT, Repr.of(result));
    }
    span.setStatus(StatusCode.OK);
    span.end();
    return result;
  }

  @Override
  public int measure(Object input) {
    Span span = tracer.spanBuilder("Assistant.measure").startSpan();
    boolean recording = span.isRecording();
    if (recording) {
      span.setAttribute(INPUT, Repr.of(input));
    }
    int result;
    try (Scope scope = span.makeCurrent()) {
      result = delegate.measure(input);
    } catch (Throwable t) {
      failed(span, t);
      throw t;
    }
    if (recording) {
      span.setAttribute(OUTPUT, Repr.of(result));
    }
    span.setStatus(StatusCode.OK);
    span.end();
    return result;
  }

  @Override
  public String refuse(String question) {
    Span span = tracer.spanBuilder("Assistant.refuse").startSpan();
    boolean recording = span.isRecording();
    if (recording) {
      span.setAttribute(QUESTION, Repr.of(question));
    }
    String result;
    try (Scope scope = span.makeCurrent()) {
      result = delegate.refuse(question);
    } catch (Throwable t) {
      failed(span, t);
      throw t;
    }
    if (recording) {
      span.setAttribute(OUTPUT, Repr.of(result));
    }
    span.setStatus(StatusCode.OK);
    span.end();
    return result;
  }

  @Override
  public CompletableFuture<String> askAsync(String question) {
    Span span = tracer.spanBuilder("Assistant.askAsync").startSpan();
    boolean recording = span.isRecording();
    if (recording) {
      span.setAttribute(QUESTION, Repr.of(question));
    }
    CompletableFuture<String> result;
    try (Scope scope = span.makeCurrent()) {
      result = delegate.askAsync(question);
    } catch (Throwable t) {
      failed(span, t);
      throw t;
    }
    if (result == null) {
      if (recording) {
        span.setAttribute(OUTPUT, Repr.of(null));
      }
      span.setStatus(StatusCode.OK);
      span.end();
      return null;
    }
    result.whenComplete(
        (value, error) -> {
          if (error == null) {
            if (recording) {
              span.setAttribute(OUTPUT, Repr.of(value));
            }
            span.setStatus(StatusCode.OK);
            span.end();
            return;
          }
          Throwable cause = unwrap(error);
          if (cause instanceof CancellationException) {
            span.setAttribute(CANCELLED, true);
            span.end();
          } else {
            failed(span, cause);
          }
        });
    return result;
  }

  @Override
  public Iterator<String> tokens(String prompt) {
    return delegate.tokens(prompt);
  }

  @Override
  public Stream<String> streamTokens(String prompt) {
    return delegate.streamTokens(prompt);
  }

  private static void failed(Span span, Throwable error) {
    span.recordException(error);
    String message = error.getMessage();
    span.setStatus(StatusCode.ERROR, message != null ? message : error.getClass().getName());
    span.end();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
