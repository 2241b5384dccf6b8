package studio.bud.track.langchain4j;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static studio.bud.track.langchain4j.GenAiAttributes.FINISH_REASONS;
import static studio.bud.track.langchain4j.GenAiAttributes.INPUT_TOKENS;
import static studio.bud.track.langchain4j.GenAiAttributes.OUTPUT_TOKENS;
import static studio.bud.track.langchain4j.GenAiAttributes.RESPONSE_ID;
import static studio.bud.track.langchain4j.GenAiAttributes.RESPONSE_MODEL;
import static studio.bud.track.langchain4j.GenAiAttributes.TOTAL_TOKENS;
import static studio.bud.track.langchain4j.SpanCapture.COMPLETED;
import static studio.bud.track.langchain4j.SpanCapture.OUTPUT;
import static studio.bud.track.langchain4j.SpanCapture.YIELD_COUNT;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.IllegalConfigurationException;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import studio.bud.track.runtime.Tracking;

/**
 * LangChain4j results (SPEC section 7) from a real {@code AiServices} assistant with its real
 * OpenAI models, against an OpenAI-compatible server on loopback ({@link FakeOpenAi}), through
 * wrappers the real processor generated. Without this module's adapters, {@code ask} and {@code
 * stream} spans would end when the method returns, with the result's {@code toString()} as output.
 */
class LangChain4jResultsTest {

  private static final String STREAMING_HANDLER =
      "dev.langchain4j.service.AiServiceStreamingResponseHandler";

  private static final FakeOpenAi.Response OVERLOADED =
      new FakeOpenAi.Response(500, "application/json", "{\"error\":{\"message\":\"overloaded\"}}");

  @RegisterExtension final SpanCapture spans = new SpanCapture();

  private FakeOpenAi server;
  private Assistant untraced;
  private Assistant assistant;
  private OpenAiChatModel model;

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeOpenAi();
    model =
        OpenAiChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-fake")
            .build();
    OpenAiStreamingChatModel streamingModel =
        OpenAiStreamingChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-fake")
            .build();
    untraced =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .streamingChatModel(streamingModel)
            .tools(new Weather.Tools(TracedWeather.wrap(new Weather.Sunny())))
            .build();
    assistant = TracedAssistant.wrap(untraced);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Result<T> and ChatResponse

  @Test
  void resultRecordsItsContentAndTheGenAiAttributes() {
    Result<String> result = assistant.ask("Say hello.");

    assertThat(result.content()).isEqualTo(FakeOpenAi.ANSWER);
    SpanData span = spans.span("Assistant.ask");
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"Hello there!\"");
    assertThat(span.getAttributes().get(RESPONSE_MODEL)).isEqualTo(FakeOpenAi.MODEL);
    assertThat(span.getAttributes().get(RESPONSE_ID)).isEqualTo(FakeOpenAi.ID);
    assertThat(span.getAttributes().get(INPUT_TOKENS)).isEqualTo(12L);
    assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(3L);
    assertThat(span.getAttributes().get(TOTAL_TOKENS)).isEqualTo(15L);
    assertThat(span.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void resultAndChatResponseAreTheVeryInstancesTheDelegateReturned() {
    ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from("hi")).build();
    Result<String> result = Result.<String>builder().content("hi").finalResponse(response).build();
    Llm llm = TracedLlm.wrap(prompt -> response);
    Assistant fixed =
        TracedAssistant.wrap(
            new Assistant() {
              @Override
              public Result<String> ask(String question) {
                return result;
              }

              @Override
              public TokenStream stream(String question) {
                throw new UnsupportedOperationException();
              }

              @Override
              public String chat(String message) {
                return message;
              }
            });

    assertThat(llm.complete("x")).isSameAs(response);
    assertThat(fixed.ask("x")).isSameAs(result);
  }

