package studio.bud.track.runtime;

import java.util.Objects;

/**
 * The settings of {@link Tracking#configure(TrackingConfig)}, given in code: the Java twin of the
 * keyword arguments of the Python SDK's {@code bud.observability.configure(...)}.
 *
 * <p>Every setting is optional. One that is left out falls back to its environment variable, as in
 * {@link Tracking#configure()}, and then to that variable's default:
 *
 * <table>
 *   <caption>Settings and the environment variables they stand for</caption>
 *   <tr><th>builder method</th><th>environment variable</th><th>default</th></tr>
 *   <tr><td>{@link Builder#collectorEndpoint(String)}</td><td>{@code BUD_BASE_URL}</td>
 *       <td>the standard {@code OTEL_*} exporter settings</td></tr>
 *   <tr><td>{@link Builder#apiKey(String)}</td><td>{@code BUD_API_KEY}</td><td>none</td></tr>
 *   <tr><td>{@link Builder#serviceName(String)}</td>
 *       <td>{@code BUD_OTEL_SERVICE_NAME}, {@code OTEL_SERVICE_NAME}</td>
 *       <td>{@code bud-sdk-client}</td></tr>
 *   <tr><td>{@link Builder#mode(Mode)}</td><td>{@code BUD_OTEL_MODE}</td><td>{@link Mode#AUTO}</td></tr>
 *   <tr><td>{@link Builder#enabled(boolean)}</td><td>{@code BUD_OTEL_ENABLED}</td><td>{@code true}</td></tr>
 *   <tr><td>{@link Builder#captureContent(boolean)}</td><td>{@code BUD_OTEL_CAPTURE_CONTENT}</td>
 *       <td>{@code true}</td></tr>
 * </table>
 *
 * <pre>{@code
 * Tracking.configure(
 *     TrackingConfig.builder()
 *         .collectorEndpoint("https://gateway.bud.studio")
 *         .apiKey(apiKey)
 *         .serviceName("assistant")
 *         .build());
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class TrackingConfig {

  /** Where {@link Tracking#configure(TrackingConfig)} gets its OpenTelemetry from. */
  public enum Mode {
    /**
     * {@link #ATTACH} when an OpenTelemetry is installed globally (by the Java agent, or by the
     * application with {@code GlobalOpenTelemetry.set}), {@link #CREATE} otherwise. The default.
     */
    AUTO,
    /** Builds an OpenTelemetry SDK from these settings and the environment, and owns it. */
    CREATE,
    /**
     * Traces with the globally installed OpenTelemetry exactly as it is: its resource, sampler,
     * exporters and propagators. The endpoint, API key and service name are not applied to it (a
     * built SDK cannot be changed; the Python SDK instead adds its own exporter).
     */
    ATTACH,
    /** Configured, but no spans: the same as {@code enabled(false)}. */
    DISABLED
  }

  private final String apiKey;
  private final String collectorEndpoint;
  private final String serviceName;
  private final Mode mode;
  private final Boolean enabled;
  private final Boolean captureContent;

  private TrackingConfig(Builder builder) {
    this.apiKey = builder.apiKey;
    this.collectorEndpoint = builder.collectorEndpoint;
    this.serviceName = builder.serviceName;
    this.mode = builder.mode;
    this.enabled = builder.enabled;
    this.captureContent = builder.captureContent;
  }

  /** A builder with every setting left out, so each falls back to the environment. */
  public static Builder builder() {
    return new Builder();
  }

  /** The API key ({@code BUD_API_KEY}), or {@code null} when left to the environment. */
  public String apiKey() {
    return apiKey;
  }

  /**
   * The collector's base URL ({@code BUD_BASE_URL}), or {@code null} when left to the environment.
   */
  public String collectorEndpoint() {
    return collectorEndpoint;
  }

  /** The {@code service.name}, or {@code null} when left to the environment. */
  public String serviceName() {
    return serviceName;
  }

  /** The mode ({@code BUD_OTEL_MODE}), or {@code null} when left to the environment. */
  public Mode mode() {
    return mode;
  }

  /**
   * Whether spans are recorded ({@code BUD_OTEL_ENABLED}), or {@code null} when left to the
   * environment.
   */
  public Boolean enabled() {
    return enabled;
  }

  /**
   * Whether inputs and outputs are recorded ({@code BUD_OTEL_CAPTURE_CONTENT}), or {@code null}
   * when left to the environment.
   */
  public Boolean captureContent() {
    return captureContent;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof TrackingConfig)) {
      return false;
    }
    TrackingConfig that = (TrackingConfig) other;
    return Objects.equals(apiKey, that.apiKey)
        && Objects.equals(collectorEndpoint, that.collectorEndpoint)
        && Objects.equals(serviceName, that.serviceName)
        && mode == that.mode
        && Objects.equals(enabled, that.enabled)
        && Objects.equals(captureContent, that.captureContent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiKey, collectorEndpoint, serviceName, mode, enabled, captureContent);
  }

  /** Shows every setting but the API key, which is only said to be set or not. */
  @Override
  public String toString() {
    return "TrackingConfig{apiKey="
        + (apiKey == null ? "null" : "***")
        + ", collectorEndpoint="
        + collectorEndpoint
        + ", serviceName="
        + serviceName
        + ", mode="
        + mode
        + ", enabled="
        + enabled
        + ", captureContent="
        + captureContent
        + '}';
  }

  /**
   * Builds a {@link TrackingConfig}. Each setter may be called again to replace its value; passing
   * {@code null} to a {@code String} or {@link Mode} setter leaves that setting to the environment
   * again.
   */
  public static final class Builder {
    private String apiKey;
    private String collectorEndpoint;
    private String serviceName;
    private Mode mode;
    private Boolean enabled;
    private Boolean captureContent;

    private Builder() {}

    /** Sent as {@code Authorization: Bearer <apiKey>} with every export; {@code BUD_API_KEY}. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * The collector's base URL; traces go with OTLP over HTTP/protobuf, gzip, to {@code
     * <collectorEndpoint>/v1/traces}; {@code BUD_BASE_URL}.
     */
    public Builder collectorEndpoint(String collectorEndpoint) {
      this.collectorEndpoint = collectorEndpoint;
      return this;
    }

    /** The {@code service.name} resource attribute; {@code BUD_OTEL_SERVICE_NAME}. */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** Where the OpenTelemetry comes from; {@code BUD_OTEL_MODE}. */
    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    /** {@code false}: configured, but no spans; {@code BUD_OTEL_ENABLED}. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * {@code false}: no {@code bud.track.input.*} or {@code bud.track.output*} attribute is
     * recorded, whatever the annotations say; {@code BUD_OTEL_CAPTURE_CONTENT}.
     */
    public Builder captureContent(boolean captureContent) {
      this.captureContent = captureContent;
      return this;
    }

    /** The immutable settings. */
    public TrackingConfig build() {
      return new TrackingConfig(this);
    }
  }
}
