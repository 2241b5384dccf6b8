package studio.bud.track.reactor;

import reactor.core.publisher.Mono;
import studio.bud.track.Track;

/** A tracked tool that subscribers call from their operators. */
public interface Tool {

  @Track(type = "tool")
  String lookup(String word);

  @Track(type = "tool")
  Mono<String> fetch(String word);
}
