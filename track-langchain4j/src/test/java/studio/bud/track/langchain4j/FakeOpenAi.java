package studio.bud.track.langchain4j;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 (a free port) with canned answers,
 * for LangChain4j's real OpenAI models:
 *
 * <ul>
 * *   <li>a question about the weather in Paris, before the tool has answered, gets a call of
 *       {@code weather} for Paris;
 *   <li>any other request gets {@link #ANSWER} (after a tool result: {@link #WEATHER_ANSWER}),
 *       with {@link #ID}, {@link #MODEL}, finish reason {@code stop} and usage 12 / 3 / 15;
 *   <li>{@code "stream": true} gets the same as server-sent events, the text in small pieces and
 *       the usage in a last chunk, as OpenAI sends it with {@code stream_options.include_usage}.
 * </ul>
 *
 * A test can replace the responder. Stopped by {@link #close()}.
 */
final class FakeOpenAi implements AutoCloseable {

  static final String ID = "chatcmpl-fake-1";
  static final String MODEL = "gpt-fake-2025";
  static final List<String> ANSWER_PIECES = List.of("Hello", " there", "!");
  static final String ANSWER = String.join("", ANSWER_PIECES);
  static final List<String> WEATHER_PIECES = List.of("It is sunny", " in Paris.");
  static final String WEATHER_ANSWER = String.join("", WEATHER_PIECES);
  static final String USAGE =
      "{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}";

  private static final Pattern TOOL_PARAMETER = Pattern.compile("\"properties\":\\{\"([^\"]+)\"");

  /** What the server sends back. */
  record Response(int status, String contentType, String body) {}

  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Function<String, Response> responder = FakeOpenAi::canned;

  FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL for {@code OpenAiChatModel.builder().baseUrl(..)}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The request bodies, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  void respondWith(Function<String, Response> responder) {
    this.responder = responder;
  }

  static Response canned(String body) {
    String compact = body.replaceAll("\\s", ""); // LangChain4j pretty-prints its requests
    boolean stream = compact.contains("\"stream\":true");
    boolean toolAnswered = compact.contains("\"role\":\"tool\"");
    boolean toolCall = compact.contains("weatherinParis") && !toolAnswered;
    List<String> pieces = toolAnswered ? WEATHER_PIECES : ANSWER_PIECES;
    if (toolCall) {
      // The parameter name LangChain4j advertised for the tool (@P names it "city").
      Matcher parameter = TOOL_PARAMETER.matcher(compact);
      String name = parameter.find() ? parameter.group(1) : "city";
      return stream ? streamedToolCall(name) : toolCall(name);
    }
    return stream ? streamed(pieces) : completion(String.join("", pieces));
  }

  static Response completion(String content) {
    return json(
        "{\"id\":\"" + ID + "\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + MODEL
            + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + content + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + USAGE + "}");
  }

  /** A completion with no id, model, finish reason or usage. */
  static Response bareCompletion(String content) {
    return json(
        "{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"" + content + "\"}}]}");
  }

  static Response toolCall(String parameter) {
    return json(
        "{\"id\":\"chatcmpl-tool\",\"object\":\"chat.completion\",\"created\":1,\"model\":\""
            + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"weather\",\"arguments\":"
            + "\"{\\\"" + parameter + "\\\":\\\"Paris\\\"}\"}}]},"
            + "\"finish_reason\":\"tool_calls\"}],\"usage\":" + USAGE + "}");
  }

  /** A streamed call of {@code weather} whose arguments are not JSON. */
  static Response streamedBrokenToolCall() {
    return new Response(
        200,
        "text/event-stream",
        chunk(
                "{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"weather\","
                    + "\"arguments\":\"{not json\"}}]}",
                null)
            + chunk("{}", "tool_calls")
            + "data: [DONE]\n\n");
  }

  static Response streamed(List<String> pieces) {
    StringBuilder events = new StringBuilder();
    events.append(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
    for (String piece : pieces) {
      events.append(chunk("{\"content\":\"" + piece + "\"}", null));
    }
    events.append(chunk("{}", "stop"));
    events.append(usageChunk());
    events.append("data: [DONE]\n\n");
    return new Response(200, "text/event-stream", events.toString());
  }

  static Response streamedToolCall(String parameter) {
    StringBuilder events = new StringBuilder();
    events.append(
        chunk(
            "{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}",
            null));
    events.append(
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                + "\"{\\\"" + parameter + "\\\":\\\"Paris\\\"}\"}}]}",
            null));
    events.append(chunk("{}", "tool_calls"));
    events.append(usageChunk());
    events.append("data: [DONE]\n\n");
    return new Response(200, "text/event-stream", events.toString());
  }

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"")
        + "}]}\n\n";
  }

  private static String usageChunk() {
    return "data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"" + MODEL + "\",\"choices\":[],\"usage\":" + USAGE + "}\n\n";
  }

  static Response json(String body) {
    return new Response(200, "application/json", body);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(body);
      Response response;
      try {
        response = responder.apply(body);
      } catch (RuntimeException e) {
        response = new Response(500, "text/plain", "fake server failed: " + e);
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
