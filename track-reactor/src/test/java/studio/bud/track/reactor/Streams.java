package studio.bud.track.reactor;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import studio.bud.track.Track;

/** A tracked interface with Reactor results, compiled through the real processor. */
public interface Streams {

  @Track(type = "llm")
  Flux<String> tokens(String prompt);

  @Track
  Flux<Integer> numbers(int count);

  @Track(type = "llm")
  Mono<String> answer(String question);

  @Track
  Mono<Void> flush();
}
