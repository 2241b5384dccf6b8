package studio.bud.track.examples;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import studio.bud.track.Track;

/**
 * A language model that answers questions: the {@code ask} step of the example pipeline.
 *
 * <p>The three tracked methods show the three shapes of result that {@code track} follows: a plain
 * value, a stream (the span stays open until the stream is consumed or closed) and a future (the
 * span ends when it completes). The generated {@code TracedAssistant.wrap(assistant)} adds the
 * spans; {@link #description()} carries no {@code @Track}, so it is forwarded untraced.
 */
public interface Assistant {

  /** Answers {@code question} in one piece. */
  @Track(type = "llm")
  String ask(String question);

  /**
   * Answers {@code question} chunk by chunk, as the model produces it. Close the stream when done.
   */
  @Track(type = "llm")
  Stream<String> streamAnswer(String question);

  /** Answers {@code question} without blocking the caller. */
  @Track(type = "llm")
  CompletableFuture<String> askAsync(String question);

  /** Which model answers, for the example's output. Not traced. */
  String description();
}
