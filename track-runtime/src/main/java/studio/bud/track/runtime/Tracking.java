package studio.bud.track.runtime;

import io.opentelemetry.api.OpenTelemetry;
import java.lang.System.Logger.Level;
import java.util.function.Function;
import studio.bud.track.runtime.internal.Content;
import studio.bud.track.runtime.internal.TrackingState;

/**
 * Turns tracing of {@code @Track} methods on and off for the whole process.
 *
 * <p>Until one of the {@code configure} methods succeeds, every generated {@code Traced*} wrapper
 * forwards straight to its delegate: no span, no capture, no allocation. None of these methods
 * throws; a failure is logged (through {@link System.Logger}, name {@code studio.bud.track}) and
 * tracing stays off.
 *
 * <pre>{@code
 * Tracking.configure(openTelemetrySdk);   // or Tracking.configure(): from the environment
 * try {
 *   ... calls through TracedX.wrap(impl) become spans ...
 * } finally {
 *   Tracking.shutdown();
 * }
 * }</pre>
 */
public final class Tracking {

  private Tracking() {}

  /**
   * Traces with {@code openTelemetry}: an SDK the application built, or the instance an agent
   * installed ({@code GlobalOpenTelemetry.get()}). The application keeps ownership:
   * {@link #shutdown()} will not close it.
   */
  public static void configure(OpenTelemetry openTelemetry) {
    if (openTelemetry == null) {
      TrackingLog.LOG.log(
          Level.ERROR, "Tracking.configure(null): no OpenTelemetry given; tracing stays off");
      return;
    }
    install(new TrackingState.Active(openTelemetry, null));
  }

  /**
   * Configures tracing from the environment, as the Python SDK's {@code
   * bud.observability.configure()} does, so that one set of variables configures a Python and a
   * Java service alike:
   *
   * <ul>
   *   <li>{@code BUD_BASE_URL}: traces go with OTLP over HTTP/protobuf, gzip, to {@code
   *       <BUD_BASE_URL>/v1/traces};
   *   <li>{@code BUD_API_KEY}: sent as {@code Authorization: Bearer <key>}; every export also
   *       carries {@code X-Bud-SDK-Version: <track version>};
   *   <li>{@code BUD_OTEL_SERVICE_NAME}, else {@code OTEL_SERVICE_NAME}, else {@code
   *       bud-sdk-client}: the {@code service.name};
   *   <li>{@code BUD_OTEL_ENABLED=false} ({@code 0}, {@code no}, any case): configured, but no
   *       spans;
   *   <li>{@code BUD_OTEL_MODE}: {@code auto} (the default) traces with the OpenTelemetry that is
   *       installed globally (the Java agent's, or one set with {@code GlobalOpenTelemetry.set})
   *       when there is one, and builds an SDK otherwise; {@code attach} and {@code create} do only
   *       one of those; {@code disabled} is {@code BUD_OTEL_ENABLED=false};
   *   <li>the standard {@code OTEL_*} variables for everything else.
   * </ul>
   *
   * <p>Building an SDK needs {@code io.opentelemetry:opentelemetry-sdk-extension-autoconfigure} and
   * {@code io.opentelemetry:opentelemetry-exporter-otlp} on the class path; without them it logs
   * which artifacts to add and tracing stays off (attaching needs neither). {@link #shutdown()}
   * flushes and closes an SDK built here, never an attached one. The README's "Configuration from
   * the environment" section has the details.
   */
  public static void configure() {
    configure(TrackingConfig.builder().build(), System::getenv);
  }

  /**
   * {@link #configure()} with settings given in code; each setting left out of {@code config}
   * falls back to its environment variable, as the Python SDK's keyword arguments do. A {@code
   * null} config is the same as {@link #configure()}.
   */
  public static void configure(TrackingConfig config) {
    configure(config == null ? TrackingConfig.builder().build() : config, System::getenv);
  }

  /** {@link #configure()} reading environment variables through {@code environment}; for tests. */
  static void configure(Function<String, String> environment) {
    configure(TrackingConfig.builder().build(), environment);
  }

  /** {@link #configure(TrackingConfig)}, reading the environment through {@code environment}. */
  static void configure(TrackingConfig config, Function<String, String> environment) {
    if (TrackingState.isOn()) {
      warnAlreadyConfigured();
      return;
    }
    TrackingState.Active built;
    try {
      built =
          EnvironmentConfiguration.build(
              EnvironmentConfiguration.withSettings(config, environment));
    } catch (RuntimeException | LinkageError e) {
      TrackingLog.LOG.log(Level.ERROR, "Tracking.configure() failed; tracing stays off", e);
      return;
    }
    if (built != null && !TrackingState.install(built)) {
      warnAlreadyConfigured();
      closeQuietly(built);
    }
  }

