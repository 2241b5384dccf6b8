package studio.bud.track.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code exception} event and the status description of a failed call (SPEC section 4): the
 * JDK's stack trace format, bounded, written even for exceptions that cannot print themselves.
 */
class ExceptionEventTest {

  private static final TrackedMethod CALL = TrackedMethod.named("Tool.run").build();
  private static final int BIG = 1_000_000;

  private InMemoryTracing tracing;

  @BeforeEach
  void install() {
    tracing = InMemoryTracing.install();
  }

  @AfterEach
  void uninstall() {
    tracing.close();
    TrackingState.setMaxAttributeLength(TrackingState.DEFAULT_MAX_ATTRIBUTE_LENGTH);
    TrackingState.setMaxStackTraceLength(TrackingState.DEFAULT_MAX_STACK_TRACE_LENGTH);
  }

  /** A tool's own failure, as in the Python SDK's examples. */
  static class ToolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ToolError(String message) {
      super(message);
    }

    ToolError(String message, Throwable cause) {
      super(message, cause);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Format.

  @Test
  void theStackTraceIsPrintedExactlyAsTheJdkPrintsIt() {
    for (Throwable error : shapes()) {
      assertThat(ExceptionEvent.stackTrace(error, BIG)).isEqualTo(printed(error));
    }
  }

  private static Throwable[] shapes() {
    ToolError plain = new ToolError("boom");
    ToolError caused = new ToolError("outer", new IOException("disk", new IllegalStateException()));
    ToolError suppressing = new ToolError("with suppressed");
    IllegalArgumentException suppressed = new IllegalArgumentException("closing");
    suppressed.addSuppressed(new IllegalStateException("nested suppressed"));
    suppressed.initCause(new UncheckedIOException(new IOException("cause of suppressed")));
    suppressing.addSuppressed(suppressed);
    suppressing.addSuppressed(plain); // a throwable seen elsewhere too is printed where it occurs
    ToolError cyclic = new ToolError("a");
    ToolError second = new ToolError("b", cyclic);
    cyclic.initCause(second);
    ToolError selfSuppressing = new ToolError("self");
    selfSuppressing.addSuppressed(new ToolError("inner", selfSuppressing));
    ToolError noMessage = new ToolError(null);
    ToolError noFrames = new ToolError("no frames");
    noFrames.setStackTrace(new StackTraceElement[0]);
    return new Throwable[] {
      plain, caused, suppressing, cyclic, selfSuppressing, noMessage, noFrames, deepCause(50)
    };
  }

  private static Throwable deepCause(int depth) {
    Throwable error = new IllegalStateException("root");
    for (int i = 0; i < depth; i++) {
      error = new ToolError("level " + i, error);
    }
    return error;
  }

  private static String printed(Throwable error) {
    StringWriter text = new StringWriter();
    try (PrintWriter writer = new PrintWriter(text)) {
      error.printStackTrace(writer);
    }
    return text.toString();
  }

  @Test
  void aCycleInTheCauseChainIsPrintedOnce() {
    ToolError a = new ToolError("a");
    ToolError b = new ToolError("b", a);
    a.initCause(b);

    String trace = ExceptionEvent.stackTrace(a, BIG);

    assertThat(trace).startsWith(ToolError.class.getName() + ": a");
    assertThat(trace).contains("Caused by: " + ToolError.class.getName() + ": b");
    assertThat(trace).contains("Caused by: [CIRCULAR REFERENCE: " + ToolError.class.getName() + ": a]");
  }

  @Test
  void theEventCarriesTheCanonicalTypeTheMessageAndTheTrace() {
    ToolError error = new ToolError("boom: x", new IOException("disk"));

    SpanData span = failedWith(error);

    EventData event = onlyEvent(span);
    assertThat(event.getName()).isEqualTo("exception");
    Attributes attributes = event.getAttributes();
    assertThat(attributes.get(ExceptionEvent.TYPE))
        .isEqualTo("studio.bud.track.runtime.internal.ExceptionEventTest.ToolError");
    assertThat(attributes.get(ExceptionEvent.MESSAGE)).isEqualTo("boom: x");
    assertThat(attributes.get(ExceptionEvent.STACKTRACE)).isEqualTo(printed(error));
    assertThat(attributes.size()).isEqualTo(3);
  }

  @Test
  void anAnonymousExceptionHasItsBinaryNameAsType() {
    RuntimeException anonymous = new RuntimeException("anonymous") {
      private static final long serialVersionUID = 1L;
    };

    EventData event = onlyEvent(failedWith(anonymous));

    assertThat(event.getAttributes().get(ExceptionEvent.TYPE)).isEqualTo(anonymous.getClass().getName());
  }

  @Test
  void aNullMessageLeavesTheMessageOut() {
    EventData event = onlyEvent(failedWith(new ToolError(null)));

    assertThat(event.getAttributes().get(ExceptionEvent.MESSAGE)).isNull();
    assertThat(event.getAttributes().get(ExceptionEvent.STACKTRACE))
        .startsWith(ToolError.class.getName() + System.lineSeparator());
  }

  // ---------------------------------------------------------------------------------------------
  // Bounds.

  @Test
  void aTenMegabyteMessageIsBoundedAndNeverCopiedWhole() {
    String huge = "m".repeat(10_000_000);
    ToolError error = new ToolError(huge, new IllegalStateException(huge));

    long allocated = allocatedBy(() -> ExceptionEvent.of(error));
    Attributes attributes = ExceptionEvent.of(error);

    assertThat(attributes.get(ExceptionEvent.MESSAGE))
        .hasSize(TrackingState.DEFAULT_MAX_ATTRIBUTE_LENGTH)
        .endsWith("mmm...");
    String trace = attributes.get(ExceptionEvent.STACKTRACE);
    assertThat(trace)
        .hasSize(TrackingState.DEFAULT_MAX_STACK_TRACE_LENGTH)
        .startsWith(ToolError.class.getName() + ": mmm")
        .endsWith("...");
    // Copying the message once would take ten megabytes; a bounded rendering takes a few dozen
    // kilobytes (measured as bytes allocated by this thread, not as time).
    assertThat(allocated).isLessThan(1_000_000L);
  }

  @Test
  void aTenThousandFrameTraceIsBounded() {
    ToolError error = new ToolError("deep");
    StackTraceElement[] frames = new StackTraceElement[10_000];
    Arrays.fill(frames, new StackTraceElement("com.example.Deep", "recurse", "Deep.java", 42));
    error.setStackTrace(frames);

    long allocated = allocatedBy(() -> ExceptionEvent.of(error));
    String trace = ExceptionEvent.of(error).get(ExceptionEvent.STACKTRACE);

    assertThat(trace).hasSize(TrackingState.DEFAULT_MAX_STACK_TRACE_LENGTH).endsWith("...");
    assertThat(trace).isEqualTo(Repr.truncate(printed(error), TrackingState.DEFAULT_MAX_STACK_TRACE_LENGTH));
    // The full trace is about 450 kB of text; what is rendered stops at the bound.
    assertThat(allocated).isLessThan(400_000L);
  }

  @Test
  void theStackTraceBoundIsASetting() {
    TrackingState.setMaxStackTraceLength(100);
    ToolError error = new ToolError("boom");

    String trace = onlyEvent(failedWith(error)).getAttributes().get(ExceptionEvent.STACKTRACE);

    assertThat(trace).isEqualTo(Repr.truncate(printed(error), 100)).hasSize(100);
  }

  @Test
  void theStackTraceCountsCodePointsAndNeverSplitsAPair() {
    String emoji = "😀".repeat(200);
    ToolError error = new ToolError(emoji);

    String trace = ExceptionEvent.stackTrace(error, 100);

    assertThat(trace.codePointCount(0, trace.length())).isEqualTo(100);
    assertThat(trace).isEqualTo(Repr.truncate(printed(error), 100)).endsWith("😀...");
  }

  // ---------------------------------------------------------------------------------------------
  // Hostile exceptions.

  @Test
  void anExceptionWhoseStackTraceCannotBeReadStillGetsAnEvent() {
    ToolError hostile =
        new ToolError("no trace") {
          private static final long serialVersionUID = 1L;

          @Override
          public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("getStackTrace");
          }

          @Override
          public void printStackTrace(PrintWriter s) {
            throw new IllegalStateException("printStackTrace");
          }
        };

    EventData event = onlyEvent(failedWith(hostile));

    assertThat(event.getAttributes().get(ExceptionEvent.MESSAGE)).isEqualTo("no trace");
    assertThat(event.getAttributes().get(ExceptionEvent.STACKTRACE))
        .isEqualTo(hostile.getClass().getName() + ": no trace" + System.lineSeparator());
  }

