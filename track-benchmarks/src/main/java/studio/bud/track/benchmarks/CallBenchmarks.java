package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * Comparisons 1 to 6 on {@link Assistant#ask}: one call, same arguments, same implementation.
 * Comparison 7, the agent, is {@link AgentBenchmarks}, which needs a JVM of its own.
 */
public class CallBenchmarks {

  /** 1. The implementation, called directly. */
  @Benchmark
  public String direct(TracingOff off, Arguments args) {
    return off.direct.ask(args.question, args.maxTokens);
  }

  /** The control for 2: a decorator that only forwards. */
  @Benchmark
  public String forwarding(TracingOff off, Arguments args) {
    return off.forwarding.ask(args.question, args.maxTokens);
  }

  /** 2. The generated wrapper, tracing off. */
  @Benchmark
  public String wrapperOff(TracingOff off, Arguments args) {
    return off.wrapper.ask(args.question, args.maxTokens);
  }

  /** 3. Hand-written OpenTelemetry code on the no-op {@code OpenTelemetry}. */
  @Benchmark
  public String handNoop(TracingOff off, Arguments args) {
    return off.handNoop.ask(args.question, args.maxTokens);
  }

  /** 4. The {@code java.lang.reflect.Proxy} wrapper, tracing off. */
  @Benchmark
  public String proxyOff(TracingOff off, Arguments args) {
    return off.proxy.ask(args.question, args.maxTokens);
  }

  /** 4. The {@code java.lang.reflect.Proxy} wrapper, tracing on. */
  @Benchmark
  public String proxyOn(TracingOn on, Arguments args) {
    return on.proxy.ask(args.question, args.maxTokens);
  }

  /** 5. The generated wrapper, tracing on. */
  @Benchmark
  public String wrapperOn(TracingOn on, Arguments args) {
    return on.wrapper.ask(args.question, args.maxTokens);
  }

  /** 6. Hand-written OpenTelemetry code doing the same work as 5, into the same SDK. */
  @Benchmark
  public String handSdk(TracingOn on, Arguments args) {
    return on.hand.ask(args.question, args.maxTokens);
  }
}
