package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The {@code exception} event of a failed call, written by the runtime itself
 * rather than by {@code Span.recordException}, so that it is bounded: {@code exception.type},
 * {@code exception.message} cut like any attribute, and {@code exception.stacktrace} in the JDK's
 * {@code printStackTrace} format, cut at {@link TrackingState#maxStackTraceLength()} with
 * rendering that stops there.
 *
 * <p>Everything asked of the throwable ({@code getMessage}, {@code toString}, {@code
 * getStackTrace}, {@code getCause}, {@code getSuppressed}) may throw: what could be rendered is
 * kept and the rest left out, so a hostile exception still gets an event.
 */
final class ExceptionEvent {

  static final String NAME = "exception";
  static final AttributeKey<String> TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("exception.message");
  static final AttributeKey<String> STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private static final String CAUSE_CAPTION = "Caused by: ";
  private static final String SUPPRESSED_CAPTION = "Suppressed: ";
  private static final String NEWLINE = System.lineSeparator();

  private ExceptionEvent() {}

  /** The event's attributes for {@code error}; never throws. */
  static Attributes of(Throwable error) {
    AttributesBuilder attributes = Attributes.builder();
    attributes.put(TYPE, typeName(error));
    String message = message(error);
    if (message != null) {
      attributes.put(MESSAGE, Repr.truncate((CharSequence) message, TrackingState.maxAttributeLength()));
    }
    attributes.put(STACKTRACE, stackTrace(error, TrackingState.maxStackTraceLength()));
    return attributes.build();
  }

  /** The canonical class name, as the OpenTelemetry Java SDK writes it, else the binary name. */
  static String typeName(Throwable error) {
    Class<?> type = error.getClass();
    try {
      String canonical = type.getCanonicalName();
      if (canonical != null) {
        return canonical;
      }
    } catch (Throwable malformed) {
      // A malformed class name can make getCanonicalName throw; the binary name always works.
    }
    return type.getName();
  }

  /** The simple class name, else (anonymous, or a malformed name) the binary name. */
  static String simpleName(Throwable error) {
    Class<?> type = error.getClass();
    try {
      String simple = type.getSimpleName();
      if (!simple.isEmpty()) {
        return simple;
      }
    } catch (Throwable malformed) {
      // As in typeName.
    }
    return type.getName();
  }

  /** {@code error.getMessage()}, or {@code null} when it is null or throws. */
  static String message(Throwable error) {
    try {
      return error.getMessage();
    } catch (Throwable hostile) {
      return null;
    }
  }

  /**
   * {@code error} as {@link Throwable#printStackTrace()} prints it, causes and suppressed
   * exceptions included and a cycle printed once ({@code [CIRCULAR REFERENCE: ...]}), cut at
   * {@code maxLength} code points; rendering stops once that is reached.
   */
  static String stackTrace(Throwable error, int maxLength) {
    TraceWriter writer = new TraceWriter(maxLength);
    try {
      writer.write(error);
    } catch (Throwable failure) {
      // Whatever went wrong (an Error while rendering), what was written so far is kept.
    }
    return writer.result();
  }

  /**
   * Writes one stack trace into a builder that takes {@code maxLength + 1} code points (one more
   * than fits, which is how the cut knows it is needed) and then stops taking anything.
   */
  private static final class TraceWriter {
    private final int maxLength;
    private final StringBuilder out;
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    /** How far the code points of {@link #out} are counted, and the surrogate pairs found there. */
    private int counted;

    private int pairs;

    TraceWriter(int maxLength) {
      this.maxLength = maxLength;
      this.out = new StringBuilder(Math.min(maxLength + 1, 1024));
    }

    String result() {
      return Repr.truncate((CharSequence) out, maxLength);
    }

    private boolean full() {
      return room() <= 0;
    }

    /** How many more code points are taken; counts only what was appended since it last did. */
    private int room() {
      int length = out.length();
      if (length <= maxLength) {
        return maxLength + 1 - length;
      }
      for (; counted < length; counted++) {
        if (counted > 0
            && Character.isLowSurrogate(out.charAt(counted))
            && Character.isHighSurrogate(out.charAt(counted - 1))) {
          pairs++;
        }
      }
      return maxLength + 1 - (length - pairs);
    }

    private void append(String text) {
      int room = room();
      if (room <= 0) {
        return;
      }
      // room code points take at most 2 * room chars; what passes the limit is cut in result().
      out.append(text, 0, (int) Math.min(text.length(), 2L * room));
    }

    /**
     * The top-level throwable and its chain of causes, walked in a loop (a long chain cannot
     * overflow the stack), each cause printed against the frames of the one it caused; suppressed
     * exceptions recurse, each level of them bounded by the budget.
     */
    void write(Throwable error) {
      seen.add(error);
      line("", "", error);
      StackTraceElement[] trace = frames(error);
      for (int i = 0; i < trace.length && !full(); i++) {
        frame("", trace[i]);
      }
      suppressed(error, trace, "\t");
      causes(error, trace, "");
    }

    /** One enclosed throwable (a suppressed one) with its causes, as the JDK prints it. */
    private void enclosed(Throwable error, StackTraceElement[] enclosing, String caption, String prefix) {
      if (!seen.add(error)) {
        circular(error, caption, prefix);
        return;
      }
      StackTraceElement[] trace = ownPart(error, enclosing, caption, prefix);
      suppressed(error, trace, prefix + "\t");
      causes(error, trace, prefix);
    }

    private void causes(Throwable error, StackTraceElement[] trace, String prefix) {
      Throwable current = error;
      StackTraceElement[] enclosing = trace;
      while (!full()) {
        Throwable cause = cause(current);
        if (cause == null) {
          return;
        }
        if (!seen.add(cause)) {
          circular(cause, CAUSE_CAPTION, prefix);
          return;
        }
        StackTraceElement[] causeTrace = ownPart(cause, enclosing, CAUSE_CAPTION, prefix);
        suppressed(cause, causeTrace, prefix + "\t");
        current = cause;
        enclosing = causeTrace;
      }
    }

    private void suppressed(Throwable error, StackTraceElement[] trace, String prefix) {
      Throwable[] suppressed;
      try {
        suppressed = error.getSuppressed();
      } catch (Throwable hostile) {
        return;
      }
      for (int i = 0; i < suppressed.length && !full(); i++) {
        if (suppressed[i] != null) {
          enclosed(suppressed[i], trace, SUPPRESSED_CAPTION, prefix);
        }
      }
    }

    /**
     * The caption line and the frames not in common with {@code enclosing}, then {@code ... n
     * more}; returns the throwable's frames.
     */
    private StackTraceElement[] ownPart(
        Throwable error, StackTraceElement[] enclosing, String caption, String prefix) {
      line(prefix, caption, error);
      StackTraceElement[] trace = frames(error);
      int m = trace.length - 1;
      int n = enclosing.length - 1;
      while (m >= 0 && n >= 0 && equal(trace[m], enclosing[n])) {
        m--;
        n--;
      }
      int framesInCommon = trace.length - 1 - m;
      for (int i = 0; i <= m && !full(); i++) {
        frame(prefix, trace[i]);
      }
      if (framesInCommon != 0) {
        append(prefix + "\t... " + framesInCommon + " more" + NEWLINE);
      }
      return trace;
    }

    private void circular(Throwable error, String caption, String prefix) {
      append(prefix + caption + "[CIRCULAR REFERENCE: ");
      header(error);
      append("]" + NEWLINE);
    }

    private void line(String prefix, String caption, Throwable error) {
      append(prefix);
      append(caption);
      header(error);
      append(NEWLINE);
    }

    private void frame(String prefix, StackTraceElement frame) {
      append(prefix);
      append("\tat ");
      String text;
      try {
        text = String.valueOf(frame);
      } catch (Throwable hostile) {
        text = "<unrepresentable frame>";
      }
      append(text);
      append(NEWLINE);
    }

    /**
     * What {@code toString()} gives, as the JDK prints it. When the message alone is longer than
     * the budget, the header is built as {@link Throwable#toString()} builds it, from a prefix of
     * the message, so that a ten-megabyte message is never copied (an override of {@code
     * toString} is not consulted then).
     */
    private void header(Throwable error) {
      String message;
      try {
        message = error.getLocalizedMessage();
      } catch (Throwable hostile) {
        message = null;
      }
      if (message != null && message.length() > 2L * room()) {
        append(error.getClass().getName());
        append(": ");
        append(message);
        return;
      }
      String text;
      try {
        text = String.valueOf(error);
      } catch (Throwable hostile) {
        text = error.getClass().getName();
      }
      append(text);
    }

    private static StackTraceElement[] frames(Throwable error) {
      try {
        StackTraceElement[] trace = error.getStackTrace();
        return trace == null ? new StackTraceElement[0] : trace;
      } catch (Throwable hostile) {
        return new StackTraceElement[0];
      }
    }

    private static Throwable cause(Throwable error) {
      try {
        return error.getCause();
      } catch (Throwable hostile) {
        return null;
      }
    }

    private static boolean equal(StackTraceElement a, StackTraceElement b) {
      return a == null ? b == null : a.equals(b);
    }
  }
}