  @Test
  void anExceptionWhoseMessageAndToStringThrowStillGetsAnEventWithItsTrace() {
    RuntimeException hostile =
        new RuntimeException() {
          private static final long serialVersionUID = 1L;

          @Override
          public String getMessage() {
            throw new IllegalStateException("getMessage");
          }

          @Override
          public String toString() {
            throw new IllegalStateException("toString");
          }
        };

    SpanData span = failedWith(hostile);

    Attributes attributes = onlyEvent(span).getAttributes();
    assertThat(attributes.get(ExceptionEvent.TYPE)).isEqualTo(hostile.getClass().getName());
    assertThat(attributes.get(ExceptionEvent.MESSAGE)).isNull();
    assertThat(attributes.get(ExceptionEvent.STACKTRACE))
        .startsWith(hostile.getClass().getName() + System.lineSeparator() + "\tat ");
    assertThat(span.getStatus().getDescription()).isEqualTo(hostile.getClass().getName());
  }

  @Test
  void aCauseWhoseGetCauseThrowsEndsTheChainThere() {
    ToolError hostileCause =
        new ToolError("cause") {
          private static final long serialVersionUID = 1L;

          @Override
          public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause");
          }
        };
    ToolError error = new ToolError("outer", hostileCause);

    String trace = onlyEvent(failedWith(error)).getAttributes().get(ExceptionEvent.STACKTRACE);

