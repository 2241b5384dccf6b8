package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The arguments of the main comparison, read from fields (not constants) so that the JIT cannot
 * fold them into the call.
 */
@State(Scope.Benchmark)
public class Arguments {

  /** A short question: 30 characters, nothing to escape. */
  public String question = "What is the capital of France?";

  public int maxTokens = 64;

  /** The model name of the {@code @Track.Attribute} comparison. */
  public String model = "gpt-4o-mini";
}
