package studio.bud.track.runtime.internal;

import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a streamed result keeps for its output is bounded by the rendered size (SPEC section 4),
 * whatever the elements' type and size; and a stream that misbehaves when tracing asks it
 * something is handed over as the untraced call would.
 */
class StreamedOutputBoundsTest {

  private static final String NAME = "Blob.chunks";
  private static final TrackedMethod CHUNKS = TrackedMethod.named(NAME).build();
  private static final int CHUNK_BYTES = 1_000_000;
  private static final int CHUNKS_READ = 100;
  private static final long DEADLINE_NANOS = 30_000_000_000L;

  private InMemoryTracing tracing;

  @BeforeEach
  void install() {
    tracing = InMemoryTracing.install();
  }

  @AfterEach
  void uninstall() {
    tracing.close();
    TrackingState.setMaxAttributeLength(TrackingState.DEFAULT_MAX_ATTRIBUTE_LENGTH);
  }

  // ---------------------------------------------------------------------------------------------
  // Retention, measured on the elements themselves.

  @Test
  void anOpenIteratorOfMegabyteChunksKeepsNoneOfThem() {
    List<WeakReference<byte[]>> chunks = new ArrayList<>();
    Iterator<byte[]> traced = traced(CHUNKS, new Chunks(Integer.MAX_VALUE));

    for (int i = 0; i < CHUNKS_READ; i++) {
      chunks.add(new WeakReference<>(traced.next()));
    }

    awaitCollected(chunks);
    assertThat(traced.hasNext()).as("the stream is still open and traced").isTrue();
    assertThat(tracing.spans()).isEmpty();
  }