    assertThat(trace).startsWith(ToolError.class.getName() + ": outer");
    assertThat(trace).contains("Caused by: " + hostileCause.getClass().getName() + ": cause");
  }

  // ---------------------------------------------------------------------------------------------
  // The status description: Python's <type(exc).__name__>: <str(exc)>.

  @Test
  void theDescriptionIsTheSimpleNameAndTheMessage() {
    assertThat(failedWith(new ToolError("boom: x")).getStatus().getDescription()).isEqualTo("ToolError: boom: x");
  }

  @Test
  void aNullMessageGivesTheNameAndAnEmptyMessage() {
    tracing.close();
    tracing = InMemoryTracing.install();
    assertThat(failedWith(new ToolError(null)).getStatus().getDescription()).isEqualTo("ToolError: ");
  }

  @Test
  void anAnonymousExceptionIsDescribedByItsBinaryName() {
    RuntimeException anonymous = new RuntimeException("boom") {
      private static final long serialVersionUID = 1L;
    };

    assertThat(failedWith(anonymous).getStatus().getDescription())
        .isEqualTo(anonymous.getClass().getName() + ": boom");
  }

  @Test
  void aLongMessageIsCutInTheDescriptionLikeAnAttribute() {
    String description = failedWith(new ToolError("😀".repeat(5_000))).getStatus().getDescription();

    assertThat(description.codePointCount(0, description.length()))
        .isEqualTo(TrackingState.DEFAULT_MAX_ATTRIBUTE_LENGTH);
    assertThat(description).startsWith("ToolError: 😀😀").endsWith("😀...");
  }

  // ---------------------------------------------------------------------------------------------

  private SpanData failedWith(Throwable error) {
    Span span = CALL.start();
    Scope scope = CALL.enter(span);
    CALL.failed(span, scope, error);
    SpanData data = tracing.spans().get(tracing.spans().size() - 1);
    assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    return data;
  }

  private static EventData onlyEvent(SpanData span) {
    assertThat(span.getEvents()).hasSize(1);
    return span.getEvents().get(0);
  }

  /** Bytes this thread allocates while running {@code work}, as the JVM counts them. */
  private static long allocatedBy(Runnable work) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    work.run(); // warm up: class loading and first-use caches are not the rendering's cost
    long before = threads.getThreadAllocatedBytes(id);
    work.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
