package studio.bud.track.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.bud.track.reactor.SpanCapture.ABANDONED;
import static studio.bud.track.reactor.SpanCapture.CANCELLED;
import static studio.bud.track.reactor.SpanCapture.COMPLETED;
import static studio.bud.track.reactor.SpanCapture.OUTPUT;
import static studio.bud.track.reactor.SpanCapture.YIELD_COUNT;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@code Flux} and {@code Mono} results (SPEC section 7) through a wrapper the real processor
 * generated, driven with reactor-test's {@code StepVerifier}, spans from a real SDK. Without this
 * module's adapters each of these spans would end when the method returns, with the publisher's
 * {@code toString()} as its output.
 */
class ReactorResultsTest {

  @RegisterExtension final SpanCapture spans = new SpanCapture();

  private final Scripted scripted = new Scripted();
  private final Streams streams = TracedStreams.wrap(scripted);
  private final Tool tool = TracedTool.wrap(new UpperTool());

  /** An implementation whose results each test sets. */
  static final class Scripted implements Streams {
    Flux<String> tokens = Flux.just("Hello", " world");
    Flux<Integer> numbers = Flux.empty();
    Mono<String> answer = Mono.just("42");
    Mono<Void> flush = Mono.empty();

    @Override
    public Flux<String> tokens(String prompt) {
      return tokens;
    }

    @Override
    public Flux<Integer> numbers(int count) {
      return numbers;
    }

    @Override
    public Mono<String> answer(String question) {
      return answer;
    }

    @Override
    public Mono<Void> flush() {
      return flush;
    }
  }

