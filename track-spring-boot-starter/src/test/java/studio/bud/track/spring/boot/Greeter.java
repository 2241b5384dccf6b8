package studio.bud.track.spring.boot;

import studio.bud.track.Track;

/** A tracked interface that is not public: its generated wrapper is not public either. */
interface Greeter {

  @Track
  String greet(String name);
}
