package studio.bud.track.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.Tracking;

/**
 * A real framework reading annotations off a wrapper (SPEC section 3): a LangChain4j {@code
 * AiServices} assistant whose tool is {@code TracedWeather.wrap(impl)}, against an
 * OpenAI-compatible server on loopback that first asks for the tool, then answers. Without the
 * copied {@code @Tool}, {@code AiServices} rejects the wrapper ("does not have any methods
 * annotated with @Tool").
 */
class LangChain4jToolTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private FakeChatServer server;

  @BeforeEach
  void start() throws Exception {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    Tracking.configure(sdk);
    server = new FakeChatServer();
    server.respondWith(LangChain4jToolTest::toolThenAnswer);
  }

  @AfterEach
  void stop() {
    server.close();
    Tracking.shutdown();
    sdk.close();
  }

  /**
   * The first request gets a call of the tool, with the argument named as the request's tool
   * schema names the parameter; the second, which carries the tool's result, gets the answer.
   */
  private static FakeChatServer.Response toolThenAnswer(FakeChatServer.Request request) {
    Object json = request.json();
    @SuppressWarnings("unchecked")
    List<Object> messages = (List<Object>) Json.at(json, "messages");
    Object last = messages.get(messages.size() - 1);
    if ("tool".equals(Json.at(last, "role"))) {
      return FakeChatServer.completion("It is " + Json.at(last, "content") + " in Paris.");
    }
    String parameter = toolParameter(request);
    String arguments = "{" + Json.quote(parameter) + ":\"Paris\"}";
    return new FakeChatServer.Response(
        200,
        "application/json",
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"fake\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
            + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
            + "{\"name\":\"weather\",\"arguments\":"
            + Json.quote(arguments)
            + "}}]},\"finish_reason\":\"tool_calls\"}]}");
  }

  /** The name the request's tool schema gives the tool's one parameter. */
  private static String toolParameter(FakeChatServer.Request request) {
    Map<?, ?> properties =
        (Map<?, ?>) Json.at(request.json(), "tools", 0, "function", "parameters", "properties");
    return (String) properties.keySet().iterator().next();
  }

  @Test
  void toolImplementedByAWrapperRunsAsAChildOfTheAssistantSpan() {
    Weather sunny = city -> "sunny";
    WeatherAssistant assistant =
        TracedWeatherAssistant.wrap(
            AiServices.builder(WeatherAssistant.class)
                .chatModel(
                    OpenAiChatModel.builder()
                        .baseUrl(server.baseUrl() + "/v1")
                        .apiKey("test-key")
                        .modelName("fake")
                        .build())
                .tools(TracedWeather.wrap(sunny))
                .build());

    String answer = assistant.chat("What is the weather in Paris?");

    assertThat(answer).isEqualTo("It is sunny in Paris.");
    assertThat(server.requests()).hasSize(2);
    FakeChatServer.Request first = server.requests().get(0);
    assertThat(Json.at(first.json(), "tools", 0, "function", "name")).isEqualTo("weather");
    assertThat(Json.at(first.json(), "tools", 0, "function", "description"))
        .as("from the @Tool copied onto the wrapper")
        .isEqualTo("Tells the current weather in a city");
    assertThat(
            Json.at(
                first.json(),
                "tools", 0, "function", "parameters", "properties", toolParameter(first),
                "description"))
        .as("from the @P copied onto the wrapper's parameter")
        .isEqualTo("the city");
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).extracting(SpanData::getName)
        .containsExactly("Weather.weather", "WeatherAssistant.chat");
    SpanData tool = spans.get(0);
    SpanData chat = spans.get(1);
    assertThat(tool.getParentSpanId()).isEqualTo(chat.getSpanId());
    assertThat(tool.getTraceId()).isEqualTo(chat.getTraceId());
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("bud.track.type"))).isEqualTo("tool");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("bud.track.input.city")))
        .isEqualTo("\"Paris\"");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("bud.track.output")))
        .isEqualTo("\"sunny\"");
    assertThat(chat.getAttributes().get(AttributeKey.stringKey("bud.track.output")))
        .isEqualTo("\"It is sunny in Paris.\"");
  }
}
