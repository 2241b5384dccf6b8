package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@link Assistant#ask} where production pays for it: under a 1% sampler ({@link SampledOut}),
 * against hand-written OpenTelemetry code under the same sampler and against tracing off. The
 * gc profiler's B/op shows whether track allocates anything of its own on a sampled-out call.
 */
public class SampledOutBenchmarks {

  /** The generated wrapper under the 1% sampler. */
  @Benchmark
  public String wrapper(SampledOut sampled, Arguments args) {
    return sampled.wrapper.ask(args.question, args.maxTokens);
  }

  /** Hand-written OpenTelemetry code under the same sampler. */
  @Benchmark
  public String hand(SampledOut sampled, Arguments args) {
    return sampled.hand.ask(args.question, args.maxTokens);
  }

  /** The generated wrapper with tracing off: the least a traced method costs. */
  @Benchmark
  public String off(TracingOff off, Arguments args) {
    return off.wrapper.ask(args.question, args.maxTokens);
  }
}