  /**
   * The traced view of {@code delegate}: {@code Traced<I>.wrap(delegate)}, for code that knows the
   * interface only as a {@code Class} (Spring, CDI, a user's own wiring). The wrapper is found by
   * the processor's naming rule ({@code Traced<I>} in {@code I}'s package; {@code
   * TracedOuter_Inner} for a nested {@code Outer.Inner}) in {@code type}'s class loader, once per
   * interface; later calls only invoke a cached method handle. Works whether tracing is configured
   * or not (the wrapper checks at each call).
   *
   * <p>For a generic interface {@code type} is the raw class ({@code Repository.class}), so the
   * result is the raw type; frameworks that hold a {@code Class<?>} are not affected, and code that
   * knows the type arguments calls {@code TracedRepository.wrap(delegate)} directly.
   *
   * @throws NullPointerException if {@code type} or {@code delegate} is {@code null}
   * @throws IllegalArgumentException if {@code type} is not an interface with a generated wrapper
   *     (the message names it), or the wrapper is not accessible
   */
  public static <I> I wrap(Class<I> type, I delegate) {
    return WrapperLookup.wrap(type, delegate);
  }

  /**
   * Flushes and closes what {@link #configure()} built (never an instance the application handed
   * to {@link #configure(OpenTelemetry)}) and turns tracing off. Safe to call at any time.
   */
  public static void shutdown() {
    TrackingState.Active previous = TrackingState.clear();
    if (previous != null) {
      closeQuietly(previous);
    }
  }

  /** Whether calls through generated wrappers are traced now. */
  public static boolean isConfigured() {
    return TrackingState.isOn();
  }

  /**
   * The longest attribute value recorded (default 1000), in Unicode code points as Python's {@code
   * len} counts them; longer renderings are cut and end in {@code ...}.
   */
  public static int maxAttributeLength() {
    return TrackingState.maxAttributeLength();
  }

  /** Sets {@link #maxAttributeLength()}; values below 4 are raised to 4. Takes effect on the next call. */
  public static void setMaxAttributeLength(int length) {
    TrackingState.setMaxAttributeLength(length);
  }

  /**
   * The longest {@code exception.stacktrace} of an {@code exception} event (default 16,384), in
   * Unicode code points; a longer trace is cut and ends in {@code ...}, and rendering stops there.
   */
  public static int maxStackTraceLength() {
    return TrackingState.maxStackTraceLength();
  }

  /** Sets {@link #maxStackTraceLength()}; values below 4 are raised to 4. Takes effect on the next call. */
  public static void setMaxStackTraceLength(int length) {
    TrackingState.setMaxStackTraceLength(length);
  }

  /**
   * Whether inputs and outputs are recorded (default {@code true}); see {@link
   * #setCaptureContent(boolean)}.
   */
  public static boolean captureContent() {
    return Content.captures();
  }

  /**
   * Switches the recording of content on or off for the whole process, whatever the annotations
   * say. Off, no {@code bud.track.input.*}, {@code bud.track.output*} or streamed output is set,
   * and a failed call's {@code exception} event carries {@code exception.type} only, with the
   * status description reduced to the exception's simple class name (a message can hold content
   * as easily as an argument). Everything else stays: spans, names, kinds, {@code bud.track.type},
   * static attributes, {@code @Track.Attribute} values, counts and statuses. The OpenTelemetry
   * GenAI conventions ask for such a switch, since prompts and answers can hold personal data.
   *
   * <p>{@link #configure()} sets it from {@code BUD_OTEL_CAPTURE_CONTENT} when that is set
   * ({@code false}, {@code 0} or {@code no}, any case, switch it off), and {@link
   * #configure(TrackingConfig)} from {@code TrackingConfig.captureContent} (else that variable).
   * Takes effect on the next recorded value; {@link #shutdown()} leaves it as it is.
   */
  public static void setCaptureContent(boolean capture) {
    Content.setCapture(capture);
  }

  /**
   * Installs {@code masker} for the whole process, applied to every rendered input and output
   * before it is set (to blank e-mail addresses or API keys); {@code null} removes it. A masker
   * that returns {@code null} leaves that attribute out; one that throws leaves it out too, and the
   * failure is logged like any failure inside tracing, never thrown to the caller. Unset, it costs
   * nothing. {@link #shutdown()} leaves it installed.
   */
  public static void setMasker(Masker masker) {
    Content.setMasker(masker);
  }

  private static void install(TrackingState.Active next) {
    if (!TrackingState.install(next)) {
      warnAlreadyConfigured();
    }
  }

  private static void warnAlreadyConfigured() {
    TrackingLog.LOG.log(
        Level.WARNING,
        "Tracking is already configured; this configure call changes nothing."
            + " Call Tracking.shutdown() first to configure again.");
  }

  private static void closeQuietly(TrackingState.Active active) {
    AutoCloseable owned = active.owned();
    if (owned == null) {
      return;
    }
    try {
      owned.close();
    } catch (Exception | LinkageError e) {
      TrackingLog.LOG.log(
          Level.WARNING, "Tracking.shutdown(): closing the OpenTelemetry SDK failed", e);
    }
  }
}
