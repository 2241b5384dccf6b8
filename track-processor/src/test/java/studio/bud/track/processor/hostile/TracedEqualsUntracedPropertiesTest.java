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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studio.bud.track.runtime.Tracking;

/**
 * Equivalence, over generated scenarios ({@link Seeded}): for generated arguments, results and
 * exceptions, a call through the generated wrapper behaves exactly like the same call on the
 * implementation itself (same result instance, same exception instance, same arguments received,
 * same streamed elements and failure, same signals from a publisher, the same outcome for a future
 * completed after the call, and the same current context afterwards) whether tracing is off, on,
 * or on with a broken OpenTelemetry implementation. Each setup runs {@link #TRIES} scenarios of its
 * own ({@code -Dtrack.tries=N} for more).
 */
class TracedEqualsUntracedPropertiesTest {

  static final int TRIES = 1000;

  /** Broken setups: the faults of {@link FaultyOpenTelemetry} that a scenario meets. */
  static final List<String> FAULTS =
      List.of(
          "Tracer.spanBuilder", "SpanBuilder.startSpan", "Span.setAttribute", "Span.isRecording",
          "Span.makeCurrent", "Span.getSpanContext", "Span.setStatus",
          "Span.recordException|Span.addEvent", "Span.end", "Span.*", "Context.makeCurrent",
          "Scope.close");

  /** The Probe method a scenario calls. */
  enum Call {
    ECHO, ACCEPT, RAISE, MAP, INTEGER, WHOLE, SMALL, OCTET, REAL, RATIO, FLAG, LETTER, LATER,
    ITERATOR, STREAM, PUBLISHER
  }

  /** How the test completes a pending future once the call has returned it. */
  enum Completion {
    NONE, VALUE, FAILURE, CANCEL
  }

  /** One generated call: what goes in, what the implementation answers. */
  static final class Scenario {
    Call call;
    Object argument;
    Object result;
    Throwable failure;
    List<Object> elements = List.of();
    /** For {@link Call#LATER}: the result is a pending future, completed after the call like so. */
    Completion completion = Completion.NONE;
    Object completionValue;
    Throwable completionFailure;

    @Override
    public String toString() {
      return call + "(" + describe(argument) + ") -> "
          + (failure != null ? "throws " + describe(failure) : describe(result))
          + (elements.isEmpty() ? "" : ", elements " + elements.stream().map(Scenario::describe).collect(Collectors.toList()))
          + (completion == Completion.NONE ? "" : ", a pending future completed with " + completion + " "
              + describe(completion == Completion.VALUE ? completionValue : completionFailure));
    }

    private static String describe(Object value) {
      return value == null ? "null" : value.getClass().getName();
    }
  }

  /** What a call did, as the caller sees it. */
  static final class Outcome {
    Object returned;
    Throwable thrown;
    List<Object> elements = new ArrayList<>();
    Throwable elementFailure;
    boolean publisherCompleted;
    List<Object> received;
    boolean contextKept;
    /** A pending future: whether the caller got the delegate's own, and how it then ended. */
    boolean sameFuture;
    Throwable completingThrew;
    Object settledValue;
    Throwable settledFailure;
  }

  /** How tracing is set up for one run of scenarios. */
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

  @BeforeAll
  static void buildSdk() {
    sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build();
    // A broken setup logs a warning per configuration; keep thousands of them off the console.
    TRACK_LOGGER.setUseParentHandlers(false);
  }

  @AfterAll
  static void closeSdk() {
    Tracking.shutdown();
    sdk.close();
    TRACK_LOGGER.setUseParentHandlers(true);
  }

