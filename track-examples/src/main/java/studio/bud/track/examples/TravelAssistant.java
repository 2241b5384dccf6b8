package studio.bud.track.examples;

import dev.langchain4j.service.TokenStream;
import studio.bud.track.Track;

/**
 * The LangChain4j example's assistant: an AI service interface. LangChain4j's {@code AiServices}
 * implements it; the processor generates {@code TracedTravelAssistant}, whose span for {@code
 * advise} stays open until the streamed answer is complete (track-langchain4j's adapter).
 */
public interface TravelAssistant {

  /** Answers {@code question} token by token, calling tools as the model asks. */
  @Track(type = "llm")
  TokenStream advise(String question);
}
