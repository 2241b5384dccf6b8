package studio.bud.track.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.internal.TrackingState;

class EnvironmentConfigurationTest {

  private static final Map<String, String> NOTHING_CONFIGURED = Map.of();

  @AfterEach
  void turnTracingOff() {
    Tracking.shutdown();
  }

  // --- BUD_OTEL_ENABLED ---

  @Test
  void enabledFalseGivesNoopOpenTelemetryThatRecordsNothing() {
    TrackingState.Active active =
        EnvironmentConfiguration.build(Map.of("BUD_OTEL_ENABLED", "False")::get);

    assertThat(active).isNotNull();
    assertThat(active.openTelemetry()).isSameAs(OpenTelemetry.noop());
    assertThat(active.owned()).as("nothing to close").isNull();
    Span span = active.openTelemetry().getTracer("bud").spanBuilder("Assistant.ask").startSpan();
    assertThat(span.isRecording()).isFalse();
    span.end();
  }

  @Test
  void enabledFalseNeedsNoSdkOnTheClassPath() {
    TrackingState.Active active =
        EnvironmentConfiguration.build(Map.of("BUD_OTEL_ENABLED", "false")::get, name -> false);

    assertThat(active).isNotNull();
    assertThat(active.openTelemetry()).isSameAs(OpenTelemetry.noop());
  }

  @Test
  void enabledZeroOrNoInAnyCaseAlsoDisables() {
    for (String value : new String[] {"0", "no", "NO", " No "}) {
      TrackingState.Active active =
          EnvironmentConfiguration.build(Map.of("BUD_OTEL_ENABLED", value)::get, name -> false);

      assertThat(active).as(value).isNotNull();
      assertThat(active.openTelemetry()).as(value).isSameAs(OpenTelemetry.noop());
    }
  }

  @Test
  void enabledTrueOneOrYesBuildsTheSdk() {
    for (String value : new String[] {"true", "1", "YES"}) {
      TrackingState.Active active =
          EnvironmentConfiguration.build(Map.of("BUD_OTEL_ENABLED", value)::get);
      try {
        assertThat(active.openTelemetry()).as(value).isInstanceOf(OpenTelemetrySdk.class);
      } finally {
        closeOwned(active);
      }
    }
  }

