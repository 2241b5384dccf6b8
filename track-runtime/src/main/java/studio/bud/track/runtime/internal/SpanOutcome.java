package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a span ends: output attributes, status, recorded error. Shared by every result kind. */
final class SpanOutcome {

  static final String OUTPUT_PREFIX = "bud.track.output.";
  static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");
  static final AttributeKey<Boolean> CANCELLED = AttributeKey.booleanKey("bud.track.cancelled");
  static final int MAX_OUTPUT_ENTRIES = 128;

  private SpanOutcome() {}

  /** Records {@code error} with status ERROR and ends the span. */
  static void error(Span span, Throwable error) {
    try {
      span.recordException(error);
      String message = error.getMessage();
      span.setStatus(StatusCode.ERROR, message != null ? message : error.getClass().getName());
    } catch (Throwable failure) {
      Failures.report("recording an error", failure);
    }
    end(span);
  }

  /** Sets status OK and ends the span. */
  static void ok(Span span) {
    try {
      span.setStatus(StatusCode.OK);
    } catch (Throwable failure) {
      Failures.report("setting the status", failure);
    }
    end(span);
  }

  static void end(Span span) {
    try {
      span.end();
    } catch (Throwable failure) {
      Failures.report("ending a span", failure);
    }
  }

  /**
   * Records a result: one attribute per entry for a {@link Map} (only {@code include} keys when
   * that is non-null, at most {@value #MAX_OUTPUT_ENTRIES}), else {@code bud.track.output}.
   */
  static void output(Span span, Object result, Set<String> include) {
    try {
      if (!span.isRecording()) {
        return;
      }
      if (result instanceof Map) {
        mapOutput(span, (Map<?, ?>) result, include);
      } else {
        span.setAttribute(OUTPUT, Repr.of(result));
      }
    } catch (Throwable failure) {
      Failures.report("recording the output", failure);
    }
  }

  /** Records an already rendered output. */
  static void renderedOutput(Span span, String rendered) {
    try {
      span.setAttribute(OUTPUT, rendered);
    } catch (Throwable failure) {
      Failures.report("recording the output", failure);
    }
  }

  private static void mapOutput(Span span, Map<?, ?> map, Set<String> include) {
    int recorded = 0;
    try {
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (recorded < MAX_OUTPUT_ENTRIES && entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        String key = String.valueOf(entry.getKey());
        if (include == null || include.contains(key)) {
          span.setAttribute(AttributeKey.stringKey(OUTPUT_PREFIX + key), Repr.of(entry.getValue()));
          recorded++;
          if (include != null && recorded == include.size()) {
            return;
          }
        }
      }
    } catch (RuntimeException concurrentlyModifiedOrBroken) {
      span.setAttribute(OUTPUT, Repr.of(map));
    }
  }

  /** The cause of an asynchronous failure, unwrapped from the wrappers futures add. */
  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