  @Test
  void aCustomAggregatorKeepsOnlyWhatRendersWithinTheLimit() {
    List<List<Object>> received = new CopyOnWriteArrayList<>();
    TrackedMethod aggregated =
        TrackedMethod.named(NAME)
            .aggregator(
                items -> {
                  received.add(List.copyOf(items));
                  return "n=" + items.size();
                })
            .build();
    List<WeakReference<byte[]>> chunks = new ArrayList<>();
    Iterator<byte[]> traced = traced(aggregated, new Chunks(CHUNKS_READ));

    for (int i = 0; i < CHUNKS_READ; i++) {
      chunks.add(new WeakReference<>(traced.next()));
    }

    awaitCollected(chunks);
    assertThat(traced.hasNext()).isFalse();
    assertThat(received).containsExactly(List.of()); // the first chunk alone renders past the limit
    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.OUTPUT)).isEqualTo("\"n=0\"");
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo((long) CHUNKS_READ);
  }

  @Test
  void aCustomAggregatorReceivesTheItemsWhoseListRendersWithinTheLimit() {
    TrackingState.setMaxAttributeLength(20);
    List<List<Object>> received = new CopyOnWriteArrayList<>();
    TrackedMethod aggregated =
        TrackedMethod.named(NAME)
            .aggregator(
                items -> {
                  received.add(List.copyOf(items));
                  return items.size();
                })
            .build();

    readAll(traced(aggregated, List.<Object>of(1, 22, 333, 4444, 55555, 6).iterator()));

    // [1, 22, 333, 4444] is 18 code points; adding ", 55555" would pass 20.
    assertThat(received).containsExactly(List.of(1, 22, 333, 4444));
    assertThat(tracing.onlySpan().getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(6L);
  }

  @Test
  void aTenMegabyteTextElementIsKeptOnlyAsFarAsTheOutputShowsIt() {
    List<WeakReference<String>> texts = new ArrayList<>();
    Iterator<Object> traced = traced(CHUNKS, new Texts(5, 10_000_000));

    for (int i = 0; i < 3; i++) {
      texts.add(new WeakReference<>((String) traced.next()));
    }

    awaitCollected(texts);
    readAll(traced);
    String output = tracing.onlySpan().getAttributes().get(SpanAttributes.OUTPUT);
    assertThat(output).isEqualTo("\"" + "t".repeat(996) + "...");
  }

  // ---------------------------------------------------------------------------------------------
  // The output is what repr of the whole list would be.

  @Test
  void theOutputIsTheReprOfAllElementsWhateverTheirMix() {
    List<List<Object>> streams =
        List.of(
            List.of("a", 1, "b"),
            List.of(1, 2, 3),
            List.of("x".repeat(600), "y".repeat(600), 3),
            List.of("😀".repeat(700), new int[] {1, 2}, "😀".repeat(700)),
            List.of(new byte[5_000], "after"),
            List.of("esc\"aped\n", List.of("nested", Map.of("k", "v")), 'c'),
            List.of(new StringBuilder("built"), "text"),
            List.of("", "", ""),
            List.of("x".repeat(3_000), "y"));
    for (int limit : new int[] {4, 10, 100, 1000}) {
      TrackingState.setMaxAttributeLength(limit);
      for (List<Object> elements : streams) {
        tracing.exporter.reset();

        readAll(traced(CHUNKS, elements.iterator()));

        String expected =
            elements.stream().allMatch(e -> e instanceof CharSequence)
                ? Repr.of(String.join("", elements.stream().map(Object::toString).collect(toList())), limit)
                : Repr.of(elements, limit);
        assertThat(tracing.onlySpan().getAttributes().get(SpanAttributes.OUTPUT))
            .as("%s at %d", Repr.of(elements, 60), limit)
            .isEqualTo(expected);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // A stream that breaks when tracing asks it something.

  @Test
  void aStreamWhoseIsParallelThrowsIsHandedOverAsItIs() {
    Stream<String> hostile = throwingOn("isParallel", Stream.of("a", "b"));

    Span span = CHUNKS.start();
    Scope scope = CHUNKS.enter(span);
    Stream<String> returned = CHUNKS.returnedStream(span, scope, hostile);

    assertThat(returned).isSameAs(hostile);
    assertThat(returned.collect(toList())).containsExactly("a", "b");
    SpanData ended = tracing.onlySpan();
    assertThat(ended.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
    assertThat(ended.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aStreamWhoseSpliteratorThrowsAnErrorIsHandedOverAsItIs() {
    Stream<String> hostile = throwingOn("spliterator", Stream.of("a"));

    Span span = CHUNKS.start();
    Scope scope = CHUNKS.enter(span);

    assertThat(CHUNKS.returnedStream(span, scope, hostile)).isSameAs(hostile);
    assertThat(tracing.onlySpan().getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
  }

  /** {@code real}, except that {@code method} throws an Error. */
  @SuppressWarnings("unchecked")
  private static <T> Stream<T> throwingOn(String method, Stream<T> real) {
    return (Stream<T>)
        Proxy.newProxyInstance(
            Stream.class.getClassLoader(),
            new Class<?>[] {Stream.class},
            (proxy, invoked, args) -> {
              if (invoked.getName().equals(method)) {
                throw new AssertionError(method + " is broken");
              }
              try {
                return invoked.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  // ---------------------------------------------------------------------------------------------

  private static <T> Iterator<T> traced(TrackedMethod method, Iterator<T> source) {
    Span span = method.start();
    Scope scope = method.enter(span);
    return method.returnedIterator(span, scope, source);
  }

  private static void readAll(Iterator<?> iterator) {
    while (iterator.hasNext()) {
      iterator.next();
    }
  }

  /**
   * Runs the collector until every referent is gone; fails at a generous deadline, which only
   * keeps a broken build from hanging (nothing here measures time).
   */
  private static void awaitCollected(List<? extends WeakReference<?>> references) {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (references.stream().anyMatch(reference -> reference.get() != null)) {
      long kept = references.stream().filter(reference -> reference.get() != null).count();
      assertThat(System.nanoTime())
          .as("%d of %d elements are still reachable", kept, references.size())
          .isLessThan(deadline);
      System.gc();
    }
  }

  /** {@code count} fresh texts of {@code length} characters, none kept by the source. */
  private static final class Texts implements Iterator<Object> {
    private final int count;
    private final int length;
    private int made;

    Texts(int count, int length) {
      this.count = count;
      this.length = length;
    }

    @Override
    public boolean hasNext() {
      return made < count;
    }

    @Override
    public Object next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      made++;
      return "t".repeat(length);
    }
  }

  /** Endless (or {@code count}) fresh chunks of {@value #CHUNK_BYTES} bytes. */
  private static final class Chunks implements Iterator<byte[]> {
    private final int count;
    private int made;

    Chunks(int count) {
      this.count = count;
    }

    @Override
    public boolean hasNext() {
      return made < count;
    }

    @Override
    public byte[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      made++;
      return new byte[CHUNK_BYTES];
    }
  }
}
