package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A call that throws from {@link #frames} frames deep: the generated wrapper records the exception
 * (its {@code failed} step, whatever the runtime makes of it) and rethrows it, as the hand-written
 * code does with {@code span.recordException}. The direct call shows what the throw itself costs.
 *
 * <p>The exception is real, created and thrown by {@link LocalAssistant#refuse} at the bottom of
 * a real call chain, so its stack trace has exactly {@link #frames} elements: {@link DeepCall}
 * recurses as deep as it takes, measured once per trial through the very path it then measures.
 */
@State(Scope.Benchmark)
public class ExceptionBenchmarks {

  /** The stack depths measured: a typical service call, and a deep framework stack. */
  static final String[] FRAMES = {"50", "1000"};

  /** How many elements the thrown exception's stack trace has. */
  @Param({"50", "1000"})
  public int frames;

  private final DeepCall direct = new DeepCall();
  private final DeepCall wrapper = new DeepCall();
  private final DeepCall hand = new DeepCall();
  private final DeepCall materialized = new DeepCall();

  /** The implementation, called directly. */
  @Benchmark
  public Throwable direct(TracingOn on, Arguments args) {
    return direct.thrownBy(on.direct, args.question, frames);
  }

  /**
   * The implementation, called directly, then {@link Throwable#getStackTrace()}: the frames turned
   * into {@code StackTraceElement}s, which any event carrying the trace must pay for, all frames at
   * once however few it renders. With {@link #direct}, the floor under {@link #wrapperOn}.
   */
  @Benchmark
  public int directThenGetStackTrace(TracingOn on, Arguments args) {
    return materialized.thrownBy(on.direct, args.question, frames).getStackTrace().length;
  }

  /** The generated wrapper, tracing on. */
  @Benchmark
  public Throwable wrapperOn(TracingOn on, Arguments args) {
    return wrapper.thrownBy(on.wrapper, args.question, frames);
  }

  /** Hand-written {@code recordException}, status and end. */
  @Benchmark
  public Throwable handSdk(TracingOn on, Arguments args) {
    return hand.thrownBy(on.hand, args.question, frames);
  }
}
