package studio.bud.track.runtime.internal;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streamed results (SPEC section 4): {@code Iterator}, {@code Stream} and {@code Flow.Publisher}
 * wrappers, driven the way generated code drives them, with spans read from a real SDK.
 */
class StreamingResultsTest {

  private static final String NAME = "Gen.tokens";
  private static final TrackedMethod TOKENS = TrackedMethod.named(NAME).build();
  private static final TrackedMethod FETCH = TrackedMethod.named("Gen.fetch").build();
  private static final String SENTINEL = "Sentinel";
  private static final String NO_SPAN = SpanId.getInvalid();
  private static final long TIMEOUT_NANOS = SECONDS.toNanos(30);

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  /** Names of ended spans, in order; lets a test wait for a span without sleeping. */
  private final BlockingQueue<String> endedNames = new LinkedBlockingQueue<>();

  private SdkTracerProvider tracerProvider;

  @BeforeEach
  void installSdk() {
    tracerProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .addSpanProcessor(new OnSpanEnd(span -> endedNames.add(span.getName())))
            .build();
    TrackingState.clear();
    assertThat(
            TrackingState.install(
                new TrackingState.Active(
                    OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build(), null)))
        .isTrue();
  }

  @AfterEach
  void clearSdk() {
    TrackingState.clear();
    tracerProvider.close();
  }

  // ---------------------------------------------------------------------------------------------
  // What every kind does alike.

  /** A streamed result kind, read to its end the way a caller would. */
  enum Kind {
    ITERATOR {
      @Override
      <T> List<T> readAll(TrackedMethod method, Iterator<T> source) {
        Iterator<T> traced = tracedIterator(method, source);
        List<T> read = new ArrayList<>();
        while (traced.hasNext()) {
          read.add(traced.next());
        }
        return read;
      }
    },
    STREAM {
      @Override
      <T> List<T> readAll(TrackedMethod method, Iterator<T> source) {
        Stream<T> sourceStream =
            StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(source, Spliterator.ORDERED), false);
        try (Stream<T> traced = tracedStream(method, sourceStream)) {
          return traced.collect(toList());
        }
      }
    },
    PUBLISHER {
      @Override
      <T> List<T> readAll(TrackedMethod method, Iterator<T> source) {
        Flow.Publisher<T> traced = tracedPublisher(method, new IteratingPublisher<>(() -> source));
        OneAtATime<T> subscriber = new OneAtATime<>(Integer.MAX_VALUE);
        traced.subscribe(subscriber);
        return subscriber.awaitEnd();
      }
    };

