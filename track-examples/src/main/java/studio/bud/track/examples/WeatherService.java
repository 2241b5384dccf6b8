package studio.bud.track.examples;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import studio.bud.track.Track;

/** The LangChain4j example's weather service: what the model's tool call runs, traced. */
public interface WeatherService {

  @Track(type = "tool")
  String forecast(String city);

  /** The tool object LangChain4j is given: one {@code @Tool} method calling the traced service. */
  final class Tools {
    private final WeatherService weather;

    Tools(WeatherService weather) {
      this.weather = weather;
    }

    @Tool("The weather forecast for a city")
    public String forecast(@P(name = "city", value = "the city") String city) {
      return weather.forecast(city);
    }
  }
}
