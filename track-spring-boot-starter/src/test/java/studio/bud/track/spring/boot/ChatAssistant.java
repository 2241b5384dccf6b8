package studio.bud.track.spring.boot;

import studio.bud.track.Track;

/** Extends a tracked interface: its traced view is an {@link Assistant} too. */
public interface ChatAssistant extends Assistant {

  @Track
  String chat(String message);
}
