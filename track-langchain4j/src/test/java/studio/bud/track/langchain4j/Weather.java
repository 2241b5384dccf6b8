package studio.bud.track.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import studio.bud.track.Track;

/** A tracked weather service that the model's tool calls. */
public interface Weather {

  @Track(type = "tool")
  String weather(String city);

  /** The implementation behind the generated wrapper. */
  final class Sunny implements Weather {
    @Override
    public String weather(String city) {
      return "sunny in " + city;
    }
  }

  /** The tool object LangChain4j gets: a {@code @Tool} method calling the traced service. */
  final class Tools {
    private final Weather weather;

    Tools(Weather weather) {
      this.weather = weather;
    }

    @Tool("The current weather in a city")
    public String weather(@P(name = "city", value = "the city") String city) {
      return weather.weather(city);
    }
  }
}
