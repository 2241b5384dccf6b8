package studio.bud.track.runtime;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import studio.bud.track.runtime.internal.TrackingState;

/**
 * The only class of the runtime that links to the optional SDK artifacts ({@code
 * opentelemetry-sdk-extension-autoconfigure} and, through it, the SDK). {@link
 * EnvironmentConfiguration} loads it only after checking that they are on the class path, so an
 * application without them never sees a {@link NoClassDefFoundError}. Its own signatures use JDK
 * and runtime types only.
 */
final class AutoconfiguredSdk {

  /** How long {@link Tracking#shutdown()} waits for the last spans to be exported. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private AutoconfiguredSdk() {}

  /**
   * Builds an SDK with OpenTelemetry autoconfigure (which reads {@code OTEL_*} variables and {@code
   * otel.*} system properties itself) and returns it as a configuration that {@link
   * Tracking#shutdown()} flushes and closes. The SDK is not made global.
   *
   * @param overrides given a lookup of the {@code otel.*} properties autoconfigure has read,
   *     returns the properties that replace them
   */
  static TrackingState.Active build(
      Function<Function<String, String>, Map<String, String>> overrides) {
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesCustomizer(config -> overrides.apply(config::getString))
            // Our own hook instead, so that Tracking.shutdown() can remove it again.
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    OwnedSdk owned = new OwnedSdk(sdk);
    owned.flushOnExit();
    return new TrackingState.Active(sdk, owned);
  }

  /**
   * Flushes and shuts down the SDK once: on {@link #close()} ({@link Tracking#shutdown()}) or, if
   * the application never calls it, when the JVM exits.
   */
  private static final class OwnedSdk implements AutoCloseable {
    private final OpenTelemetrySdk sdk;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    OwnedSdk(OpenTelemetrySdk sdk) {
      this.sdk = sdk;
      this.shutdownHook = new Thread(this::flushAndShutDown, "track-opentelemetry-shutdown");
    }

    void flushOnExit() {
      try {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      } catch (IllegalStateException jvmExiting) {
        flushAndShutDown();
        throw jvmExiting;
      }
    }

    @Override
    public void close() {
      try {
        // Also drops the hook's reference to the SDK, so configure/shutdown cycles do not leak.
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException jvmExiting) {
        // The hook runs now, or already ran; flushAndShutDown() does the work only once.
      }
      flushAndShutDown();
    }

    private void flushAndShutDown() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
      // Export what is pending, then stop, both within one deadline.
      CompletableResultCode flushed =
          sdk.getSdkTracerProvider().forceFlush().join(remaining(deadline), TimeUnit.NANOSECONDS);
      CompletableResultCode shutDown =
          sdk.shutdown().join(remaining(deadline), TimeUnit.NANOSECONDS);
      if (!flushed.isSuccess() || !shutDown.isSuccess()) {
        TrackingLog.LOG.log(
            Level.WARNING,
            "Tracking.shutdown(): the OpenTelemetry SDK did not export and shut down cleanly within"
                + " "
                + CLOSE_TIMEOUT.toSeconds()
                + " s; some spans may be lost");
      }
    }

    private static long remaining(long deadline) {
      return Math.max(0, deadline - System.nanoTime());
    }
  }
}
