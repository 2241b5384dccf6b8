package studio.bud.track.langchain4j;

import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import studio.bud.track.Track;

/** An AI service interface, tracked: AiServices implements it, the processor wraps it. */
public interface Assistant {

  @Track(type = "llm")
  Result<String> ask(String question);

  @Track(type = "llm")
  TokenStream stream(String question);

  /** A plain String: no adapter, as before. */
  @Track(type = "llm")
  String chat(String message);
}
