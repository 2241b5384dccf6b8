package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a span ends: output attributes, status, recorded error. Shared by every result kind. */
final class SpanOutcome {

  static final int MAX_OUTPUT_ENTRIES = 128;

  /** The class of the API's own non-recording span ({@code Span.getInvalid()}, {@code Span.wrap}). */
  private static final Class<?> NON_RECORDING = Span.getInvalid().getClass();

  private SpanOutcome() {}

  /**
   * Whether {@code span}, as {@link TrackedMethod#start()} returned it, records. That method asks
   * {@link Span#isRecording()} once and hands out every span that does not record as the API's
   * own non-recording span, so a class check answers here. The SDK answers {@code isRecording()}
   * under a lock; asked again for every input and for the output, it made a traced call
   * measurably slower than hand-written code that asks once (track-benchmarks, RESULTS.md).
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

  /**
   * Records {@code error} with status ERROR and ends the span. Never throws, not even an {@link
   * Error} raised while recording (a stack overflow in a deep recursion of the caller's): the span
   * still ends, and the caller's own throwable stays the one it sees.
   */
  static void error(Span span, Throwable error) {
    try {
      if (Content.captures()) {
        recordError(span, error);
      } else {
        recordErrorWithoutContent(span, error);
      }
    } catch (Throwable failure) {
      Failures.report("recording an exception", failure);
    } finally {
      end(span); // even when reporting itself failed with an Error
    }
  }

  /**
   * The {@code exception} event, then status ERROR; two guards, so that an event that cannot be
   * added still leaves the status.
   */
  private static void recordError(Span span, Throwable error) {
    if (recording(span)) {
      try {
        span.addEvent(ExceptionEvent.NAME, ExceptionEvent.of(error));
      } catch (Throwable failure) {
        Failures.report("recording an exception", failure);
      }
    }
    try {
      span.setStatus(StatusCode.ERROR, description(error));
    } catch (Throwable failure) {
      Failures.report("setting the status", failure);
    }
  }

  /**
   * {@link #recordError} while content capture is off: an exception's message, and the messages
   * that its stack trace prints for it and its causes, are as likely as its arguments to hold a
   * prompt, an e-mail address or a key. So the {@code exception} event carries {@code
   * exception.type} only, and the status description is the class's simple name alone (the
   * binary name when it has none), without {@code ": <message>"}.
   */
  private static void recordErrorWithoutContent(Span span, Throwable error) {
    if (recording(span)) {
      try {
        span.addEvent(
            ExceptionEvent.NAME, Attributes.of(ExceptionEvent.TYPE, ExceptionEvent.typeName(error)));
      } catch (Throwable failure) {
        Failures.report("recording an exception", failure);
      }
    }
    try {
      span.setStatus(StatusCode.ERROR, ExceptionEvent.simpleName(error));
    } catch (Throwable failure) {
      Failures.report("setting the status", failure);
    }
  }

  /**
   * The status description, in the Python SDK's form {@code <type(exc).__name__>: <str(exc)>}:
   * {@code ToolError: boom}, {@code ToolError: } for a null message, the binary name when the simple
   * name is empty (an anonymous class); the name alone when {@code getMessage()} throws. Cut like
   * an attribute, reading no more of a long message than that needs.
   */
  static String description(Throwable error) {
    String name = ExceptionEvent.simpleName(error);
    String message;
    try {
      message = error.getMessage();
    } catch (Throwable hostile) {
      return Repr.truncate(name, TrackingState.maxAttributeLength());
    }
    int maxLength = TrackingState.maxAttributeLength();
    if (message == null) {
      return Repr.truncate(name + ": ", maxLength);
    }
    if (message.length() > 2 * maxLength + 2) {
      message = message.substring(0, 2 * maxLength + 2); // more code points than can be kept
    }
    return Repr.truncate(name + ": " + message, maxLength);
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
      try {
        Failures.report("ending a span", failure);
      } catch (Throwable stackExhausted) {
        // see Failures: the span must still be handed on or ended
      }
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
      // instanceof (Map) scans the class's secondary supertypes on JDK 17, a cost every traced
      // call would pay against hand-written code (track-benchmarks, RESULTS.md).
      if (!(result instanceof String) && result instanceof Map) {
        mapOutput(span, (Map<?, ?>) result, include, content);
      } else {
        setOutput(span, SpanAttributes.OUTPUT, Repr.of(result), content);
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
        setOutput(span, SpanAttributes.OUTPUT, rendered, content);
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

  /**
   * One attribute per entry, at most {@value #MAX_OUTPUT_ENTRIES} entries visited (not matched:
   * a lazy or endless map is read no further than that), stopping early once every included key
   * was found.
   */
  private static void mapOutput(Span span, Map<?, ?> map, Set<String> include, Content content) {
    try {
      int maxKeyLength = TrackingState.maxAttributeLength(); // a key is as long as its toString()
      Set<String> missing = include == null ? null : new HashSet<>(include);
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      for (int visited = 0; visited < MAX_OUTPUT_ENTRIES && entries.hasNext(); visited++) {
        Map.Entry<?, ?> entry = entries.next();
        String key = keyText(entry.getKey());
        if (missing == null || include.contains(key)) {
          setOutput(
              span,
              AttributeKey.stringKey(
                  SpanAttributes.OUTPUT_PREFIX + Repr.truncate(key, maxKeyLength)),
              Repr.of(entry.getValue()),
              content);
          if (missing != null && missing.remove(key) && missing.isEmpty()) {
            return;
          }
        }
      }
    } catch (RuntimeException concurrentlyModifiedOrBroken) {
      setOutput(span, SpanAttributes.OUTPUT, Repr.of(map), content);
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

  /**
   * The cause of an asynchronous failure, unwrapped from the {@link CompletionException}s and
   * {@link ExecutionException}s futures add. Cycle-safe: a cause chain that loops back (two
   * wrappers that are each other's cause) stops at the last wrapper before the loop closes, and a
   * {@code getCause()} that throws stops the walk where it is.
   */
  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    Set<Throwable> seen = null; // only for a wrapper caused by a wrapper, which is rare
    while (isWrapper(current)) {
      Throwable cause;
      try {
        cause = current.getCause();
      } catch (Throwable hostile) {
        return current;
      }
      if (cause == null) {
        return current;
      }
      if (isWrapper(cause)) {
        if (seen == null) {
          seen = Collections.newSetFromMap(new IdentityHashMap<>());
          seen.add(current);
        }
        if (!seen.add(cause)) {
          return current;
        }
      }
      current = cause;
    }
    return current;
  }

  private static boolean isWrapper(Throwable error) {
    return error instanceof CompletionException || error instanceof ExecutionException;
  }
}
