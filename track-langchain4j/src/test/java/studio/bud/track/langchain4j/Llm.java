package studio.bud.track.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import studio.bud.track.Track;

/** A tracked step that returns a model's ChatResponse as it is. */
public interface Llm {

  @Track(type = "llm")
  ChatResponse complete(String prompt);
}
