package studio.bud.track.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.internal.TrackingState;

/**
 * {@code BUD_OTEL_MODE}: attach to the OpenTelemetry installed as {@link GlobalOpenTelemetry}, or
 * create an SDK, with the real global registry (reset after each test).
 */
class ConfigurationModeTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk applicationSdk;

  @BeforeEach
  void buildApplicationSdk() {
    GlobalOpenTelemetry.resetForTest();
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
    GlobalOpenTelemetry.resetForTest();
    applicationSdk.close();
  }

  @Test
  void autoAttachesToTheInstalledOpenTelemetryAsItIs() {
    GlobalOpenTelemetry.set(applicationSdk);

    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      Tracking.configure(Map.of("BUD_BASE_URL", "http://127.0.0.1:9")::get);

      assertThat(Tracking.isConfigured()).isTrue();
      assertThat(TrackingState.active().owned()).as("not ours to close").isNull();
      assertThat(logs.messages(Level.INFO))
          .anySatisfy(
              message ->
                  assertThat(message)
                      .contains("BUD_OTEL_MODE=auto")
                      .contains("GlobalOpenTelemetry")
                      .contains("BUD_BASE_URL not applied"));
    }
    startAndEnd("Assistant.ask");

    assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .extracting(SpanData::getName)
        .isEqualTo("Assistant.ask");
  }

  @Test
  void shutdownLeavesAnAttachedOpenTelemetryRunning() {
    GlobalOpenTelemetry.set(applicationSdk);
    Tracking.configure(Map.of("BUD_OTEL_MODE", "attach")::get);

    Tracking.shutdown();

    assertThat(Tracking.isConfigured()).isFalse();
    applicationSdk.getTracer("app").spanBuilder("still-works").startSpan().end();
    assertThat(exporter.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .contains("still-works");
  }

  @Test
  void autoCreatesAnSdkWhenNothingIsInstalledAndLeavesTheGlobalUnset() {
    Tracking.configure(Map.<String, String>of()::get);

    assertThat(TrackingState.active().openTelemetry()).isInstanceOf(OpenTelemetrySdk.class);
    assertThat(TrackingState.active().owned()).as("built, so closed on shutdown").isNotNull();
    // No side effect on the global: the application can still install its own afterwards.
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  @Test
  void autoCreatesWhenTheInstalledGlobalIsTheNoopThatAnEarlyGetLeaves() {
    GlobalOpenTelemetry.get(); // installs a no-op for good, as a library calling it early does
    assertThat(GlobalOpenTelemetry.isSet()).isTrue();

    Tracking.configure(Map.<String, String>of()::get);

    assertThat(TrackingState.active().openTelemetry()).isInstanceOf(OpenTelemetrySdk.class);
  }

  @Test
  void attachWithNothingInstalledLogsAnErrorAndStaysOff() {
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      Tracking.configure(Map.of("BUD_OTEL_MODE", "ATTACH")::get);

      assertThat(Tracking.isConfigured()).isFalse();
      assertThat(logs.messages(Level.SEVERE))
          .singleElement()
          .satisfies(
              message ->
                  assertThat(message)
                      .contains("BUD_OTEL_MODE=attach")
                      .contains("no OpenTelemetry is installed")
                      .contains("Tracing stays off"));
    }
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  @Test
  void attachNeedsNoSdkArtifactsOnTheClassPath() {
    GlobalOpenTelemetry.set(applicationSdk);

    TrackingState.Active active =
        EnvironmentConfiguration.build(Map.of("BUD_OTEL_MODE", "attach")::get, className -> false);

    assertThat(active).isNotNull();
    assertThat(active.owned()).isNull();
    active.openTelemetry().getTracer("bud").spanBuilder("attached").startSpan().end();
    assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName).contains("attached");
  }

  @Test
  void createBuildsItsOwnSdkEvenWhenOneIsInstalled() {
    GlobalOpenTelemetry.set(applicationSdk);

    Tracking.configure(Map.of("BUD_OTEL_MODE", "create")::get);

    assertThat(TrackingState.active().owned()).isNotNull();
    assertThat(TrackingState.active().openTelemetry())
        .isInstanceOf(OpenTelemetrySdk.class)
        .isNotSameAs(applicationSdk);
  }

  @Test
  void createWithoutTheSdkArtifactsLogsAnErrorNamingThem() {
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      TrackingState.Active active =
          EnvironmentConfiguration.build(Map.of("BUD_OTEL_MODE", "create")::get, name -> false);

      assertThat(active).isNull();
      assertThat(logs.messages(Level.SEVERE))
          .singleElement()
          .satisfies(
              message ->
                  assertThat(message)
                      .contains(EnvironmentConfiguration.AUTOCONFIGURE_ARTIFACT)
                      .contains(EnvironmentConfiguration.OTLP_EXPORTER_ARTIFACT));
    }
  }

  @Test
  void disabledModeIsConfiguredWithNoSpansEvenWithAnInstalledOpenTelemetry() {
    GlobalOpenTelemetry.set(applicationSdk);

    Tracking.configure(Map.of("BUD_OTEL_MODE", "Disabled")::get);

    assertThat(Tracking.isConfigured()).isTrue();
    assertThat(TrackingState.active().openTelemetry()).isSameAs(OpenTelemetry.noop());
    startAndEnd("Assistant.ask");
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void unknownModeWarnsAndIsAuto() {
    GlobalOpenTelemetry.set(applicationSdk);

    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      Tracking.configure(Map.of("BUD_OTEL_MODE", "sideways")::get);

      assertThat(logs.messages(Level.WARNING))
          .anySatisfy(message -> assertThat(message).contains("sideways").contains("auto"));
    }
    assertThat(TrackingState.active().owned()).as("attached, as auto does").isNull();
  }

  @Test
  void modeAndEnabledGivenInCodeWinOverTheEnvironment() {
    GlobalOpenTelemetry.set(applicationSdk);
    Map<String, String> environment = Map.of("BUD_OTEL_MODE", "disabled");

    Tracking.configure(
        TrackingConfig.builder().mode(TrackingConfig.Mode.ATTACH).build(), environment::get);
    assertThat(TrackingState.active().openTelemetry()).isNotSameAs(OpenTelemetry.noop());
    Tracking.shutdown();

    Tracking.configure(
        TrackingConfig.builder().enabled(false).build(), Map.<String, String>of()::get);
    assertThat(TrackingState.active().openTelemetry()).isSameAs(OpenTelemetry.noop());
  }

  private static void startAndEnd(String name) {
    Span span =
        TrackingState.active().openTelemetry().getTracer("bud").spanBuilder(name).startSpan();
    span.end();
  }
}
