package studio.bud.track.processor.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import studio.bud.track.runtime.Tracking;

/**
 * Values built to break rendering, pushed through every path of a generated wrapper: as argument,
 * result, map entry, streamed element and async value. Whatever the value does, the caller gets
 * the very same value back, nothing is logged as a tracing failure, and every attribute is a
 * bounded, well-formed string.
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
  void asStreamedElementEveryElementPassesThrough(String name, Supplier<Object> make) {
    Object value = make.get();
    List<Object> elements = Arrays.asList(value, "text", value);

    List<Object> viaIterator = new ArrayList<>();
    probe.iterator(elements.iterator()).forEachRemaining(viaIterator::add);
    List<Object> viaStream = probe.stream(elements.stream()).collect(Collectors.toList());

    assertThat(viaIterator).hasSize(3);
    assertThat(viaStream).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(viaIterator.get(i)).isSameAs(elements.get(i));
      assertThat(viaStream.get(i)).isSameAs(elements.get(i));
    }
    assertEveryAttributeValid(2);
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
    String description = span.getStatus().getDescription();
    assertThat(description.length()).isLessThanOrEqualTo(MAX_LENGTH);
    assertThat(AttributeChecks.isWellFormed(description)).isTrue();
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
