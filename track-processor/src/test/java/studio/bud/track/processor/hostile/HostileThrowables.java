package studio.bud.track.processor.hostile;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Throwables built to break whatever walks or renders them: cause chains that loop, wrappers
 * around wrappers, messages, {@code toString()}s and stack traces that throw, and ones that are
 * simply enormous. Fresh instances each time.
 */
final class HostileThrowables {

  /** Ten million characters, made once: a message no one should render in full. */
  static final String TEN_MEGABYTES = "m".repeat(10_000_000);

  private HostileThrowables() {}

  /** Every kind, by name. */
  static Map<String, Supplier<Throwable>> all() {
    Map<String, Supplier<Throwable>> all = new LinkedHashMap<>();
    all.put("cyclic CompletionException causes", HostileThrowables::cyclicCompletion);
    all.put("cyclic ExecutionException causes", HostileThrowables::cyclicExecution);
    all.put("getCause() returning itself", SelfCaused::new);
    all.put("CompletionException chain", () -> completionChain(new IllegalStateException("root")));
    all.put("CompletionException without a cause", () -> new CompletionException("alone", null));
    all.put("1,000 nested causes", () -> {
      Throwable t = new IllegalStateException("bottom");
      for (int i = 0; i < 1000; i++) {
        t = new RuntimeException("level " + i, t);
      }
      return t;
    });
    all.put("getMessage, toString and getStackTrace throw", Unprintable::new);
    all.put("an unprintable cause", () -> new CompletionException("wraps an unprintable", new Unprintable()));
    all.put("ten-megabyte message", () -> new IllegalStateException(TEN_MEGABYTES));
    all.put("ten-megabyte message in a CompletionException", () ->
        new CompletionException("wraps ten megabytes", new IllegalArgumentException(TEN_MEGABYTES)));
    all.put("10,000-frame stack trace", () -> {
      IllegalStateException t = new IllegalStateException("deep");
      StackTraceElement[] frames = new StackTraceElement[10_000];
      for (int i = 0; i < frames.length; i++) {
        frames[i] = new StackTraceElement("deep.Frame" + i, "call", "Frame.java", i);
      }
      t.setStackTrace(frames);
      return t;
    });
    all.put("1,000 suppressed", () -> {
      IllegalStateException t = new IllegalStateException("with suppressed");
      for (int i = 0; i < 1000; i++) {
        t.addSuppressed(new IllegalArgumentException("suppressed " + i));
      }
      return t;
    });
    all.put("message with surrogate pairs and controls", () -> new IllegalStateException("\uD83D\uDE00\u0000\n\u2028".repeat(400)));
    all.put("null message, empty simple name", () -> new RuntimeException() {
      private static final long serialVersionUID = 1L;
    });
    return all;
  }

  /** Two {@code CompletionException}s, each the other's cause, as {@code initCause} allows. */
  static Throwable cyclicCompletion() {
    Loop a = new Loop("a");
    Loop b = new Loop("b");
    a.initCause(b);
    b.initCause(a);
    return a;
  }

  /** As {@link #cyclicCompletion}, through {@code ExecutionException}s. */
  static Throwable cyclicExecution() {
    ExecutionLoop a = new ExecutionLoop("a");
    ExecutionLoop b = new ExecutionLoop("b");
    a.initCause(b);
    b.initCause(a);
    return a;
  }

  /**
   * {@code root} inside an {@code ExecutionException} inside {@code CompletionException}s. (With
   * messages of their own: the cause-only constructors call the cause's {@code toString()}.)
   */
  static Throwable completionChain(Throwable root) {
    return new CompletionException("outer", new CompletionException("middle", new ExecutionException("inner", root)));
  }

  /** A {@code CompletionException} that takes its cause later. */
  static final class Loop extends CompletionException {
    private static final long serialVersionUID = 1L;

    Loop(String message) {
      super(message);
    }
  }

  /** An {@code ExecutionException} that takes its cause later. */
  static final class ExecutionLoop extends ExecutionException {
    private static final long serialVersionUID = 1L;

    ExecutionLoop(String message) {
      super(message);
    }
  }

  /** Its own cause, by overriding {@code getCause()}, which {@code initCause} would refuse. */
  static final class SelfCaused extends CompletionException {
    private static final long serialVersionUID = 1L;

    SelfCaused() {
      super("self");
    }

    @Override
    public synchronized Throwable getCause() {
      return this;
    }
  }

  /** Nothing about it can be printed. */
  static final class Unprintable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage");
    }

    @Override
    public String getLocalizedMessage() {
      throw new IllegalStateException("getLocalizedMessage");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new IllegalStateException("getStackTrace");
    }

    @Override
    public void printStackTrace(PrintStream s) {
      throw new IllegalStateException("printStackTrace");
    }

    @Override
    public void printStackTrace(PrintWriter s) {
      throw new IllegalStateException("printStackTrace");
    }
  }
}
