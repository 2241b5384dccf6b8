package studio.bud.track.processor.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import studio.bud.track.runtime.Tracking;

/**
 * Faults in tracing itself: an OpenTelemetry implementation that throws from its tracer, span
 * builder, span, context or scope, or returns odd or broken objects from them; a context storage
 * that throws; and exporters that throw or block. Every call through the wrapper still returns
 * its own result or throws its own exception, the current context is left as it was, spans that
 * started still end (unless ending itself is what fails), and the runtime logs the failure once per
 * configuration, however many calls meet it.
 */
class BrokenTracingTest {

  /** Rounds of {@link #callEveryKind}: a failure met on every call must still be logged once. */
  private static final int ROUNDS = 3;

  private final Mirror mirror = new Mirror();
  private final Probe probe = TracedProbe.wrap(mirror);
  private LogCapture log;

  @BeforeEach
  void capture() {
    log = new LogCapture();
  }

  @AfterEach
  void close() {
    log.close();
    Tracking.shutdown();
  }

  static Stream<Arguments> faults() {
    List<String> faults =
        List.of(
            "OpenTelemetry.getTracer",
            "OpenTelemetry.getTracerProvider",
            "TracerProvider.get",
            "Tracer.spanBuilder",
            "SpanBuilder.startSpan",
            "Span.isRecording",
            "Span.setAttribute",
            "Span.makeCurrent",
            "Span.storeInContext",
            "Span.getSpanContext",
            "Span.setStatus",
            "Span.recordException|Span.addEvent",
            "Span.end",
            "Span.*",
            "Context.makeCurrent",
            "Scope.close");
    List<Arguments> arguments = new ArrayList<>();
    for (String fault : faults) {
      arguments.add(Arguments.of(fault, "RuntimeException", supplier(() -> new IllegalStateException("broken " + fault))));
      arguments.add(Arguments.of(fault, "LinkageError", supplier(() -> new NoClassDefFoundError("broken " + fault))));
    }
    return arguments.stream();
  }

  private static Supplier<Throwable> supplier(Supplier<Throwable> supplier) {
    return supplier;
  }

  @ParameterizedTest(name = "{0} throws {1}")
  @MethodSource("faults")
  void everyCallBehavesAsUntracedAndTheFailureIsLoggedOnce(
      String fault, String kind, Supplier<Throwable> failure) throws Throwable {
    FaultyOpenTelemetry faulty = FaultyOpenTelemetry.throwingIn(fault, failure);
    try (Sdk sdk = Sdk.configured()) {
      Tracking.shutdown();
      Tracking.configure(faulty.around(sdk.openTelemetry));

      for (int round = 0; round < ROUNDS; round++) {
        callEveryKind();
      }

      assertThat(faulty.fired()).as("the fault fired").isGreaterThan(ROUNDS);
      assertThat(log.warnings()).as("warnings logged").hasSize(1);
      assertThat(log.warnings().get(0).getThrown()).isInstanceOf(failure.get().getClass());
      if (!fault.equals("Span.end") && !fault.equals("Span.*")) {
        assertThat(sdk.ledger.open()).as("spans started but never ended").isZero();
      }
      assertThat(sdk.ledger.endedTwice()).isZero();
    }
  }

  static Stream<Arguments> oddResults() {
    return Stream.of(
        odd("OpenTelemetry.getTracer", "null", () -> null),
        odd("TracerProvider.get", "null", () -> null),
        odd("Tracer.spanBuilder", "null", () -> null),
        odd("SpanBuilder.startSpan", "null", () -> null),
        // Not asked to end: the runtime takes a span that does not record for a sampled-out one,
        // which needs no end(), and keeps the API's non-recording stand-in instead of it.
        Arguments.of("Span.isRecording", "false from a recording span", oddResult(() -> false), false),
        odd("Span.getSpanContext", "null", () -> null),
        odd("Span.getSpanContext", "the invalid context", SpanContext::getInvalid),
        odd("Span.getSpanContext", "a context whose every method throws", FaultyOpenTelemetry::brokenSpanContext),
        odd("SpanContext.isValid", "false from a recording span", () -> false),
        odd("Span.storeInContext", "null", () -> null),
        odd("Span.makeCurrent", "null", () -> null),
        odd("Context.makeCurrent", "null", () -> null));
  }

