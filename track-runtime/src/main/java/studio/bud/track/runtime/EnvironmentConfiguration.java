package studio.bud.track.runtime;

import io.opentelemetry.api.OpenTelemetry;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import studio.bud.track.runtime.internal.TrackingState;

/**
 * Builds the OpenTelemetry SDK that {@link Tracking#configure()} uses, from the environment.
 *
 * <p>The SDK comes from the OpenTelemetry autoconfigure module, so every standard {@code OTEL_*}
 * environment variable and {@code otel.*} system property keeps working (sampler, propagators,
 * resource attributes, batch settings, ...). On top of them:
 *
 * <ul>
 *   <li>{@code BUD_OTEL_ENABLED=false} (any case): configured, but with {@link
 *       OpenTelemetry#noop()}, so no span is recorded. Checked first: it needs no SDK on the class
 *       path.
 *   <li>{@code BUD_OTEL_ENDPOINT}: traces are sent with OTLP over HTTP/protobuf to {@code
 *       <endpoint>/v1/traces} (a trailing {@code /} of the endpoint is dropped), as the Python SDK
 *       sends them.
 *   <li>{@code BUD_OTEL_API_KEY}: the trace export carries {@code Authorization: Bearer <key>};
 *       other configured OTLP headers are kept.
 *   <li>{@code BUD_OTEL_SERVICE_NAME}: the {@code service.name} resource attribute.
 * </ul>
 *
 * <p><b>Precedence.</b> A {@code BUD_OTEL_*} variable wins over the standard setting it stands for
 * ({@code OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT} and {@code _PROTOCOL}, an {@code Authorization}
 * entry of {@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS}, {@code OTEL_SERVICE_NAME}), whether that
 * comes from the environment or from a system property. This is the Python SDK's order: it reads
 * the {@code BUD_OTEL_*} variables and falls back to the {@code OTEL_*} ones. Everything the {@code
 * BUD_OTEL_*} variables do not cover is left to the {@code OTEL_*} settings.
 *
 * <p><b>Defaults that differ from plain autoconfigure.</b> Only traces are exported: the metrics
 * and logs exporters are always {@code none}. When no endpoint is given at all (no {@code
 * BUD_OTEL_ENDPOINT}, no OTLP endpoint in {@code OTEL_*}/{@code otel.*}) and no traces exporter is
 * named explicitly, the traces exporter is {@code none} too, instead of autoconfigure's default of
 * {@code localhost:4317}: no connection is ever attempted, and as the SDK then has no span
 * processor it does not even record spans. The SDK is not registered as {@code
 * GlobalOpenTelemetry}; a JVM shutdown hook flushes it if the application exits without {@link
 * Tracking#shutdown()}.
 */
final class EnvironmentConfiguration {

  static final String ENABLED = "BUD_OTEL_ENABLED";
  static final String ENDPOINT = "BUD_OTEL_ENDPOINT";
  static final String API_KEY = "BUD_OTEL_API_KEY";
  static final String SERVICE_NAME = "BUD_OTEL_SERVICE_NAME";
  static final String CAPTURE_CONTENT_VARIABLE = "BUD_OTEL_CAPTURE_CONTENT";

  static final String AUTOCONFIGURE_ARTIFACT =
      "io.opentelemetry:opentelemetry-sdk-extension-autoconfigure";
  static final String OTLP_EXPORTER_ARTIFACT = "io.opentelemetry:opentelemetry-exporter-otlp";

  /** One class of each optional artifact, looked up by name so that nothing here links to it. */
  static final String AUTOCONFIGURE_CLASS =
      "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk";

  static final String OTLP_EXPORTER_CLASS =
      "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter";

  private EnvironmentConfiguration() {}

  /**
   * Returns the configuration to install, or {@code null} after logging why tracing stays off.
   *
   * @param environment reads one environment variable ({@code System::getenv} in production)
   */
  static TrackingState.Active build(Function<String, String> environment) {
    return build(environment, EnvironmentConfiguration::isOnClassPath);
  }

  /**
   * {@link #build(Function)} with the class-path check replaced, so that a test can pretend the
   * optional artifacts are missing.
   *
   * @param classPresent whether the class of this binary name can be loaded
   */
  static TrackingState.Active build(
      Function<String, String> environment, Predicate<String> classPresent) {
    applyCaptureContent(environment);
    if (!isEnabled(environment)) {
      Tracking.LOG.log(
          Level.INFO,
          ENABLED
              + "=false: Tracking is configured with a no-op OpenTelemetry; no spans are"
              + " recorded");
      return new TrackingState.Active(OpenTelemetry.noop(), null);
    }

    List<String> missing = new ArrayList<>();
    if (!classPresent.test(AUTOCONFIGURE_CLASS)) {
      missing.add(AUTOCONFIGURE_ARTIFACT);
    }
    if (!classPresent.test(OTLP_EXPORTER_CLASS)) {
      missing.add(OTLP_EXPORTER_ARTIFACT);
    }
    if (!missing.isEmpty()) {
      Tracking.LOG.log(Level.ERROR, missingArtifactsMessage(missing));
      return null;
    }

    try {
      // The first line that loads SDK types: AutoconfiguredSdk links to the optional artifacts.
      return AutoconfiguredSdk.build(configured -> propertyOverrides(environment, configured));
    } catch (RuntimeException | LinkageError e) {
      // A ConfigurationException for a bad OTEL_*/BUD_* value, or SDK jars of another version.
      Tracking.LOG.log(
          Level.ERROR,
          "Tracking.configure(): could not build the OpenTelemetry SDK from the environment ("
              + e
              + "); tracing stays off",
          e);
      return null;
    }
  }

