package studio.bud.track.benchmarks;

import dev.langchain4j.service.TokenStream;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Iterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;

/**
 * Streaming results: {@value LocalAssistant#TOKEN_COUNT} tokens consumed through an
 * {@link Iterator}, a {@link java.util.stream.Stream}, a Reactor {@code Flux} (track-reactor) and
 * a LangChain4j {@code TokenStream} (track-langchain4j), traced and raw. Scores are per token
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

  /** The implementation's {@code Flux}. */
  @Benchmark
  public long fluxRaw(TracingOn on, FrameworkSources sources, Arguments args) {
    return sumLengths(sources.direct.fluxTokens(args.question));
  }

  /** The generated wrapper's {@code Flux}, followed by track-reactor, tracing on. */
  @Benchmark
  public long fluxTraced(TracingOn on, FrameworkSources sources, Arguments args) {
    return sumLengths(sources.wrapper.fluxTokens(args.question));
  }

  /** The implementation's {@code TokenStream}. */
  @Benchmark
  public long tokenStreamRaw(TracingOn on, FrameworkSources sources, Arguments args) {
    return consume(sources.direct.tokenStream(args.question));
  }

  /** The generated wrapper's {@code TokenStream}, followed by track-langchain4j, tracing on. */
  @Benchmark
  public long tokenStreamTraced(TracingOn on, FrameworkSources sources, Arguments args) {
    return consume(sources.wrapper.tokenStream(args.question));
  }

  /**
   * The floor under every traced kind: making a span's context current and closing the scope,
   * which SPEC section 4 asks for around every pull of the source ({@code hasNext} and {@code
   * next} each for an iterator, {@code tryAdvance} for a stream, every signal for a {@code Flux}
   * or {@code TokenStream}). Per switch: the loop makes {@value LocalAssistant#TOKEN_COUNT}.
   */
  @Benchmark
  public int contextSwitch(SpanContextState state) {
    int closed = 0;
    for (int i = 0; i < LocalAssistant.TOKEN_COUNT; i++) {
      Scope scope = state.context.makeCurrent();
      scope.close();
      closed++;
    }
    return closed;
  }

  /**
   * The implementation's iterator with the span made current by hand around every pull ({@code
   * hasNext} and {@code next}), as SPEC section 4 asks and nothing else: the floor under {@link
   * #iteratorTraced}, measured in place rather than in a loop of switches alone.
   */
  @Benchmark
  @SuppressWarnings("try") // the scope is only closed, as in the OpenTelemetry idiom
  public long iteratorScopedByHand(TracingOn on, SpanContextState state, Arguments args) {
    Iterator<String> tokens = on.direct.tokens(args.question);
    long characters = 0;
    while (true) {
      boolean more;
      try (Scope scope = state.context.makeCurrent()) {
        more = tokens.hasNext();
      }
      if (!more) {
        return characters;
      }
      String token;
      try (Scope scope = state.context.makeCurrent()) {
        token = tokens.next();
      }
      characters += token.length();
    }
  }

  /** A context holding a recording span of the benchmark SDK, as a traced stream makes current. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class SpanContextState {
    Context context;
    private OpenTelemetrySdk sdk;
    private Span span;

    @Setup(Level.Trial)
    public void setUp() {
      sdk = BenchmarkSdk.create();
      span = sdk.getTracer("contextSwitch").spanBuilder("stream").startSpan();
      context = Context.root().with(span);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      span.end();
      sdk.close();
    }
  }

  private static long sumLengths(Flux<String> tokens) {
    long[] characters = new long[1];
    tokens.subscribe(token -> characters[0] += token.length());
    return characters[0];
  }

  private static long consume(TokenStream tokens) {
    long[] characters = new long[1];
    tokens
        .onPartialResponse(token -> characters[0] += token.length())
        .onCompleteResponse(response -> characters[0]++)
        .onError(error -> characters[0] = -1)
        .start();
    return characters[0];
  }

  private static long consume(Iterator<String> tokens) {
    long characters = 0;
    while (tokens.hasNext()) {
      characters += tokens.next().length();
    }
    return characters;
  }
}
