package studio.bud.track.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The implementation behind every comparison. Its work is deliberately tiny and allocation-free
 * (except where the result type needs an object), so that what the tracing adds is what shows.
 */
public final class LocalAssistant implements Assistant {

  /** How many tokens {@link #tokens} and {@link #streamTokens} produce. */
  public static final int TOKEN_COUNT = 1000;

  /** The message of the exception {@link #refuse} throws. */
  public static final String REFUSAL = "refused: the question is off-topic";

  private static final String[] ANSWERS = {"Paris.", "Lyon.", "Marseille.", "Toulouse."};

  private static final List<String> TOKENS = tokens();

  /** The answer {@link #ask} gives; {@link WithSpanAssistant} calls it too, to do the same work. */
  static String answer(String question, int maxTokens) {
    return ANSWERS[(question.length() + maxTokens) & 3];
  }

  @Override
  public String ask(String question, int maxTokens) {
    return answer(question, maxTokens);
  }

  @Override
  public int measure(Object input) {
    if (input instanceof CharSequence) {
      return ((CharSequence) input).length();
    }
    if (input instanceof Collection) {
      return ((Collection<?>) input).size();
    }
    return -1;
  }

  @Override
  public String refuse(String question) {
    throw new IllegalArgumentException(REFUSAL);
  }

  @Override
  public CompletableFuture<String> askAsync(String question) {
    return CompletableFuture.completedFuture(answer(question, 0));
  }

  @Override
  public Iterator<String> tokens(String prompt) {
    return TOKENS.iterator();
  }

  @Override
  public Stream<String> streamTokens(String prompt) {
    return TOKENS.stream();
  }

  private static List<String> tokens() {
    List<String> tokens = new ArrayList<>(TOKEN_COUNT);
    for (int i = 0; i < TOKEN_COUNT; i++) {
      tokens.add("tok" + i + ' ');
    }
    return Collections.unmodifiableList(tokens);
  }
}
