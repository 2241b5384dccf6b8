package studio.bud.track.benchmarks;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import studio.bud.track.Track;

/**
 * The interface every comparison calls: a small LLM-style assistant, traced by the generated
 * {@code TracedAssistant}, by {@link HandTracedAssistant}, by {@link ProxyTracing} and, under the
 * Java agent, by {@link WithSpanAssistant}'s annotations.
 */
public interface Assistant {

  /** The main comparison: two inputs, a type, a static attribute and a string output. */
  @Track(type = "llm", attributes = "provider=bench")
  String ask(String question, int maxTokens);

  /** The argument-length comparison: strings of any length and a ten-million-element list. */
  @Track
  int measure(Object input);

  /** Always throws {@link IllegalArgumentException}: the thrown-exception comparison. */
  @Track
  String refuse(String question);

  /** Returns an already completed future. */
  @Track
  CompletableFuture<String> askAsync(String question);

  /** Streams {@value LocalAssistant#TOKEN_COUNT} tokens. */
  @Track
  Iterator<String> tokens(String prompt);

  /** The same tokens as a {@link Stream}. */
  @Track
  Stream<String> streamTokens(String prompt);
}
