package studio.bud.track.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import studio.bud.track.processor.fixtures.Assistant;
import studio.bud.track.processor.fixtures.TracedAssistant;

/**
 * Async and streaming results through a generated wrapper: the processor picks the kind from the
 * declared result type, and the span follows the result to its end. (The runtime's own tests
 * cover every way a stream can end; these check the generated code wires them.)
 */
class ResultKindsTest {

  @RegisterExtension final TracingExtension tracing = new TracingExtension();

  static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");

  final CompletableFuture<String> future = new CompletableFuture<>();
  final List<String> produced = new ArrayList<>();

  final Assistant assistant =
      TracedAssistant.wrap(
          new TracedCallTest.FakeAssistant() {
            @Override
            public CompletableFuture<String> askAsync(String question) {
              return future;
            }

            @Override
            public Iterator<String> tokens(String prompt) {
              return Stream.of("Hello", " ", "world").peek(produced::add).iterator();
            }

            @Override
            public Stream<String> streamTokens(String prompt) {
              return Stream.of("a", "b", "c").peek(produced::add);
            }
          });

  @Test
  void futureIsReturnedAsIsAndTheSpanEndsWhenItCompletes() throws Exception {
    CompletableFuture<String> result = assistant.askAsync("q");

    assertThat(result).isSameAs(future);
    assertThat(tracing.spans()).isEmpty();

    future.complete("later");

    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("later");
    SpanData span = tracing.onlySpan();
    assertThat(span.getName()).isEqualTo("Assistant.askAsync");
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"later\"");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void exceptionalCompletionRecordsTheUnwrappedCause() {
    IllegalStateException cause = new IllegalStateException("rate limited");

    CompletableFuture<String> result = assistant.askAsync("q");
    future.completeExceptionally(new CompletionException(cause));

    assertThat(catchThrowable(result::join)).hasCause(cause);
    SpanData span = tracing.onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("IllegalStateException: rate limited");
    assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(IllegalStateException.class.getName());
  }

  @Test
  void cancellationIsMarkedAndLeavesTheStatusUnset() {
    CompletableFuture<String> result = assistant.askAsync("q");
    result.cancel(true);

    assertThat(catchThrowable(result::join)).isInstanceOf(CancellationException.class);
    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("bud.track.cancelled"))).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void iteratorSpanStaysOpenWhileConsumedAndRecordsTheConcatenation() {
    Iterator<String> tokens = assistant.tokens("greet");
    assertThat(produced).isEmpty();
    assertThat(tokens.next()).isEqualTo("Hello");
    assertThat(tracing.spans()).isEmpty();

    tokens.forEachRemaining(token -> {});

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"Hello world\"");
    assertThat(span.getAttributes().get(AttributeKey.longKey("bud.track.yield_count"))).isEqualTo(3);
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("bud.track.generator_completed")))
        .isTrue();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.input.prompt")))
        .isEqualTo("\"greet\"");
  }

  @Test
  void streamIsLazyAndItsSpanEndsWhenTheTerminalOperationExhaustsIt() {
    Stream<String> stream = assistant.streamTokens("p");
    assertThat(produced).isEmpty();

    assertThat(stream.collect(Collectors.joining())).isEqualTo("abc");

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"abc\"");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void streamClosedEarlyEndsItsSpanNotCompleted() {
    try (Stream<String> stream = assistant.streamTokens("p")) {
      assertThat(stream.iterator().next()).isEqualTo("a");
    }

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("bud.track.generator_completed")))
        .isFalse();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }
}