    /** Reads every element; a failure of the source is thrown as it arrived. */
    abstract <T> List<T> readAll(TrackedMethod method, Iterator<T> source);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void textElementsPassThroughAndTheirConcatenationIsTheOutput(Kind kind) {
    List<String> read = kind.readAll(TOKENS, List.of("Hello", " ", "world").iterator());

    assertThat(read).containsExactly("Hello", " ", "world");
    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo(NAME);
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(3L);
    assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("\"Hello world\"");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void otherElementsAreRecordedAsAList(Kind kind) {
    List<Integer> read = kind.readAll(TOKENS, List.of(1, 2, 3).iterator());

    assertThat(read).containsExactly(1, 2, 3);
    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("[1, 2, 3]");
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(3L);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEmptySourceCompletesWithoutOutput(Kind kind) {
    assertThat(kind.readAll(TOKENS, Collections.<String>emptyIterator())).isEmpty();

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isZero();
    assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSourceFailureIsRecordedAndTheSameExceptionPropagates(Kind kind) {
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(() -> kind.readAll(TOKENS, oneThenFailing("a", boom))).isSameAs(boom);

    assertFailedWith(onlySpan(), boom, 1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void spansStartedWhileProducingAreChildrenOfTheStreamingSpan(Kind kind) {
    kind.readAll(TOKENS, fetchingTokens(3));

    SpanData streaming = spanNamed(NAME);
    List<SpanData> fetches = spansNamed(FETCH.spanName());
    assertThat(fetches).hasSize(3);
    for (SpanData fetch : fetches) {
      assertThat(fetch.getTraceId()).isEqualTo(streaming.getTraceId());
      assertThat(fetch.getParentSpanId()).isEqualTo(streaming.getSpanId());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCustomAggregatorMakesTheOutput(Kind kind) {
    TrackedMethod counting =
        TrackedMethod.named(NAME).aggregator(items -> "n=" + items.size()).build();

    kind.readAll(counting, List.of("a", "b", "c").iterator());

    assertThat(onlySpan().getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("\"n=3\"");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFailingAggregatorFallsBackToTheItemsAsText(Kind kind) {
    TrackedMethod broken =
        TrackedMethod.named(NAME)
            .aggregator(
                items -> {
                  throw new IllegalStateException("aggregator bug");
                })
            .build();

    List<String> read = kind.readAll(broken, List.of("a", "b").iterator());

    assertThat(read).containsExactly("a", "b");
    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("\"[a, b]\"");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void noOutputRecordsCountsButNoOutput(Kind kind) {
    kind.readAll(TrackedMethod.named(NAME).noOutput().build(), List.of("a", "b").iterator());

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isNull();
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(2L);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theOutputStaysBoundedWhileCountingGoesOn(Kind kind) {
    List<String> read = kind.readAll(TOKENS, Stream.generate(() -> "a").limit(100_000).iterator());

    assertThat(read).hasSize(100_000);
    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(100_000L);
    String output = span.getAttributes().get(SpanAttributes.OUTPUT);
    assertThat(output.length()).isLessThanOrEqualTo(TrackingState.DEFAULT_MAX_ATTRIBUTE_LENGTH);
    assertThat(output).startsWith("\"aaaa").endsWith("...");
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Iterators {

    @Test
    void aFailureInHasNextIsRecordedAndTheSameExceptionPropagates() {
      IllegalStateException boom = new IllegalStateException("no connection");
      Iterator<String> traced = tracedIterator(TOKENS, failingHasNext(boom));

      assertThatThrownBy(traced::hasNext).isSameAs(boom);

      assertFailedWith(onlySpan(), boom, 0);
    }

    @Test
    void askingPastTheEndIsNotASourceFailure() {
      Iterator<String> traced = tracedIterator(TOKENS, List.of("a").iterator());
      traced.next();
      assertThat(traced.hasNext()).isFalse();

      assertThatThrownBy(traced::next).isInstanceOf(NoSuchElementException.class);

      SpanData span = onlySpan();
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
      assertThat(span.getEvents()).isEmpty();
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    }

    @Test
    void forEachRemainingRunsTheCallersActionOutsideTheSpan() {
      List<String> spanIdsSeenByTheCaller = new ArrayList<>();

      tracedIterator(TOKENS, List.of("a", "b").iterator())
          .forEachRemaining(e -> spanIdsSeenByTheCaller.add(currentSpanId()));

      assertThat(spanIdsSeenByTheCaller).containsExactly(NO_SPAN, NO_SPAN);
      assertThat(onlySpan().getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    }

    @Test
    void removeReachesTheSource() {
      List<String> list = new ArrayList<>(List.of("a", "b", "c"));
      Iterator<String> traced = tracedIterator(TOKENS, list.iterator());

      traced.next();
      traced.remove();

      assertThat(list).containsExactly("b", "c");
    }

    @Test
    void aDroppedHalfReadIteratorStillEndsItsSpanAsNotCompleted() {
      readTwoOfThreeAndDrop();

      SpanData span = awaitEndedByTheCollector(NAME);
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(2L);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    private void readTwoOfThreeAndDrop() {
      Iterator<String> traced = tracedIterator(TOKENS, List.of("a", "b", "c").iterator());
      traced.next();
      traced.next();
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Streams {

    @Test
    void nothingIsPulledBeforeATerminalOperation() {
      List<String> pulled = new ArrayList<>();
      Stream<String> traced =
          tracedStream(TOKENS, List.of("a", "b").stream().peek(pulled::add))
              .map(String::toUpperCase);

      assertThat(pulled).isEmpty();
      assertThat(exporter.getFinishedSpanItems()).isEmpty();

      assertThat(traced.collect(toList())).containsExactly("A", "B");
      assertThat(pulled).containsExactly("a", "b");
      assertThat(onlySpan().getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    }

    @Test
    void theSourceRunsInsideTheSpanAndTheCallersPipelineOutside() {
      Stream<String> source = Stream.of("a", "b").map(e -> currentSpanId());

      List<String> seen =
          tracedStream(TOKENS, source)
              .map(produced -> produced + "/" + currentSpanId())
              .collect(toList());

      String spanId = onlySpan().getSpanId();
      assertThat(seen).containsExactly(spanId + "/" + NO_SPAN, spanId + "/" + NO_SPAN);
    }

    @Test
    void closingEarlyRunsTheSourcesCloseHandlersAndEndsTheSpanAsNotCompleted() {
      AtomicBoolean sourceClosed = new AtomicBoolean();
      Stream<String> traced =
          tracedStream(TOKENS, Stream.of("a", "b", "c").onClose(() -> sourceClosed.set(true)));
      Iterator<String> reading = traced.iterator();
      reading.next();

      traced.close();

      assertThat(sourceClosed).isTrue();
      SpanData span = onlySpan();
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(1L);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void closingAfterTheEndKeepsTheSpanCompleted() {
      AtomicBoolean sourceClosed = new AtomicBoolean();
      try (Stream<String> traced =
          tracedStream(TOKENS, Stream.of("a").onClose(() -> sourceClosed.set(true)))) {
        assertThat(traced.collect(toList())).containsExactly("a");
      }

      assertThat(sourceClosed).isTrue();
      SpanData span = onlySpan();
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    }

    @Test
    void aParallelSourceStaysParallelAndEveryElementIsCountedOnce() {
      Stream<Integer> traced = tracedStream(TOKENS, IntStream.range(0, 10_000).boxed().parallel());

      assertThat(traced.isParallel()).isTrue();
      assertThat(traced.mapToLong(Integer::longValue).sum()).isEqualTo(49_995_000L);

      SpanData span = onlySpan();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(10_000L);
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    }

    @Test
    void aSplitTraversalCompletesOnlyWhenEveryPartIsExhausted() {
      Spliterator<Integer> suffix = tracedStream(TOKENS, List.of(1, 2, 3, 4).stream()).spliterator();
      Spliterator<Integer> prefix = suffix.trySplit();
      assertThat(prefix).isNotNull();

      prefix.forEachRemaining(e -> {});
      assertThat(exporter.getFinishedSpanItems()).isEmpty();
      suffix.forEachRemaining(e -> {});

      SpanData span = onlySpan();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(4L);
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    }

    @Test
    void sizeOrderAndSortingOfTheSourceAreKept() {
      Spliterator<Integer> listParts = tracedStream(TOKENS, List.of(1, 2, 3).stream()).spliterator();
      assertThat(listParts.hasCharacteristics(Spliterator.SIZED | Spliterator.ORDERED)).isTrue();
      assertThat(listParts.getExactSizeIfKnown()).isEqualTo(3);

      Comparator<Integer> descending = Comparator.reverseOrder();
      TreeSet<Integer> sorted = new TreeSet<>(descending);
      sorted.addAll(List.of(1, 2, 3));
      Spliterator<Integer> sortedParts = tracedStream(TOKENS, sorted.stream()).spliterator();
      assertThat(sortedParts.hasCharacteristics(Spliterator.SORTED | Spliterator.DISTINCT)).isTrue();
      assertThat(sortedParts.getComparator()).isSameAs(descending);
    }

    @Test
    void aDroppedHalfReadStreamStillEndsItsSpanAsNotCompleted() {
      readOneOfThreeAndDrop();

      SpanData span = awaitEndedByTheCollector(NAME);
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(1L);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aStreamReadThroughItsIteratorStaysOpenAfterTheStreamItselfIsDropped() {
      Iterator<String> reading = iteratorOfADroppedStream();
      reading.next();

      awaitCollectorPasses();
      assertThat(spansNamed(NAME)).isEmpty();

      reading.next();
      reading.next();
      assertThat(reading.hasNext()).isFalse();
      SpanData span = onlySpan();
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(3L);
    }

    private void readOneOfThreeAndDrop() {
      Iterator<String> reading = tracedStream(TOKENS, Stream.of("a", "b", "c")).iterator();
      reading.next();
    }

    private Iterator<String> iteratorOfADroppedStream() {
      return tracedStream(TOKENS, Stream.of("a", "b", "c")).iterator();
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Publishers {

    @Test
    void aSlowSubscriberOfASubmissionPublisherIsTracedToTheEnd() {
      SubmissionPublisher<String> source = new SubmissionPublisher<>();
      try {
        OneAtATime<String> subscriber = new OneAtATime<>(Integer.MAX_VALUE);
        tracedPublisher(TOKENS, source).subscribe(subscriber);

        source.submit("Hello");
        source.submit(" ");
        source.submit("world");
        source.close();

        assertThat(subscriber.awaitEnd()).containsExactly("Hello", " ", "world");
        SpanData span = onlySpan();
        assertThat(subscriber.spanIdsInOnNext).containsOnly(span.getSpanId());
        assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(3L);
        assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
        assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("\"Hello world\"");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
      } finally {
        source.close(); // idempotent; here for a test that failed early
      }
    }

    @Test
    void cancellingEndsTheSpanAsNotCompleted() {
      OneAtATime<String> subscriber = new OneAtATime<>(1);

      tracedPublisher(TOKENS, new IteratingPublisher<>(() -> List.of("a", "b", "c").iterator()))
          .subscribe(subscriber);

      assertThat(subscriber.items).containsExactly("a");
      SpanData span = onlySpan();
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(1L);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    /**
     * Elements are counted without a lock, but a cancellation from another thread while an element
     * is being kept waits for it, so the output holds what was kept rather than a half-kept state.
     */
    @Test
    void aCancellationFromAnotherThreadWaitsForTheElementBeingKept() throws InterruptedException {
      List<Flow.Subscriber<? super CharSequence>> sourceSide = new ArrayList<>();
      Flow.Publisher<CharSequence> source =
          subscriber -> {
            sourceSide.add(subscriber);
            subscriber.onSubscribe(
                new Flow.Subscription() {
                  @Override
                  public void request(long n) {}

                  @Override
                  public void cancel() {}
                });
          };
      List<Flow.Subscription> handedOver = new ArrayList<>();
      tracedPublisher(TOKENS, source).subscribe(new HoldingSubscriber<>(handedOver));
      CountDownLatch beingKept = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // Its toString() runs while it is kept, and holds the keeping step until the test releases it.
      CharSequence slow =
          new CharSequence() {
            @Override
            public int length() {
              return "Hello".length();
            }

            @Override
            public char charAt(int index) {
              return "Hello".charAt(index);
            }

            @Override
            public CharSequence subSequence(int start, int end) {
              return "Hello".subSequence(start, end);
            }

            @Override
            public String toString() {
              beingKept.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "Hello";
            }
          };

      Thread producer = new Thread(() -> sourceSide.get(0).onNext(slow));
      producer.start();
      assertThat(beingKept.await(10, SECONDS)).isTrue();
      Thread canceller = new Thread(() -> handedOver.get(0).cancel());
      canceller.start();
      // Either it waits for the element, or (the defect) it has already ended the span. The
      // deadline only keeps a broken build from hanging here.
      long deadline = System.nanoTime() + SECONDS.toNanos(10);
      while (canceller.getState() != Thread.State.BLOCKED
          && canceller.getState() != Thread.State.TERMINATED) {
        assertThat(System.nanoTime()).as("the cancelling thread neither blocked nor ended").isLessThan(deadline);
        Thread.onSpinWait();
      }
      release.countDown();
      producer.join(10_000);
      canceller.join(10_000);

      SpanData span = onlySpan();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(1L);
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
      assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("\"Hello\"");
    }

    @Test
    void requestsReachTheSourceUnchangedAndInsideTheSpan() {
      List<Long> requested = new ArrayList<>();
      List<String> spanIdsInRequest = new ArrayList<>();
      Flow.Publisher<String> source =
          subscriber ->
              subscriber.onSubscribe(
                  new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                      requested.add(n);
                      spanIdsInRequest.add(currentSpanId());
                    }

                    @Override
                    public void cancel() {}
                  });
      List<Flow.Subscription> handedOver = new ArrayList<>();

      tracedPublisher(TOKENS, source).subscribe(new HoldingSubscriber<>(handedOver));
      Flow.Subscription subscription = handedOver.get(0);
      subscription.request(3);
      subscription.request(0);
      subscription.request(Long.MAX_VALUE);
      subscription.cancel();

      assertThat(handedOver).hasSize(1);
      assertThat(requested).containsExactly(3L, 0L, Long.MAX_VALUE);
      assertThat(spanIdsInRequest).containsOnly(onlySpan().getSpanId());
    }

    @Test
    void onlyTheFirstSubscriptionIsTraced() {
      Flow.Publisher<String> traced =
          tracedPublisher(TOKENS, new IteratingPublisher<>(() -> List.of("a", "b").iterator()));
      OneAtATime<String> first = new OneAtATime<>(Integer.MAX_VALUE);
      OneAtATime<String> second = new OneAtATime<>(Integer.MAX_VALUE);

      traced.subscribe(first);
      traced.subscribe(second);

      assertThat(first.awaitEnd()).containsExactly("a", "b");
      assertThat(second.awaitEnd()).containsExactly("a", "b");
      assertThat(second.spanIdsInOnNext).containsOnly(NO_SPAN);
      assertThat(onlySpan().getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(2L);
    }

    @Test
    void aNullSubscriberIsRejectedAndDoesNotUseUpTheTracedSubscription() {
      Flow.Publisher<String> traced =
          tracedPublisher(TOKENS, new IteratingPublisher<>(() -> List.of("a").iterator()));

      assertThatNullPointerException().isThrownBy(() -> traced.subscribe(null));

      OneAtATime<String> subscriber = new OneAtATime<>(Integer.MAX_VALUE);
      traced.subscribe(subscriber);
      assertThat(subscriber.awaitEnd()).containsExactly("a");
      assertThat(onlySpan().getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    }

    @Test
    void aPublisherNeverSubscribedStillEndsItsSpanWhenDropped() {
      tracedPublisher(TOKENS, new IteratingPublisher<>(() -> List.of("a").iterator()));

      SpanData span = awaitEndedByTheCollector(NAME);
      assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
      assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isZero();
    }

    @Test
    void aSubscribedPublisherStaysOpenAfterTheCallerDropsIt() {
      SubmissionPublisher<String> source = new SubmissionPublisher<>();
      try {
        OneAtATime<String> subscriber = new OneAtATime<>(Integer.MAX_VALUE);
        subscribeAndDrop(source, subscriber);

        awaitCollectorPasses();
        assertThat(spansNamed(NAME)).isEmpty();

        source.submit("a");
        source.close();
        assertThat(subscriber.awaitEnd()).containsExactly("a");
        assertThat(onlySpan().getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
      } finally {
        source.close(); // idempotent; here for a test that failed early
      }
    }

    private void subscribeAndDrop(Flow.Publisher<String> source, Flow.Subscriber<String> subscriber) {
      tracedPublisher(TOKENS, source).subscribe(subscriber);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Driving the wrappers the way generated code does.

  static <T> Iterator<T> tracedIterator(TrackedMethod method, Iterator<T> source) {
    Span span = method.start();
    Scope scope = method.enter(span);
    return method.returnedIterator(span, scope, source);
  }

  static <T> Stream<T> tracedStream(TrackedMethod method, Stream<T> source) {
    Span span = method.start();
    Scope scope = method.enter(span);
    return method.returnedStream(span, scope, source);
  }

  static <T> Flow.Publisher<T> tracedPublisher(TrackedMethod method, Flow.Publisher<T> source) {
    Span span = method.start();
    Scope scope = method.enter(span);
    return method.returnedPublisher(span, scope, source);
  }

  // ---------------------------------------------------------------------------------------------
  // Sources.

  private static Iterator<String> oneThenFailing(String first, RuntimeException failure) {
    return new Iterator<>() {
      private boolean given;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public String next() {
        if (given) {
          throw failure;
        }
        given = true;
        return first;
      }
    };
  }

  private static Iterator<String> failingHasNext(RuntimeException failure) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        throw failure;
      }

      @Override
      public String next() {
        throw failure;
      }
    };
  }

  /** Each element is produced by a tracked call, as a model client would make. */
  private static Iterator<String> fetchingTokens(int count) {
    return new Iterator<>() {
      private int produced;

      @Override
      public boolean hasNext() {
        return produced < count;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Span span = FETCH.start();
        Scope scope = FETCH.enter(span);
        String token = "t" + produced++;
        FETCH.returned(span, scope, token);
        return token;
      }
    };
  }

  /**
   * A lazy publisher: produces from an iterator inside {@code request}, one subscription per
   * iterator. Single-threaded; a {@code request} made while delivering only adds demand.
   */
  static final class IteratingPublisher<T> implements Flow.Publisher<T> {
    private final Supplier<Iterator<T>> items;

    IteratingPublisher(Supplier<Iterator<T>> items) {
      this.items = items;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
      Iterator<T> iterator = items.get();
      subscriber.onSubscribe(
          new Flow.Subscription() {
            private long demand;
            private boolean emitting;
            private boolean done;

            @Override
            public void request(long n) {
              demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
              if (emitting) {
                return;
              }
              emitting = true;
              try {
                emit();
              } finally {
                emitting = false;
              }
            }

            private void emit() {
              while (!done) {
                boolean more;
                T item = null;
                try {
                  more = iterator.hasNext();
                  if (more && demand > 0) {
                    item = iterator.next();
                  }
                } catch (RuntimeException failure) {
                  done = true;
                  subscriber.onError(failure);
                  return;
                }
                if (!more) {
                  done = true;
                  subscriber.onComplete();
                  return;
                }
                if (demand == 0) {
                  return;
                }
                demand--;
                subscriber.onNext(item);
              }
            }

            @Override
            public void cancel() {
              done = true;
            }
          });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Subscribers.

  /**
   * Requests one element at a time, and cancels after {@code cancelAfter} elements. Records the
   * span current in each {@code onNext}.
   */
  static final class OneAtATime<T> implements Flow.Subscriber<T> {
    final List<T> items = Collections.synchronizedList(new ArrayList<>());
    final List<String> spanIdsInOnNext = Collections.synchronizedList(new ArrayList<>());
    private final int cancelAfter;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable error;
    private Flow.Subscription subscription;

    OneAtATime(int cancelAfter) {
      this.cancelAfter = cancelAfter;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(T item) {
      items.add(item);
      spanIdsInOnNext.add(currentSpanId());
      if (items.size() >= cancelAfter) {
        subscription.cancel();
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
      ended.countDown();
    }

    @Override
    public void onComplete() {
      ended.countDown();
    }

    /** The elements, once the publisher completed; its error, thrown as it arrived. */
    List<T> awaitEnd() {
      try {
        assertThat(ended.await(30, SECONDS)).as("the publisher ended in time").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      Throwable failure = error;
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure != null) {
        throw new AssertionError(failure);
      }
      return new ArrayList<>(items);
    }
  }

  /** Only keeps the subscriptions it is handed. */
  static final class HoldingSubscriber<T> implements Flow.Subscriber<T> {
    private final List<Flow.Subscription> subscriptions;

    HoldingSubscriber(List<Flow.Subscription> subscriptions) {
      this.subscriptions = subscriptions;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscriptions.add(subscription);
    }

    @Override
    public void onNext(T item) {}

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }

  // ---------------------------------------------------------------------------------------------
  // Reading spans.

  private static String currentSpanId() {
    return Span.current().getSpanContext().getSpanId();
  }

  /** The one span ended, not counting the collector's sentinels. */
  private SpanData onlySpan() {
    List<SpanData> spans =
        exporter.getFinishedSpanItems().stream()
            .filter(span -> !span.getName().equals(SENTINEL))
            .collect(toList());
    assertThat(spans).extracting(SpanData::getName).containsExactly(NAME);
    return spans.get(0);
  }

  private SpanData spanNamed(String name) {
    List<SpanData> spans = spansNamed(name);
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private List<SpanData> spansNamed(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .collect(toList());
  }

  private static void assertFailedWith(SpanData span, Throwable error, long yielded) {
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription())
        .isEqualTo(error.getClass().getSimpleName() + ": " + error.getMessage());
    assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(yielded);
    List<EventData> events = span.getEvents();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getName()).isEqualTo("exception");
    assertThat(events.get(0).getAttributes().get(ExceptionEvent.TYPE))
        .isEqualTo(error.getClass().getCanonicalName());
    assertThat(events.get(0).getAttributes().get(ExceptionEvent.MESSAGE)).isEqualTo(error.getMessage());
  }

  /**
   * Runs the garbage collector until the span {@code name} is ended by the runtime's cleaner, and
   * returns it. Waits on the ended spans themselves, never a fixed sleep.
   */
  private SpanData awaitEndedByTheCollector(String name) {
    collectUntilEnded(name);
    return spanNamed(name);
  }

  private void collectUntilEnded(String name) {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    try {
      while (true) {
        assertThat(System.nanoTime()).as("span %s ended in time", name).isLessThan(deadline);
        System.gc();
        String ended = endedNames.poll(100, MILLISECONDS);
        if (name.equals(ended)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Waits until the runtime's cleaner has twice ended the span of a dropped sentinel iterator: by
   * then anything unreachable at the first collection has been cleaned too.
   */
  private void awaitCollectorPasses() {
    for (int pass = 0; pass < 2; pass++) {
      dropASentinel();
      collectUntilEnded(SENTINEL);
    }
  }

  private static void dropASentinel() {
    tracedIterator(TrackedMethod.named(SENTINEL).build(), List.of("s").iterator());
  }
}
