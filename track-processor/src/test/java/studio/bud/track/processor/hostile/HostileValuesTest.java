package studio.bud.track.processor.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studio.bud.track.runtime.Tracking;

/**
 * Values built to break rendering, pushed through every path of a generated wrapper: as argument,
 * result, map entry (all entries, or {@code captureOutputInclude} keys), streamed element
 * (iterator, stream, publisher), async value and exception message; throwables built to break
 * whatever walks them, thrown, failing a future and ending a stream; maps that are huge, endless
 * or whose keys render alike; and many and large streamed elements. Whatever the value does, the
 * caller gets the very same value back, no call hangs, nothing is logged as a tracing failure,
 * every attribute (of the span and of its events) is a bounded, well-formed string, and large
 * streamed elements are not kept.
 */
class HostileValuesTest {

  private static final int MAX_LENGTH = Tracking.maxAttributeLength();

  private final Mirror mirror = new Mirror();
  private final Probe probe = TracedProbe.wrap(mirror);
  private Sdk sdk;
  private LogCapture log;

  @BeforeEach
  void configure() {
    sdk = Sdk.configured();
    log = new LogCapture();
  }

  @AfterEach
  void close() {
    log.close();
    sdk.close();
    Tracking.setMaxAttributeLength(MAX_LENGTH);
  }

  // ---------------------------------------------------------------------------------------------
  // The values.

