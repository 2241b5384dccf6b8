package studio.bud.track.runtime.internal;

import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.TrackingLogCapture;
import studio.bud.track.runtime.internal.StreamingResultsTest.IteratingPublisher;
import studio.bud.track.runtime.internal.StreamingResultsTest.OneAtATime;

/**
 * A {@link Context} whose {@link Scope#close()} throws (a broken context implementation, or an
 * agent's instrumentation gone wrong): tracing reports it and the caller never sees it.
 */
class BrokenScopeTest {

  private static final TrackedMethod TOKENS = TrackedMethod.named("Gen.tokens").build();
  private static final TrackedMethod ASK = TrackedMethod.named("Gen.ask").build();

  private InMemoryTracing tracing;
  private TrackingLogCapture log;

  @BeforeEach
  void install() {
    tracing = InMemoryTracing.install();
    log = TrackingLogCapture.start();
  }

  @AfterEach
  void uninstall() {
    log.close();
    tracing.close();
  }

  @Test
  void anIteratorIsReadToTheEnd() {
    List<String> read = new ArrayList<>();
    inBrokenContext(
        () -> {
          Span span = TOKENS.start();
          Scope scope = TOKENS.enter(span);
          Iterator<String> traced = TOKENS.returnedIterator(span, scope, List.of("a", "b").iterator());
          while (traced.hasNext()) {
            read.add(traced.next());
          }
        });

    assertThat(read).containsExactly("a", "b");
    assertCompletedAndReported();
  }

  @Test
  void aStreamIsCollected() {
    List<String> read = new ArrayList<>();
    inBrokenContext(
        () -> {
          Span span = TOKENS.start();
          Scope scope = TOKENS.enter(span);
          try (Stream<String> traced = TOKENS.returnedStream(span, scope, Stream.of("a", "b"))) {
            read.addAll(traced.collect(toList()));
          }
        });

    assertThat(read).containsExactly("a", "b");
    assertCompletedAndReported();
  }

  @Test
  void aPublisherIsSubscribedAndDelivered() {
    OneAtATime<String> subscriber = new OneAtATime<>(Integer.MAX_VALUE);
    inBrokenContext(
        () -> {
          Span span = TOKENS.start();
          Scope scope = TOKENS.enter(span);
          TOKENS
              .returnedPublisher(span, scope, new IteratingPublisher<>(() -> List.of("a", "b").iterator()))
              .subscribe(subscriber);
        });

    assertThat(subscriber.awaitEnd()).containsExactly("a", "b");
    assertCompletedAndReported();
  }

  @Test
  void plainAndAsyncCallsReturnTheirResult() {
    CompletableFuture<Object> future = new CompletableFuture<>();
    inBrokenContext(
        () -> {
          Span span = ASK.start();
          Scope scope = ASK.enter(span);
          ASK.returned(span, scope, "answer");
          Span later = ASK.start();
          Scope laterScope = ASK.enter(later);
          assertThat(ASK.returnedAsync(later, laterScope, future)).isSameAs(future);
        });
    future.complete("done");

    assertThat(tracing.spans()).hasSize(2).allMatch(s -> s.getStatus().getStatusCode() == StatusCode.OK);
    assertThat(log.records()).isNotEmpty();
  }

  private void assertCompletedAndReported() {
    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(2L);
    assertThat(log.records()).as("the broken scope was reported").isNotEmpty();
  }

  /** Runs {@code work} with a broken context current, and checks the context is restored. */
  private static void inBrokenContext(Runnable work) {
    Context before = Context.current();
    Scope outer = ContextStorage.get().attach(new BrokenContext(Context.root()));
    try {
      work.run();
    } finally {
      outer.close();
    }
    assertThat(Context.current()).isSameAs(before);
  }

  /**
   * A context that behaves like the one it wraps, except that closing a scope it was made current
   * in throws, after restoring the previous context as a real scope does.
   */
  private static final class BrokenContext implements Context {
    private final Context real;

    BrokenContext(Context real) {
      this.real = real;
    }

    @Override
    public <V> V get(ContextKey<V> key) {
      return real.get(key);
    }

    @Override
    public <V> Context with(ContextKey<V> key, V value) {
      return new BrokenContext(real.with(key, value));
    }

    @Override
    public Scope makeCurrent() {
      Scope scope = ContextStorage.get().attach(this);
      return () -> {
        scope.close();
        throw new IllegalStateException("broken scope");
      };
    }
  }
}
