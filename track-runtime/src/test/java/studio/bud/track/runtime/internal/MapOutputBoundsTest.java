package studio.bud.track.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code Map} result (SPEC section 4): at most 128 entries are visited, whether or not they
 * match {@code captureOutputInclude}, and every included key is found among them.
 */
class MapOutputBoundsTest {

  private static final TrackedMethod INCLUDE =
      TrackedMethod.named("Scorer.score").outputInclude("label", "score").build();
  private static final TrackedMethod ALL = TrackedMethod.named("Scorer.all").build();

  private InMemoryTracing tracing;

  @BeforeEach
  void install() {
    tracing = InMemoryTracing.install();
  }

  @AfterEach
  void uninstall() {
    tracing.close();
  }

  @Test
  void aLazyMapOfTwoMillionEntriesIsVisitedAtMost128Times() {
    LazyMap lazy = new LazyMap(2_000_000);

    returned(INCLUDE, lazy);

    assertThat(lazy.visited.get()).isLessThanOrEqualTo(SpanOutcome.MAX_OUTPUT_ENTRIES);
    assertThat(tracing.onlySpan().getAttributes().asMap()).isEmpty();
  }

  @Test
  void anEndlessMapReturns() {
    LazyMap endless = new LazyMap(Long.MAX_VALUE);

    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> returned(INCLUDE, endless)); // hang guard

    assertThat(endless.visited.get()).isLessThanOrEqualTo(SpanOutcome.MAX_OUTPUT_ENTRIES);
  }

  @Test
  void withoutAnIncludeListAnEndlessMapGivesAtMost128Attributes() {
    LazyMap endless = new LazyMap(Long.MAX_VALUE);

    returned(ALL, endless);

    assertThat(tracing.onlySpan().getAttributes().size()).isEqualTo(SpanOutcome.MAX_OUTPUT_ENTRIES);
    assertThat(endless.visited.get()).isEqualTo(SpanOutcome.MAX_OUTPUT_ENTRIES);
  }

  @Test
  void twoKeysNamedLabelDoNotHideTheScore() {
    Map<Object, Object> result = new LinkedHashMap<>();
    result.put(new Named("label"), "first");
    result.put(new Named("label"), "second");
    result.put("score", 0.9);

    returned(INCLUDE, result);

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.output.score"))).isEqualTo("0.9");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.output.label"))).isNotNull();
  }

  @Test
  void theWalkStopsOnceEveryIncludedKeyWasFound() {
    Map<Object, Object> head = new LinkedHashMap<>();
    head.put("label", "spam");
    head.put("score", 0.9);
    LazyMap rest = new LazyMap(1_000, head);

    returned(INCLUDE, rest);

    assertThat(rest.visited.get()).isEqualTo(2);
    assertThat(tracing.onlySpan().getAttributes().size()).isEqualTo(2);
  }

  private static void returned(TrackedMethod method, Map<?, ?> result) {
    Span span = method.start();
    Scope scope = method.enter(span);
    method.returned(span, scope, result);
  }

  /** A key whose text is its name, and which equals only itself. */
  private static final class Named {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A map that makes its entries as they are read, after the given first ones: {@code size}
   * entries {@code k<i> = i} in all, counting every entry the iterator hands out.
   */
  private static final class LazyMap extends AbstractMap<Object, Object> {
    final AtomicLong visited = new AtomicLong();
    private final long size;
    private final Map<Object, Object> head;

    LazyMap(long size) {
      this(size, Map.of());
    }

    LazyMap(long size, Map<Object, Object> head) {
      this.size = size;
      this.head = head;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<Object, Object>> iterator() {
          Iterator<Entry<Object, Object>> first = head.entrySet().iterator();
          return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
              return next < size;
            }

            @Override
            public Entry<Object, Object> next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              visited.incrementAndGet();
              long index = next++;
              return first.hasNext() ? first.next() : new SimpleEntry<>("k" + index, index);
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
}
