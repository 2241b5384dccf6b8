package studio.bud.track.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code BUD_OTEL_CAPTURE_CONTENT}, read by {@code configure()} (SPEC section 4, content controls). */
class ContentCaptureEnvironmentTest {

  @AfterEach
  void restore() {
    Tracking.shutdown();
    Tracking.setCaptureContent(true);
  }

  /** BUD_OTEL_ENABLED=false as well, so that no SDK is built: the switch is read either way. */
  private static void configureWith(String captureContent) {
    Tracking.configure(
        Map.of("BUD_OTEL_ENABLED", "false", "BUD_OTEL_CAPTURE_CONTENT", captureContent)::get);
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", "0", "no", " No "})
  void falseSwitchesContentCaptureOff(String value) {
    configureWith(value);

    assertThat(Tracking.isConfigured()).isTrue();
    assertThat(Tracking.captureContent()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "True", "1", "yes"})
  void trueSwitchesItBackOn(String value) {
    Tracking.setCaptureContent(false);

    configureWith(value);

    assertThat(Tracking.captureContent()).isTrue();
  }

  @Test
  void unsetLeavesWhatTheApplicationChose() {
    Tracking.setCaptureContent(false);

    Tracking.configure(Map.of("BUD_OTEL_ENABLED", "false")::get);

    assertThat(Tracking.captureContent()).isFalse();
  }

  @Test
  void anUnknownValueWarnsAndChangesNothing() {
    try (TrackingLogCapture logs = TrackingLogCapture.start()) {
      configureWith("sometimes");

      assertThat(Tracking.captureContent()).isTrue();
      assertThat(logs.messages(Level.WARNING))
          .anySatisfy(m -> assertThat(m).contains("BUD_OTEL_CAPTURE_CONTENT=sometimes"));
    }
  }

  @Test
  void trackingConfigCaptureContentStandsInForTheVariable() {
    Tracking.configure(
        TrackingConfig.builder().enabled(false).captureContent(false).build(),
        Map.of("BUD_OTEL_CAPTURE_CONTENT", "true")::get);

    assertThat(Tracking.isConfigured()).isTrue();
    assertThat(Tracking.captureContent()).isFalse();
  }

  @Test
  void shutdownKeepsTheSwitch() {
    configureWith("false");

    Tracking.shutdown();

    assertThat(Tracking.captureContent()).isFalse();
  }
}
