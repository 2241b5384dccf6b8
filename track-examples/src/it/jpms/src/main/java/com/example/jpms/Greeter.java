package com.example.jpms;

import studio.bud.track.Track;

/** Greets people; TracedGreeter is generated into this module. */
public interface Greeter {

  @Track(type = "tool")
  String greet(String name);
}