  static Stream<Arguments> hostileValues() {
    return Stream.of(
        value("toString throws", () -> new ToString(() -> {
          throw new IllegalStateException("no text for you");
        })),
        value("toString throws an Error", () -> new ToString(() -> {
          throw new StackOverflowError();
        })),
        value("toString returns null", () -> new ToString(() -> null)),
        value("toString is slow and huge", () -> new ToString(() -> "x".repeat(10_000_000))),
        value("toString recurses into itself", RecursiveToString::new),
        value("10,000 nested lists", () -> nest(10_000, inner -> new ArrayList<>(List.of(inner)))),
        value("10,000 nested maps", () -> nest(10_000, inner -> new HashMap<>(Map.of("k", inner)))),
        value("10,000 nested arrays", () -> nest(10_000, inner -> new Object[] {inner})),
        value("10,000 nested optionals", () -> nest(10_000, Optional::of)),
        value("list containing itself", HostileValuesTest::selfContainingList),
        value("array containing itself", () -> {
          Object[] array = new Object[2];
          array[0] = "a";
          array[1] = array;
          return array;
        }),
        value("map containing itself", () -> {
          Map<Object, Object> map = new HashMap<>();
          map.put("self", map);
          return map;
        }),
        value("list -> map -> list cycle", () -> {
          List<Object> list = new ArrayList<>();
          list.add(Map.of("back", list));
          return list;
        }),
        value("null map keys and values", () -> {
          Map<Object, Object> map = new HashMap<>();
          map.put(null, "null key");
          map.put("null value", null);
          return map;
        }),
        value("map key whose toString throws", () -> {
          Map<Object, Object> map = new LinkedHashMap<>();
          map.put(new ToString(() -> {
            throw new IllegalStateException();
          }), "v");
          map.put("fine", "still recorded");
          return map;
        }),
        value("map key that is a list containing itself", () -> {
          // By identity: hashing a key that contains itself would overflow the stack.
          Map<Object, Object> map = new IdentityHashMap<>();
          List<Object> key = new ArrayList<>();
          key.add(Map.of("k", key)); // an indirect cycle, which List.toString cannot handle
          map.put(key, "v");
          return map;
        }),
        value("ten-megabyte map key", () -> Map.of("k".repeat(10_000_000), "v")),
        value("CharSequence whose charAt throws", () -> new BrokenText(false)),
        value("collection whose iterator throws", BrokenCollection::new),
        value("CharSequence whose length throws", () -> new BrokenText(true)),
        value("int[]", () -> new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}),
        value("long[]", () -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE}),
        value("short[]", () -> new short[] {Short.MIN_VALUE, Short.MAX_VALUE}),
        value("byte[]", () -> new byte[] {Byte.MIN_VALUE, 0, Byte.MAX_VALUE}),
        value("char[] with surrogate halves", () -> "a\uD83D\uDE00\uDBFF\n\u0000".toCharArray()),
        value("float[]", () -> new float[] {Float.NaN, -0.0f, Float.NEGATIVE_INFINITY, Float.MIN_VALUE}),
        value("double[]", () -> new double[] {Double.NaN, -0.0, Double.POSITIVE_INFINITY}),
        value("boolean[]", () -> new boolean[] {true, false}),
        value("empty arrays", () -> new Object[] {new int[0], new char[0], new Object[0]}),
        value("a million ints", () -> new int[1_000_000]),
        value("ten million chars", () -> new char[10_000_000]),
        value("ten-megabyte string", () -> "\uD83D\uDE00".repeat(5_000_000)),
        value("Character list of surrogate halves", () -> List.of('\uD83D', '\uDE00')));
  }

  private static Arguments value(String name, Supplier<Object> value) {
    return Arguments.of(name, value);
  }

  // ---------------------------------------------------------------------------------------------
  // The paths.

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void asArgumentAndResultTheValueIsReturnedUnchanged(String name, Supplier<Object> make) {
    Object value = make.get();

    assertThat(probe.echo(value)).isSameAs(value);
    probe.accept(value);

    assertThat(mirror.calls).hasValue(2);
    assertEveryAttributeValid(2);
    SpanData echo = spanNamed("Probe.echo");
    assertThat(AttributeChecks.string(echo, "bud.track.input.value")).isNotNull();
    if (!(value instanceof Map)) { // a Map result is recorded entry by entry
      assertThat(AttributeChecks.string(echo, "bud.track.output")).isNotNull();
    }
    assertThat(echo.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void asMapEntryTheMapIsReturnedUnchanged(String name, Supplier<Object> make) {
    Object value = make.get();
    // By identity: a self-containing list or a deep nest cannot be hashed.
    Map<Object, Object> map = new IdentityHashMap<>();
    map.put(value, value);
    map.put("other", "entry");

    assertThat(probe.map(map)).isSameAs(map);

    assertEveryAttributeValid(1);
    SpanData span = spanNamed("Probe.map");
    assertThat(AttributeChecks.string(span, "bud.track.output.other")).isEqualTo("\"entry\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void asIncludedMapEntryTheMapIsReturnedUnchanged(String name, Supplier<Object> make) {
    Object value = make.get();
    Map<Object, Object> map = new IdentityHashMap<>();
    map.put("label", value);
    map.put(value, "under a hostile key");
    map.put("score", "kept");

    assertThat(probe.selected(map)).isSameAs(map);

    assertEveryAttributeValid(1);
    SpanData span = spanNamed("Probe.selected");
    assertThat(AttributeChecks.string(span, "bud.track.output.score")).isEqualTo("\"kept\"");
    assertThat(AttributeChecks.string(span, "bud.track.output.label")).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void asStreamedElementEveryElementPassesThrough(String name, Supplier<Object> make) {
    Object value = make.get();
    List<Object> elements = Arrays.asList(value, "text", value);

    List<Object> viaIterator = new ArrayList<>();
    probe.iterator(elements.iterator()).forEachRemaining(viaIterator::add);
    List<Object> viaStream = probe.stream(elements.stream()).collect(Collectors.toList());
    List<Object> viaPublisher = readAll(probe.publisher(Scripted.publisherOf(elements, null)));

    assertThat(viaIterator).hasSize(3);
    assertThat(viaStream).hasSize(3);
    assertThat(viaPublisher).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(viaIterator.get(i)).isSameAs(elements.get(i));
      assertThat(viaStream.get(i)).isSameAs(elements.get(i));
      assertThat(viaPublisher.get(i)).isSameAs(elements.get(i));
    }
    assertEveryAttributeValid(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void asAsyncValueTheSameFutureCompletesWithTheSameValue(String name, Supplier<Object> make) {
    Object value = make.get();
    CompletableFuture<Object> future = new CompletableFuture<>();

    assertThat(probe.later(future)).isSameAs(future);
    future.complete(value);

    assertThat(future.join()).isSameAs(value);
    assertEveryAttributeValid(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void asExceptionMessageTheSameExceptionIsThrown(String name, Supplier<Object> make) {
    Object value = make.get();
    RuntimeException failure = new HostileException(value);

    assertThat(catchThrowable(() -> probe.raise(failure))).isSameAs(failure);

    assertEveryAttributeValid(1);
    SpanData span = spanNamed("Probe.raise");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    AttributeChecks.exceptionEvent(span);
  }

  @Test
  void anExceptionWhoseMessageAndToStringThrowIsStillRecordedAsAnError() {
    RuntimeException failure =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("getMessage");
          }

          @Override
          public String toString() {
            throw new IllegalStateException("toString");
          }
        };

    assertThat(catchThrowable(() -> probe.raise(failure))).isSameAs(failure);

    SpanData span = spanNamed("Probe.raise");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo(failure.getClass().getName());
    assertThat(span.getEvents()).hasSize(1);
    assertThat(span.getEvents().get(0).getName()).isEqualTo("exception");
    assertThat(
            span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(failure.getClass().getName());
    assertThat(log.warnings()).isEmpty();
  }

  @Test
  void surrogatePairsAtEveryCutPositionNeverLeaveHalfAPair() {
    Tracking.setMaxAttributeLength(16);
    for (int length = 1; length <= 24; length++) {
      for (int pairAt = 0; pairAt < length; pairAt++) {
        String text = "a".repeat(pairAt) + "\uD83D\uDE00" + "b".repeat(length - pairAt - 1);
        char[] chars = text.toCharArray();
        List<Object> mixed = List.of(text, chars, text.substring(0, pairAt + 1));

        assertThat(probe.echo(text)).isSameAs(text);
        assertThat(probe.echo(chars)).isSameAs(chars);
        assertThat(probe.echo(mixed)).isSameAs(mixed);
        assertThat(probe.map(Map.of(text, text))).containsEntry(text, text);
        assertThat(probe.stream(Stream.of(text, text)).collect(Collectors.toList()))
            .containsExactly(text, text);
      }
    }

    assertThat(sdk.ledger.finished()).hasSize(24 * 25 / 2 * 5);
    assertEveryAttributeValid(24 * 25 / 2 * 5, 16);
  }

  @Test
  void aListModifiedByAnotherThreadWhileRenderedNeverBreaksTheCall() throws Exception {
    List<Integer> shared = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      shared.add(i);
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              // Unsynchronized on purpose: the renderer must survive whatever it sees.
              for (int i = 0; !stop.get(); i++) {
                if ((i & 1) == 0) {
                  shared.add(i);
                } else {
                  shared.remove(shared.size() - 1); // the only writer: never empty here
                }
              }
            });
    writer.start();
    int calls = 2_000;
    try {
      for (int i = 0; i < calls; i++) {
        assertThat(probe.echo(shared)).isSameAs(shared);
      }
    } finally {
      stop.set(true);
      writer.join(10_000);
    }

    assertThat(writer.isAlive()).isFalse();
    assertEveryAttributeValid(calls);
  }

  @Test
  void everyPrimitiveParameterAndResultIsPassedThroughUnchanged() {
    assertThat(probe.integer(Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
    assertThat(probe.whole(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(probe.small(Short.MIN_VALUE)).isEqualTo(Short.MIN_VALUE);
    assertThat(probe.octet(Byte.MIN_VALUE)).isEqualTo(Byte.MIN_VALUE);
    assertThat(Double.doubleToRawLongBits(probe.real(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Float.floatToRawIntBits(probe.ratio(Float.intBitsToFloat(0x7fc00001))))
        .isEqualTo(0x7fc00001); // a NaN with a payload keeps its bits
    assertThat(probe.flag(false)).isFalse();
    assertThat(probe.letter('\uD83D')).isEqualTo('\uD83D');

    assertEveryAttributeValid(8);
    assertThat(AttributeChecks.string(spanNamed("Probe.letter"), "bud.track.output"))
        .isEqualTo("'\\ud83d'");
  }


  // ---------------------------------------------------------------------------------------------
  // Hostile throwables: from the delegate, as an async failure, as a streamed failure.

  static Stream<Arguments> hostileThrowables() {
    return HostileThrowables.all().entrySet().stream()
        .map(kind -> Arguments.of(kind.getKey(), kind.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileThrowables")
  void aHostileThrowableFromTheDelegateIsRethrownAndRecorded(String name, Supplier<Throwable> make) {
    Throwable failure = make.get();

    assertThat(withoutHanging(() -> catchThrowable(() -> probe.raise(failure)))).isSameAs(failure);

    assertEveryAttributeValid(1);
    assertRecordedAsError(spanNamed("Probe.raise"));
  }

  /**
   * A future that fails with a hostile cause: already failed when returned, and failed later by
   * the caller's own thread, which must not hang or get an exception of tracing's.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileThrowables")
  void anAsyncValueFailingWithAHostileCauseEndsItsSpanAsAnError(String name, Supplier<Throwable> make) {
    Throwable failure = make.get();
    CompletableFuture<Object> failed = CompletableFuture.failedFuture(failure);
    CompletableFuture<Object> pending = new CompletableFuture<>();

    assertThat(withoutHanging(() -> probe.later(failed))).isSameAs(failed);
    assertThat(probe.later(pending)).isSameAs(pending);
    assertThat(withoutHanging(() -> catchThrowable(() -> pending.completeExceptionally(failure))))
        .as("completing the future threw").isNull();

    assertThat(pending.isCompletedExceptionally()).isTrue();
    assertThat(pending.handle((value, error) -> error).join()).isSameAs(failure);
    assertEveryAttributeValid(2);
    for (SpanData span : sdk.ledger.finished()) {
      assertRecordedAsError(span);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileThrowables")
  void aStreamFailingWithAHostileThrowablePassesItOn(String name, Supplier<Throwable> make) {
    Throwable failure = make.get();
    Iterator<Object> source = List.<Object>of("a").iterator();
    Iterator<Object> failing = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Object next() {
        if (source.hasNext()) {
          return source.next();
        }
        throw HostileValuesTest.<RuntimeException>sneaky(failure);
      }
    };

    Iterator<Object> traced = probe.iterator(failing);
    assertThat(traced.next()).isEqualTo("a");
    assertThat(withoutHanging(() -> catchThrowable(traced::next))).isSameAs(failure);
    List<Object> signals = new ArrayList<>();
    probe.publisher(Scripted.publisherOf(List.of("b"), failure)).subscribe(collecting(signals));
    assertThat(signals).containsExactly("b", failure);

    assertEveryAttributeValid(2);
    for (SpanData span : sdk.ledger.finished()) {
      assertRecordedAsError(span);
    }
  }

  private static void assertRecordedAsError(SpanData span) {
    assertThat(span.getStatus().getStatusCode()).as("%s status", span.getName()).isEqualTo(StatusCode.ERROR);
    assertThat(AttributeChecks.exceptionEvent(span).getAttributes().get(AttributeKey.stringKey("exception.type")))
        .as("exception.type").isNotEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // captureOutputInclude on maps that are lazy, endless, or whose keys render alike.

  @Test
  void anIncludeListReadsOnlyABoundedPartOfAHugeLazyMap() {
    LazyMap map = new LazyMap(2_000_000);

    assertThat(probe.selected(map)).isSameAs(map);

    // SPEC section 4: at most 128 entries; the work is bounded too, not only what is recorded.
    assertThat(map.visited).as("entries visited").isLessThanOrEqualTo(1_000);
    assertEveryAttributeValid(1);
  }

  @Test
  void anIncludeListOnAnEndlessMapReturns() {
    LazyMap map = new LazyMap(Long.MAX_VALUE);

    assertThat(withoutHanging(() -> probe.selected(map))).isSameAs(map);

    assertEveryAttributeValid(1);
  }

  @Test
  void keysThatRenderAlikeDoNotHideAnIncludedKey() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put(new ToString(() -> "label"), "first");
    map.put(new ToString(() -> "label"), "second");
    map.put("score", 0.5);

    assertThat(probe.selected(map)).isSameAs(map);

    assertEveryAttributeValid(1);
    assertThat(AttributeChecks.string(spanNamed("Probe.selected"), "bud.track.output.score")).isEqualTo("0.5");
  }

  // ---------------------------------------------------------------------------------------------
  // Many and large streamed elements.

  @Test
  void manyStreamedElementsAreCountedAndTheOutputStaysBounded() {
    int count = 200_000;
    Iterator<Object> numbers = IntStream.range(0, count).<Object>mapToObj(i -> i).iterator();
    Iterator<Object> texts = Stream.<Object>generate(() -> "t".repeat(1_000)).limit(10_000).iterator();

    assertThat(countAll(probe.iterator(numbers))).isEqualTo(count);
    assertThat(countAll(probe.iterator(texts))).isEqualTo(10_000);
    try (Stream<Object> stream = probe.stream(IntStream.range(0, count).mapToObj(i -> i))) {
      // Not count(): a sized stream may answer it without producing a single element.
      assertThat(stream.filter(element -> true).count()).isEqualTo(count);
    }
    assertThat(readAll(probe.publisher(Scripted.publisherOf(() -> IntStream.range(0, count).<Object>mapToObj(i -> i).iterator(), null))))
        .hasSize(count);

    assertEveryAttributeValid(4);
    for (SpanData span : sdk.ledger.finished()) {
      assertThat(span.getAttributes().get(AttributeKey.longKey("bud.track.yield_count")))
          .isIn((long) count, 10_000L);
    }
  }

  /** Chunks in one retention check: 16 MB in all, far more than any output needs. */
  private static final int CHUNKS = 16;

  /**
   * Streamed one-megabyte chunks that the caller has read and dropped can be collected while the
   * stream is still open (SPEC section 4: what is kept is bounded by the rendered size, whatever
   * the elements' type), through an iterator, a stream and a publisher.
   */
  @Test
  void largeStreamedElementsAreNotKeptWhileTheStreamIsOpen() {
    Chunks viaIterator = new Chunks(CHUNKS + 1);
    Iterator<Object> iterator = probe.iterator(viaIterator);
    readChunks(iterator, CHUNKS);
    assertThat(reachableAfterGc(viaIterator)).as("chunks still reachable through the iterator").isZero();
    readChunks(iterator, 1);
    assertThat(iterator.hasNext()).isFalse();

    Chunks viaStream = new Chunks(CHUNKS + 1);
    try (Stream<Object> stream =
        probe.stream(StreamSupport.stream(Spliterators.spliteratorUnknownSize(viaStream, Spliterator.ORDERED), false))) {
      Spliterator<Object> parts = stream.spliterator();
      for (int i = 0; i < CHUNKS; i++) {
        assertThat(parts.tryAdvance(chunk -> assertThat(((byte[]) chunk).length).isEqualTo(1 << 20))).isTrue();
      }
      assertThat(reachableAfterGc(viaStream)).as("chunks still reachable through the stream").isZero();
    }

    Chunks viaPublisher = new Chunks(CHUNKS + 1);
    List<Flow.Subscription> subscription = new ArrayList<>();
    int[] received = new int[1];
    probe.publisher(Scripted.publisherOf(() -> viaPublisher, null)).subscribe(new Flow.Subscriber<Object>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription.add(s);
        s.request(CHUNKS);
      }

      @Override
      public void onNext(Object chunk) {
        received[0]++;
      }

      @Override
      public void onError(Throwable failure) {
        throw new AssertionError(failure);
      }

      @Override
      public void onComplete() {
        throw new AssertionError("completed early");
      }
    });
    assertThat(received[0]).isEqualTo(CHUNKS);
    assertThat(reachableAfterGc(viaPublisher)).as("chunks still reachable through the publisher").isZero();
    subscription.get(0).cancel();

    assertEveryAttributeValid(3);
  }

  /** Reads {@code count} chunks in a frame of its own, so that no local variable of ours keeps one. */
  private static void readChunks(Iterator<Object> iterator, int count) {
    for (int i = 0; i < count; i++) {
      assertThat(iterator.hasNext()).isTrue();
      assertThat(((byte[]) iterator.next()).length).isEqualTo(1 << 20);
    }
  }

  /**
   * Collects garbage until no chunk is reachable, at most ten times (a full collection clears weak
   * references, so one is usually enough), and returns how many still are.
   */
  private static long reachableAfterGc(Chunks chunks) {
    for (int i = 0; i < 10 && chunks.reachable() > 0; i++) {
      System.gc();
    }
    return chunks.reachable();
  }

  /** Makes fresh one-megabyte chunks and watches each by a weak reference only. */
  static final class Chunks implements Iterator<Object> {
    private final int count;
    private final List<WeakReference<byte[]>> made = new ArrayList<>();

    Chunks(int count) {
      this.count = count;
    }

    @Override
    public boolean hasNext() {
      return made.size() < count;
    }

    @Override
    public Object next() {
      byte[] chunk = new byte[1 << 20];
      made.add(new WeakReference<>(chunk));
      return chunk;
    }

    long reachable() {
      return made.stream().filter(reference -> reference.get() != null).count();
    }
  }

  /** A map of {@code size} entries ({@code k0}, {@code k1}, ...), made as they are read, counting them. */
  static final class LazyMap extends AbstractMap<Object, Object> {
    private final long size;
    long visited;

    LazyMap(long size) {
      this.size = size;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<Object, Object>> iterator() {
          return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
              return next < size;
            }

            @Override
            public Map.Entry<Object, Object> next() {
              visited++;
              long index = next++;
              return new SimpleImmutableEntry<>("k" + index, index);
            }
          };
        }

        @Override
        public int size() {
          return (int) Math.min(size, Integer.MAX_VALUE);
        }
      };
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void assertEveryAttributeValid(int spans) {
    assertEveryAttributeValid(spans, MAX_LENGTH);
  }

  private void assertEveryAttributeValid(int spans, int maxLength) {
    List<SpanData> finished = sdk.ledger.finished();
    assertThat(finished).hasSize(spans);
    for (SpanData span : finished) {
      AttributeChecks.assertValid(span, maxLength);
    }
    assertThat(sdk.ledger.open()).isZero();
    assertThat(log.warnings()).as("tracing failures logged").isEmpty();
  }

  private SpanData spanNamed(String name) {
    List<SpanData> matching =
        sdk.ledger.finished().stream()
            .filter(span -> span.getName().equals(name))
            .collect(Collectors.toList());
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  /** Runs {@code call} and fails, rather than hangs, when it does not return within 20 s. */
  private static <T> T withoutHanging(ThrowingSupplier<T> call) {
    return assertTimeoutPreemptively(Duration.ofSeconds(20), call, "a traced call hangs");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable failure) throws T {
    throw (T) failure;
  }

  private static long countAll(Iterator<Object> iterator) {
    long count = 0;
    while (iterator.hasNext()) {
      iterator.next();
      count++;
    }
    return count;
  }

  /** Subscribes, requesting everything, and collects; the publishers here signal on this thread. */
  private static List<Object> readAll(Flow.Publisher<Object> publisher) {
    List<Object> signals = new ArrayList<>();
    publisher.subscribe(collecting(signals));
    assertThat(signals).as("completed").endsWith(COMPLETE);
    return signals.subList(0, signals.size() - 1);
  }

  private static final Object COMPLETE = new Object() {
    @Override
    public String toString() {
      return "onComplete";
    }
  };

  /** A subscriber that requests everything and adds each element, the error or {@link #COMPLETE}. */
  private static Flow.Subscriber<Object> collecting(List<Object> signals) {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Object item) {
        signals.add(item);
      }

      @Override
      public void onError(Throwable failure) {
        signals.add(failure);
      }

      @Override
      public void onComplete() {
        signals.add(COMPLETE);
      }
    };
  }

  private static Object nest(int depth, java.util.function.Function<Object, Object> wrap) {
    Object value = "bottom";
    for (int i = 0; i < depth; i++) {
      value = wrap.apply(value);
    }
    return value;
  }

  private static List<Object> selfContainingList() {
    List<Object> list = new ArrayList<>();
    list.add("a");
    list.add(list);
    return list;
  }

  /** An object whose {@code toString()} is whatever the test says. */
  static final class ToString {
    private final Supplier<String> text;

    ToString(Supplier<String> text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text.get();
    }
  }

  static final class RecursiveToString {
    @Override
    public String toString() {
      return "me: " + this;
    }
  }

  /** A CharSequence that fails to tell its length, or claims one and fails to produce it. */
  static final class BrokenText implements CharSequence {
    private final boolean lengthThrows;

    BrokenText(boolean lengthThrows) {
      this.lengthThrows = lengthThrows;
    }

    @Override
    public int length() {
      if (lengthThrows) {
        throw new IllegalStateException("no length");
      }
      return 5;
    }

    @Override
    public char charAt(int index) {
      throw new IndexOutOfBoundsException(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
      throw new UnsupportedOperationException();
    }
  }

  /** A collection whose iterator fails midway. */
  static final class BrokenCollection extends java.util.AbstractCollection<Object> {
    @Override
    public Iterator<Object> iterator() {
      return new Iterator<>() {
        private int given;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Object next() {
          if (given++ == 2) {
            throw new java.util.ConcurrentModificationException();
          }
          return given;
        }
      };
    }

    @Override
    public int size() {
      return Integer.MAX_VALUE;
    }
  }

  /** An exception whose message is a hostile value's text, computed when asked. */
  static final class HostileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Object value;

    HostileException(Object value) {
      this.value = value;
    }

    @Override
    public String getMessage() {
      return value instanceof Collection || value instanceof Map
          ? "a container"
          : String.valueOf(value);
    }
  }
}
