package studio.bud.track.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A traced call asks {@link Span#isRecording()} once, in {@link TrackedMethod#start()}; the later
 * steps rely on {@link SpanOutcome#recording}. These tests pin what that must preserve: nothing
 * rendered for a span that does not record, everything for one that records without being sampled,
 * and the context of a non-recording span from any implementation.
 */
class RecordingCheckTest {

  private static final TrackedMethod ASK = TrackedMethod.named("Api.ask").inputs("question").build();

  private final List<ReadableSpan> ended = new CopyOnWriteArrayList<>();
  private OpenTelemetrySdk sdk;

  @AfterEach
  void uninstall() {
    TrackingState.clear();
    if (sdk != null) {
      sdk.close();
    }
  }

  @Test
  void aSampledOutSpanRendersNeitherInputsNorOutput() {
    install(Sampler.alwaysOff());
    CountingValue question = new CountingValue();

    tracedCall(question, new CountingValue());

    assertThat(question.renderings.get()).isZero();
    assertThat(ended).isEmpty();
  }

  @Test
  void aSpanThatRecordsWithoutBeingSampledStillGetsInputsAndOutput() {
    install(new RecordOnly());
    CountingValue question = new CountingValue();
    CountingValue answer = new CountingValue();

    tracedCall(question, answer);

    assertThat(ended).hasSize(1);
    Attributes attributes = ended.get(0).toSpanData().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("bud.track.input.question"))).isEqualTo("counted");
    assertThat(attributes.get(AttributeKey.stringKey("bud.track.output"))).isEqualTo("counted");
    assertThat(question.renderings.get()).isEqualTo(1);
  }

  @Test
  void aForeignSpanThatDoesNotRecordIsHandedOnWithItsContext() {
    SpanContext context =
        SpanContext.create(
            "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());
    Span foreign = new ForeignNonRecordingSpan(context);

    Span handedOn = SpanOutcome.nonRecordingAsWrapped(foreign);

    assertThat(handedOn.getSpanContext()).isEqualTo(context);
    assertThat(handedOn.isRecording()).isFalse();
    assertThat(SpanOutcome.recording(handedOn)).isFalse();
    assertThat(SpanOutcome.recording(foreign)).isTrue(); // why start() must wrap it
  }

  private void tracedCall(Object question, Object answer) {
    Span span = ASK.start();
    ASK.input(span, 0, question);
    Scope scope = ASK.enter(span);
    ASK.returned(span, scope, answer);
  }

  private void install(Sampler sampler) {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setSampler(sampler)
                    .addSpanProcessor(new OnSpanEnd(ended::add))
                    .build())
            .build();
    TrackingState.clear();
    assertThat(TrackingState.install(new TrackingState.Active(sdk, null))).isTrue();
  }

  /** A value that counts how often it is rendered. */
  private static final class CountingValue {
    final AtomicInteger renderings = new AtomicInteger();

    @Override
    public String toString() {
      renderings.incrementAndGet();
      return "counted";
    }
  }

  /** Records every span, samples none: the spans reach processors but never an exporter. */
  private static final class RecordOnly implements Sampler {
    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      return SamplingResult.recordOnly();
    }

    @Override
    public String getDescription() {
      return "RecordOnly";
    }
  }

  /** A non-recording span of another implementation than the API's own. */
  private static final class ForeignNonRecordingSpan implements Span {
    private final SpanContext context;

    ForeignNonRecordingSpan(SpanContext context) {
      this.context = context;
    }

    @Override
    public <T> Span setAttribute(AttributeKey<T> key, T value) {
      return this;
    }

    @Override
    public Span addEvent(String name, Attributes attributes) {
      return this;
    }

    @Override
    public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
      return this;
    }

    @Override
    public Span setStatus(StatusCode statusCode, String description) {
      return this;
    }

    @Override
    public Span recordException(Throwable exception, Attributes additionalAttributes) {
      return this;
    }

    @Override
    public Span updateName(String name) {
      return this;
    }

    @Override
    public void end() {}

    @Override
    public void end(long timestamp, TimeUnit unit) {}

    @Override
    public SpanContext getSpanContext() {
      return context;
    }

    @Override
    public boolean isRecording() {
      return false;
    }
  }
}
