package studio.bud.track.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.examples.ChatCompletionsAssistant.ChatCompletionException;

/** The online client against {@link FakeChatServer} on loopback; nothing leaves the machine. */
class ChatCompletionsAssistantTest {

  private FakeChatServer server;
  private ChatCompletionsAssistant assistant;

  @BeforeEach
  void startServer() throws Exception {
    server = new FakeChatServer();
    assistant = new ChatCompletionsAssistant(server.baseUrl(), "test-key", "fake-model");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void endpointFollowsTheBudConventionAndAcceptsAnOpenAiStyleBaseUrl() {
    assertThat(ChatCompletionsAssistant.endpoint("https://gateway.bud.studio"))
        .isEqualTo(URI.create("https://gateway.bud.studio/v1/chat/completions"));
    assertThat(ChatCompletionsAssistant.endpoint("http://localhost:8000/"))
        .isEqualTo(URI.create("http://localhost:8000/v1/chat/completions"));
    assertThat(ChatCompletionsAssistant.endpoint("https://api.openai.com/v1/"))
        .isEqualTo(URI.create("https://api.openai.com/v1/chat/completions"));
  }

  @Test
  void askPostsOneUserMessageWithTheBearerKeyAndReturnsTheFirstChoice() {
    String answer = assistant.ask("What is a qubit?");

    assertThat(answer).isEqualTo("echo: What is a qubit?");
    FakeChatServer.Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer test-key");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    Object body = request.json();
    assertThat(Json.at(body, "model")).isEqualTo("fake-model");
    assertThat(Json.at(body, "stream")).isEqualTo(false);
    assertThat(Json.at(body, "messages", 0, "role")).isEqualTo("user");
    assertThat(Json.at(body, "messages", 0, "content")).isEqualTo("What is a qubit?");
    assertThat((List<?>) Json.at(body, "messages")).hasSize(1);
  }

  @Test
  void questionWithQuotesBackslashesAndNewlinesIsSentAsValidJson() {
    String question = "Say \"hi\"\\n\nthen\ttab \u0001 and \u00e9\u4e2d";

    assertThat(assistant.ask(question)).isEqualTo("echo: " + question);
  }

  @Test
  void streamAnswerYieldsEachDeltaUntilDone() {
    server.respondWith(
        request -> {
          FakeChatServer.Response events = FakeChatServer.events(List.of("Hello", ", ", "world"));
          // Anything after [DONE] must not be read.
          return new FakeChatServer.Response(
              events.status(), events.contentType(), events.body() + "data: not json\n\n");
        });

    List<String> chunks;
    try (Stream<String> stream = assistant.streamAnswer("Greet me")) {
      chunks = stream.collect(Collectors.toList());
    }

    assertThat(chunks).containsExactly("Hello", ", ", "world");
    FakeChatServer.Request request = server.requests().get(0);
    assertThat(Json.at(request.json(), "stream")).isEqualTo(true);
    assertThat(request.header("Accept")).isEqualTo("text/event-stream");
  }

  @Test
  void streamAnswerAcceptsAServerThatAnswersWithOneCompletion() {
    server.respondWith(request -> FakeChatServer.completion("all at once"));

    try (Stream<String> stream = assistant.streamAnswer("Greet me")) {
      assertThat(stream).containsExactly("all at once");
    }
  }

  @Test
  void streamAnswerThrowsTheErrorTheStreamReports() {
    server.respondWith(
        request ->
            new FakeChatServer.Response(
                200,
                "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"
                    + "data: {\"error\":{\"message\":\"model overloaded\"}}\n\n"));

    try (Stream<String> stream = assistant.streamAnswer("Greet me")) {
      assertThatThrownBy(() -> stream.collect(Collectors.toList()))
          .isInstanceOf(ChatCompletionException.class)
          .hasMessageContaining("model overloaded");
    }
  }

  @Test
  void streamAnswerRejectsAnEventThatIsNotJson() {
    server.respondWith(
        request -> new FakeChatServer.Response(200, "text/event-stream", "data: {oops\n\n"));

    try (Stream<String> stream = assistant.streamAnswer("Greet me")) {
      assertThatThrownBy(() -> stream.collect(Collectors.toList()))
          .isInstanceOf(ChatCompletionException.class)
          .hasMessageContaining("not JSON: {oops");
    }
  }

  @Test
  void askAsyncCompletesWithTheAnswer() throws Exception {
    assertThat(assistant.askAsync("Are you there?").get(10, TimeUnit.SECONDS))
        .isEqualTo("echo: Are you there?");
  }

  @Test
  void errorStatusIsThrownWithTheServersMessageAndWithoutTheKey() {
    server.respondWith(
        request ->
            new FakeChatServer.Response(
                401,
                "application/json",
                "{\"error\":{\"message\":\"Invalid API"
                    + " key\",\"type\":\"invalid_request_error\"}}"));

    assertThatThrownBy(() -> assistant.ask("Hi"))
        .isInstanceOf(ChatCompletionException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("Invalid API key")
        .hasMessageNotContaining("test-key");
    assertThatThrownBy(() -> assistant.streamAnswer("Hi"))
        .isInstanceOf(ChatCompletionException.class)
        .hasMessageContaining("HTTP 401");
    assertThat(assistant.askAsync("Hi"))
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(ChatCompletionException.class);
  }

  @Test
  void responseWithoutChoicesIsAnError() {
    server.respondWith(request -> new FakeChatServer.Response(200, "application/json", "{}"));

    assertThatThrownBy(() -> assistant.ask("Hi"))
        .isInstanceOf(ChatCompletionException.class)
        .hasMessageContaining("no choices[0].message");
  }

  @Test
  void unreachableServerIsAChatCompletionException() {
    String baseUrl = server.baseUrl();
    server.close();
    ChatCompletionsAssistant unreachable = new ChatCompletionsAssistant(baseUrl, "k", "m");

    assertThatThrownBy(() -> unreachable.ask("Hi"))
        .isInstanceOf(ChatCompletionException.class)
        .hasMessageContaining("could not call " + baseUrl);
  }
}
