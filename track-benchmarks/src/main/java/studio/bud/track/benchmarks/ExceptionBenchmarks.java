package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * A call that throws: the generated wrapper records the exception and rethrows it, as does the
 * hand-written {@code recordException}. The direct call shows what throwing itself costs.
 */
public class ExceptionBenchmarks {

  /** The implementation, called directly. */
  @Benchmark
  public Throwable direct(TracingOn on, Arguments args) {
    return thrownBy(on.direct, args);
  }

  /** The generated wrapper, tracing on. */
  @Benchmark
  public Throwable wrapperOn(TracingOn on, Arguments args) {
    return thrownBy(on.wrapper, args);
  }

  /** Hand-written {@code recordException}, status and end. */
  @Benchmark
  public Throwable handSdk(TracingOn on, Arguments args) {
    return thrownBy(on.hand, args);
  }

  private static Throwable thrownBy(Assistant assistant, Arguments args) {
    try {
      assistant.refuse(args.question);
    } catch (IllegalArgumentException expected) {
      return expected;
    }
    throw new AssertionError("refuse returned");
  }
}
