package studio.bud.track.spring.boot;

import studio.bud.track.Track;

/** A tracked interface, compiled through the real processor into {@code TracedAssistant}. */
public interface Assistant {

  @Track
  String ask(String question);
}
