package studio.bud.track.examples;

import studio.bud.track.Track;

/** A LangChain4j AiServices assistant whose calls are traced too. */
public interface WeatherAssistant {

  @Track(type = "chain")
  String chat(String message);
}
