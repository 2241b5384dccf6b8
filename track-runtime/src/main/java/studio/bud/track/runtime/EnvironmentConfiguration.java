package studio.bud.track.runtime;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import studio.bud.track.runtime.internal.TrackingState;

/**
 * What {@link Tracking#configure()} and {@link Tracking#configure(TrackingConfig)} trace with,
 * decided from the environment as the Python SDK's {@code bud.observability.configure()} decides
 * it.
 *
 * <p><b>Enabled and mode.</b> {@code BUD_OTEL_ENABLED} = {@code false}, {@code 0} or {@code no}
 * (any case), or {@code BUD_OTEL_MODE=disabled}: configured with {@link OpenTelemetry#noop()}, so
 * no span is recorded; this needs no SDK on the class path. Otherwise {@code BUD_OTEL_MODE} (any
 * case; {@code auto} when unset or unknown, an unknown value with a warning):
 *
 * <ul>
 *   <li>{@code attach}: the OpenTelemetry installed as {@link GlobalOpenTelemetry} (by the Java
 *       agent, or by the application with {@code GlobalOpenTelemetry.set}), used exactly as it is:
 *       its resource, sampler, exporters and propagators. Nothing of the {@code BUD_*} settings is
 *       applied to it (a built Java SDK cannot be changed; the Python SDK adds its own exporter to
 *       the provider instead). {@link Tracking#shutdown()} never closes it. With none installed, an
 *       error is logged and tracing stays off.
 *   <li>{@code create}: builds an SDK (below), which {@link Tracking#shutdown()} closes.
 *   <li>{@code auto}: {@code attach} when an OpenTelemetry is installed, {@code create} otherwise.
 * </ul>
 *
 * <p>Whether one is installed is asked with {@link GlobalOpenTelemetry#isSet()}, never with {@link
 * GlobalOpenTelemetry#get()}: {@code get()} would install a no-op OpenTelemetry for good when none
 * is set (or run the SDK's global autoconfiguration when that is switched on), and so break an
 * application that calls {@code GlobalOpenTelemetry.set} later. A global instance whose tracer
 * provider is the no-op one (what an early {@code get()} leaves behind) does not count as installed
 * for {@code auto}, since attaching to it would record nothing.
 *
 * <p><b>The SDK that {@code create} builds</b> comes from the OpenTelemetry autoconfigure module,
 * so every standard {@code OTEL_*} environment variable and {@code otel.*} system property keeps
 * working (sampler, propagators, resource attributes, batch settings, ...). On top of them:
 *
 * <ul>
 *   <li>{@code BUD_BASE_URL}: traces are sent with OTLP over HTTP/protobuf, gzip-compressed, to
 *       {@code <BUD_BASE_URL>/v1/traces} (trailing {@code /} dropped); an {@code otlp} traces
 *       exporter is added to an explicitly configured exporter list that lacks one.
 *   <li>{@code BUD_API_KEY}: the export carries {@code Authorization: Bearer <key>}; other
 *       configured OTLP headers are kept.
 *   <li>Every export carries {@code X-Bud-SDK-Version: <track version>} (the version of {@code
 *       track-runtime}, from a resource the build writes into its jar).
 *   <li>{@code service.name}: {@code BUD_OTEL_SERVICE_NAME}, else {@code OTEL_SERVICE_NAME} (or
 *       {@code otel.service.name}, or a {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES}),
 *       else {@code bud-sdk-client}.
 * </ul>
 *
 * <p>A {@code BUD_*} variable wins over the standard setting it stands for ({@code
 * OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT}, {@code _PROTOCOL} and {@code _COMPRESSION}, an {@code
 * Authorization} entry of {@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS}, {@code OTEL_SERVICE_NAME}),
 * whether that comes from the environment or from a system property; that is the Python SDK's
 * order.
 *
 * <p><b>Defaults that differ from plain autoconfigure.</b> Only traces are exported: the metrics
 * and logs exporters are always {@code none}. When no endpoint is given at all (no {@code
 * BUD_BASE_URL}, no OTLP endpoint in {@code OTEL_*}/{@code otel.*}) and no traces exporter is named
 * explicitly, the traces exporter is {@code none} too, instead of autoconfigure's default (OTLP to
 * a collector on {@code localhost}): no connection is ever attempted, and as the SDK then has no
 * span processor it does not even record spans. The SDK is not registered as {@code
 * GlobalOpenTelemetry}; a JVM shutdown hook flushes it if the application exits without {@link
 * Tracking#shutdown()}.
 */
final class EnvironmentConfiguration {

