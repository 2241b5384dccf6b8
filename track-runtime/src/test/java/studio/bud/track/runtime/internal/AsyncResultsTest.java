package studio.bud.track.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asynchronous results (SPEC section 4) whose failures or lifetimes are hostile. */
class AsyncResultsTest {

  private static final String NAME = "Agent.later";
  private static final TrackedMethod LATER = TrackedMethod.named(NAME).build();

  /** Only a guard against a hang in a broken build; nothing here measures time. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  private InMemoryTracing tracing;

  @BeforeEach
  void install() {
    tracing = InMemoryTracing.install();
  }

  @AfterEach
  void uninstall() {
    tracing.close();
  }

  /** Two completion wrappers that are each other's cause. */
  static final class Wrapper extends CompletionException {
    private static final long serialVersionUID = 1L;

    Wrapper(String message) {
      super(message);
    }
  }

  private static Wrapper cyclicChain() {
    Wrapper a = new Wrapper("a");
    Wrapper b = new Wrapper("b");
    a.initCause(b);
    b.initCause(a);
    return a;
  }

  @Test
  void aFailedFutureWithACyclicCauseChainReturnsAndEndsItsSpan() {
    Wrapper a = cyclicChain();
    CompletableFuture<Object> failed = CompletableFuture.failedFuture(a);

    CompletableFuture<Object> returned = assertTimeoutPreemptively(HANG_GUARD, () -> traced(failed));

    assertThat(returned).isSameAs(failed);
    assertFailedOnceWithACircularReference(tracing.onlySpan());
  }

  @Test
  void completingAPendingFutureWithACyclicCauseChainReturnsAndEndsItsSpan() {
    CompletableFuture<Object> pending = new CompletableFuture<>();
    assertThat(traced(pending)).isSameAs(pending);
    Wrapper a = cyclicChain();

    boolean completed = assertTimeoutPreemptively(HANG_GUARD, () -> pending.completeExceptionally(a));

    assertThat(completed).isTrue();
    assertFailedOnceWithACircularReference(tracing.onlySpan());
  }

  private static void assertFailedOnceWithACircularReference(SpanData span) {
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).hasSize(1);
    EventData event = span.getEvents().get(0);
    assertThat(event.getAttributes().get(ExceptionEvent.TYPE)).isEqualTo(Wrapper.class.getCanonicalName());
    String trace = event.getAttributes().get(ExceptionEvent.STACKTRACE);
    assertThat(trace).contains("Caused by: ").contains("[CIRCULAR REFERENCE: ");
    assertThat(trace.length()).isLessThanOrEqualTo(TrackingState.DEFAULT_MAX_STACK_TRACE_LENGTH);
  }

  @Test
  void unwrappingStopsAtTheLastWrapperBeforeACycleCloses() {
    Wrapper a = cyclicChain();
    Throwable b = a.getCause();

    assertThat(SpanOutcome.unwrap(a)).isSameAs(b);
    assertThat(SpanOutcome.unwrap(b)).isSameAs(a);
  }

  @Test
  void unwrappingGoesThroughMixedWrappersToTheCause() {
    IllegalStateException cause = new IllegalStateException("rate limited");
    CompletionException outer =
        new CompletionException(new ExecutionException(new CompletionException(cause)));

    assertThat(SpanOutcome.unwrap(outer)).isSameAs(cause);
    assertThat(SpanOutcome.unwrap(cause)).isSameAs(cause);
  }

  @Test
  void unwrappingStopsAtAWrapperWhoseGetCauseThrows() {
    CompletionException hostile =
        new CompletionException("hostile", null) {
          private static final long serialVersionUID = 1L;

          @Override
          public synchronized Throwable getCause() {
            throw new IllegalStateException("no cause for you");
          }
        };

    assertThat(SpanOutcome.unwrap(hostile)).isSameAs(hostile);
  }

  @Test
  void aFutureThatNeverCompletesAndIsDroppedStillEndsItsSpanAsAbandoned() {
    callAndDropAPendingFuture();

    SpanData span = tracing.awaitEndedByTheCollector(NAME);
    assertThat(span.getAttributes().get(SpanAttributes.ABANDONED)).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getEvents()).isEmpty();
  }

  private void callAndDropAPendingFuture() {
    traced(new CompletableFuture<>());
  }

  @Test
  void aFutureThatCompletesIsNotMarkedAbandoned() {
    CompletableFuture<Object> pending = new CompletableFuture<>();
    traced(pending);

    pending.complete("done");

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.ABANDONED)).isNull();
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("\"done\"");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void anAlreadyCompletedFutureEndsItsSpanAtOnce() {
    traced(CompletableFuture.completedFuture(42));

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("42");
    assertThat(span.getAttributes().get(SpanAttributes.ABANDONED)).isNull();
  }

  /** A future whose {@code isDone()} throws, as a hostile subclass may. */
  private static final class IsDoneThrows<T> extends CompletableFuture<T> {
    @Override
    public boolean isDone() {
      throw new IllegalStateException("isDone");
    }
  }

  @Test
  void aFutureWhoseIsDoneThrowsIsFollowedToItsEnd() {
    IsDoneThrows<Object> pending = new IsDoneThrows<>();
    traced(pending);

    pending.complete("done");

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("\"done\"");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void aFutureWhoseIsDoneThrowsIsStillWatchedWhenDropped() {
    traced(new IsDoneThrows<>());

    SpanData span = tracing.awaitEndedByTheCollector(NAME);
    assertThat(span.getAttributes().get(SpanAttributes.ABANDONED)).isTrue();
  }

  private static <S extends CompletionStage<?>> S traced(S stage) {
    Span span = LATER.start();
    Scope scope = LATER.enter(span);
    return LATER.returnedAsync(span, scope, stage);
  }
}
