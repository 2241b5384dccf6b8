package studio.bud.track.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * An OpenAI-compatible chat-completions server on loopback, for the tests and for the offline
 * LangChain4j example ({@link LangChain4jExample}): it records every request and answers with what
 * the responder returns. Like a Bud gateway it also takes OTLP trace exports at {@code
 * /v1/traces}: kept apart in {@link #traceExports()}, answered with an empty 200. By default it
 * answers {@code "echo: "} plus the question, as a JSON completion or, for {@code "stream":
 * true}, as server-sent events of one word each.
 */
final class FakeChatServer implements AutoCloseable {

  /** One request as the server received it. */
  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    Object json() {
      return Json.parse(body);
    }
  }

  /** One OTLP export as received: its headers and its body, gunzipped when it came gzipped. */
  record TraceExport(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** What the server sends back. */
  record Response(int status, String contentType, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<TraceExport> traceExports = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> responder = FakeChatServer::echo;

  FakeChatServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL to give as {@code BUD_BASE_URL}: {@code http://127.0.0.1:<port>}. */
  String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  void respondWith(Function<Request, Response> responder) {
    this.responder = responder;
  }

  /** The chat-completions requests (not the trace exports). */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The trace exports received at {@code /v1/traces}. */
  List<TraceExport> traceExports() {
    return List.copyOf(traceExports);
  }

  static String question(Request request) {
    return (String) Json.at(request.json(), "messages", 0, "content");
  }

  static Response completion(String content) {
    return new Response(
        200,
        "application/json",
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"fake\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + Json.quote(content)
            + "},\"finish_reason\":\"stop\"}]}");
  }

  static Response events(List<String> deltas) {
    StringBuilder body = new StringBuilder();
    body.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n");
    body.append(": keep-alive\n\n");
    for (String delta : deltas) {
      body.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":")
          .append(Json.quote(delta))
          .append("}}]}\n\n");
    }
    body.append("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    body.append("data: [DONE]\n\n");
    return new Response(200, "text/event-stream; charset=utf-8", body.toString());
  }

  private static Response echo(Request request) {
    String answer = "echo: " + question(request);
    if (Boolean.TRUE.equals(Json.at(request.json(), "stream"))) {
      return events(List.of(answer.split("(?<= )")));
    }
    return completion(answer);
  }

  private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return copy;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
          try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
            body = gunzip.readAllBytes();
          }
        }
        traceExports.add(new TraceExport(caseInsensitive(exchange.getRequestHeaders()), body));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              caseInsensitive(exchange.getRequestHeaders()),
              body);
      requests.add(request);
      Response response;
      try {
        response = responder.apply(request);
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
