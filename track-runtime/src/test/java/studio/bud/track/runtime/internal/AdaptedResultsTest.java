package studio.bud.track.runtime.internal;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.TrackingLogCapture;
import studio.bud.track.runtime.internal.TestAdapters.Box;
import studio.bud.track.runtime.internal.TestAdapters.Broken;
import studio.bud.track.runtime.internal.TestAdapters.Plain;
import studio.bud.track.runtime.internal.TestAdapters.SpecialBox;
import studio.bud.track.runtime.internal.TestAdapters.Tape;

/**
 * The adapter path ({@code returnedValue}, SPEC section 7): adapters found through {@code
 * META-INF/services} (the test ones in {@link TestAdapters}), matched by exact result class,
 * resolved once per configuration, and the {@code TracedResult} handle they record through.
 */
class AdaptedResultsTest {

  private static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");
  private static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final BlockingQueue<String> endedNames = new LinkedBlockingQueue<>();
  private SdkTracerProvider tracerProvider;

  @BeforeEach
  void installSdk() {
    install();
  }

  private void install() {
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

  /** What a generated body does after its delegate returned {@code result}. */
  private static <T> T call(TrackedMethod method, T result) {
    Span span = method.start();
    Scope scope = method.enter(span);
    return method.returnedValue(span, scope, result);
  }

  private static TrackedMethod method(String name, Class<?> resultType) {
    return TrackedMethod.named(name).result(resultType).build();
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  // ---------------------------------------------------------------------------------------------
  // Discovery and matching.

  @Test
  void theAdapterForTheDeclaredClassReplacesTheResultAndKeepsTheSpanOpen() {
    Box adapted = call(method("Box.get", Box.class), new Box("a", null));

    assertThat(adapted.traced).isNotNull();
    assertThat(adapted.label).isEqualTo("a");
    assertThat(exporter.getFinishedSpanItems()).isEmpty();

    adapted.traced.value(Map.of("answer", 42));
    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.output.answer")))
        .isEqualTo("42");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void aMethodWithoutAResultTypeIsAPlainValue() {
    Box box = new Box("plain", null);

    assertThat(call(TrackedMethod.named("Box.plain").build(), box)).isSameAs(box);
    assertThat(onlySpan().getAttributes().get(OUTPUT)).isEqualTo("Box(plain)");
    assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void aTypeWithoutAnAdapterIsAPlainValueAndTheSameInstance() {
    Plain plain = new Plain();

    assertThat(call(method("Plain.get", Plain.class), plain)).isSameAs(plain);
    assertThat(onlySpan().getAttributes().get(OUTPUT)).isEqualTo("Plain");
  }

  @Test
  void matchingIsByExactClassNotBySubtype() {
    // Declared as SpecialBox: the Box adapter does not apply, the value is plain.
    SpecialBox special = new SpecialBox("s");

    assertThat(call(method("Box.special", SpecialBox.class), special)).isSameAs(special);
    assertThat(onlySpan().getAttributes().get(OUTPUT)).isEqualTo("Box(s)");
  }

  @Test
  void aNullResultIsAPlainNull() {
    assertThat(call(method("Box.none", Box.class), (Box) null)).isNull();
    assertThat(onlySpan().getAttributes().get(OUTPUT)).isEqualTo("null");
  }

  @Test
  void adaptersAreLoadedOncePerConfigurationAndNeverPerCall() {
    TrackedMethod method = method("Box.often", Box.class);
    call(method, new Box("1", null));
    int loadedAfterFirstCall = TestAdapters.LOADED.get();
    for (int i = 0; i < 10; i++) {
      call(method("Box.other" + i, Box.class), new Box("n", null));
      call(method, new Box("n", null));
    }
    assertThat(TestAdapters.LOADED.get()).isEqualTo(loadedAfterFirstCall);

    clearSdk();
    install();
    Box again = call(method, new Box("2", null));
    assertThat(again.traced).as("resolved again in the new configuration").isNotNull();
    assertThat(TestAdapters.LOADED.get()).isEqualTo(loadedAfterFirstCall + 1);
  }

  @Test
  void anAdapterThatThrowsIsReportedAndTheResultIsPlain() {
    Broken broken = new Broken();
    try (TrackingLogCapture log = TrackingLogCapture.start()) {
      assertThat(call(method("Broken.get", Broken.class), broken)).isSameAs(broken);

      assertThat(log.records())
          .anySatisfy(
              record -> {
                assertThat(record.getLevel()).isIn(Level.WARNING, Level.FINE);
                assertThat(record.getThrown()).hasMessage("adapter bug");
              });
    }
    assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    assertThat(onlySpan().getAttributes().get(OUTPUT)).startsWith("studio.bud.track");
  }

  @Test
  void aResultReturnedWhileTracingIsOffIsPlain() {
    TrackedMethod method = method("Box.off", Box.class);
    Span span = method.start();
    Scope scope = method.enter(span);
    TrackingState.clear();
    Box box = new Box("off", null);

    assertThat(method.returnedValue(span, scope, box)).isSameAs(box);
  }

  // ---------------------------------------------------------------------------------------------
  // The handle: a value.

  @Test
  void aValueIsRecordedOnceAndLaterSignalsAreIgnored() {
    Box box = call(method("Box.once", Box.class), new Box("x", null));

    box.traced.value("first");
    box.traced.value("second");
    box.traced.failed(new IllegalStateException("late"));
    box.traced.cancelled();
    box.traced.attribute(INPUT_TOKENS, 3L);

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"first\"");
    assertThat(span.getAttributes().get(INPUT_TOKENS)).isNull();
    assertThat(span.getEvents()).isEmpty();
    assertThat(box.traced.isEnded()).isTrue();
  }

  @Test
  void attributesSetBeforeTheEndAreKept() {
    Box box = call(method("Box.attributes", Box.class), new Box("x", null));

    box.traced.attribute(INPUT_TOKENS, 12L);
    box.traced.attribute(null, 1L);
    box.traced.attribute(INPUT_TOKENS, null);
    box.traced.completed();

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(INPUT_TOKENS)).isEqualTo(12L);
    assertThat(span.getAttributes().get(OUTPUT)).as("an empty value has no output").isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void aFailedValueIsRecordedWithStatusError() {
    Box box = call(method("Box.fails", Box.class), new Box("x", null));
    IllegalStateException error = new IllegalStateException("boom");

    box.traced.failed(error);

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).hasSize(1);
    assertThat(span.getEvents().get(0).getName()).isEqualTo("exception");
  }

  @Test
  void aCancelledValueIsFlaggedWithTheStatusUnset() {
    Box box = call(method("Box.cancelled", Box.class), new Box("x", null));

    box.traced.cancelled();

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.CANCELLED)).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void anUnreachableValueIsEndedAsAbandoned() {
    abandonABox("Box.abandoned");

    collectUntilEnded("Box.abandoned");

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.ABANDONED)).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  private static void abandonABox(String name) {
    Box box = call(method(name, Box.class), new Box("x", null));
    box.traced.endWhenUnreachable(box);
  }

