package studio.bud.track.examples;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import studio.bud.track.Track;

/** A LangChain4j tool, traced: LangChain4j finds {@code @Tool} and {@code @P} on the wrapper. */
public interface Weather {

  @Tool("Tells the current weather in a city")
  @Track(type = "tool")
  String weather(@P("the city") String city);
}
