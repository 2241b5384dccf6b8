package studio.bud.track.examples.spring;

import studio.bud.track.Track;

/** Answers questions; every call through the bean Spring injects becomes a span. */
public interface Assistant {

  @Track(type = "llm")
  String answer(String question);
}
