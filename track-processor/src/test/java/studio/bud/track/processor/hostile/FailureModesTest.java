package studio.bud.track.processor.hostile;

import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.Track;
import studio.bud.track.runtime.Tracking;

/**
 * The failure modes of issue 9 (and the Python-matching descriptions and truncation of issue 11),
 * each through generated code and a real SDK: a hostile delegate, value or context must never hang
 * the caller, hold its memory, change what it gets, or lose a span.
 */
class FailureModesTest {

  /** Only a guard against a hang in a broken build; nothing here measures time. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  private static final long DEADLINE_NANOS = 30_000_000_000L;

  /** A tool whose result is a map, recorded by two of its keys. */
  public interface Scorer {
    @Track(captureInput = false, captureOutputInclude = {"label", "score"})
    Map<Object, Object> score(Map<Object, Object> result);
  }

  /** A tool that calls itself, through its traced wrapper, deeper and deeper. */
  public interface Recursive {
    @Track
    int down(int depth);
  }

  /** A tool's own failure, as in the Python SDK's examples. */
  static final class ToolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ToolError(String message) {
      super(message);
    }
  }

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final Counting counting = new Counting();
  private final Probe probe = TracedProbe.wrap(new Mirror());
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void configure() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(counting)
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    Tracking.shutdown();
    Tracking.configure(sdk);
  }

  @AfterEach
  void shutdown() {
    Tracking.shutdown();
    sdk.close();
    Tracking.setMaxAttributeLength(1000);
    Tracking.setMaxStackTraceLength(16_384);
  }

  // ---------------------------------------------------------------------------------------------
  // 1. A cyclic cause chain.

  /** A completion wrapper, so that unwrapping walks into the cycle. */
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
  void aFailedFutureWithACyclicCauseChainReturnsPromptly() {
    CompletableFuture<Object> failed = CompletableFuture.failedFuture(cyclicChain());

    assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> probe.later(failed))).isSameAs(failed);

    assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void completingATracedFutureWithACyclicCauseChainReturnsPromptly() {
    CompletableFuture<Object> pending = new CompletableFuture<>();
    assertThat(probe.later(pending)).isSameAs(pending);
    Wrapper a = cyclicChain();

    assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> pending.completeExceptionally(a))).isTrue();

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(event(span).getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .contains("[CIRCULAR REFERENCE: ");
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Streams of large elements.

  @Test
  void openStreamsOfMegabyteChunksKeepNoneOfThem() {
    List<WeakReference<byte[]>> chunks = new ArrayList<>();
    Iterator<Object> iterator = probe.iterator(chunks(Integer.MAX_VALUE));
    Iterator<Object> ofStream = probe.stream(Stream.generate(() -> (Object) new byte[1_000_000])).iterator();
    for (int i = 0; i < 50; i++) {
      chunks.add(new WeakReference<>((byte[]) iterator.next()));
      chunks.add(new WeakReference<>((byte[]) ofStream.next()));
    }
    Flow.Publisher<Object> publisher = probe.publisher(
        subscriber -> {
          for (int i = 0; i < 50; i++) {
            byte[] chunk = new byte[1_000_000];
            chunks.add(new WeakReference<>(chunk));
            subscriber.onNext(chunk);
          }
        });
    publisher.subscribe(new Ignoring());

    awaitCollected(chunks);
    assertThat(iterator.hasNext()).as("the streams are still open").isTrue();
    assertThat(ofStream.hasNext()).isTrue();
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // 3. captureOutputInclude.

  @Test
  void aLazyMapOfTwoMillionEntriesIsVisitedAtMost128Times() {
    LazyMap lazy = new LazyMap(2_000_000);

    assertThat(TracedFailureModesTest_Scorer.wrap(result -> result).score(lazy)).isSameAs(lazy);

    assertThat(lazy.visited.get()).isLessThanOrEqualTo(128);
  }

  @Test
  void anEndlessMapReturns() {
    LazyMap endless = new LazyMap(Long.MAX_VALUE);
    Scorer scorer = TracedFailureModesTest_Scorer.wrap(result -> result);

    assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> scorer.score(endless))).isSameAs(endless);
  }

  @Test
  void twoKeysNamedLabelDoNotHideTheScore() {
    Map<Object, Object> result = new LinkedHashMap<>();
    result.put(new Text("label"), "first");
    result.put(new Text("label"), "second");
    result.put("score", 0.9);

    TracedFailureModesTest_Scorer.wrap(r -> r).score(result);

    assertThat(onlySpan().getAttributes().get(AttributeKey.stringKey("bud.track.output.score"))).isEqualTo("0.9");
  }

  // ---------------------------------------------------------------------------------------------
  // 4. and 9. The exception event.

  @Test
  void aTenMegabyteMessageGivesABoundedEvent() {
    ToolError failure = new ToolError("m".repeat(10_000_000));

    assertThat(catchThrowable(() -> probe.raise(failure))).isSameAs(failure);

    SpanData span = spanNamed("Probe.raise");
    EventData event = event(span);
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message"))).hasSize(1000);
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .hasSize(16_384)
        .startsWith(ToolError.class.getName() + ": mmm");
    assertThat(span.getStatus().getDescription()).hasSize(1000).startsWith("ToolError: mmm");
  }

  @Test
  void aTenThousandFrameTraceIsCutAtTheSetting() {
    Tracking.setMaxStackTraceLength(2_000);
    ToolError failure = new ToolError("deep");
    StackTraceElement[] frames = new StackTraceElement[10_000];
    java.util.Arrays.fill(frames, new StackTraceElement("com.example.Deep", "recurse", "Deep.java", 7));
    failure.setStackTrace(frames);

    assertThat(catchThrowable(() -> probe.raise(failure))).isSameAs(failure);

    String trace = event(onlySpan()).getAttributes().get(AttributeKey.stringKey("exception.stacktrace"));
    assertThat(trace).hasSize(2_000).endsWith("...").contains("\tat com.example.Deep.recurse(Deep.java:7)");
  }

  @Test
  void anExceptionWhoseStackTraceCannotBePrintedStillGetsAnEvent() {
    RuntimeException failure =
        new RuntimeException("unprintable") {
          private static final long serialVersionUID = 1L;

          @Override
          public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("getStackTrace");
          }

          @Override
          public void printStackTrace(java.io.PrintWriter s) {
            throw new IllegalStateException("printStackTrace");
          }
        };

    assertThat(catchThrowable(() -> probe.raise(failure))).isSameAs(failure);

    EventData event = event(onlySpan());
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type"))).isEqualTo(failure.getClass().getName());
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("unprintable");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .startsWith(failure.getClass().getName() + ": unprintable");
  }

  // ---------------------------------------------------------------------------------------------
  // 5. A broken Scope.

  @Test
  void aContextWhoseScopeCloseThrowsNeverReachesTheCaller() {
    List<Object> read = new ArrayList<>();
    Context before = Context.current();
    Scope outer = ContextStorage.get().attach(new BrokenContext(Context.root()));
    try {
      Iterator<Object> iterator = probe.iterator(List.<Object>of("a", "b").iterator());
      while (iterator.hasNext()) {
        read.add(iterator.next());
      }
      try (Stream<Object> stream = probe.stream(Stream.of("c", "d"))) {
        read.addAll(stream.collect(toList()));
      }
      Ignoring subscriber = new Ignoring();
      probe.publisher(s -> {
            s.onSubscribe(new NoSubscription());
            s.onNext("e");
            s.onComplete();
          })
          .subscribe(subscriber);
      read.addAll(subscriber.items);
      assertThat(probe.echo("f")).isEqualTo("f");
    } finally {
      outer.close();
    }

    assertThat(Context.current()).isSameAs(before);
    assertThat(read).containsExactly("a", "b", "c", "d", "e");
    assertThat(exporter.getFinishedSpanItems()).hasSize(4);
  }

  // ---------------------------------------------------------------------------------------------
  // 8. A real stack overflow.

  /** Recurses through its own traced wrapper; keeps the first throwable that reached it. */
  static final class Descending implements Recursive {
    Recursive traced;
    Throwable first;

    @Override
    public int down(int depth) {
      try {
        return traced.down(depth + 1);
      } catch (StackOverflowError overflow) {
        if (first == null) { // a field test and write: nothing here can overflow again
          first = overflow;
        }
        throw overflow;
      }
    }
  }

  @Test
  void aRealStackOverflowReachesTheCallerAsTheSameErrorAndEverySpanEnds() {
    Descending descending = new Descending();
    descending.traced = TracedFailureModesTest_Recursive.wrap(descending);
    warmUp(descending.traced);
    exporter.reset();
    long startedBefore = counting.started.get();
    long endedBefore = counting.ended.get();

    Throwable thrown = catchThrowable(() -> descending.traced.down(0));

    assertThat(thrown).isInstanceOf(StackOverflowError.class).isSameAs(descending.first);
    long started = counting.started.get() - startedBefore;
    assertThat(started).isPositive();
    assertThat(counting.ended.get() - endedBefore).as("spans ended of %d started", started).isEqualTo(started);
  }

  /** Initializes every class a traced failure uses, at a shallow depth. */
  private void warmUp(Recursive traced) {
    Recursive failing =
        TracedFailureModesTest_Recursive.wrap(
            depth -> {
              throw new StackOverflowError("warm-up");
            });
    for (int i = 0; i < 2; i++) {
      assertThat(catchThrowable(() -> failing.down(0))).hasMessage("warm-up");
    }
    assertThat(traced).isNotNull();
  }

  // ---------------------------------------------------------------------------------------------
  // 10. A Stream whose isParallel() throws.

  @Test
  void aStreamWhoseIsParallelThrowsIsReturnedAsUntracedWouldReturnIt() {
    Stream<Object> hostile = throwingOn("isParallel", Stream.<Object>of("a", "b"));

    Stream<Object> returned = probe.stream(hostile);

    assertThat(returned).isSameAs(hostile);
    assertThat(returned.collect(toList())).containsExactly("a", "b");
    assertThat(onlySpan().getAttributes().get(AttributeKey.booleanKey("bud.track.generator_completed"))).isFalse();
  }

  @SuppressWarnings("unchecked")
  private static <T> Stream<T> throwingOn(String method, Stream<T> real) {
    return (Stream<T>)
        Proxy.newProxyInstance(
            Stream.class.getClassLoader(),
            new Class<?>[] {Stream.class},
            (proxy, invoked, args) -> {
              if (invoked.getName().equals(method)) {
                throw new UnsupportedOperationException(method);
              }
              try {
                return invoked.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  // ---------------------------------------------------------------------------------------------
  // 11. A future that never completes.

  @Test
  void aFutureThatNeverCompletesEndsItsSpanAsAbandonedOnceUnreachable() {
    callWithAFutureAndDropIt();

    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (exporter.getFinishedSpanItems().isEmpty()) {
      assertThat(System.nanoTime()).as("the abandoned span ended in time").isLessThan(deadline);
      System.gc();
      counting.awaitAnEnd();
    }
    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("bud.track.abandoned"))).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  /** With a delegate of its own: the shared one keeps its last argument. */
  private static void callWithAFutureAndDropIt() {
    TracedProbe.wrap(new Mirror()).later(new CompletableFuture<>());
  }

  // ---------------------------------------------------------------------------------------------
  // Issue 11: descriptions and truncation as the Python SDK makes them.

  @Test
  void plainStreamedAndAsyncFailuresAreDescribedAsPythonDescribesThem() {
    ToolError boom = new ToolError("boom: x");
    assertThat(catchThrowable(() -> probe.raise(boom))).isSameAs(boom);
    Iterator<Object> failing = probe.iterator(failingAfter("a", boom));
    failing.next();
    assertThat(catchThrowable(failing::next)).isSameAs(boom);
    CompletableFuture<Object> future = new CompletableFuture<>();
    probe.later(future);
    future.completeExceptionally(new CompletionException(new ToolError(null)));

    assertThat(exporter.getFinishedSpanItems())
        .extracting(span -> span.getStatus().getDescription())
        .containsExactly("ToolError: boom: x", "ToolError: boom: x", "ToolError: ");
  }

  @Test
  void valuesAreCutAtCodePointsAsPythonCutsThem() {
    String emoji = "😀".repeat(1500);

    assertThat(probe.echo(emoji)).isSameAs(emoji);

    SpanData span = onlySpan();
    String expected = "\"" + "😀".repeat(996) + "...";
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.input.value"))).isEqualTo(expected);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.output"))).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private SpanData spanNamed(String name) {
    List<SpanData> spans =
        exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).collect(toList());
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static EventData event(SpanData span) {
    assertThat(span.getEvents()).hasSize(1);
    assertThat(span.getEvents().get(0).getName()).isEqualTo("exception");
    return span.getEvents().get(0);
  }

  private static Iterator<Object> chunks(int count) {
    return new Iterator<>() {
      private int made;

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
        return new byte[1_000_000];
      }
    };
  }

  private static Iterator<Object> failingAfter(Object first, RuntimeException failure) {
    return new Iterator<>() {
      private boolean given;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Object next() {
        if (given) {
          throw failure;
        }
        given = true;
        return first;
      }
    };
  }

  /** Runs the collector until every referent is gone; the deadline only guards against a hang. */
  private static void awaitCollected(List<? extends WeakReference<?>> references) {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (references.stream().anyMatch(reference -> reference.get() != null)) {
      long kept = references.stream().filter(reference -> reference.get() != null).count();
      assertThat(System.nanoTime())
          .as("%d of %d elements still reachable", kept, references.size())
          .isLessThan(deadline);
      System.gc();
    }
  }

  /** Counts spans started and ended, and lets a test wait for the next end. */
  private static final class Counting implements SpanProcessor {
    final AtomicLong started = new AtomicLong();
    final AtomicLong ended = new AtomicLong();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      started.incrementAndGet();
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public synchronized void onEnd(ReadableSpan span) {
      ended.incrementAndGet();
      notifyAll();
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    synchronized void awaitAnEnd() {
      try {
        wait(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A key whose text is given, and which equals only itself. */
  private static final class Text {
    private final String text;

    Text(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Makes its entries as they are read, counting them: {@code k<i> = i}. */
  private static final class LazyMap extends AbstractMap<Object, Object> {
    final AtomicLong visited = new AtomicLong();
    private final long size;

    LazyMap(long size) {
      this.size = size;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<Object, Object>> iterator() {
          return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
              return next < size;
            }

            @Override
            public Entry<Object, Object> next() {
              visited.incrementAndGet();
              long index = next++;
              return new SimpleEntry<>("k" + index, index);
            }
          };
        }

        @Override
        public int size() {
          return (int) Math.min(Integer.MAX_VALUE, size);
        }
      };
    }
  }

  /** Requests nothing, keeps the items it is given. */
  private static final class Ignoring implements Flow.Subscriber<Object> {
    final List<Object> items = new ArrayList<>();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {}

    @Override
    public void onNext(Object item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }

  private static final class NoSubscription implements Flow.Subscription {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }

  /** Like the context it wraps, except that closing a scope of it throws, after restoring. */
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
