package studio.bud.track.benchmarks;

import dev.langchain4j.service.TokenStream;
import reactor.core.publisher.Flux;
import studio.bud.track.Track;

/**
 * The adapter comparisons: {@value LocalAssistant#TOKEN_COUNT} tokens as a Reactor {@link Flux}
 * (track-reactor) and as a LangChain4j {@link TokenStream} (track-langchain4j).
 */
public interface FrameworkAssistant {

  @Track
  Flux<String> fluxTokens(String prompt);

  @Track
  TokenStream tokenStream(String prompt);
}