  static final String BASE_URL = "BUD_BASE_URL";
  static final String API_KEY = "BUD_API_KEY";
  static final String SERVICE_NAME = "BUD_OTEL_SERVICE_NAME";
  static final String OTEL_SERVICE_NAME = "OTEL_SERVICE_NAME";
  static final String ENABLED = "BUD_OTEL_ENABLED";
  static final String MODE = "BUD_OTEL_MODE";
  static final String CAPTURE_CONTENT = "BUD_OTEL_CAPTURE_CONTENT";

  /** The {@code service.name} when nothing names the service, as in the Python SDK. */
  static final String DEFAULT_SERVICE_NAME = "bud-sdk-client";

  static final String SDK_VERSION_HEADER = "X-Bud-SDK-Version";

  static final String AUTOCONFIGURE_ARTIFACT =
      "io.opentelemetry:opentelemetry-sdk-extension-autoconfigure";
  static final String OTLP_EXPORTER_ARTIFACT = "io.opentelemetry:opentelemetry-exporter-otlp";

  /** One class of each optional artifact, looked up by name so that nothing here links to it. */
  static final String AUTOCONFIGURE_CLASS =
      "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk";

  static final String OTLP_EXPORTER_CLASS =
      "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter";

  /** A class that the OpenTelemetry Java agent adds to the boot class path. */
  static final String JAVA_AGENT_BOOTSTRAP_CLASS =
      "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

  private EnvironmentConfiguration() {}

  /**
   * The environment as {@code config} amends it: a setting given in code stands in for its
   * variable, one left out reads the variable.
   */
  static Function<String, String> withSettings(
      TrackingConfig config, Function<String, String> environment) {
    return name -> {
      String given = setting(config, name);
      return given != null ? given : environment.apply(name);
    };
  }

