package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
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
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");

  /** The class of the API's own non-recording span ({@code Span.getInvalid()}, {@code Span.wrap}). */
  private static final Class<?> NON_RECORDING = Span.getInvalid().getClass();

  private SpanOutcome() {}

  /**
   * Whether {@code span}, as {@link TrackedMethod#start()} returned it, records. That method asks
   * {@link Span#isRecording()} once and hands out every span that does not record as the API's
   * own non-recording span, so a class check answers here. The SDK answers {@code isRecording()}
   * under a lock, about 10 ns a time; asked again for every input and for the output, it made a
   * traced call 1.14 times as slow as the hand-written code that asks once (track-benchmarks,
   * RESULTS.md).
   */
  static boolean recording(Span span) {
    return span.getClass() != NON_RECORDING;
  }

  /**
   * {@code span}, or, when it does not record, a non-recording span with the same context (which
   * still propagates), the form {@link #recording} recognizes. The SDK already returns that form
   * for a sampled-out span, so this allocates only for other implementations.
   */
  static Span nonRecordingAsWrapped(Span span) {
    return recording(span) ? Span.wrap(span.getSpanContext()) : span;
  }

  /** Records {@code error} with status ERROR and ends the span. */
  static void error(Span span, Throwable error) {
    if (!Content.captures()) {
      errorWithoutContent(span, error);
      return;
    }
    // Three guards, not one: an exception whose getMessage() or toString() throws (the SDK calls
    // both to record it) must still leave the span with status ERROR.
    try {
      span.recordException(error);
    } catch (Throwable failure) {
      recordUnprintable(span, error, failure);
    }
    try {
      span.setStatus(StatusCode.ERROR, description(error));
    } catch (Throwable failure) {
      Failures.report("setting the status", failure);
    }
    end(span);
  }

  /**
   * {@link #error} while content capture is off: an exception's message, and the messages that
   * its stack trace prints for it and its causes, are as likely as its arguments to hold a
   * prompt, an e-mail address or a key. So the {@code exception} event carries {@code
   * exception.type} only, and the status description is the class's simple name (its binary
   * name when it has none), without {@code ": <message>"}.
   */
  private static void errorWithoutContent(Span span, Throwable error) {
    Class<?> type = error.getClass();
    String canonical = type.getCanonicalName();
    String simple = type.getSimpleName();
    try {
      span.addEvent(
          "exception",
          Attributes.of(EXCEPTION_TYPE, canonical != null ? canonical : type.getName()));
    } catch (Throwable failure) {
      Failures.report("recording an exception", failure);
    }
    try {
      span.setStatus(StatusCode.ERROR, simple.isEmpty() ? type.getName() : simple);
    } catch (Throwable failure) {
      Failures.report("setting the status", failure);
    }
    end(span);
  }

  /**
   * After the SDK failed to record {@code error}: when the exception itself is hostile (its own
   * or a cause's {@code getMessage()} or {@code toString()} throws, and the SDK calls both), that
   * is not a tracing failure, and the {@code exception} event is recorded with its type only.
   * Otherwise the span is what is broken, and that is reported.
   */
  private static void recordUnprintable(Span span, Throwable error, Throwable failure) {
    if (isPrintable(error)) {
      Failures.report("recording an exception", failure);
      return;
    }
    try {
      span.addEvent(
          "exception",
          Attributes.of(
              EXCEPTION_TYPE, error.getClass().getName(),
              EXCEPTION_MESSAGE, Repr.unrepresentable(error)));
    } catch (Throwable alsoFailed) {
      Failures.report("recording an exception", alsoFailed);
    }
  }

  /** Whether {@code error} and its first causes can be turned into text, as a stack trace does. */
  private static boolean isPrintable(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < 8; depth++) {
      try {
        current.toString();
        current.getMessage();
        current = current.getCause();
      } catch (Throwable hostile) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code error.getMessage()}, or its class name when that is null or throws; cut like an
   * attribute, since a message can be as long as any value.
   */
  private static String description(Throwable error) {
    String message;
    try {
      message = error.getMessage();
    } catch (Throwable hostile) {
      message = null;
    }
    return Repr.truncate(
        message != null ? message : error.getClass().getName(), TrackingState.maxAttributeLength());
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
      Content content = Content.current();
      if (!recording(span) || !content.capture) {
        return;
      }
      // A String, the usual result, is told apart by its exact class first: a failed interface
      // instanceof (Map) scans the class's secondary supertypes on JDK 17, which cost a traced
      // call about 15 ns against hand-written code (track-benchmarks, RESULTS.md).
      if (!(result instanceof String) && result instanceof Map) {
        mapOutput(span, (Map<?, ?>) result, include, content);
      } else {
        setOutput(span, OUTPUT, Repr.of(result), content);
      }
    } catch (Throwable failure) {
      Failures.report("recording the output", failure);
    }
  }

  /** Records an already rendered output. */
  static void renderedOutput(Span span, String rendered) {
    try {
      Content content = Content.current();
      if (content.capture) {
        setOutput(span, OUTPUT, rendered, content);
      }
    } catch (Throwable failure) {
      Failures.report("recording the output", failure);
    }
  }

  /** Sets one output attribute, masked when a masker is set (which may leave it out). */
  private static void setOutput(
      Span span, AttributeKey<String> key, String rendered, Content content) {
    String masked = content.apply(key, rendered);
    if (masked != null) {
      span.setAttribute(key, masked);
    }
  }

  private static void mapOutput(Span span, Map<?, ?> map, Set<String> include, Content content) {
    int recorded = 0;
    try {
      int maxKeyLength = TrackingState.maxAttributeLength(); // a key is as long as its toString()
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (recorded < MAX_OUTPUT_ENTRIES && entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        String key = keyText(entry.getKey());
        if (include == null || include.contains(key)) {
          setOutput(
              span,
              AttributeKey.stringKey(OUTPUT_PREFIX + Repr.truncate(key, maxKeyLength)),
              Repr.of(entry.getValue()),
              content);
          recorded++;
          if (include != null && recorded == include.size()) {
            return;
          }
        }
      }
    } catch (RuntimeException concurrentlyModifiedOrBroken) {
      setOutput(span, OUTPUT, Repr.of(map), content);
    }
  }

  /**
   * {@code String.valueOf(key)} ({@code null} when its {@code toString()} returns null), or the
   * unrepresentable marker when that throws anything (an indirect cycle overflows the stack), so
   * one bad key cannot lose the other entries.
   */
  private static String keyText(Object key) {
    if (key instanceof String) {
      return (String) key;
    }
    try {
      String text = String.valueOf(key);
      return text == null ? "null" : text; // a toString() that returns null
    } catch (Throwable t) {
      return Repr.unrepresentable(key);
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
