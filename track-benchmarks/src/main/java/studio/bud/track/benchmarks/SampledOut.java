package studio.bud.track.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import studio.bud.track.runtime.Tracking;

/**
 * Tracing is configured with the {@link BenchmarkSdk} pipeline under the sampler production runs
 * with, {@code parentBased(traceIdRatioBased(0.01))}: 99 calls in 100 start a span that is not
 * recorded. The hand-written code records into the same SDK.
 */
@State(Scope.Benchmark)
public class SampledOut {

  /** The fraction of root spans sampled. */
  static final double RATIO = 0.01;

  /** {@code TracedAssistant} under the sampler. */
  public Assistant wrapper;

  /** Hand-written OpenTelemetry code under the same sampler. */
  public Assistant hand;

  private OpenTelemetrySdk sdk;

  @Setup(Level.Trial)
  public void setUp() {
    sdk = BenchmarkSdk.create(Sampler.parentBased(Sampler.traceIdRatioBased(RATIO)));
    int recorded = 0;
    for (int i = 0; i < 10_000; i++) {
      Span probe = sdk.getTracer("bud").spanBuilder("probe").startSpan();
      recorded += probe.isRecording() ? 1 : 0;
      probe.end();
    }
    // 100 expected; far outside [30, 300] means the sampler is not the one meant.
    if (recorded < 30 || recorded > 300) {
      throw new IllegalStateException(recorded + " of 10000 probe spans were sampled, not about 100");
    }
    Tracking.configure(sdk);
    LocalAssistant local = new LocalAssistant();
    wrapper = TracedAssistant.wrap(local);
    hand = new HandTracedAssistant(local, sdk);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Tracking.shutdown();
    sdk.close();
  }
}