  private static String setting(TrackingConfig config, String name) {
    switch (name) {
      case BASE_URL:
        return config.collectorEndpoint();
      case API_KEY:
        return config.apiKey();
      case SERVICE_NAME:
        return config.serviceName();
      case MODE:
        return config.mode() == null ? null : config.mode().name().toLowerCase(Locale.ROOT);
      case ENABLED:
        return config.enabled() == null ? null : config.enabled().toString();
      case CAPTURE_CONTENT:
        return config.captureContent() == null ? null : config.captureContent().toString();
      default:
        return null;
    }
  }

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
    TrackingConfig.Mode mode = mode(environment);
    if (mode == TrackingConfig.Mode.DISABLED || !isEnabled(environment)) {
      TrackingLog.LOG.log(
          Level.INFO,
          (mode == TrackingConfig.Mode.DISABLED ? MODE + "=disabled" : ENABLED + "=false")
              + ": Tracking is configured with a no-op OpenTelemetry; no spans are recorded");
      return new TrackingState.Active(OpenTelemetry.noop(), null);
    }
    if (mode == TrackingConfig.Mode.ATTACH || mode == TrackingConfig.Mode.AUTO) {
      OpenTelemetry installed = installedOpenTelemetry();
      if (installed != null && !isNoop(installed)) {
        return attach(installed, mode, environment);
      }
      if (mode == TrackingConfig.Mode.ATTACH) {
        return attachWithoutInstance(installed);
      }
    }
    return create(environment, classPresent);
  }

  private static TrackingState.Active attach(
      OpenTelemetry installed, TrackingConfig.Mode mode, Function<String, String> environment) {
    List<String> unused = new ArrayList<>();
    for (String name : new String[] {BASE_URL, API_KEY, SERVICE_NAME}) {
      if (nonBlank(environment.apply(name)) != null) {
        unused.add(name);
      }
    }
    TrackingLog.LOG.log(
        Level.INFO,
        "Tracking.configure(): "
            + MODE
            + "="
            + mode.name().toLowerCase(Locale.ROOT)
            + ", tracing with the OpenTelemetry installed as GlobalOpenTelemetry (the Java agent's,"
            + " or one set by the application), as it is"
            + (unused.isEmpty()
                ? ""
                : "; "
                    + String.join(", ", unused)
                    + " not applied: it exports as it was configured"));
    return new TrackingState.Active(installed, null);
  }

  private static TrackingState.Active attachWithoutInstance(OpenTelemetry installed) {
    TrackingLog.LOG.log(
        Level.ERROR,
        "Tracking.configure(): "
            + MODE
            + "=attach, but "
            + (installed == null
                ? "no OpenTelemetry is installed as GlobalOpenTelemetry"
                : "the installed GlobalOpenTelemetry is a no-op (GlobalOpenTelemetry.get() was"
                    + " called before any was set)")
            + ". Tracing stays off. Start the JVM with the OpenTelemetry Java agent, call"
            + " GlobalOpenTelemetry.set(...) before Tracking.configure(), or use "
            + MODE
            + "=auto or create.");
    return null;
  }

  private static TrackingState.Active create(
      Function<String, String> environment, Predicate<String> classPresent) {
    List<String> missing = new ArrayList<>();
    if (!classPresent.test(AUTOCONFIGURE_CLASS)) {
      missing.add(AUTOCONFIGURE_ARTIFACT);
    }
    if (!classPresent.test(OTLP_EXPORTER_CLASS)) {
      missing.add(OTLP_EXPORTER_ARTIFACT);
    }
    if (!missing.isEmpty()) {
      TrackingLog.LOG.log(Level.ERROR, missingArtifactsMessage(missing));
      return null;
    }

    try {
      // The first line that loads SDK types: AutoconfiguredSdk links to the optional artifacts.
      return AutoconfiguredSdk.build(configured -> propertyOverrides(environment, configured));
    } catch (RuntimeException | LinkageError e) {
      // A ConfigurationException for a bad OTEL_*/BUD_* value, or SDK jars of another version.
      TrackingLog.LOG.log(
          Level.ERROR,
          "Tracking.configure(): could not build the OpenTelemetry SDK from the environment ("
              + e
              + "); tracing stays off",
          e);
      return null;
    }
  }

  /**
   * The instance installed as {@link GlobalOpenTelemetry}, or {@code null}; asked without {@link
   * GlobalOpenTelemetry#get()}, which has side effects, except under the Java agent. The agent
   * answers {@link GlobalOpenTelemetry#isSet()} (since agent 2.23, for {@code opentelemetry-api}
   * 1.57 and later); with an older agent or API, whose {@code isSet()} is missing or does not see
   * the agent, the agent's presence is checked by its bootstrap class, and then {@code get()} is
   * safe: the agent answers it with its own instance.
   */
  static OpenTelemetry installedOpenTelemetry() {
    try {
      if (GlobalOpenTelemetry.isSet()) {
        return GlobalOpenTelemetry.getOrNoop();
      }
    } catch (LinkageError apiBefore157) {
      TrackingLog.LOG.log(
          Level.DEBUG,
          "opentelemetry-api has no GlobalOpenTelemetry.isSet(); only the Java agent is detected",
          apiBefore157);
    }
    return isJavaAgentRunning() ? GlobalOpenTelemetry.get() : null;
  }

  private static boolean isJavaAgentRunning() {
    try {
      // The agent puts its bootstrap classes on the boot class path (loader null).
      Class.forName(JAVA_AGENT_BOOTSTRAP_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static boolean isNoop(OpenTelemetry openTelemetry) {
    return openTelemetry.getTracerProvider() == TracerProvider.noop();
  }

  /**
   * The autoconfigure properties that carry the {@code BUD_*} variables and this library's
   * defaults; they override what autoconfigure read from {@code OTEL_*} and {@code otel.*}.
   *
   * @param environment reads a variable of the environment
   * @param configured reads an {@code otel.*} property as autoconfigure sees it (system properties
   *     and {@code OTEL_*} variables already merged), or {@code null}
   */
  static Map<String, String> propertyOverrides(
      Function<String, String> environment, Function<String, String> configured) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("otel.metrics.exporter", "none");
    overrides.put("otel.logs.exporter", "none");

    String baseUrl = nonBlank(environment.apply(BASE_URL));
    String tracesExporter = nonBlank(configured.apply("otel.traces.exporter"));
    if (baseUrl != null) {
      overrides.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
      overrides.put(
          "otel.exporter.otlp.traces.endpoint", stripTrailingSlashes(baseUrl) + "/v1/traces");
      overrides.put("otel.exporter.otlp.traces.compression", "gzip");
      if (tracesExporter != null && !names(tracesExporter).contains("otlp")) {
        overrides.put(
            "otel.traces.exporter",
            names(tracesExporter).contains("none") ? "otlp" : tracesExporter + ",otlp");
      }
    } else if (nonBlank(configured.apply("otel.exporter.otlp.traces.endpoint")) == null
        && nonBlank(configured.apply("otel.exporter.otlp.endpoint")) == null
        && tracesExporter == null) {
      overrides.put("otel.traces.exporter", "none");
    }

    overrides.put(
        "otel.exporter.otlp.traces.headers",
        tracesHeaders(configured, nonBlank(environment.apply(API_KEY))));

    String serviceName = serviceName(environment, configured);
    if (serviceName != null) {
      overrides.put("otel.service.name", serviceName);
    }
    return overrides;
  }

  /**
   * The service name to set, or {@code null} to leave autoconfigure's: {@code
   * BUD_OTEL_SERVICE_NAME}; else {@code otel.service.name} / {@code OTEL_SERVICE_NAME}, or a {@code
   * service.name} in the resource attributes, which autoconfigure applies itself; else the default.
   */
  private static String serviceName(
      Function<String, String> environment, Function<String, String> configured) {
    String budName = nonBlank(environment.apply(SERVICE_NAME));
    if (budName != null) {
      return budName;
    }
    if (nonBlank(configured.apply("otel.service.name")) != null
        || hasServiceName(configured.apply("otel.resource.attributes"))) {
      return null;
    }
    // Seen by autoconfigure already when it is the process environment; not when a test or
    // another caller supplies the environment.
    String otelName = nonBlank(environment.apply(OTEL_SERVICE_NAME));
    return otelName != null ? otelName : DEFAULT_SERVICE_NAME;
  }

  private static boolean hasServiceName(String resourceAttributes) {
    if (nonBlank(resourceAttributes) == null) {
      return false;
    }
    for (String entry : resourceAttributes.split(",")) {
      String[] keyValue = entry.split("=", 2);
      if (keyValue.length == 2 && keyValue[0].trim().equals("service.name")) {
        return nonBlank(keyValue[1]) != null;
      }
    }
    return false;
  }

  /**
   * The traces headers property: the configured OTLP headers, {@code X-Bud-SDK-Version}, and {@code
   * Authorization: Bearer <key>} when there is a key. Autoconfigure uses the traces headers instead
   * of (not in addition to) the general ones, so the general ones are copied in; a configured entry
   * of the same name is replaced. Values are URL-encoded, as the {@code OTEL_EXPORTER_OTLP_HEADERS}
   * format requires.
   */
  private static String tracesHeaders(Function<String, String> configured, String apiKey) {
    String existing = nonBlank(configured.apply("otel.exporter.otlp.traces.headers"));
    if (existing == null) {
      existing = nonBlank(configured.apply("otel.exporter.otlp.headers"));
    }
    StringBuilder headers = new StringBuilder();
    if (existing != null) {
      for (String entry : existing.split(",")) {
        String key = entry.split("=", 2)[0].trim();
        if (key.isEmpty()
            || key.equalsIgnoreCase(SDK_VERSION_HEADER)
            || (apiKey != null && key.equalsIgnoreCase("authorization"))) {
          continue;
        }
        headers.append(entry.trim()).append(',');
      }
    }
    headers.append(SDK_VERSION_HEADER).append('=').append(encode(TrackVersion.get()));
    if (apiKey != null) {
      headers.append(",Authorization=").append(encode("Bearer " + apiKey));
    }
    return headers.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<String> names(String commaSeparated) {
    List<String> names = new ArrayList<>();
    for (String name : commaSeparated.split(",")) {
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private static TrackingConfig.Mode mode(Function<String, String> environment) {
    String value = nonBlank(environment.apply(MODE));
    if (value == null) {
      return TrackingConfig.Mode.AUTO;
    }
    for (TrackingConfig.Mode mode : TrackingConfig.Mode.values()) {
      if (mode.name().equalsIgnoreCase(value)) {
        return mode;
      }
    }
    TrackingLog.LOG.log(
        Level.WARNING,
        MODE + "=" + value + " is none of auto, create, attach, disabled; using auto");
    return TrackingConfig.Mode.AUTO;
  }

  /**
   * {@code BUD_OTEL_CAPTURE_CONTENT}, when set, switches content capture ({@link
   * Tracking#setCaptureContent}): {@code false}, {@code 0} or {@code no} (any case) off, {@code
   * true}, {@code 1} or {@code yes} on; unset, the switch stays as the application set it.
   */
  static void applyCaptureContent(Function<String, String> environment) {
    String value = nonBlank(environment.apply(CAPTURE_CONTENT));
    if (value == null) {
      return;
    }
    if (value.equalsIgnoreCase("false") || value.equals("0") || value.equalsIgnoreCase("no")) {
      Tracking.setCaptureContent(false);
    } else if (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes")) {
      Tracking.setCaptureContent(true);
    } else {
      TrackingLog.LOG.log(
          Level.WARNING,
          CAPTURE_CONTENT + "=" + value + " is neither true nor false; content capture"
              + " stays " + (Tracking.captureContent() ? "on" : "off"));
    }
  }

  private static boolean isEnabled(Function<String, String> environment) {
    String value = nonBlank(environment.apply(ENABLED));
    if (value == null) {
      return true;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "false":
      case "0":
      case "no":
        return false;
      case "true":
      case "1":
      case "yes":
        return true;
      default:
        TrackingLog.LOG.log(
            Level.WARNING,
            ENABLED + "=" + value + " is none of true/1/yes, false/0/no; tracing stays enabled");
        return true;
    }
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
        .append(
            "Or run under the OpenTelemetry Java agent (attach needs neither), or build an SDK"
                + " yourself and call Tracking.configure(OpenTelemetry).")
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