  static final class UpperTool implements Tool {
    @Override
    public String lookup(String word) {
      return word.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public Mono<String> fetch(String word) {
      return Mono.fromSupplier(() -> "<" + word + ">");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Flux

  @Test
  void fluxSpanLastsFromTheCallToTheLastSignalAndCountsTheElements() {
    Flux<String> tokens = streams.tokens("greet");
    assertThat(spans.spans()).as("open until the last signal").isEmpty();

    StepVerifier.create(tokens).expectNext("Hello", " world").verifyComplete();

    SpanData span = spans.span("Streams.tokens");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.input.prompt")))
        .isEqualTo("\"greet\"");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.type"))).isEqualTo("llm");
    assertThat(span.getAttributes().get(YIELD_COUNT)).isEqualTo(2L);
    assertThat(span.getAttributes().get(COMPLETED)).isTrue();
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"Hello world\"");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void fluxOfNonTextElementsRecordsTheirList() {
    scripted.numbers = Flux.range(1, 3);

    StepVerifier.create(streams.numbers(3)).expectNext(1, 2, 3).verifyComplete();

    assertThat(spans.span("Streams.numbers").getAttributes().get(OUTPUT)).isEqualTo("[1, 2, 3]");
  }

  @Test
  void emptyFluxCompletesWithoutOutput() {
    StepVerifier.create(streams.numbers(0)).verifyComplete();

    SpanData span = spans.span("Streams.numbers");
    assertThat(span.getAttributes().get(YIELD_COUNT)).isZero();
    assertThat(span.getAttributes().get(COMPLETED)).isTrue();
    assertThat(span.getAttributes().get(OUTPUT)).isNull();
  }

  @Test
  void fluxErrorIsRecordedAndPropagatedUnchanged() {
    IllegalStateException error = new IllegalStateException("model down");
    scripted.tokens = Flux.concat(Flux.just("partial"), Flux.error(error));

    StepVerifier.create(streams.tokens("x"))
        .expectNext("partial")
        .expectErrorSatisfies(e -> assertThat(e).isSameAs(error))
        .verify();

    SpanData span = spans.span("Streams.tokens");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    assertThat(span.getAttributes().get(YIELD_COUNT)).isEqualTo(1L);
    assertThat(span.getAttributes().get(COMPLETED)).isFalse();
  }

  @Test
  void cancelledFluxIsNotCompletedAndLeavesTheStatusUnset() {
    scripted.tokens = Flux.just("a", "b", "c");

    StepVerifier.create(streams.tokens("x"), 1).expectNext("a").thenCancel().verify();

    SpanData span = spans.span("Streams.tokens");
    assertThat(span.getAttributes().get(YIELD_COUNT)).isEqualTo(1L);
    assertThat(span.getAttributes().get(COMPLETED)).isFalse();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void takeCancelsTheSourceAfterEnoughElements() {
    scripted.tokens = Flux.just("a", "b", "c");

    StepVerifier.create(streams.tokens("x").take(2)).expectNext("a", "b").verifyComplete();

    SpanData span = spans.span("Streams.tokens");
    assertThat(span.getAttributes().get(YIELD_COUNT)).isEqualTo(2L);
    assertThat(span.getAttributes().get(COMPLETED)).isFalse();
  }

  @Test
  void onlyTheFirstSubscriptionIsTraced() {
    Flux<String> tokens = streams.tokens("twice");

    StepVerifier.create(tokens).expectNext("Hello", " world").verifyComplete();
    StepVerifier.create(tokens).expectNext("Hello", " world").verifyComplete();

    assertThat(spans.spans("Streams.tokens")).hasSize(1);
    assertThat(spans.span("Streams.tokens").getAttributes().get(YIELD_COUNT)).isEqualTo(2L);
  }

  @Test
  void neverSubscribedFluxStillEndsItsSpan() {
    callAndDropTokens();

    SpanData span = spans.awaitEndedByTheCollector("Streams.tokens");

    assertThat(span.getAttributes().get(COMPLETED)).isFalse();
    assertThat(span.getAttributes().get(YIELD_COUNT)).isZero();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  private void callAndDropTokens() {
    streams.tokens("dropped");
  }

  @Test
  void trackedCallsInMapAndFlatMapAreChildrenOfTheStream() {
    scripted.tokens = Flux.just("a", "b");

    StepVerifier.create(streams.tokens("x").map(tool::lookup).flatMap(tool::fetch))
        .expectNext("<A>", "<B>")
        .verifyComplete();

    SpanData stream = spans.span("Streams.tokens");
    List<SpanData> children =
        spans.spans().stream().filter(s -> s.getName().startsWith("Tool.")).toList();
    assertThat(children).hasSize(4);
    assertThat(children)
        .allSatisfy(child -> assertThat(child.getParentSpanId()).isEqualTo(stream.getSpanId()));
  }

  @Test
  void workTheSourceDoesWhenSubscribedIsAChild() {
    scripted.tokens = Flux.defer(() -> Flux.just(tool.lookup("from source")));

    StepVerifier.create(streams.tokens("x")).expectNext("FROM SOURCE").verifyComplete();

    assertThat(spans.span("Tool.lookup").getParentSpanId())
        .isEqualTo(spans.span("Streams.tokens").getSpanId());
  }

  @Test
  void workMovedToAnotherThreadAfterTheStreamIsNotAChild() {
    scripted.tokens = Flux.just("a");

    StepVerifier.create(
            streams.tokens("x").publishOn(Schedulers.single()).map(tool::lookup))
        .expectNext("A")
        .verifyComplete();

    assertThat(spans.span("Tool.lookup").getParentSpanId()).isEqualTo(SpanId.getInvalid());
  }

  @Test
  void elementsProducedOnAnotherThreadAreStillDeliveredInsideTheSpan() {
    scripted.tokens = Flux.just("a", "b").publishOn(Schedulers.parallel());

    StepVerifier.create(streams.tokens("x").map(tool::lookup))
        .expectNext("A", "B")
        .verifyComplete();

    String stream = spans.span("Streams.tokens").getSpanId();
    assertThat(spans.spans("Tool.lookup"))
        .hasSize(2)
        .allSatisfy(child -> assertThat(child.getParentSpanId()).isEqualTo(stream));
  }

  @Test
  void theSubscribersReactorContextReachesTheSource() {
    scripted.tokens =
        Flux.deferContextual(context -> Flux.just(context.getOrDefault("user", "nobody")));

    StepVerifier.create(streams.tokens("x").contextWrite(c -> c.put("user", "ada")))
        .expectNext("ada")
        .verifyComplete();
  }

  // ---------------------------------------------------------------------------------------------
  // Mono

  @Test
  void monoValueIsTheOutputWithNoCount() {
    Mono<String> answer = streams.answer("meaning");
    assertThat(spans.spans()).isEmpty();

    StepVerifier.create(answer).expectNext("42").verifyComplete();

    SpanData span = spans.span("Streams.answer");
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"42\"");
    assertThat(span.getAttributes().get(YIELD_COUNT)).isNull();
    assertThat(span.getAttributes().get(COMPLETED)).isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void emptyMonoIsOkWithoutOutput() {
    StepVerifier.create(streams.flush()).verifyComplete();

    SpanData span = spans.span("Streams.flush");
    assertThat(span.getAttributes().get(OUTPUT)).isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void monoErrorIsRecorded() {
    IllegalArgumentException error = new IllegalArgumentException("no answer");
    scripted.answer = Mono.error(error);

    StepVerifier.create(streams.answer("q"))
        .expectErrorSatisfies(e -> assertThat(e).isSameAs(error))
        .verify();

    SpanData span = spans.span("Streams.answer");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    assertThat(span.getAttributes().get(OUTPUT)).isNull();
  }

  @Test
  void cancelledMonoIsFlaggedWithTheStatusUnset() {
    scripted.answer = Mono.never();

    StepVerifier.create(streams.answer("q")).thenCancel().verify();

    SpanData span = spans.span("Streams.answer");
    assertThat(span.getAttributes().get(CANCELLED)).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void neverSubscribedMonoIsEndedAsAbandoned() {
    callAndDropAnswer();

    SpanData span = spans.awaitEndedByTheCollector("Streams.answer");

    assertThat(span.getAttributes().get(ABANDONED)).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  private void callAndDropAnswer() {
    streams.answer("dropped");
  }

  @Test
  void retryResubscribesUntraced() {
    AtomicInteger attempts = new AtomicInteger();
    scripted.answer =
        Mono.defer(
            () ->
                attempts.incrementAndGet() == 1
                    ? Mono.error(new IllegalStateException("first attempt fails"))
                    : Mono.just("second attempt"));

    StepVerifier.create(streams.answer("q").retry(1)).expectNext("second attempt").verifyComplete();

    assertThat(attempts).hasValue(2);
    SpanData span = spans.span("Streams.answer");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).contains("first attempt fails");
  }

  @Test
  void workTheMonoDoesWhenSubscribedIsAChild() {
    scripted.answer = Mono.fromSupplier(() -> tool.lookup("inside"));

    StepVerifier.create(streams.answer("q")).expectNext("INSIDE").verifyComplete();

    assertThat(spans.span("Tool.lookup").getParentSpanId())
        .isEqualTo(spans.span("Streams.answer").getSpanId());
  }

  @Test
  void untracedWhenTrackingIsOff() {
    studio.bud.track.runtime.Tracking.shutdown();
    Flux<String> tokens = streams.tokens("off");

    assertThat(tokens).isSameAs(scripted.tokens);
  }
}