  /**
   * The autoconfigure properties that carry the {@code BUD_OTEL_*} variables and this library's
   * defaults; they override what autoconfigure read from {@code OTEL_*} and {@code otel.*}.
   *
   * @param environment reads a {@code BUD_OTEL_*} variable
   * @param configured reads an {@code otel.*} property as autoconfigure sees it (system properties
   *     and {@code OTEL_*} variables already merged), or {@code null}
   */
  static Map<String, String> propertyOverrides(
      Function<String, String> environment, Function<String, String> configured) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("otel.metrics.exporter", "none");
    overrides.put("otel.logs.exporter", "none");

    String endpoint = nonBlank(environment.apply(ENDPOINT));
    if (endpoint != null) {
      overrides.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
      overrides.put(
          "otel.exporter.otlp.traces.endpoint", stripTrailingSlashes(endpoint) + "/v1/traces");
    } else if (nonBlank(configured.apply("otel.exporter.otlp.traces.endpoint")) == null
        && nonBlank(configured.apply("otel.exporter.otlp.endpoint")) == null
        && nonBlank(configured.apply("otel.traces.exporter")) == null) {
      overrides.put("otel.traces.exporter", "none");
    }

    String apiKey = nonBlank(environment.apply(API_KEY));
    if (apiKey != null) {
      overrides.put("otel.exporter.otlp.traces.headers", withBearerToken(configured, apiKey));
    }

    String serviceName = nonBlank(environment.apply(SERVICE_NAME));
    if (serviceName != null) {
      overrides.put("otel.service.name", serviceName);
    }
    return overrides;
  }

  /**
   * The traces headers property with {@code Authorization: Bearer <key>}. Autoconfigure uses the
   * traces headers instead of (not in addition to) the general ones, so the general ones are copied
   * in; any configured {@code Authorization} entry is replaced. Values are URL-encoded, as the
   * {@code OTEL_EXPORTER_OTLP_HEADERS} format requires.
   */
  private static String withBearerToken(Function<String, String> configured, String apiKey) {
    String existing = nonBlank(configured.apply("otel.exporter.otlp.traces.headers"));
    if (existing == null) {
      existing = nonBlank(configured.apply("otel.exporter.otlp.headers"));
    }
    StringBuilder headers = new StringBuilder();
    if (existing != null) {
      for (String entry : existing.split(",")) {
        String key = entry.split("=", 2)[0].trim();
        if (!key.isEmpty() && !key.equalsIgnoreCase("authorization")) {
          headers.append(entry.trim()).append(',');
        }
      }
    }
    return headers
        .append("Authorization=")
        .append(URLEncoder.encode("Bearer " + apiKey, StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * {@code BUD_OTEL_CAPTURE_CONTENT}, when set, switches content capture ({@link
   * Tracking#setCaptureContent}): {@code false}, {@code 0} or {@code no} (any case) off, {@code
   * true}, {@code 1} or {@code yes} on; unset, the switch stays as the application set it.
   */
  static void applyCaptureContent(Function<String, String> environment) {
    String value = nonBlank(environment.apply(CAPTURE_CONTENT_VARIABLE));
    if (value == null) {
      return;
    }
    if (value.equalsIgnoreCase("false") || value.equals("0") || value.equalsIgnoreCase("no")) {
      Tracking.setCaptureContent(false);
    } else if (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes")) {
      Tracking.setCaptureContent(true);
    } else {
      Tracking.LOG.log(
          Level.WARNING,
          CAPTURE_CONTENT_VARIABLE + "=" + value + " is neither true nor false; content capture"
              + " stays " + (Tracking.captureContent() ? "on" : "off"));
    }
  }

  private static boolean isEnabled(Function<String, String> environment) {
    String value = nonBlank(environment.apply(ENABLED));
    if (value == null || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    Tracking.LOG.log(
        Level.WARNING, ENABLED + "=" + value + " is neither true nor false; tracing stays enabled");
    return true;
  }

  private static String missingArtifactsMessage(List<String> missing) {
    String apiVersion = OpenTelemetry.class.getPackage().getImplementationVersion();
    StringBuilder message =
        new StringBuilder("Tracking.configure() needs ")
            .append(AUTOCONFIGURE_ARTIFACT)
            .append(" and ")
            .append(OTLP_EXPORTER_ARTIFACT)
            .append(" on the class path to build the OpenTelemetry SDK; missing: ")
            .append(String.join(", ", missing))
            .append(". Tracing stays off. Add ")
            .append(missing.size() == 1 ? "it" : "them")
            .append(" (version ")
            .append(apiVersion == null ? "" : apiVersion + ", ")
            .append("the same as opentelemetry-api, e.g. from io.opentelemetry:opentelemetry-bom)")
            .append(", for Maven:\n");
    for (String coordinates : missing) {
      message.append(mavenDependency(coordinates));
    }
    return message
        .append("Or build an SDK yourself and call Tracking.configure(OpenTelemetry).")
        .toString();
  }

  private static String mavenDependency(String coordinates) {
    String[] parts = coordinates.split(":");
    return "  <dependency>\n"
        + "    <groupId>"
        + parts[0]
        + "</groupId>\n"
        + "    <artifactId>"
        + parts[1]
        + "</artifactId>\n"
        + "  </dependency>\n";
  }

  private static boolean isOnClassPath(String className) {
    try {
      // initialize=false: only whether it is there; nothing runs and nothing here links to it.
      Class.forName(className, false, EnvironmentConfiguration.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static String stripTrailingSlashes(String endpoint) {
    int end = endpoint.length();
    while (end > 0 && endpoint.charAt(end - 1) == '/') {
      end--;
    }
    return endpoint.substring(0, end);
  }

  private static String nonBlank(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
