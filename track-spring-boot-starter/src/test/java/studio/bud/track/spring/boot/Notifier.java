package studio.bud.track.spring.boot;

import studio.bud.track.Track;

/** A tracked interface whose implementation is made {@code @Async}, so Spring proxies it. */
public interface Notifier {

  @Track
  void send(String message);
}
