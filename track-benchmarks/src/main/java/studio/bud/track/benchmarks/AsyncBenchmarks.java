package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * An already completed {@link java.util.concurrent.CompletableFuture}: the span is ended by the
 * completion callback, which runs at once.
 */
public class AsyncBenchmarks {

  /** The implementation, called directly. */
  @Benchmark
  public String direct(TracingOn on, Arguments args) {
    return on.direct.askAsync(args.question).getNow(null);
  }

  /** The generated wrapper, tracing on. */
  @Benchmark
  public String wrapperOn(TracingOn on, Arguments args) {
    return on.wrapper.askAsync(args.question).getNow(null);
  }

  /** Hand-written {@code whenComplete} doing the same work. */
  @Benchmark
  public String handSdk(TracingOn on, Arguments args) {
    return on.hand.askAsync(args.question).getNow(null);
  }
}