  static List<Setup> setups() {
    List<Setup> setups = new ArrayList<>();
    setups.add(new Setup("tracing off", () -> null));
    setups.add(new Setup("SDK", () -> sdk));
    for (String fault : FAULTS) {
      FaultyOpenTelemetry faulty =
          FaultyOpenTelemetry.throwingIn(fault, () -> new IllegalStateException("broken " + fault));
      setups.add(new Setup("broken " + fault, () -> faulty.around(sdk)));
    }
    return setups;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void tracedAndUntracedCallsBehaveIdentically(Setup setup) throws Throwable {
    withoutHanging(setup, () -> Seeded.check("tracedAndUntracedCallsBehaveIdentically[" + setup + "]", TRIES, gen -> {
      Scenario scenario = scenario(gen);
      setup.install();
      try {
        Outcome plain = run(scenario, false);
        Outcome traced = run(scenario, true);
        assertSameOutcome(scenario, traced, plain);
      } catch (Throwable failure) {
        throw new AssertionError(scenario + ": " + failure, failure);
      } finally {
        Tracking.shutdown();
      }
    }));
  }

  /** The setup that hung, once one has: the others then fail at once rather than hang as well. */
  private static volatile Setup hung;

  /**
   * Runs {@code tries} on a daemon thread and fails if it takes more than {@link
   * #HANG_SECONDS}: a call that never returns (a cause chain walked forever, say) fails the test
   * instead of stopping the build. Such a thread cannot be stopped and goes on spinning, so once a
   * setup has hung, the later ones fail without running.
   */
  private static void withoutHanging(Setup setup, Runnable tries) throws Throwable {
    assertThat(hung).as("setup '%s' hung before this one; not run", hung).isNull();
    Throwable[] failure = new Throwable[1];
    Thread runner = new Thread(() -> {
      try {
        tries.run();
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "equivalence " + setup);
    runner.setDaemon(true);
    runner.start();
    runner.join(TimeUnit.SECONDS.toMillis(HANG_SECONDS));
    if (runner.isAlive()) {
      hung = setup;
      AssertionError stuck = new AssertionError("setup '" + setup + "' did not finish " + TRIES
          + " tries within " + HANG_SECONDS + " s: a traced call hangs (stack trace of the stuck thread attached)");
      Throwable where = new Throwable("the stuck thread");
      where.setStackTrace(runner.getStackTrace());
      stuck.initCause(where);
      throw stuck;
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  /** Far longer than a thousand tries take (a few seconds), even on a loaded machine. */
  private static final long HANG_SECONDS = 60;

  private static void assertSameOutcome(Scenario scenario, Outcome traced, Outcome plain) {
    assertThat(traced.contextKept).as("Context.current() unchanged").isTrue();
    assertSame(traced.thrown, plain.thrown, "thrown");
    assertSame(traced.returned, plain.returned, "returned");
    assertSame(traced.elementFailure, plain.elementFailure, "streamed failure");
    assertThat(traced.publisherCompleted).as("onComplete").isEqualTo(plain.publisherCompleted);
    assertThat(traced.elements).as("elements").hasSameSizeAs(plain.elements);
    for (int i = 0; i < plain.elements.size(); i++) {
      assertSame(traced.elements.get(i), plain.elements.get(i), "element " + i);
    }
    assertThat(traced.received).as("arguments received").hasSameSizeAs(plain.received);
    for (int i = 0; i < plain.received.size(); i++) {
      assertSame(traced.received.get(i), plain.received.get(i), "argument");
    }
    assertThat(traced.sameFuture).as("the delegate's own future").isEqualTo(plain.sameFuture);
    assertSame(traced.completingThrew, plain.completingThrew, "completing the future threw");
    assertSame(traced.settledValue, plain.settledValue, "the future's value");
    if (scenario.completion == Completion.CANCEL) {
      assertThat(traced.settledFailure).isExactlyInstanceOf(plain.settledFailure.getClass());
    } else {
      assertSame(traced.settledFailure, plain.settledFailure, "the future's failure");
    }
  }

  /** Makes the call on a fresh implementation, or on its wrapper when {@code traced}. */
  private static Outcome run(Scenario scenario, boolean traced) {
    Scripted implementation = new Scripted();
    implementation.result = scenario.result;
    implementation.failure = scenario.failure;
    implementation.elements = scenario.elements;
    CompletableFuture<Object> pending = null;
    if (scenario.completion != Completion.NONE) {
      pending = new CompletableFuture<>();
      implementation.result = pending;
    }
    Probe probe = traced ? TracedProbe.wrap(implementation) : implementation;
    Outcome outcome = new Outcome();
    Context before = Context.current();
    try {
      outcome.returned = invoke(probe, scenario.call, scenario.argument);
      if (pending != null) {
        settle(scenario, pending, outcome);
      } else if (outcome.returned instanceof Iterator) {
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
      } else if (outcome.returned instanceof Flow.Publisher) {
        Flow.Publisher<?> publisher = (Flow.Publisher<?>) outcome.returned;
        outcome.returned = null;
        subscribe(publisher, outcome);
      }
    } catch (Throwable thrown) {
      outcome.thrown = thrown;
    }
    outcome.contextKept = Context.current() == before;
    outcome.received = implementation.received;
    return outcome;
  }

  /** Completes the pending future the call returned, as the scenario says, and reads its end. */
  private static void settle(Scenario scenario, CompletableFuture<Object> pending, Outcome outcome) {
    outcome.sameFuture = outcome.returned == pending;
    outcome.returned = null; // a fresh future per run: compared by sameFuture instead
    try {
      switch (scenario.completion) {
        case VALUE:
          pending.complete(scenario.completionValue);
          break;
        case FAILURE:
          pending.completeExceptionally(scenario.completionFailure);
          break;
        default:
          pending.cancel(false);
          break;
      }
    } catch (Throwable threw) {
      outcome.completingThrew = threw;
    }
    pending.handle((value, failure) -> {
      outcome.settledValue = value;
      outcome.settledFailure = failure;
      return null;
    });
  }

  /** Subscribes, requesting everything; {@link Scripted}'s publisher signals on this thread. */
  private static void subscribe(Flow.Publisher<?> publisher, Outcome outcome) {
    publisher.subscribe(new Flow.Subscriber<Object>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Object item) {
        outcome.elements.add(item);
      }

      @Override
      public void onError(Throwable failure) {
        outcome.elementFailure = failure;
      }

      @Override
      public void onComplete() {
        outcome.publisherCompleted = true;
      }
    });
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
      case STREAM:
        return probe.stream((Stream<Object>) argument);
      default:
        return probe.publisher((Flow.Publisher<Object>) argument);
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
      assertThat(traced == plain).as("%s: same instance (%s, %s)", what, describe(traced), describe(plain)).isTrue();
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  // ---------------------------------------------------------------------------------------------
  // Generators.

  static Scenario scenario(Seeded gen) {
    Scenario s = new Scenario();
    s.call = gen.oneOf(Call.values());
    s.failure = gen.chance(0.4) ? failure(gen) : null;
    switch (s.call) {
      case ECHO:
      case ACCEPT:
        s.argument = value(gen);
        s.result = value(gen);
        break;
      case RAISE:
        s.argument = failure(gen);
        s.result = value(gen);
        break;
      case MAP:
        s.argument = gen.chance(0.1) ? null : map(gen);
        s.result = gen.chance(0.1) ? null : map(gen);
        break;
      case INTEGER:
        s.argument = gen.anyInt();
        s.result = gen.anyInt();
        break;
      case WHOLE:
        s.argument = gen.anyLong();
        s.result = gen.anyLong();
        break;
      case SMALL:
        s.argument = gen.anyShort();
        s.result = gen.anyShort();
        break;
      case OCTET:
        s.argument = gen.anyByte();
        s.result = gen.anyByte();
        break;
      case REAL:
        s.argument = gen.anyDouble();
        s.result = gen.anyDouble();
        break;
      case RATIO:
        s.argument = gen.anyFloat();
        s.result = gen.anyFloat();
        break;
      case FLAG:
        s.argument = gen.chance(0.5);
        s.result = gen.chance(0.5);
        break;
      case LETTER:
        s.argument = gen.anyChar();
        s.result = gen.anyChar();
        break;
      case LATER:
        s.argument = future(gen);
        if (s.failure == null && gen.chance(0.5)) {
          s.completion = gen.oneOf(Completion.VALUE, Completion.FAILURE, Completion.FAILURE, Completion.CANCEL);
          s.completionValue = value(gen);
          s.completionFailure = failure(gen);
        } else {
          s.result = future(gen);
        }
        break;
      default: // ITERATOR, STREAM, PUBLISHER: the argument is unused, elements and failure stream out
        s.elements = gen.list(8, () -> value(gen));
        break;
    }
    return s;
  }

  /** Plain, structured and hostile values; fresh instances each time. */
  static Object value(Seeded gen) {
    if (gen.chance(0.1)) {
      return null;
    }
    switch (gen.below(10)) {
      case 0:
        return gen.text(0, 40);
      case 1:
        return gen.text(990, 1010);
      case 2:
        return gen.anyInt();
      case 3:
        return gen.anyDouble();
      case 4:
        return gen.anyChar();
      case 5:
        return gen.list(5, () -> gen.text(0, 10));
      case 6: {
        int[] ints = new int[gen.between(0, 20)];
        for (int i = 0; i < ints.length; i++) {
          ints[i] = gen.anyInt();
        }
        return ints;
      }
      case 7:
        return gen.text(0, 20).toCharArray();
      case 8:
        return map(gen);
      default:
        return gen.oneOf(HOSTILE).get();
    }
  }

  static Map<Object, Object> map(Seeded gen) {
    Map<Object, Object> map = new HashMap<>();
    int size = gen.between(0, 6);
    for (int i = 0; i < size; i++) {
      Object key = gen.chance(0.2) ? null : gen.text(0, 8);
      Object value = gen.chance(0.2) ? null : gen.chance(0.5) ? gen.anyInt() : gen.oneOf(HASHABLE_HOSTILE).get();
      map.put(key, value);
    }
    return map;
  }

  static CompletableFuture<Object> future(Seeded gen) {
    switch (gen.below(4)) {
      case 0:
        return null;
      case 1:
        return CompletableFuture.completedFuture(value(gen));
      case 2:
        return CompletableFuture.failedFuture(failure(gen));
      default:
        return new CompletableFuture<>();
    }
  }

  /**
   * Checked, unchecked and errors, with any message; some with a hostile message; chains of
   * {@code CompletionException} and {@code ExecutionException}; and, a third of the time, one of
   * the {@link HostileThrowables} (cyclic causes, unprintable, ten-megabyte messages, ...).
   */
  static Throwable failure(Seeded gen) {
    String message = gen.chance(0.2) ? null : gen.text(0, 30);
    switch (gen.below(12)) {
      case 0:
        return new IllegalStateException(message);
      case 1:
        return new IOException(message);
      case 2:
        return new TimeoutException(message);
      case 3:
        return new AssertionError(message);
      case 4:
        return new HostileValuesTest.HostileException(new HostileValuesTest.ToString(() -> {
          throw new IllegalStateException(message);
        }));
      case 5:
        return new CompletionException(message, failure(gen));
      case 6:
        return new ExecutionException(message, gen.chance(0.8) ? failure(gen) : null);
      case 7:
        return HostileThrowables.completionChain(gen.chance(0.5) ? new IllegalStateException(message) : failure(gen));
      default:
        return gen.oneOf(HOSTILE_THROWABLES).get();
    }
  }

  private static final List<Supplier<Throwable>> HOSTILE_THROWABLES =
      List.copyOf(HostileThrowables.all().values());

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
