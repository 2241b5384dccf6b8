package studio.bud.track.processor.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import studio.bud.track.runtime.Tracking;

/**
 * Equivalence, property-based: for generated arguments, results and exceptions, a call through
 * the generated wrapper behaves exactly like the same call on the implementation itself (same
 * result instance, same exception instance, same arguments received, same streamed elements and
 * failure, same current context afterwards) whether tracing is off, on, or on with a broken
 * OpenTelemetry implementation.
 */
class TracedEqualsUntracedProperties {

  static final int TRIES = 1000;

  /** The Probe method a scenario calls. */
  enum Call {
    ECHO, ACCEPT, RAISE, MAP, INTEGER, WHOLE, SMALL, OCTET, REAL, RATIO, FLAG, LETTER, LATER,
    ITERATOR, STREAM
  }

  /** One generated call: what goes in, what the implementation answers. */
  static final class Scenario {
    final Call call;
    final Object argument;
    final Object result;
    final Throwable failure;
    final List<Object> elements;

    Scenario(Call call, Object argument, Object result, Throwable failure, List<Object> elements) {
      this.call = call;
      this.argument = Fresh.unwrap(argument);
      this.result = Fresh.unwrap(result);
      this.failure = failure;
      this.elements = elements.stream().map(Fresh::unwrap).collect(Collectors.toList());
    }

    @Override
    public String toString() {
      return call + "(" + safe(argument) + ") -> " + (failure != null ? "throws " + failure.getClass().getName() : safe(result))
          + (elements.isEmpty() ? "" : " elements " + elements.size());
    }

    private static String safe(Object value) {
      return value == null ? "null" : value.getClass().getSimpleName();
    }
  }

  /**
   * Carries a value that jqwik must not touch until the scenario is built: jqwik hashes what it
   * generates, and a list that contains itself cannot be hashed.
   */
  static final class Fresh {
    final Object value;

    Fresh(Object value) {
      this.value = value;
    }

    static Object unwrap(Object value) {
      return value instanceof Fresh ? ((Fresh) value).value : value;
    }

    @Override
    public String toString() {
      return "a hostile " + value.getClass().getSimpleName();
    }
  }

  /** What a call did, as the caller sees it. */
  static final class Outcome {
    Object returned;
    Throwable thrown;
    List<Object> elements = new ArrayList<>();
    Throwable elementFailure;
    List<Object> received;
    boolean contextKept;
  }

  /** How tracing is set up for one try. */
  static final class Setup {
    final String name;
    final Supplier<io.opentelemetry.api.OpenTelemetry> openTelemetry;

    Setup(String name, Supplier<io.opentelemetry.api.OpenTelemetry> openTelemetry) {
      this.name = name;
      this.openTelemetry = openTelemetry;
    }

