package studio.bud.track.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import studio.bud.track.runtime.TrackingConfig;

/**
 * The Python SDK's environment variables reach the {@code bud.*} properties through Spring's
 * relaxed binding, so a service configured for the Python SDK needs no other setting.
 */
class BudEnvironmentVariablesTest {

  @Test
  void budEnvironmentVariablesBindToTheBudProperties() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addLast(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "BUD_BASE_URL", "https://collector.example",
                    "BUD_API_KEY", "key",
                    "BUD_OTEL_SERVICE_NAME", "assistant",
                    "BUD_OTEL_ENABLED", "no",
                    "BUD_OTEL_MODE", "attach",
                    "BUD_OTEL_CAPTURE_CONTENT", "0")));

    BudProperties properties = Binder.get(environment).bindOrCreate("bud", BudProperties.class);

    assertThat(properties.getBaseUrl()).isEqualTo("https://collector.example");
    assertThat(properties.getApiKey()).isEqualTo("key");
    assertThat(properties.getOtel().getServiceName()).isEqualTo("assistant");
    assertThat(properties.getOtel().isEnabled()).isFalse();
    assertThat(properties.getOtel().getMode()).isEqualTo(TrackingConfig.Mode.ATTACH);
    assertThat(properties.getOtel().isCaptureContent()).isFalse();
  }
}
