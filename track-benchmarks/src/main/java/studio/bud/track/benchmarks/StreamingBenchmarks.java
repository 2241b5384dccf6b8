package studio.bud.track.benchmarks;

import java.util.Iterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Streaming results: {@value LocalAssistant#TOKEN_COUNT} tokens consumed through an
 * {@link Iterator} and a {@link java.util.stream.Stream}, traced and raw. Scores are per token
 * ({@link OperationsPerInvocation}), so traced minus raw is the extra cost per element, with the
 * call's own span spread over the elements.
 */
@OperationsPerInvocation(LocalAssistant.TOKEN_COUNT)
public class StreamingBenchmarks {

  /** The implementation's iterator. */
  @Benchmark
  public long iteratorRaw(TracingOn on, Arguments args) {
    return consume(on.direct.tokens(args.question));
  }

  /** The generated wrapper's iterator, tracing on. */
  @Benchmark
  public long iteratorTraced(TracingOn on, Arguments args) {
    return consume(on.wrapper.tokens(args.question));
  }

  /** The implementation's stream. */
  @Benchmark
  public long streamRaw(TracingOn on, Arguments args) {
    return on.direct.streamTokens(args.question).mapToLong(String::length).sum();
  }

  /** The generated wrapper's stream, tracing on. */
  @Benchmark
  public long streamTraced(TracingOn on, Arguments args) {
    return on.wrapper.streamTokens(args.question).mapToLong(String::length).sum();
  }

  private static long consume(Iterator<String> tokens) {
    long characters = 0;
    while (tokens.hasNext()) {
      characters += tokens.next().length();
    }
    return characters;
  }
}