  private static Arguments odd(String fault, String what, Supplier<?> result) {
    return Arguments.of(fault, what, result, true);
  }

  private static Supplier<?> oddResult(Supplier<?> supplier) {
    return supplier;
  }

  /**
   * OpenTelemetry objects that return odd or broken objects instead of throwing: {@code null}
   * where the API promises an object, a recording span that says it does not record, an invalid
   * or broken span context. Every call behaves as untraced, every span that started ends, and a
   * failure is logged at most once.
   */
  @ParameterizedTest(name = "{0} returns {1}")
  @MethodSource("oddResults")
  void oddObjectsFromOpenTelemetryChangeNoCall(
      String fault, String what, Supplier<?> result, boolean spansEnd) throws Throwable {
    FaultyOpenTelemetry faulty = FaultyOpenTelemetry.returningFrom(fault, result);
    try (Sdk sdk = Sdk.configured()) {
      Tracking.shutdown();
      Tracking.configure(faulty.around(sdk.openTelemetry));

      for (int round = 0; round < ROUNDS; round++) {
        callEveryKind();
      }

      assertThat(faulty.fired()).as("the fault fired").isPositive();
      assertThat(log.warnings()).as("warnings logged").hasSizeLessThanOrEqualTo(1);
      if (spansEnd) {
        assertThat(sdk.ledger.open()).as("spans started but never ended").isZero();
      }
      assertThat(sdk.ledger.endedTwice()).isZero();
    }
  }

  /**
   * A broken context storage (installed for this module's tests, see {@link
   * FaultyContextStorage}): {@code Context.current()} throws, attaching a context throws, or its
   * scope throws from {@code close()}, as a misbehaving agent's storage can. Every call behaves as
   * untraced, every span that started ends, and the failure is logged once.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(FaultyContextStorage.Fault.class)
  void aBrokenContextStorageChangesNoCall(FaultyContextStorage.Fault fault) throws Throwable {
    try (Sdk sdk = Sdk.configured()) {
      long firedBefore = FaultyContextStorage.fired();

      FaultyContextStorage.armed(fault, () -> {
        for (int round = 0; round < ROUNDS; round++) {
          callEveryKind();
        }
      });

      assertThat(FaultyContextStorage.fired() - firedBefore).as("the fault fired").isGreaterThan(ROUNDS);
      assertThat(log.warnings()).as("warnings logged").hasSize(1);
      assertThat(sdk.ledger.open()).as("spans started but never ended").isZero();
      assertThat(sdk.ledger.endedTwice()).isZero();
    }
  }

  /** One call of every result kind, each checked against what the delegate did. */
  private void callEveryKind() throws Throwable {
    Context before = currentContext();

    Object value = new Object();
    assertThat(probe.echo(value)).isSameAs(value);
    assertThat(currentContext()).isSameAs(before);

    probe.accept(value);
    assertThat(mirror.lastArgument).isSameAs(value);

    IOException checked = new IOException("checked");
    assertThat(catchThrowable(() -> probe.raise(checked))).isSameAs(checked);
    assertThat(currentContext()).isSameAs(before);
    Error error = new AssertionError("an Error from the delegate");
    assertThat(catchThrowable(() -> probe.raise(error))).isSameAs(error);
    assertThat(currentContext()).isSameAs(before);

    Map<Object, Object> map = Map.of("k", "v");
    assertThat(probe.map(map)).isSameAs(map);
    assertThat(probe.integer(7)).isEqualTo(7);
    assertThat(probe.letter('x')).isEqualTo('x');
    assertThat(probe.flag(true)).isTrue();

    CompletableFuture<Object> future = new CompletableFuture<>();
    assertThat(probe.later(future)).isSameAs(future);
    future.complete(value);
    assertThat(future.join()).isSameAs(value);
    CompletableFuture<Object> failing = new CompletableFuture<>();
    assertThat(probe.later(failing)).isSameAs(failing);
    failing.completeExceptionally(checked);
    assertThat(failing.isCompletedExceptionally()).isTrue();

    List<Object> elements = List.of("a", "b", "c");
    List<Object> read = new ArrayList<>();
    Iterator<Object> iterator = probe.iterator(elements.iterator());
    while (iterator.hasNext()) {
      read.add(iterator.next());
      assertThat(currentContext()).isSameAs(before);
    }
    assertThat(read).isEqualTo(elements);

    try (Stream<Object> stream = probe.stream(elements.stream())) {
      assertThat(stream.collect(Collectors.toList())).isEqualTo(elements);
    }
    Stream<Object> closedEarly = probe.stream(elements.stream());
    assertThat(closedEarly.iterator().next()).isEqualTo("a");
    closedEarly.close();

    assertThat(readAll(probe.publisher(publisherOf(elements)))).isEqualTo(elements);
    assertThat(currentContext()).isSameAs(before);
  }

