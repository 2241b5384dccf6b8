package studio.bud.track.examples;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import studio.bud.track.runtime.Tracking;

/**
 * The second example: a LangChain4j assistant with one tool and a streamed answer, traced with
 * track-langchain4j, and its span tree. It runs offline: LangChain4j's real OpenAI streaming model
 * talks to an OpenAI-compatible server in this process ({@link FakeChatServer} on loopback), which
 * first asks for the {@code forecast} tool and then streams an answer that uses it.
 *
 * <p>What it shows: the {@code TravelAssistant.advise} span stays open until the streamed answer is
 * complete, counts its tokens and records their text and the GenAI attributes of the final
 * response; the tool call, which LangChain4j runs on its HTTP thread between the model's two
 * responses, is a child of it.
 */
public final class LangChain4jExample {

  static final String QUESTION = "What should I pack for Lisbon tomorrow?";
  static final String CITY = "Lisbon";
  static final String FORECAST = "sunny, 24 C, light wind";
  static final List<String> ANSWER =
      List.of(
          "Tomorrow Lisbon is ",
          "sunny and 24 C: ",
          "pack light clothes, ",
          "sunglasses and a hat.");
  static final String MODEL = "gpt-offline-example";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private LangChain4jExample() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    FinishedSpans.INSTANCE.takeAll(Duration.ZERO); // forget spans of an earlier run in this JVM
    try (FakeChatServer server = new FakeChatServer()) {
      server.respondWith(LangChain4jExample::respond);
      Tracking.configure();
      try {
        TravelAssistant assistant = assistant(server.baseUrl() + "/v1");
        out.println("track example: a LangChain4j assistant with a tool, streamed");
        out.println(
            "Model:     LangChain4j's OpenAI streaming model, against an in-process fake server");
        out.println("Question:  " + QUESTION);
        out.print("Answer:    ");
        ChatResponse response = stream(assistant, out);
        out.println();
        out.println("Tokens:    " + response.tokenUsage().totalTokenCount() + " in all");
        out.println();
        printSpans(out);
      } finally {
        Tracking.shutdown();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The AI service, with the traced weather service behind its tool, wrapped itself. */
  static TravelAssistant assistant(String baseUrl) {
    OpenAiStreamingChatModel model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("offline")
            .modelName(MODEL)
            .build();
    WeatherService weather = TracedWeatherService.wrap(city -> FORECAST);
    return TracedTravelAssistant.wrap(
        AiServices.builder(TravelAssistant.class)
            .streamingChatModel(model)
            .tools(new WeatherService.Tools(weather))
            .build());
  }

  private static ChatResponse stream(TravelAssistant assistant, PrintStream out) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    assistant
        .advise(QUESTION)
        .onPartialResponse(
            token -> {
              out.print(token);
              out.flush();
            })
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    try {
      return done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while streaming", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the streamed answer failed", e);
    }
  }

  private static void printSpans(PrintStream out) {
    List<SpanData> spans = FinishedSpans.INSTANCE.takeAll(Duration.ofSeconds(5));
    if (spans.isEmpty()) {
      out.println("No spans were recorded (is BUD_OTEL_ENABLED=false?).");
      return;
    }
    out.println("Finished spans (" + spans.size() + "):");
    out.println();
    out.print(SpanTree.render(spans));
  }

  // ---------------------------------------------------------------------------------------------
  // The fake model: first a call of the forecast tool, then, with its result, the answer.

  static FakeChatServer.Response respond(FakeChatServer.Request request) {
    Object json = request.json();
    List<?> messages = (List<?>) Json.at(json, "messages");
    Object lastRole = Json.at(messages.get(messages.size() - 1), "role");
    StringBuilder events = new StringBuilder();
    if (!"tool".equals(lastRole)) {
      // The parameter name LangChain4j advertises for the tool (@P names it "city").
      Map<?, ?> properties =
          (Map<?, ?>) Json.at(json, "tools", 0, "function", "parameters", "properties");
      String parameter = String.valueOf(properties.keySet().iterator().next());
      String arguments = "{" + Json.quote(parameter) + ":" + Json.quote(CITY) + "}";
      events.append(
          chunk(
              "{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                  + "\"type\":\"function\",\"function\":{\"name\":\"forecast\",\"arguments\":"
                  + Json.quote(arguments) + "}}]}",
              null));
      events.append(chunk("{}", "tool_calls"));
      events.append(usage(41, 9));
    } else {
      events.append(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
      for (String piece : ANSWER) {
        events.append(chunk("{\"content\":" + Json.quote(piece) + "}", null));
      }
      events.append(chunk("{}", "stop"));
      events.append(usage(63, 18));
    }
    events.append("data: [DONE]\n\n");
    return new FakeChatServer.Response(200, "text/event-stream", events.toString());
  }

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"chatcmpl-example\",\"object\":\"chat.completion.chunk\",\"model\":"
        + Json.quote(MODEL) + ",\"choices\":[{\"index\":0,\"delta\":" + delta
        + (finishReason == null ? "" : ",\"finish_reason\":" + Json.quote(finishReason))
        + "}]}\n\n";
  }

  private static String usage(int input, int output) {
    return "data: {\"id\":\"chatcmpl-example\",\"object\":\"chat.completion.chunk\",\"model\":"
        + Json.quote(MODEL) + ",\"choices\":[],\"usage\":{\"prompt_tokens\":" + input
        + ",\"completion_tokens\":" + output + ",\"total_tokens\":" + (input + output) + "}}\n\n";
  }
}