    void install() {
      Tracking.shutdown();
      io.opentelemetry.api.OpenTelemetry instance = openTelemetry.get();
      if (instance != null) {
        Tracking.configure(instance);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static OpenTelemetrySdk sdk;
  private static final Logger TRACK_LOGGER = Logger.getLogger("studio.bud.track");

  @BeforeContainer
  static void buildSdk() {
    sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build();
    // A broken setup logs a warning per configuration; keep hundreds of them off the console.
    TRACK_LOGGER.setUseParentHandlers(false);
  }

  @AfterContainer
  static void closeSdk() {
    Tracking.shutdown();
    sdk.close();
    TRACK_LOGGER.setUseParentHandlers(true);
  }

  @Property(tries = TRIES)
  void tracedAndUntracedCallsBehaveIdentically(
      @ForAll("scenarios") Scenario scenario, @ForAll("setups") Setup setup) {
    setup.install();
    try {
      Outcome plain = run(scenario, scripted(scenario), false);
      Outcome traced = run(scenario, scripted(scenario), true);

      assertThat(traced.contextKept).as("Context.current() unchanged").isTrue();
      assertSame(traced.thrown, plain.thrown, "thrown");
      assertSame(traced.returned, plain.returned, "returned");
      assertSame(traced.elementFailure, plain.elementFailure, "streamed failure");
      assertThat(traced.elements).hasSameSizeAs(plain.elements);
      for (int i = 0; i < plain.elements.size(); i++) {
        assertSame(traced.elements.get(i), plain.elements.get(i), "element " + i);
      }
      assertThat(traced.received).hasSameSizeAs(plain.received);
      for (int i = 0; i < plain.received.size(); i++) {
        assertSame(traced.received.get(i), plain.received.get(i), "argument");
      }
    } finally {
      Tracking.shutdown();
    }
  }

  private static Scripted scripted(Scenario scenario) {
    Scripted scripted = new Scripted();
    scripted.result = scenario.result;
    scripted.failure = scenario.failure;
    scripted.elements = scenario.elements;
    return scripted;
  }

  /** Makes the call on {@code implementation}, or on its wrapper when {@code traced}. */
  private static Outcome run(Scenario scenario, Scripted implementation, boolean traced) {
    Probe probe = traced ? TracedProbe.wrap(implementation) : implementation;
    Outcome outcome = new Outcome();
    Context before = Context.current();
    Object argument = scenario.argument;
    try {
      outcome.returned = invoke(probe, scenario.call, argument);
      if (outcome.returned instanceof Iterator) {
        Iterator<?> iterator = (Iterator<?>) outcome.returned;
        outcome.returned = null; // the wrapper is another object by design; its elements count
        try {
          while (iterator.hasNext()) {
            outcome.elements.add(iterator.next());
          }
        } catch (Throwable failure) {
          outcome.elementFailure = failure;
        }
      } else if (outcome.returned instanceof Stream) {
        try (Stream<?> stream = (Stream<?>) outcome.returned) {
          outcome.returned = null;
          stream.forEachOrdered(outcome.elements::add);
        } catch (Throwable failure) {
          outcome.elementFailure = failure;
        }
      }
    } catch (Throwable thrown) {
      outcome.thrown = thrown;
    }
    outcome.contextKept = Context.current() == before;
    outcome.received = implementation.received;
    return outcome;
  }

  @SuppressWarnings("unchecked")
  private static Object invoke(Probe probe, Call call, Object argument) throws Throwable {
    switch (call) {
      case ECHO:
        return probe.echo(argument);
      case ACCEPT:
        probe.accept(argument);
        return null;
      case RAISE:
        return probe.raise((Throwable) argument);
      case MAP:
        return probe.map((Map<Object, Object>) argument);
      case INTEGER:
        return probe.integer((Integer) argument);
      case WHOLE:
        return probe.whole((Long) argument);
      case SMALL:
        return probe.small((Short) argument);
      case OCTET:
        return probe.octet((Byte) argument);
      case REAL:
        return probe.real((Double) argument);
      case RATIO:
        return probe.ratio((Float) argument);
      case FLAG:
        return probe.flag((Boolean) argument);
      case LETTER:
        return probe.letter((Character) argument);
      case LATER:
        return probe.later((CompletableFuture<Object>) argument);
      case ITERATOR:
        return probe.iterator((Iterator<Object>) argument);
      default:
        return probe.stream((Stream<Object>) argument);
    }
  }

  /** The same instance for objects; for boxed primitives the same value, to the bit. */
  private static void assertSame(Object traced, Object plain, String what) {
    if (plain instanceof Double && traced instanceof Double) {
      assertThat(Double.doubleToRawLongBits((Double) traced)).as(what).isEqualTo(Double.doubleToRawLongBits((Double) plain));
    } else if (plain instanceof Float && traced instanceof Float) {
      assertThat(Float.floatToRawIntBits((Float) traced)).as(what).isEqualTo(Float.floatToRawIntBits((Float) plain));
    } else if (plain instanceof Number || plain instanceof Boolean || plain instanceof Character) {
      assertThat(traced).as(what).isEqualTo(plain);
    } else {
      assertThat(traced == plain).as("%s: same instance", what).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generators.

  @Provide
  Arbitrary<Setup> setups() {
    List<Setup> setups = new ArrayList<>();
    setups.add(new Setup("tracing off", () -> null));
    setups.add(new Setup("SDK", () -> sdk));
    for (String fault :
        List.of("Tracer.spanBuilder", "SpanBuilder.startSpan", "Span.setAttribute", "Span.isRecording",
            "Span.makeCurrent", "Span.getSpanContext", "Span.setStatus", "Span.recordException",
            "Span.end", "Span.*")) {
      FaultyOpenTelemetry faulty =
          FaultyOpenTelemetry.throwingIn(fault, () -> new IllegalStateException("broken " + fault));
      setups.add(new Setup("broken " + fault, () -> faulty.around(sdk)));
    }
    return Arbitraries.of(setups);
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Arbitraries.of(Call.class).flatMap(this::scenario);
  }

  private Arbitrary<Scenario> scenario(Call call) {
    Arbitrary<Throwable> failure = failures().injectNull(0.6);
    switch (call) {
      case ECHO:
      case ACCEPT:
        return combine(call, values(), values(), failure);
      case RAISE:
        return combine(call, failures().map(Object.class::cast), values(), failure);
      case MAP:
        Arbitrary<Object> maps = maps().injectNull(0.1);
        return combine(call, maps, maps, failure);
      case INTEGER:
        return combine(call, Arbitraries.integers().map(Object.class::cast), Arbitraries.integers().map(Object.class::cast), failure);
      case WHOLE:
        return combine(call, Arbitraries.longs().map(Object.class::cast), Arbitraries.longs().map(Object.class::cast), failure);
      case SMALL:
        return combine(call, Arbitraries.shorts().map(Object.class::cast), Arbitraries.shorts().map(Object.class::cast), failure);
      case OCTET:
        return combine(call, Arbitraries.bytes().map(Object.class::cast), Arbitraries.bytes().map(Object.class::cast), failure);
      case REAL:
        Arbitrary<Object> doubles = Arbitraries.oneOf(
            Arbitraries.doubles().map(Object.class::cast),
            Arbitraries.longs().map(bits -> (Object) Double.longBitsToDouble(bits)));
        return combine(call, doubles, doubles, failure);
      case RATIO:
        Arbitrary<Object> floats = Arbitraries.integers().map(bits -> (Object) Float.intBitsToFloat(bits));
        return combine(call, floats, floats, failure);
      case FLAG:
        return combine(call, Arbitraries.of(true, false).map(Object.class::cast), Arbitraries.of(true, false).map(Object.class::cast), failure);
      case LETTER:
        Arbitrary<Object> chars = Arbitraries.chars().all().map(Object.class::cast);
        return combine(call, chars, chars, failure);
      case LATER:
        return combine(call, futures(), futures(), failure);
      default: // ITERATOR, STREAM: the argument is unused, the elements and failure stream out
        return values().list().ofMaxSize(8).flatMap(
            elements -> failure.map(end -> new Scenario(call, null, null, end, elements)));
    }
  }

  private static Arbitrary<Scenario> combine(
      Call call, Arbitrary<Object> arguments, Arbitrary<Object> results, Arbitrary<Throwable> failures) {
    return arguments.flatMap(
        argument -> results.flatMap(
            result -> failures.map(failure -> new Scenario(call, argument, result, failure, List.of()))));
  }

  /** Plain, structured and hostile values; fresh instances each time. */
  static Arbitrary<Object> values() {
    return Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40).map(Object.class::cast),
            Arbitraries.strings().all().ofMinLength(990).ofMaxLength(1010).map(Object.class::cast),
            Arbitraries.integers().map(Object.class::cast),
            Arbitraries.doubles().map(Object.class::cast),
            Arbitraries.chars().all().map(Object.class::cast),
            Arbitraries.strings().all().ofMaxLength(10).list().ofMaxSize(5).map(Object.class::cast),
            Arbitraries.integers().array(int[].class).ofMaxSize(20).map(Object.class::cast),
            Arbitraries.chars().all().array(char[].class).ofMaxSize(20).map(Object.class::cast),
            maps(),
            Arbitraries.of(HOSTILE).map(hostile -> new Fresh(hostile.get())))
        .injectNull(0.1);
  }

  static Arbitrary<Object> maps() {
    return Arbitraries.maps(
            Arbitraries.strings().all().ofMaxLength(8).injectNull(0.2),
            Arbitraries.oneOf(
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.of(HASHABLE_HOSTILE).map(Supplier::get)).injectNull(0.2))
        .ofMaxSize(6)
        .map(map -> (Object) new HashMap<>(map));
  }

  static Arbitrary<Object> futures() {
    return Arbitraries.oneOf(
            values().map(CompletableFuture::completedFuture),
            failures().map(CompletableFuture::failedFuture),
            Arbitraries.just(0).map(ignored -> new CompletableFuture<>()))
        .map(Object.class::cast)
        .injectNull(0.1);
  }

  /** Checked, unchecked and errors, with any message; some with a hostile message. */
  static Arbitrary<Throwable> failures() {
    List<Function<String, Throwable>> kinds =
        List.of(
            IllegalStateException::new,
            IOException::new,
            TimeoutException::new,
            AssertionError::new,
            message -> new HostileValuesTest.HostileException(new HostileValuesTest.ToString(() -> {
              throw new IllegalStateException(message);
            })));
    return Arbitraries.strings().all().ofMaxLength(30).injectNull(0.2)
        .flatMap(message -> Arbitraries.of(kinds).map(kind -> kind.apply(message)));
  }

  /** Hostile values that can still be hashed (by identity), so they may sit inside a map. */
  private static final List<Supplier<Object>> HASHABLE_HOSTILE =
      List.of(
          () -> new HostileValuesTest.ToString(() -> {
            throw new IllegalStateException("toString");
          }),
          () -> new HostileValuesTest.ToString(() -> null),
          HostileValuesTest.RecursiveToString::new,
          () -> new HostileValuesTest.BrokenText(true),
          HostileValuesTest.BrokenCollection::new);

  private static final List<Supplier<Object>> HOSTILE =
      Stream.concat(
              HASHABLE_HOSTILE.stream(),
              Stream.<Supplier<Object>>of(
                  () -> {
                    List<Object> self = new ArrayList<>();
                    self.add(self);
                    return self;
                  },
                  () -> Map.of("k", List.of(1, 2))))
          .collect(Collectors.toList());
}
