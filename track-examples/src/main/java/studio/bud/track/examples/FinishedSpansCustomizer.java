package studio.bud.track.examples;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

/**
 * Plugs the example's span collector into the SDK that {@code Tracking.configure()} builds.
 *
 * <p>{@code Tracking.configure()} uses OpenTelemetry SDK autoconfigure, which finds this class
 * through {@code
 * META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider} on
 * the class path and lets it add a span processor. So the example still makes the one call a user
 * makes, and whatever the environment configures (an OTLP exporter through {@code
 * BUD_BASE_URL}, a sampler, resource attributes) works alongside the printed tree. Public with
 * a public no-argument constructor because {@link java.util.ServiceLoader} creates it.
 */
public final class FinishedSpansCustomizer implements AutoConfigurationCustomizerProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public FinishedSpansCustomizer() {}

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addTracerProviderCustomizer(
        (tracerProvider, config) -> tracerProvider.addSpanProcessor(FinishedSpans.INSTANCE));
  }
}
