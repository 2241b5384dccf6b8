package studio.bud.track.benchmarks;

import studio.bud.track.Track;

/**
 * The {@code @Track.Attribute} comparison: one typed attribute from an argument, traced by the
 * generated {@code TracedModelAssistant} and by {@link HandAttributeAssistant}.
 */
public interface ModelAssistant {

  @Track(type = "llm")
  String chat(@Track.Attribute("gen_ai.request.model") String model, String question);
}
