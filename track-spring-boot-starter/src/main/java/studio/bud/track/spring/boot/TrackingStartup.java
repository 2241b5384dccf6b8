package studio.bud.track.spring.boot;

import io.opentelemetry.api.OpenTelemetry;
import java.util.Arrays;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import studio.bud.track.runtime.Tracking;
import studio.bud.track.runtime.TrackingConfig;

/**
 * Configures tracking once for an application context and shuts it down when that context closes,
 * if it was this context that configured it.
 *
 * <p>Tracking is process-wide: a second context (a child context, a second application in the
 * same JVM, a test's cached contexts) finds it configured, says so in one INFO line and leaves it
 * to the context that configured it.
 */
final class TrackingStartup {

  private static final Log LOG = LogFactory.getLog(TrackingStartup.class);

  private final ListableBeanFactory beanFactory;
  private final BudProperties properties;
  private final String applicationName;

  private boolean started;
  private boolean owner;

  /**
   * @param applicationName {@code spring.application.name}, the service name when {@code
   *     bud.otel.service-name} is not set; may be {@code null}
   */
  TrackingStartup(
      ListableBeanFactory beanFactory, BudProperties properties, String applicationName) {
    this.beanFactory = beanFactory;
    this.properties = properties;
    this.applicationName = applicationName;
  }

  /** Configures tracking, the first time it is called; later calls do nothing. */
  synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    if (Tracking.isConfigured()) {
      LOG.info(
          "Tracking is already configured (by another application context or by the"
              + " application); this context uses it as it is and leaves its shutdown to whoever"
              + " configured it");
      return;
    }
    BudProperties.Otel otel = properties.getOtel();
    if (!otel.isEnabled() || otel.getMode() == TrackingConfig.Mode.DISABLED) {
      LOG.info(
          (otel.isEnabled() ? "bud.otel.mode=disabled" : "bud.otel.enabled=false")
              + ": tracing stays off; tracked beans call their implementations directly");
      return;
    }
    OpenTelemetry openTelemetry = applicationOpenTelemetry();
    if (openTelemetry != null) {
      Tracking.configure(openTelemetry);
      // configure(OpenTelemetry) reads no environment, so bud.otel.capture-content (which
      // BUD_OTEL_CAPTURE_CONTENT binds to as well) is applied here; the bud.* path passes it in
      // its TrackingConfig.
      Tracking.setCaptureContent(otel.isCaptureContent());
    } else {
      Tracking.configure(config());
    }
    owner = Tracking.isConfigured();
    if (owner) {
      LOG.info(
          "Tracking configured "
              + (openTelemetry != null
                  ? "with the application's OpenTelemetry bean"
                  : "from the bud.* properties")
              + "; calls through tracked beans are traced");
    }
  }

  /** Shuts tracking down if {@link #start()} configured it. */
  synchronized void stop() {
    if (owner) {
      owner = false;
      Tracking.shutdown();
    }
  }

  /**
   * The application's single (or single {@code @Primary}) OpenTelemetry bean, or {@code null} when
   * it has none, or several and none primary (then with a WARN line).
   */
  private OpenTelemetry applicationOpenTelemetry() {
    String[] names = beanFactory.getBeanNamesForType(OpenTelemetry.class);
    if (names.length == 0) {
      return null;
    }
    ObjectProvider<OpenTelemetry> provider = beanFactory.getBeanProvider(OpenTelemetry.class);
    OpenTelemetry unique = provider.getIfUnique();
    if (unique == null) {
      LOG.warn(
          "The application has "
              + names.length
              + " OpenTelemetry beans "
              + Arrays.toString(names)
              + " and none is @Primary; tracking is configured from the bud.* properties instead."
              + " Mark one @Primary to trace with it.");
    }
    return unique;
  }

  /** The bud.* properties as a {@link TrackingConfig}; what is not set falls back to the environment. */
  TrackingConfig config() {
    BudProperties.Otel otel = properties.getOtel();
    String serviceName = nonBlank(otel.getServiceName());
    if (serviceName == null) {
      serviceName = nonBlank(applicationName);
    }
    return TrackingConfig.builder()
        .collectorEndpoint(nonBlank(properties.getBaseUrl()))
        .apiKey(nonBlank(properties.getApiKey()))
        .serviceName(serviceName)
        .mode(otel.getMode())
        .enabled(otel.isEnabled())
        .captureContent(otel.isCaptureContent())
        .build();
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