  @Test
  void makeCurrentMakesTheSpanTheParentOfSpansStartedMeanwhile() {
    Box box = call(method("Box.parent", Box.class), new Box("x", null));
    Scope scope = box.traced.makeCurrent();
    try {
      tracerProvider.get("test").spanBuilder("child").startSpan().end();
    } finally {
      scope.close();
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    box.traced.value("done");

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData parent = spans.stream().filter(s -> s.getName().equals("Box.parent")).findAny().get();
    SpanData child = spans.stream().filter(s -> s.getName().equals("child")).findAny().get();
    assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
  }

  // ---------------------------------------------------------------------------------------------
  // The handle: a stream.

  @Test
  void aStreamCountsElementsAndAggregatesTheOutput() {
    Tape tape = call(method("Tape.play", Tape.class), new Tape(null));

    tape.traced.element("Hello");
    tape.traced.element(" world");
    tape.traced.completed();
    tape.traced.element("late");

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(2L);
    assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isTrue();
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"Hello world\"");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void aCancelledStreamIsNotCompletedWithTheStatusUnset() {
    Tape tape = call(method("Tape.cancel", Tape.class), new Tape(null));

    tape.traced.element("a");
    tape.traced.cancelled();

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(1L);
    assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
    assertThat(span.getAttributes().get(SpanAttributes.CANCELLED)).isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aFailedStreamRecordsTheErrorAndItsCount() {
    Tape tape = call(method("Tape.fail", Tape.class), new Tape(null));

    tape.traced.element(1);
    tape.traced.failed(new IllegalArgumentException("bad"));

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(1L);
    assertThat(span.getAttributes().get(SpanAttributes.COMPLETED)).isFalse();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void aStreamWithoutOutputCaptureCountsButRecordsNoOutput() {
    TrackedMethod method = TrackedMethod.named("Tape.quiet").result(Tape.class).noOutput().build();
    Tape tape = call(method, new Tape(null));

    tape.traced.element("secret");
    tape.traced.completed();

    assertThat(onlySpan().getAttributes().get(OUTPUT)).isNull();
    assertThat(onlySpan().getAttributes().get(SpanAttributes.YIELD_COUNT)).isEqualTo(1L);
  }

  private void collectUntilEnded(String name) {
    long deadline = System.nanoTime() + SECONDS.toNanos(30);
    try {
      while (true) {
        assertThat(System.nanoTime()).as("span %s ended in time", name).isLessThan(deadline);
        System.gc();
        if (name.equals(endedNames.poll(100, MILLISECONDS))) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
