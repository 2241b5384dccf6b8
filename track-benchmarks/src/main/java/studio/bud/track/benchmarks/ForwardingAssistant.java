package studio.bud.track.benchmarks;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A decorator that only forwards: the least any wrapper costs. It is the control for "wrapper off
 * / direct": what the generated wrapper adds beyond it is its tracing-off check.
 */
public final class ForwardingAssistant implements Assistant {

  private final Assistant delegate;

  public ForwardingAssistant(Assistant delegate) {
    this.delegate = delegate;
  }

  @Override
  public String ask(String question, int maxTokens) {
    return delegate.ask(question, maxTokens);
  }

  @Override
  public int measure(Object input) {
    return delegate.measure(input);
  }

  @Override
  public String refuse(String question) {
    return delegate.refuse(question);
  }

  @Override
  public CompletableFuture<String> askAsync(String question) {
    return delegate.askAsync(question);
  }

  @Override
  public Iterator<String> tokens(String prompt) {
    return delegate.tokens(prompt);
  }

  @Override
  public Stream<String> streamTokens(String prompt) {
    return delegate.streamTokens(prompt);
  }
}
