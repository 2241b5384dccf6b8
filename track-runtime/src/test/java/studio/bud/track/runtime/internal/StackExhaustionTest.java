package studio.bud.track.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real {@link StackOverflowError}: the caller recursed to the edge of its stack, the delegate
 * overflowed, and recording the failure overflows too. The caller must get the very throwable the
 * delegate threw, and the span must end, at every depth.
 */
class StackExhaustionTest {

  private static final TrackedMethod RAISE = TrackedMethod.named("Deep.raise").build();

  /** How many frames, from the deepest up, make a traced call. */
  private static final int PROBED_FRAMES = 3_000;

  private InMemoryTracing tracing;

  // Plain fields, written without a call, so that writing them cannot overflow the stack.
  private StackOverflowError original;
  private int probesLeft;
  private boolean entered;
  private Span lastSpan;
  private int delegateEntered;
  private int otherThrowable;
  private int notEnded;

  @BeforeEach
  void install() {
    tracing = InMemoryTracing.install();
  }

  @AfterEach
  void uninstall() {
    tracing.close();
  }

  @Test
  void atEveryDepthTheCallerGetsTheDelegatesThrowableAndTheSpanEnds() {
    warmUp();
    probesLeft = PROBED_FRAMES;

    descend();

    assertThat(original).as("the stack overflowed").isNotNull();
    assertThat(delegateEntered).as("calls that reached the delegate").isGreaterThan(PROBED_FRAMES / 2);
    assertThat(otherThrowable).as("calls that threw another throwable than the delegate's").isZero();
    assertThat(notEnded).as("spans of calls that reached the delegate, left open").isZero();
  }

  /**
   * Loads and initializes every class a traced call uses, first: a class whose initializer
   * overflows the stack fails for the rest of the JVM's life, which is not what this test is about.
   */
  private void warmUp() {
    IllegalStateException warmUp = new IllegalStateException("warm-up");
    for (int i = 0; i < 2; i++) {
      try {
        tracedRaise(warmUp);
      } catch (Throwable expected) {
        assertThat(expected).isSameAs(warmUp);
      }
    }
    Span span = RAISE.start();
    RAISE.returned(span, RAISE.enter(span), "ok");
    tracing.exporter.reset();
  }

  /**
   * Recurses until the stack overflows, then, on the way back up, makes one traced call in each
   * frame: the deepest ones with almost no stack left, each next one with a little more.
   */
  private void descend() {
    try {
      descend();
    } catch (StackOverflowError bottom) {
      if (original == null) {
        original = bottom;
      }
    }
    if (probesLeft > 0) {
      probesLeft--;
      probe();
    }
  }

  private void probe() {
    entered = false;
    lastSpan = null;
    Throwable thrown = null;
    try {
      tracedRaise(original);
    } catch (Throwable t) {
      thrown = t;
    }
    if (!entered) {
      return; // the stack was too short to reach the delegate at all, traced or not
    }
    delegateEntered++;
    if (thrown != original) {
      otherThrowable++;
    }
    if (lastSpan instanceof ReadableSpan && !((ReadableSpan) lastSpan).hasEnded()) {
      notEnded++;
    }
  }

  /** What a generated wrapper does around the delegate. */
  private Object tracedRaise(Throwable error) throws Throwable {
    Span span = RAISE.start();
    lastSpan = span;
    Scope scope = RAISE.enter(span);
    Object result;
    try {
      result = raise(error);
    } catch (Throwable t) {
      RAISE.failed(span, scope, t);
      throw t;
    }
    RAISE.returned(span, scope, result);
    return result;
  }

  /** The delegate: throws {@code error}, as given. */
  private Object raise(Throwable error) throws Throwable {
    entered = true;
    throw error;
  }
}
