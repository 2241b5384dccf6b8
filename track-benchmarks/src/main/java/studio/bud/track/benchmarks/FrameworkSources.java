package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The framework results of the adapter comparisons: the implementation and its generated wrapper.
 * Tracing itself comes from {@link TracingOn}, which the benchmarks take too.
 */
@State(Scope.Benchmark)
public class FrameworkSources {

  /** The implementation, not wrapped: the baseline. */
  public final FrameworkAssistant direct = new LocalFrameworkAssistant();

  /** {@code TracedFrameworkAssistant}; traced while {@link TracingOn} has tracing configured. */
  public final FrameworkAssistant wrapper = TracedFrameworkAssistant.wrap(direct);
}
