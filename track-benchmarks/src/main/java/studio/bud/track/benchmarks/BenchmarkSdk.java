package studio.bud.track.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.logging.Level;
import java.util.logging.Logger;
import studio.bud.track.benchmarks.agentextension.DiscardingSpanExporter;

/**
 * The OpenTelemetry SDK every traced comparison records into: default sampler (parent-based always on), default
 * limits, a {@link BatchSpanProcessor} with its default queue and batch sizes, and an exporter that
 * discards. Always with a processor: an SDK without one may skip recording altogether. The agent
 * comparison gets the same pipeline through the agent's autoconfiguration.
 */
final class BenchmarkSdk {

  /**
   * Held so that the level below sticks (java.util.logging keeps loggers weakly). When spans are
   * made faster than its worker exports them, the processor drops the excess and logs a warning
   * at every export; formatting and printing those warnings would be measured along with the
   * spans, on a machine with only two cores.
   */
  private static final Logger BATCH_PROCESSOR_LOG = Logger.getLogger(BatchSpanProcessor.class.getName());

  private BenchmarkSdk() {}

  /** The SDK of the recorded comparisons: every span sampled. */
  static OpenTelemetrySdk create() {
    OpenTelemetrySdk sdk = create(Sampler.parentBased(Sampler.alwaysOn()));
    Span probe = sdk.getTracer("bud").spanBuilder("probe").startSpan();
    boolean recording = probe.isRecording();
    probe.end();
    if (!recording) {
      sdk.close();
      throw new IllegalStateException("the benchmark SDK does not record spans");
    }
    return sdk;
  }

  /** The same pipeline with {@code sampler}. */
  static OpenTelemetrySdk create(Sampler sampler) {
    BATCH_PROCESSOR_LOG.setLevel(Level.OFF);
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .setSampler(sampler)
                .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build())
                .build())
        .build();
  }
}