  @Test
  void enabledWithAnUnknownValueWarnsAndStaysEnabled() {
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      TrackingState.Active active =
          EnvironmentConfiguration.build(Map.of("BUD_OTEL_ENABLED", "nope")::get);
      try {
        assertThat(active).isNotNull();
        assertThat(active.openTelemetry()).isInstanceOf(OpenTelemetrySdk.class);
        assertThat(logs.messages(Level.WARNING)).anySatisfy(m -> assertThat(m).contains("nope"));
      } finally {
        closeOwned(active);
      }
    }
  }

  // --- Optional artifacts missing ---

  @Test
  void missingOptionalArtifactsLogAnErrorNamingBothAndTracingStaysOff() {
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      TrackingState.Active active =
          EnvironmentConfiguration.build(NOTHING_CONFIGURED::get, className -> false);
      if (active != null) {
        TrackingState.install(active);
      }

      assertThat(active).isNull();
      assertThat(Tracking.isConfigured()).isFalse();
      assertThat(logs.messages(Level.SEVERE))
          .singleElement()
          .satisfies(
              message ->
                  assertThat(message)
                      .contains(
                          "missing: io.opentelemetry:opentelemetry-sdk-extension-autoconfigure,"
                              + " io.opentelemetry:opentelemetry-exporter-otlp.")
                      .contains(
                          "<artifactId>opentelemetry-sdk-extension-autoconfigure</artifactId>")
                      .contains("<artifactId>opentelemetry-exporter-otlp</artifactId>")
                      .contains("Tracing stays off"));
    }
  }

  @Test
  void missingOtlpExporterAloneIsNamed() {
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      TrackingState.Active active =
          EnvironmentConfiguration.build(
              NOTHING_CONFIGURED::get,
              className -> !className.equals(EnvironmentConfiguration.OTLP_EXPORTER_CLASS));

      assertThat(active).isNull();
      assertThat(logs.messages(Level.SEVERE))
          .singleElement()
          .satisfies(
              message ->
                  assertThat(message)
                      .contains("missing: io.opentelemetry:opentelemetry-exporter-otlp.")
                      .contains("<artifactId>opentelemetry-exporter-otlp</artifactId>")
                      .doesNotContain(
                          "<artifactId>opentelemetry-sdk-extension-autoconfigure</artifactId>"));
    }
  }

  @Test
  void presenceCheckNamesClassesThatExist() {
    // Guards the simulated-missing tests: the real check must find both classes here.
    TrackingState.Active active = EnvironmentConfiguration.build(NOTHING_CONFIGURED::get);
    try {
      assertThat(active).isNotNull();
    } finally {
      closeOwned(active);
    }
  }

  // --- Building the SDK ---

  @Test
  void withoutAnyEndpointTheSdkHasNoExporter() {
    assumeNoOtlpEndpointInTheProcessEnvironment();

    TrackingState.Active active = EnvironmentConfiguration.build(NOTHING_CONFIGURED::get);
    try {
      assertThat(active).isNotNull();
      assertThat(active.owned()).isNotNull();
      OpenTelemetrySdk sdk = (OpenTelemetrySdk) active.openTelemetry();
      // Nothing is exported and no connection is attempted: there is no span processor at all,
      // so the SDK does not even record spans.
      assertThat(sdk.getSdkTracerProvider().toString())
          .doesNotContain("Exporter")
          .doesNotContain("BatchSpanProcessor");
      assertThat(sdk.getSdkMeterProvider().toString()).doesNotContain("Exporter");
      assertThat(sdk.getSdkLoggerProvider().toString()).doesNotContain("Exporter");
      Span span = sdk.getTracer("bud").spanBuilder("Assistant.ask").startSpan();
      assertThat(span.isRecording()).isFalse();
      span.end();
    } finally {
      closeOwned(active);
    }
  }

  @Test
  void withBaseUrlTheSdkExportsWithOtlpHttp() {
    TrackingState.Active active =
        EnvironmentConfiguration.build(Map.of("BUD_BASE_URL", "http://127.0.0.1:9/collector")::get);
    try {
      OpenTelemetrySdk sdk = (OpenTelemetrySdk) active.openTelemetry();
      assertThat(sdk.getSdkTracerProvider().toString())
          .contains("OtlpHttpSpanExporter")
          .contains("http://127.0.0.1:9/collector/v1/traces");
    } finally {
      // Nothing was recorded, so closing sends nothing to the (closed) discard port.
      closeOwned(active);
    }
  }

  @Test
  void invalidEndpointIsLoggedAndTracingStaysOff() {
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      Tracking.configure(Map.of("BUD_BASE_URL", "collector:4318")::get);

      assertThat(Tracking.isConfigured()).isFalse();
      assertThat(logs.messages(Level.SEVERE))
          .singleElement()
          .satisfies(
              message ->
                  assertThat(message)
                      .contains("could not build the OpenTelemetry SDK")
                      .contains("collector:4318"));
    }
  }

  // --- propertyOverrides: what the BUD_OTEL_* variables become ---

  @Test
  void baseUrlBecomesHttpProtobufTracesEndpointWithoutDoubleSlash() {
    Map<String, String> overrides =
        overrides(Map.of("BUD_BASE_URL", " https://otel.example.com:4318/ "), Map.of());

    assertThat(overrides)
        .containsEntry("otel.exporter.otlp.traces.protocol", "http/protobuf")
        .containsEntry(
            "otel.exporter.otlp.traces.endpoint", "https://otel.example.com:4318/v1/traces")
        .doesNotContainKey("otel.traces.exporter");
  }

  @Test
  void baseUrlWinsOverOtelEndpointAndProtocol() {
    Map<String, String> overrides =
        overrides(
            Map.of("BUD_BASE_URL", "http://bud:4318"),
            Map.of(
                "otel.exporter.otlp.traces.endpoint", "http://otel:4317",
                "otel.exporter.otlp.traces.protocol", "grpc"));

    assertThat(overrides)
        .containsEntry("otel.exporter.otlp.traces.endpoint", "http://bud:4318/v1/traces")
        .containsEntry("otel.exporter.otlp.traces.protocol", "http/protobuf");
  }

  @Test
  void withoutAnyEndpointTracesExporterIsNone() {
    assertThat(overrides(Map.of(), Map.of())).containsEntry("otel.traces.exporter", "none");
  }

  @Test
  void otelEndpointAloneIsLeftToAutoconfigure() {
    for (String property :
        new String[] {"otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint"}) {
      Map<String, String> overrides = overrides(Map.of(), Map.of(property, "http://otel:4318"));

      assertThat(overrides)
          .as(property)
          .doesNotContainKeys(
              "otel.traces.exporter",
              "otel.exporter.otlp.traces.endpoint",
              "otel.exporter.otlp.traces.protocol");
    }
  }

  @Test
  void explicitTracesExporterWithoutEndpointIsRespected() {
    assertThat(overrides(Map.of(), Map.of("otel.traces.exporter", "otlp")))
        .doesNotContainKey("otel.traces.exporter");
  }

  @Test
  void metricsAndLogsExportersAreAlwaysNone() {
    Map<String, String> overrides =
        overrides(
            Map.of("BUD_BASE_URL", "http://bud:4318"),
            Map.of("otel.metrics.exporter", "otlp", "otel.logs.exporter", "otlp"));

    assertThat(overrides)
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none");
  }

  @Test
  void baseUrlAsksForGzip() {
    assertThat(overrides(Map.of("BUD_BASE_URL", "http://bud:4318"), Map.of()))
        .containsEntry("otel.exporter.otlp.traces.compression", "gzip");
  }

  @Test
  void baseUrlAddsOtlpToAnExplicitExporterListWithoutIt() {
    assertThat(
            overrides(
                Map.of("BUD_BASE_URL", "http://bud:4318"),
                Map.of("otel.traces.exporter", "console")))
        .containsEntry("otel.traces.exporter", "console,otlp");
    assertThat(
            overrides(
                Map.of("BUD_BASE_URL", "http://bud:4318"), Map.of("otel.traces.exporter", "none")))
        .containsEntry("otel.traces.exporter", "otlp");
    assertThat(
            overrides(
                Map.of("BUD_BASE_URL", "http://bud:4318"),
                Map.of("otel.traces.exporter", "otlp,console")))
        .doesNotContainKey("otel.traces.exporter");
  }

  @Test
  void everyExportCarriesTheTrackVersion() {
    assertThat(TrackVersion.get()).isEqualTo(System.getProperty("track.expectedVersion"));

    assertThat(overrides(Map.of(), Map.of()))
        .containsEntry(
            "otel.exporter.otlp.traces.headers",
            "X-Bud-SDK-Version=" + URLEncoder.encode(TrackVersion.get(), StandardCharsets.UTF_8));
  }

  @Test
  void apiKeyBecomesUrlEncodedBearerHeader() {
    Map<String, String> overrides = overrides(Map.of("BUD_API_KEY", "k+y=/,1"), Map.of());

    String headers = overrides.get("otel.exporter.otlp.traces.headers");
    String authorization = headers.substring(headers.indexOf(",Authorization=") + 1);
    assertThat(authorization).startsWith("Authorization=").doesNotContain(",");
    assertThat(
            URLDecoder.decode(
                authorization.substring("Authorization=".length()), StandardCharsets.UTF_8))
        .isEqualTo("Bearer k+y=/,1");
  }

  @Test
  void apiKeyKeepsOtherHeadersAndReplacesAnAuthorizationHeader() {
    Map<String, String> overrides =
        overrides(
            Map.of("BUD_API_KEY", "secret"),
            Map.of(
                "otel.exporter.otlp.headers",
                "x-tenant=acme, authorization=Basic%20abc, x-bud-sdk-version=0"));

    assertThat(overrides)
        .containsEntry(
            "otel.exporter.otlp.traces.headers",
            "x-tenant=acme," + versionHeader() + ",Authorization=Bearer+secret");
  }

  @Test
  void withoutApiKeyAConfiguredAuthorizationHeaderIsKept() {
    assertThat(
            overrides(Map.of(), Map.of("otel.exporter.otlp.headers", "Authorization=Basic%20abc")))
        .containsEntry(
            "otel.exporter.otlp.traces.headers", "Authorization=Basic%20abc," + versionHeader());
  }

  @Test
  void tracesHeadersArePreferredOverGeneralHeadersAsAutoconfigureDoes() {
    Map<String, String> overrides =
        overrides(
            Map.of("BUD_API_KEY", "secret"),
            Map.of(
                "otel.exporter.otlp.headers", "x-general=1",
                "otel.exporter.otlp.traces.headers", "x-traces=2"));

    assertThat(overrides)
        .containsEntry(
            "otel.exporter.otlp.traces.headers",
            "x-traces=2," + versionHeader() + ",Authorization=Bearer+secret");
  }

  @Test
  void budServiceNameWinsOverOtelServiceName() {
    assertThat(
            overrides(
                Map.of("BUD_OTEL_SERVICE_NAME", "assistant", "OTEL_SERVICE_NAME", "env-otel"),
                Map.of("otel.service.name", "from-otel")))
        .containsEntry("otel.service.name", "assistant");
  }

  @Test
  void otelServiceNameIsUsedWhenBudServiceNameIsMissing() {
    // As autoconfigure sees it (the process environment or -Dotel.service.name): left to it.
    assertThat(overrides(Map.of(), Map.of("otel.service.name", "from-otel")))
        .doesNotContainKey("otel.service.name");
    // As a supplied environment gives it.
    assertThat(overrides(Map.of("OTEL_SERVICE_NAME", "env-otel"), Map.of()))
        .containsEntry("otel.service.name", "env-otel");
  }

  @Test
  void serviceNameInResourceAttributesIsLeftToAutoconfigure() {
    assertThat(
            overrides(
                Map.of(),
                Map.of("otel.resource.attributes", "team=ai, service.name=from-resource")))
        .doesNotContainKey("otel.service.name");
  }

  @Test
  void withoutAnyServiceNameItIsBudSdkClient() {
    assertThat(overrides(Map.of(), Map.of("otel.resource.attributes", "team=ai")))
        .containsEntry("otel.service.name", "bud-sdk-client");
  }

  @Test
  void blankBudVariablesAreIgnored() {
    Map<String, String> overrides =
        overrides(
            Map.of("BUD_BASE_URL", " ", "BUD_API_KEY", "", "BUD_OTEL_SERVICE_NAME", " "), Map.of());

    assertThat(overrides)
        .containsOnly(
            Map.entry("otel.metrics.exporter", "none"),
            Map.entry("otel.logs.exporter", "none"),
            Map.entry("otel.traces.exporter", "none"),
            Map.entry("otel.exporter.otlp.traces.headers", versionHeader()),
            Map.entry("otel.service.name", "bud-sdk-client"));
  }

  // --- Settings given in code ---

  @Test
  void settingsGivenInCodeWinAndLeftOutOnesReadTheEnvironment() {
    Map<String, String> environment =
        Map.of(
            "BUD_BASE_URL", "http://env",
            "BUD_API_KEY", "env-key",
            "BUD_OTEL_SERVICE_NAME", "env-service",
            "BUD_OTEL_MODE", "attach",
            "BUD_OTEL_ENABLED", "false",
            "BUD_OTEL_CAPTURE_CONTENT", "false",
            "OTEL_SERVICE_NAME", "otel-service");
    TrackingConfig config =
        TrackingConfig.builder()
            .collectorEndpoint("http://code")
            .serviceName("code-service")
            .mode(TrackingConfig.Mode.CREATE)
            .enabled(true)
            .build();

    java.util.function.Function<String, String> merged =
        EnvironmentConfiguration.withSettings(config, environment::get);

    assertThat(merged.apply("BUD_BASE_URL")).isEqualTo("http://code");
    assertThat(merged.apply("BUD_OTEL_SERVICE_NAME")).isEqualTo("code-service");
    assertThat(merged.apply("BUD_OTEL_MODE")).isEqualTo("create");
    assertThat(merged.apply("BUD_OTEL_ENABLED")).isEqualTo("true");
    assertThat(merged.apply("BUD_API_KEY")).as("left out").isEqualTo("env-key");
    assertThat(merged.apply("BUD_OTEL_CAPTURE_CONTENT")).as("left out").isEqualTo("false");
    assertThat(merged.apply("OTEL_SERVICE_NAME")).isEqualTo("otel-service");

    TrackingConfig content = TrackingConfig.builder().captureContent(true).apiKey("k").build();
    java.util.function.Function<String, String> second =
        EnvironmentConfiguration.withSettings(content, environment::get);
    assertThat(second.apply("BUD_OTEL_CAPTURE_CONTENT")).isEqualTo("true");
    assertThat(second.apply("BUD_API_KEY")).isEqualTo("k");
  }

  @Test
  void configToStringHidesTheApiKey() {
    assertThat(TrackingConfig.builder().apiKey("sk-secret").build().toString())
        .doesNotContain("sk-secret")
        .contains("apiKey=***");
  }

  private static Map<String, String> overrides(
      Map<String, String> environment, Map<String, String> configured) {
    return EnvironmentConfiguration.propertyOverrides(
        environment::get, new HashMap<>(configured)::get);
  }

  private static String versionHeader() {
    return "X-Bud-SDK-Version=" + URLEncoder.encode(TrackVersion.get(), StandardCharsets.UTF_8);
  }

  private static void closeOwned(TrackingState.Active active) {
    if (active != null && active.owned() != null) {
      try {
        active.owned().close();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  private static void assumeNoOtlpEndpointInTheProcessEnvironment() {
    for (String name :
        new String[] {
          "OTEL_EXPORTER_OTLP_ENDPOINT",
          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
          "OTEL_TRACES_EXPORTER"
        }) {
      assumeTrue(System.getenv(name) == null, name + " is set in this process");
    }
    for (String name :
        new String[] {
          "otel.exporter.otlp.endpoint",
          "otel.exporter.otlp.traces.endpoint",
          "otel.traces.exporter"
        }) {
      assumeTrue(System.getProperty(name) == null, name + " is set in this process");
    }
  }
}
