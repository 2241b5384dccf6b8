package studio.bud.track.processor.wrap;

import studio.bud.track.Track;

/** A public top-level interface: its wrapper is {@code TracedGreeter}. */
public interface Greeter {
  @Track
  String greet(String name);
}
