package studio.bud.track.benchmarks;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import studio.bud.track.runtime.Tracking;

/**
 * Tracing is configured with the {@link BenchmarkSdk} (a {@code BatchSpanProcessor} and an exporter
 * that discards); the hand-written code records into the same SDK.
 */
@State(Scope.Benchmark)
public class TracingOn {

  /** The implementation, not wrapped: the baseline of the streaming and async comparisons. */
  public Assistant direct;

  /** Comparison 5: {@code TracedAssistant} with tracing on. */
  public Assistant wrapper;

  /** Comparison 6: hand-written OpenTelemetry code doing the same work. */
  public Assistant hand;

  /** Comparison 4, on. */
  public Assistant proxy;

  private OpenTelemetrySdk sdk;

  @Setup(Level.Trial)
  public void setUp() {
    sdk = BenchmarkSdk.create();
    Tracking.configure(sdk);
    if (!Tracking.isConfigured()) {
      throw new IllegalStateException("Tracking.configure did not turn tracing on");
    }
    LocalAssistant local = new LocalAssistant();
    direct = local;
    wrapper = TracedAssistant.wrap(local);
    hand = new HandTracedAssistant(local, sdk);
    proxy = ProxyTracing.wrap(local);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Tracking.shutdown();
    sdk.close();
  }
}
