package studio.bud.track.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.internal.TrackingState;

/** {@link Tracking}'s configure/shutdown rules, with an SDK the application owns. */
class TrackingLifecycleTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk applicationSdk;

  @BeforeEach
  void buildApplicationSdk() {
    applicationSdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
  }

  @AfterEach
  void cleanUp() {
    Tracking.shutdown();
    applicationSdk.close();
  }

  @Test
  void configureWithAnInstanceTurnsTracingOn() {
    Tracking.configure(applicationSdk);

    assertThat(Tracking.isConfigured()).isTrue();
    assertThat(TrackingState.active().openTelemetry()).isSameAs(applicationSdk);
    assertThat(TrackingState.active().owned()).isNull();
  }

  @Test
  void secondConfigureWhileConfiguredWarnsAndChangesNothing() {
    Tracking.configure(applicationSdk);
    TrackingState.Active first = TrackingState.active();

    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      Tracking.configure(OpenTelemetry.noop());
      Tracking.configure(Map.of("BUD_OTEL_ENABLED", "false")::get);

      assertThat(TrackingState.active()).isSameAs(first);
      assertThat(logs.messages(Level.WARNING))
          .hasSize(2)
          .allSatisfy(message -> assertThat(message).contains("already configured"));
    }
  }

  @Test
  void configureWithSettingsInCodeTurnsTracingOnAndASecondOneWarns() {
    // enabled(false) decides alone, whatever this process's environment says.
    Tracking.configure(TrackingConfig.builder().enabled(false).build());

    assertThat(Tracking.isConfigured()).isTrue();
    assertThat(TrackingState.active().openTelemetry()).isSameAs(OpenTelemetry.noop());
    TrackingState.Active first = TrackingState.active();
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      Tracking.configure(TrackingConfig.builder().mode(TrackingConfig.Mode.DISABLED).build());

      assertThat(TrackingState.active()).isSameAs(first);
      assertThat(logs.messages(Level.WARNING))
          .singleElement()
          .satisfies(message -> assertThat(message).contains("already configured"));
    }
  }

  @Test
  void shutdownNeverClosesAnInstanceTheApplicationHandedOver() {
    Tracking.configure(applicationSdk);

    Tracking.shutdown();

    assertThat(Tracking.isConfigured()).isFalse();
    applicationSdk.getTracer("app").spanBuilder("still-works").startSpan().end();
    assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(span -> assertThat(span.getName()).isEqualTo("still-works"));
  }

  @Test
  void configureAgainAfterShutdownWorks() {
    Tracking.configure(OpenTelemetry.noop());
    Tracking.shutdown();

    Tracking.configure(applicationSdk);

    assertThat(TrackingState.active().openTelemetry()).isSameAs(applicationSdk);
  }

  @Test
  void shutdownWhenNotConfiguredIsHarmless() {
    assertThatCode(
            () -> {
              Tracking.shutdown();
              Tracking.shutdown();
            })
        .doesNotThrowAnyException();
    assertThat(Tracking.isConfigured()).isFalse();
  }

  @Test
  void configureWithNullLogsAnErrorAndStaysOff() {
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      Tracking.configure((OpenTelemetry) null);

      assertThat(Tracking.isConfigured()).isFalse();
      assertThat(logs.messages(Level.SEVERE)).hasSize(1);
    }
  }
}