  @Test
  void anExporterThatThrowsChangesNoCall() throws Throwable {
    SpanExporter throwing =
        new TestExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            throw new IllegalStateException("the collector is down");
          }
        };
    try (Sdk sdk = Sdk.configured(SimpleSpanProcessor.create(throwing))) {
      for (int round = 0; round < ROUNDS; round++) {
        callEveryKind();
      }

      assertThat(sdk.ledger.ended()).isEqualTo(sdk.ledger.started()).isPositive();
      assertThat(log.warnings()).as("not a failure of tracing: the SDK reports it").isEmpty();
    }
  }

  @Test
  void anExporterWhoseResultNeverCompletesChangesNoCall() throws Throwable {
    List<CompletableResultCode> pending = new CopyOnWriteArrayList<>();
    SpanExporter neverDone =
        new TestExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            CompletableResultCode result = new CompletableResultCode(); // pending until the end
            pending.add(result);
            return result;
          }
        };
    try (Sdk sdk = Sdk.configured(SimpleSpanProcessor.create(neverDone))) {
      try {
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> {
              for (int round = 0; round < ROUNDS; round++) {
                callEveryKind();
              }
            });

        assertThat(sdk.ledger.ended()).isEqualTo(sdk.ledger.started()).isPositive();
        assertThat(pending).hasSize((int) sdk.ledger.ended());
      } finally {
        pending.forEach(CompletableResultCode::succeed); // else closing the SDK waits for them
      }
    }
  }

  /**
   * An exporter stuck inside {@code export} (a collector that accepts the connection and never
   * answers) behind a {@code BatchSpanProcessor}, as {@code Tracking.configure()} builds it: the
   * queue fills and spans are dropped, but no call waits.
   */
  @Test
  void anExporterThatBlocksInsideABatchProcessorChangesNoCall() throws Throwable {
    CountDownLatch exporting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SpanExporter blocking =
        new TestExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            exporting.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return CompletableResultCode.ofSuccess();
          }
        };
    BatchSpanProcessor batch =
        BatchSpanProcessor.builder(blocking)
            .setMaxQueueSize(64)
            .setMaxExportBatchSize(8)
            .setScheduleDelay(Duration.ofMillis(1))
            .build();
    try (Sdk sdk = Sdk.configured(batch)) {
      callEveryKind();
      assertThat(exporting.await(30, TimeUnit.SECONDS)).as("the exporter is now stuck").isTrue();

      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            for (int round = 0; round < 200; round++) {
              callEveryKind(); // far more spans than the queue holds
            }
          });

      assertThat(sdk.ledger.ended()).isEqualTo(sdk.ledger.started()).isGreaterThan(64 * 2);
      release.countDown();
    } finally {
      release.countDown();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The thread's current context, read with any {@link FaultyContextStorage} fault disarmed. */
  private static Context currentContext() {
    FaultyContextStorage.Fault fault = FaultyContextStorage.disarm();
    try {
      return Context.current();
    } finally {
      FaultyContextStorage.rearm(fault);
    }
  }

  private static Flow.Publisher<Object> publisherOf(List<Object> elements) {
    return subscriber -> {
      SubmissionPublisher<Object> publisher = new SubmissionPublisher<>(Runnable::run, 16);
      publisher.subscribe(subscriber);
      elements.forEach(publisher::submit);
      publisher.close();
    };
  }

  /** Subscribes and collects; the publisher above delivers on the calling thread. */
  private static List<Object> readAll(Flow.Publisher<Object> publisher) {
    List<Object> items = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(Object item) {
            items.add(item);
          }

          @Override
          public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    done.orTimeout(30, TimeUnit.SECONDS).join();
    return items;
  }

  private abstract static class TestExporter implements SpanExporter {
    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
