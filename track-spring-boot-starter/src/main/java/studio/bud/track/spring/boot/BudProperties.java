package studio.bud.track.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import studio.bud.track.runtime.TrackingConfig;

/**
 * The {@code bud.*} properties of the track starter. The {@code bud.base-url}, {@code bud.api-key}
 * and {@code bud.otel.*} ones stand for the environment variables that {@code
 * Tracking.configure()} reads ({@code BUD_BASE_URL}, {@code BUD_API_KEY}, {@code BUD_OTEL_*});
 * Spring's relaxed binding maps those variables onto these properties as well, so a service that
 * already sets them for the Python SDK needs nothing else.
 */
@ConfigurationProperties("bud")
public class BudProperties {

  /**
   * Base URL of the collector; traces go with OTLP over HTTP/protobuf to its /v1/traces. Used
   * only when the application has no OpenTelemetry bean.
   */
  private String baseUrl;

  /**
   * API key, sent as a bearer token (Authorization header) with every export. Used only when the
   * application has no OpenTelemetry bean.
   */
  private String apiKey;

  private final Otel otel = new Otel();

  private final Track track = new Track();

  /** {@code bud.base-url}. */
  public String getBaseUrl() {
    return baseUrl;
  }

  /** Sets {@code bud.base-url}. */
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@code bud.api-key}. */
  public String getApiKey() {
    return apiKey;
  }

  /** Sets {@code bud.api-key}. */
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  /** {@code bud.otel.*}. */
  public Otel getOtel() {
    return otel;
  }

  /** {@code bud.track.*}. */
  public Track getTrack() {
    return track;
  }

  /** {@code bud.otel.*}: how tracing is configured. */
  public static class Otel {

    /**
     * Service name of the spans (service.name); when unset, spring.application.name, then the
     * OTEL_SERVICE_NAME environment variable, then bud-sdk-client. Used only when the application
     * has no OpenTelemetry bean, which keeps its own resource.
     */
    private String serviceName;

    /**
     * Whether calls through tracked beans are traced; false leaves tracing off, even when the
     * application has an OpenTelemetry bean.
     */
    private boolean enabled = true;

    /**
     * Where the OpenTelemetry comes from when the application has no OpenTelemetry bean: auto
     * uses a globally installed one (the Java agent's) when there is one and builds an SDK
     * otherwise; attach and create do only one of those; disabled is bud.otel.enabled=false.
     */
    private TrackingConfig.Mode mode = TrackingConfig.Mode.AUTO;

    /**
     * Whether arguments and results are recorded as span attributes (bud.track.input.*,
     * bud.track.output*); false keeps prompts and answers out of the spans.
     */
    private boolean captureContent = true;

    /** {@code bud.otel.service-name}. */
    public String getServiceName() {
      return serviceName;
    }

    /** Sets {@code bud.otel.service-name}. */
    public void setServiceName(String serviceName) {
      this.serviceName = serviceName;
    }

    /** {@code bud.otel.enabled}. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@code bud.otel.enabled}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@code bud.otel.mode}. */
    public TrackingConfig.Mode getMode() {
      return mode;
    }

    /** Sets {@code bud.otel.mode}. */
    public void setMode(TrackingConfig.Mode mode) {
      this.mode = mode;
    }

    /** {@code bud.otel.capture-content}. */
    public boolean isCaptureContent() {
      return captureContent;
    }

    /** Sets {@code bud.otel.capture-content}. */
    public void setCaptureContent(boolean captureContent) {
      this.captureContent = captureContent;
    }
  }

  /** {@code bud.track.*}: which beans are replaced by their traced view. */
  public static class Track {

    /**
     * Whether beans that implement a tracked interface are replaced by their generated traced
     * view; false leaves every bean as it is (tracing is still configured, for wrappers made by
     * hand).
     */
    private boolean wrapBeans = true;

    /** Names of beans that are left as they are, not replaced by their traced view. */
    private List<String> exclude = new ArrayList<>();

    /** {@code bud.track.wrap-beans}. */
    public boolean isWrapBeans() {
      return wrapBeans;
    }

    /** Sets {@code bud.track.wrap-beans}. */
    public void setWrapBeans(boolean wrapBeans) {
      this.wrapBeans = wrapBeans;
    }

    /** {@code bud.track.exclude}. */
    public List<String> getExclude() {
      return exclude;
    }

    /** Sets {@code bud.track.exclude}. */
    public void setExclude(List<String> exclude) {
      this.exclude = exclude;
    }
  }
}
