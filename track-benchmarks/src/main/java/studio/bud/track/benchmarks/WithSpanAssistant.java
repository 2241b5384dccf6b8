package studio.bud.track.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The OpenTelemetry Java agent's way (comparison 7): the implementation itself carries
 * {@code @WithSpan} and {@code @SpanAttribute}, and the agent rewrites its bytecode at load time.
 * Without the agent these annotations do nothing and this is a plain implementation.
 *
 * <p>The agent records the arguments as they are ({@code question} as the raw string,
 * {@code maxTokens} as a long), never the result, and cannot add {@code bud.track.type} or static
 * attributes: it does less work per span than track.
 */
public final class WithSpanAssistant implements Assistant {

  private final LocalAssistant plain = new LocalAssistant();

  @Override
  @WithSpan("Assistant.ask")
  public String ask(
      @SpanAttribute("bud.track.input.question") String question,
      @SpanAttribute("bud.track.input.maxTokens") int maxTokens) {
    return LocalAssistant.answer(question, maxTokens);
  }

  /**
   * Whether a {@code @WithSpan} method runs inside a recording span: {@code true} exactly when the
   * agent is attached and its SDK records (sampled, with a span processor).
   */
  @WithSpan("WithSpanAssistant.probe")
  public boolean recordingInsideWithSpan() {
    return Span.current().isRecording();
  }

  @Override
  public int measure(Object input) {
    return plain.measure(input);
  }

  @Override
  public String refuse(String question) {
    return plain.refuse(question);
  }

  @Override
  public CompletableFuture<String> askAsync(String question) {
    return plain.askAsync(question);
  }

  @Override
  public Iterator<String> tokens(String prompt) {
    return plain.tokens(prompt);
  }

  @Override
  public Stream<String> streamTokens(String prompt) {
    return plain.streamTokens(prompt);
  }
}
