package studio.bud.track.processor.hostile;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import studio.bud.track.runtime.Tracking;

/**
 * A real OpenTelemetry SDK whose spans a {@link SpanLedger} books, configured into {@link
 * Tracking} for the life of this object.
 */
final class Sdk implements AutoCloseable {

  final SpanLedger ledger;
  final OpenTelemetrySdk openTelemetry;

  private Sdk(boolean keepData, SpanProcessor... more) {
    ledger = new SpanLedger(keepData);
    SdkTracerProviderBuilder provider = SdkTracerProvider.builder().addSpanProcessor(ledger);
    for (SpanProcessor processor : more) {
      provider.addSpanProcessor(processor);
    }
    openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(provider.build()).build();
  }

  /** An SDK keeping every finished span's data, configured into {@link Tracking}. */
  static Sdk configured(SpanProcessor... more) {
    return configured(true, more);
  }

  static Sdk configured(boolean keepData, SpanProcessor... more) {
    Tracking.shutdown();
    Sdk sdk = new Sdk(keepData, more);
    Tracking.configure(sdk.openTelemetry);
    if (!Tracking.isConfigured()) {
      throw new AssertionError("Tracking.configure did not take the SDK");
    }
    return sdk;
  }

  @Override
  public void close() {
    Tracking.shutdown();
    openTelemetry.close();
  }
}
