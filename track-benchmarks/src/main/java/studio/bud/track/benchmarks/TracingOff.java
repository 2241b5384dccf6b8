package studio.bud.track.benchmarks;

import io.opentelemetry.api.OpenTelemetry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import studio.bud.track.runtime.Tracking;

/**
 * Tracing is not configured: the implementation, the generated wrapper, the hand-written code on
 * the no-op {@link OpenTelemetry} and the proxy, all around the same {@link LocalAssistant}.
 */
@State(Scope.Benchmark)
public class TracingOff {

  /** Comparison 1: no wrapper. */
  public Assistant direct;

  /** The control: a decorator that only forwards, as any wrapper must. */
  public Assistant forwarding;

  /** Comparison 2: {@code TracedAssistant} with tracing off. */
  public Assistant wrapper;

  /** Comparison 3: hand-written OpenTelemetry code on {@link OpenTelemetry#noop()}. */
  public Assistant handNoop;

  /** Comparison 4, off. */
  public Assistant proxy;

  @Setup(Level.Trial)
  public void setUp() {
    Tracking.shutdown();
    LocalAssistant local = new LocalAssistant();
    direct = local;
    forwarding = new ForwardingAssistant(local);
    wrapper = TracedAssistant.wrap(local);
    handNoop = new HandTracedAssistant(local, OpenTelemetry.noop());
    proxy = ProxyTracing.wrap(local);
  }
}