  @Test
  void toolCallsOfAResultAreChildrenAndTheUsageIsSummed() {
    Result<String> result = assistant.ask("What is the weather in Paris?");

    assertThat(result.content()).isEqualTo(FakeOpenAi.WEATHER_ANSWER);
    SpanData ask = spans.span("Assistant.ask");
    SpanData tool = spans.span("Weather.weather");
    assertThat(tool.getParentSpanId()).isEqualTo(ask.getSpanId());
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("bud.track.input.city")))
        .isEqualTo("\"Paris\"");
    assertThat(ask.getAttributes().get(TOTAL_TOKENS)).as("two model calls").isEqualTo(30L);
    assertThat(ask.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
  }

  @Test
  void chatResponseRecordsTheMessageTextAndTheGenAiAttributes() {
    Llm llm = TracedLlm.wrap(prompt -> model.chat(UserMessage.from(prompt)));

    ChatResponse response = llm.complete("Say hello.");

    assertThat(response.aiMessage().text()).isEqualTo(FakeOpenAi.ANSWER);
    SpanData span = spans.span("Llm.complete");
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"Hello there!\"");
    assertThat(span.getAttributes().get(RESPONSE_MODEL)).isEqualTo(FakeOpenAi.MODEL);
    assertThat(span.getAttributes().get(RESPONSE_ID)).isEqualTo(FakeOpenAi.ID);
    assertThat(span.getAttributes().get(INPUT_TOKENS)).isEqualTo(12L);
    assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(3L);
    assertThat(span.getAttributes().get(TOTAL_TOKENS)).isEqualTo(15L);
    assertThat(span.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
  }

  @Test
  void aResponseWithoutMetadataAddsNoGenAiAttribute() {
    server.respondWith(body -> FakeOpenAi.bareCompletion("plain"));
    Llm llm = TracedLlm.wrap(prompt -> model.chat(UserMessage.from(prompt)));

    llm.complete("Say something.");

    SpanData span = spans.span("Llm.complete");
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"plain\"");
    assertThat(span.getAttributes().asMap().keySet())
        .extracting(AttributeKey::getKey)
        .noneMatch(key -> key.startsWith("gen_ai."));
  }

  @Test
  void aPlainStringResultIsUnchanged() {
    assistant.chat("Say hello.");

    SpanData span = spans.span("Assistant.chat");
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"Hello there!\"");
    assertThat(span.getAttributes().get(INPUT_TOKENS)).isNull();
  }

  // ---------------------------------------------------------------------------------------------
  // TokenStream

  @Test
  void tokenStreamSpanLastsUntilTheCompleteResponseAndCountsThePartials() throws Exception {
    List<String> partials = new CopyOnWriteArrayList<>();
    List<String> spanIdsInCallbacks = new CopyOnWriteArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    TokenStream stream = assistant.stream("Say hello.");
    assertThat(spans.spans()).as("open until the stream ends").isEmpty();
    stream
        .onPartialResponse(
            partial -> {
              partials.add(partial);
              spanIdsInCallbacks.add(Span.current().getSpanContext().getSpanId());
            })
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    ChatResponse response = done.get(30, SECONDS);

    assertThat(partials).containsExactlyElementsOf(FakeOpenAi.ANSWER_PIECES);
    assertThat(response.aiMessage().text()).isEqualTo(FakeOpenAi.ANSWER);
    SpanData span = spans.span("Assistant.stream");
    assertThat(spanIdsInCallbacks).containsOnly(span.getSpanId());
    assertThat(span.getAttributes().get(YIELD_COUNT)).isEqualTo(3L);
    assertThat(span.getAttributes().get(COMPLETED)).isTrue();
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"Hello there!\"");
    assertThat(span.getAttributes().get(RESPONSE_MODEL)).isEqualTo(FakeOpenAi.MODEL);
    assertThat(span.getAttributes().get(RESPONSE_ID)).isEqualTo(FakeOpenAi.ID);
    assertThat(span.getAttributes().get(INPUT_TOKENS)).isEqualTo(12L);
    assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(3L);
    assertThat(span.getAttributes().get(TOTAL_TOKENS)).isEqualTo(15L);
    assertThat(span.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void aStreamWithOnlyACompletionHandlerIsStillCounted() throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    assistant
        .stream("Say hello.")
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    done.get(30, SECONDS);

    SpanData span = spans.span("Assistant.stream");
    assertThat(span.getAttributes().get(YIELD_COUNT)).isEqualTo(3L);
    assertThat(span.getAttributes().get(OUTPUT)).isEqualTo("\"Hello there!\"");
  }

  @Test
  void aStreamStartedTwiceRunsTwiceAsWithoutTracing() throws Exception {
    java.util.concurrent.Semaphore completions = new java.util.concurrent.Semaphore(0);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    TokenStream stream =
        assistant
            .stream("Say hello.")
            .onCompleteResponse(response -> completions.release())
            .onError(errors::add);

    stream.start();
    assertThat(completions.tryAcquire(30, SECONDS)).isTrue();
    stream.start(); // the span has ended: this run is untraced, as a second subscription is
    assertThat(completions.tryAcquire(30, SECONDS)).isTrue();

    assertThat(errors).isEmpty();
    assertThat(server.requests()).hasSize(2);
    assertThat(spans.span("Assistant.stream").getAttributes().get(YIELD_COUNT)).isEqualTo(3L);
  }

  @Test
  void theToolAStreamedAnswerCallsIsAChildOfTheStream() throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    List<String> partials = new CopyOnWriteArrayList<>();

    assistant
        .stream("What is the weather in Paris?")
        .onPartialResponse(partials::add)
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    done.get(30, SECONDS);

    assertThat(partials).containsExactlyElementsOf(FakeOpenAi.WEATHER_PIECES);
    SpanData stream = spans.span("Assistant.stream");
    SpanData tool = spans.span("Weather.weather");
    assertThat(tool.getParentSpanId()).isEqualTo(stream.getSpanId());
    assertThat(tool.getAttributes().get(OUTPUT)).isEqualTo("\"sunny in Paris\"");
    assertThat(stream.getAttributes().get(OUTPUT)).isEqualTo("\"It is sunny in Paris.\"");
    assertThat(stream.getAttributes().get(YIELD_COUNT)).isEqualTo(2L);
    assertThat(stream.getAttributes().get(TOTAL_TOKENS)).as("both model calls").isEqualTo(30L);
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void aToolThatFailsPastLangChain4jsHandlersLeavesNoSpanCurrentOnItsThread() throws Exception {
    server.respondWith(body -> FakeOpenAi.streamedBrokenToolCall());
    CompletableFuture<String> currentInOnError = new CompletableFuture<>();

    assistant
        .stream("What is the weather in Paris?")
        .onCompleteResponse(response -> currentInOnError.complete("completed"))
        .onError(
            error -> currentInOnError.complete(Span.current().getSpanContext().getSpanId()))
        .start();

    // LangChain4j rethrows the arguments error past onToolExecuted, and hands it to onError on the
    // same thread: the scope opened in beforeToolExecution must be closed by then.
    assertThat(currentInOnError.get(30, SECONDS)).isEqualTo(SpanId.getInvalid());
    SpanData span = spans.span("Assistant.stream");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void everyCallbackFiresExactlyAsWithoutTracing() throws Exception {
    List<String> plain = callbacks(untraced);
    List<String> traced = callbacks(assistant);

    assertThat(plain)
        .contains(
            "before weather", "executed weather: sunny in Paris", "intermediate tool_execution")
        .endsWith("complete It is sunny in Paris.");
    assertThat(traced).isEqualTo(plain);
  }

  private static List<String> callbacks(Assistant assistant) throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    assistant
        .stream("What is the weather in Paris?")
        .onPartialResponse(partial -> events.add("partial " + partial))
        .onIntermediateResponse(
            response ->
                events.add(
                    "intermediate "
                        + response.finishReason().name().toLowerCase(java.util.Locale.ROOT)))
        .beforeToolExecution(before -> events.add("before " + before.request().name()))
        .onToolExecuted(
            execution ->
                events.add("executed " + execution.request().name() + ": " + execution.result()))
        .onCompleteResponse(
            response -> {
              events.add("complete " + response.aiMessage().text());
              done.complete(null);
            })
        .onError(done::completeExceptionally)
        .start();
    done.get(30, SECONDS);
    return new ArrayList<>(events);
  }

  @Test
  void aStreamingErrorIsRecordedAndHandedToTheCallersHandlerOnce() throws Exception {
    server.respondWith(body -> OVERLOADED);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> failed = new CompletableFuture<>();

    assistant
        .stream("Say hello.")
        .onPartialResponse(partial -> {})
        .onCompleteResponse(response -> failed.complete(null))
        .onError(
            error -> {
              errors.add(error);
              failed.complete(null);
            })
        .start();
    failed.get(30, SECONDS);

    assertThat(errors).hasSize(1);
    SpanData span = spans.span("Assistant.stream");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    assertThat(span.getEvents().get(0).getAttributes())
        .extracting(attributes -> attributes.get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(errors.get(0).getClass().getName());
    assertThat(span.getAttributes().get(COMPLETED)).isFalse();
    assertThat(span.getAttributes().get(YIELD_COUNT)).isZero();
  }

  @Test
  void anIgnoredErrorIsStillLoggedByLangChain4jAndTheSpanEndsUnfinished() throws Exception {
    server.respondWith(body -> OVERLOADED);
    try (JulCapture log = new JulCapture(STREAMING_HANDLER)) {
      startIgnoringErrors();

      assertThat(log.firstRecord().await(30, SECONDS)).isTrue();
      LogRecord record = log.records().get(0);
      assertThat(record.getLevel()).isEqualTo(Level.WARNING);
      assertThat(record.getMessage()).isEqualTo("Ignored error");
      assertThat(record.getThrown()).isNotNull();
    }

    SpanData span = spans.awaitEndedByTheCollector("Assistant.stream");
    assertThat(span.getAttributes().get(COMPLETED)).isFalse();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  private void startIgnoringErrors() {
    assistant.stream("Say hello.").onPartialResponse(partial -> {}).ignoreErrors().start();
  }

  @Test
  void langChain4jsOwnConfigurationChecksStillApply() {
    TokenStream plain = untraced.stream("Say hello.").onPartialResponse(partial -> {});
    TokenStream traced = assistant.stream("Say hello.").onPartialResponse(partial -> {});

    assertThatThrownBy(plain::start).isInstanceOf(IllegalConfigurationException.class);
    assertThatThrownBy(traced::start)
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("onError");
    SpanData span = spans.span("Assistant.stream");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aStreamThatIsNeverStartedStillEndsItsSpan() {
    callAndDropAStream();

    SpanData span = spans.awaitEndedByTheCollector("Assistant.stream");

    assertThat(span.getAttributes().get(COMPLETED)).isFalse();
    assertThat(span.getAttributes().get(YIELD_COUNT)).isZero();
    assertThat(server.requests()).isEmpty();
  }

  private void callAndDropAStream() {
    assistant.stream("never started");
  }

  @Test
  void untracedWhenTrackingIsOff() {
    Tracking.shutdown();

    assertThat(assistant.stream("off").getClass().getName())
        .isEqualTo(untraced.stream("off").getClass().getName());
  }
}
