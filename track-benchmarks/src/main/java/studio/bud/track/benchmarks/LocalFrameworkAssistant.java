package studio.bud.track.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * The implementation behind the adapter comparisons, with no model behind it: the {@code Flux}
 * emits the tokens from a list, and the {@code TokenStream} hands them to its partial-response
 * handler on the thread that calls {@code start()} and then completes, as a streaming model's
 * handler does, so that what the tracing adds per element is what shows.
 */
public final class LocalFrameworkAssistant implements FrameworkAssistant {

  private static final List<String> TOKENS = tokens();
  private static final ChatResponse RESPONSE =
      ChatResponse.builder().aiMessage(AiMessage.from(String.join("", TOKENS))).build();

  @Override
  public Flux<String> fluxTokens(String prompt) {
    return Flux.fromIterable(TOKENS);
  }

  @Override
  public TokenStream tokenStream(String prompt) {
    return new LocalTokenStream();
  }

  private static List<String> tokens() {
    List<String> tokens = new ArrayList<>(LocalAssistant.TOKEN_COUNT);
    for (int i = 0; i < LocalAssistant.TOKEN_COUNT; i++) {
      tokens.add("tok" + i + ' ');
    }
    return List.copyOf(tokens);
  }

  /** A token stream that delivers the tokens synchronously in {@code start()}. */
  private static final class LocalTokenStream implements TokenStream {
    private Consumer<String> partial = token -> {};
    private Consumer<ChatResponse> complete = response -> {};

    @Override
    public TokenStream onPartialResponse(Consumer<String> handler) {
      partial = handler;
      return this;
    }

    @Override
    public TokenStream onRetrieved(Consumer<List<Content>> handler) {
      return this;
    }

    @Override
    public TokenStream beforeToolExecution(Consumer<BeforeToolExecution> handler) {
      return this;
    }

    @Override
    public TokenStream onToolExecuted(Consumer<ToolExecution> handler) {
      return this;
    }

    @Override
    public TokenStream onCompleteResponse(Consumer<ChatResponse> handler) {
      complete = handler;
      return this;
    }

    @Override
    public TokenStream onError(Consumer<Throwable> handler) {
      return this;
    }

    @Override
    public TokenStream ignoreErrors() {
      return this;
    }

    @Override
    public void start() {
      for (String token : TOKENS) {
        partial.accept(token);
      }
      complete.accept(RESPONSE);
    }
  }
}
