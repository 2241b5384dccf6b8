package studio.bud.track.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An {@link Assistant} backed by an OpenAI-compatible chat-completions endpoint, such as the Bud
 * gateway, on the JDK's own {@link HttpClient}.
 *
 * <p><b>Endpoint.</b> Requests go to {@code <base URL>/v1/chat/completions}, as the Bud Python SDK
 * sends them ({@code BUD_BASE_URL} is the gateway's root, e.g. {@code https://gateway.bud.studio}).
 * A base URL that already ends in {@code /v1}, as OpenAI clients configure it, gets only {@code
 * /chat/completions}, so both conventions work. Every request carries {@code Authorization: Bearer
 * <key>}; the body is the Python example's: one user message, {@code temperature} 0.3, {@code
 * max_tokens} 256.
 *
 * <p><b>Streaming.</b> {@link #streamAnswer} really streams: it sends {@code "stream": true} and
 * reads the server-sent events line by line as they arrive, one element per non-empty {@code
 * choices[0].delta.content}, until {@code data: [DONE]}. The stream holds the HTTP response open
 * until it is consumed or closed. A server that ignores {@code stream} and answers with one JSON
 * completion gives a stream of that one answer.
 *
 * <p>Failures (a connection error, a non-2xx status, a body without an answer) are thrown as {@link
 * ChatCompletionException}, carrying the server's {@code error.message} when it sent one.
 */
final class ChatCompletionsAssistant implements Assistant {

  static final String DEFAULT_MODEL = "gpt";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final URI endpoint;
  private final String apiKey;
  private final String model;
  private final HttpClient http;

  ChatCompletionsAssistant(String baseUrl, String apiKey, String model) {
    this.endpoint = endpoint(baseUrl);
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.model = Objects.requireNonNull(model, "model");
    this.http =
        HttpClient.newBuilder()
            // HTTP/1.1: the cleartext HTTP/2 upgrade that the JDK tries by default on http://
            // confuses some local OpenAI-compatible servers; HTTPS gateways are fine either way.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** The chat-completions URI for {@code baseUrl}: see the class comment. */
  static URI endpoint(String baseUrl) {
    String base = baseUrl.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(
        base.endsWith("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions");
  }

  @Override
  public String ask(String question) {
    HttpResponse<String> response =
        send(request(question, false), HttpResponse.BodyHandlers.ofString());
    return answer(checked(response.statusCode(), response.body()));
  }

  @Override
  public Stream<String> streamAnswer(String question) {
    HttpResponse<Stream<String>> response =
        send(request(question, true), HttpResponse.BodyHandlers.ofLines());
    Stream<String> lines = response.body();
    boolean eventStream =
        response
            .headers()
            .firstValue("Content-Type")
            .map(type -> type.toLowerCase(Locale.ROOT).startsWith("text/event-stream"))
            .orElse(false);
    if (!isSuccess(response.statusCode()) || !eventStream) {
      String body;
      try (lines) {
        body = lines.collect(Collectors.joining("\n"));
      }
      return Stream.of(answer(checked(response.statusCode(), body)));
    }
    return lines
        .map(ChatCompletionsAssistant::eventData)
        .filter(Objects::nonNull)
        .takeWhile(data -> !data.equals("[DONE]"))
        .map(ChatCompletionsAssistant::deltaContent)
        .filter(content -> !content.isEmpty());
  }

  @Override
  public CompletableFuture<String> askAsync(String question) {
    return http.sendAsync(request(question, false), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> answer(checked(response.statusCode(), response.body())));
  }

  @Override
  public String description() {
    return "online model " + model + " at " + endpoint;
  }

  private HttpRequest request(String question, boolean stream) {
    String body =
        "{\"model\":"
            + Json.quote(model)
            + ",\"messages\":[{\"role\":\"user\",\"content\":"
            + Json.quote(question)
            + "}],\"temperature\":0.3,\"max_tokens\":256,\"stream\":"
            + stream
            + "}";
    return HttpRequest.newBuilder(endpoint)
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .header("Accept", stream ? "text/event-stream" : "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new ChatCompletionException("could not call " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatCompletionException("interrupted while calling " + endpoint, e);
    }
  }

  /** The parsed body of a successful response; otherwise throws with the server's message. */
  private Object checked(int status, String body) {
    Object json;
    try {
      json = Json.parse(body);
    } catch (IllegalArgumentException notJson) {
      json = null;
    }
    if (!isSuccess(status)) {
      Object message = Json.at(json, "error", "message");
      throw new ChatCompletionException(
          "HTTP "
              + status
              + " from "
              + endpoint
              + ": "
              + (message instanceof String ? message : clip(body)));
    }
    if (json == null) {
      throw new ChatCompletionException(
          "the response of " + endpoint + " is not JSON: " + clip(body));
    }
    return json;
  }

  /** {@code choices[0].message.content}; a completion without text content (a tool call) is "". */
  private String answer(Object completion) {
    Object message = Json.at(completion, "choices", 0, "message");
    if (message == null) {
      throw new ChatCompletionException(
          "the response of " + endpoint + " has no choices[0].message");
    }
    Object content = Json.at(message, "content");
    return content instanceof String ? (String) content : "";
  }

  /** The payload of a server-sent {@code data:} line; {@code null} for other lines. */
  private static String eventData(String line) {
    if (!line.startsWith("data:")) {
      return null; // a blank separator, a ": comment", an "event:" or "id:" field
    }
    return line.substring(line.startsWith("data: ") ? 6 : 5).trim();
  }

  private static String deltaContent(String data) {
    Object chunk;
    try {
      chunk = Json.parse(data);
    } catch (IllegalArgumentException notJson) {
      throw new ChatCompletionException("the stream sent an event that is not JSON: " + clip(data));
    }
    Object error = Json.at(chunk, "error", "message");
    if (error != null) {
      throw new ChatCompletionException("the stream reported an error: " + error);
    }
    Object content = Json.at(chunk, "choices", 0, "delta", "content");
    return content instanceof String ? (String) content : "";
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  private static String clip(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "...";
  }

  /** A chat-completions call failed. */
  static final class ChatCompletionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChatCompletionException(String message) {
      super(message);
    }

    ChatCompletionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
